export { loadScribeConfig, type ScribeConfig } from './config.js';
export { startScribeService, SCRIBE_ROLE, SCRIBE_SCHEMA, type ScribeServiceDeps } from './service.js';
