export { loadIngestConfig, type IngestConfig } from './config.js';
export { startIngestService, INGEST_ROLE, INGEST_SCHEMA, type IngestServiceDeps } from './service.js';
