export { loadScribeConfig, type ScribeConfig } from './config.js';
export { startScribeService, SCRIBE_ROLE, SCRIBE_SCHEMA, type ScribeServiceDeps } from './service.js';
export { scribeDocuments } from './engine/scribe-documents.js';
export { healthscribeJobName } from './healthscribe/healthscribe-job-name.js';
export type { ScribeEngine, ScribeJobSpec, ScribeJobStatus } from './engine/scribe-engine.port.js';
