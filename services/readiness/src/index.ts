export { loadReadinessConfig, type ReadinessConfig } from './config.js';
export {
  DEFAULT_GATE_TIMINGS,
  READINESS_ROLE,
  READINESS_SCHEMA,
  startReadinessService,
  type GateTimings,
  type ReadinessService,
  type ReadinessServiceDeps,
} from './service.js';
export { GatesNotReadyError, type ReadinessOperations } from './readiness-operations.js';
export { buildReadinessView, renderReadinessText, type ReadinessView } from './gates/readiness-view.js';
export { DEFAULT_TENANT, DATA_CLASSES, type TenantSettings, type TenantSettingsPatch } from './settings/tenant-settings.js';
export type { SettingsActor } from './settings/tenant-settings.store.js';
