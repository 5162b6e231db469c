export { loadAuditConfig, type AuditConfig } from './config.js';
export { startAuditService, AUDIT_GROUP, type AuditService, type AuditServiceDeps } from './service.js';
export type { AuditListQuery, AuditQuery } from './query/audit-query.js';
export { createAuditApi } from './query/audit-api.js';
export { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
export type { CheckpointWitness } from './witness/checkpoint-witness.js';
export { createObjectStoreWitness } from './witness/object-store-witness.js';
