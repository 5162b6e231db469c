// Public API of @medicdraft/contracts: event envelope and schemas, topics, control messages,
// roles/permissions, gates, JSON Schema and AsyncAPI generation. Test fixtures: "./testing".
export * from './fields.js';
export * from './services.js';
export * from './roles.js';
export * from './audit-event-types.js';
export * from './gates.js';
export * from './gate-evidence.js';
export * from './envelope.js';
export * from './topics.js';
export * from './events/auth.events.js';
export * from './events/dictation.events.js';
export * from './events/healthscribe.events.js';
export * from './events/narrative-vocabulary.js';
export * from './events/narrative.events.js';
export * from './events/admin.events.js';
export * from './events/retention.events.js';
export * from './events/readiness.events.js';
export * from './event-registry.js';
export { contractErrorFromZod, type ContractError, type ContractErrorCode, type ParseResult, type SafeIssue } from './contract-error.js';
export * from './parse-event.js';
export * from './event-keys.js';
export * from './control/gate-state.js';
export * from './control/audit-heartbeat.js';
export * from './control/audit-checkpoint.js';
export * from './control/control-registry.js';
export * from './control/parse-control.js';
export * from './json-schema.js';
export * from './asyncapi.js';
