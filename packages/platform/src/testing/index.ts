export * from './stack-config.js';
