export { loadAuditConfig, type AuditConfig } from './config.js';
export { startAuditService, AUDIT_GROUP, type AuditServiceDeps } from './service.js';
export { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
