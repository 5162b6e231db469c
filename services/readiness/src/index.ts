export { loadReadinessConfig, type ReadinessConfig } from './config.js';
export { startReadinessService, READINESS_ROLE, READINESS_SCHEMA, type ReadinessServiceDeps } from './service.js';
