export { loadAuditConfig, type AuditConfig } from './config.js';
export { startAuditService, AUDIT_GROUP, type AuditService, type AuditServiceDeps } from './service.js';
export type { AuditListQuery, AuditPage, AuditQuery, AuditRecordView, CheckpointView, InclusionProofView } from './query/audit-query.js';
export { INTERNAL_AUDIT_PATH } from './query/audit-query-routes.js';
export { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
export type { CheckpointWitness } from './witness/checkpoint-witness.js';
export { createObjectStoreWitness } from './witness/object-store-witness.js';
