export { loadNarrativeConfig, type NarrativeConfig } from './config.js';
export { startNarrativeService, NARRATIVE_ROLE, NARRATIVE_SCHEMA, type NarrativeServiceDeps } from './service.js';
