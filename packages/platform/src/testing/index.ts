export * from './stack-config.js';
export * from '../db/testing/pg-test-database.js';
export * from '../runtime/log-lines.js';
export { noiseWav } from './noise-wav.js';
export { pdfTextLines } from './pdf-text.js';
