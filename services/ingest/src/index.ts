export { loadIngestConfig, DEFAULT_INTAKE_LIMITS, type IngestConfig } from './config.js';
export { startIngestService, INGEST_ROLE, INGEST_SCHEMA, type IngestService, type IngestServiceDeps } from './service.js';
export type { DictationIntake, DictationListQuery, DictationPage, IntakeLimits, IntakeRequest } from './dictation-intake.js';
export type { DictationCursor, DictationRecord } from './dictation.repository.js';
export { createIngestApi } from './ingest-api.js';
