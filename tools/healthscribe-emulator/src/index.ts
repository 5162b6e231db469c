export { startHealthscribeEmulator, type HealthscribeEmulator, type HealthscribeEmulatorOptions } from './emulator-server.js';
export type { EmulatorControl } from './control-routes.js';
export { ERROR_TYPES, type ErrorType } from './aws-json-errors.js';
export { OPERATIONS, type Operation } from './fault-plan.js';
export type { JobLogEntry, JobStats } from './job-book.js';
export { sha256Hex, type MediaScript } from './media-registry.js';
export type { OutputUriStyle } from './s3-location.js';
export type { JobTiming } from './scribe-operations.js';
export type { Synthesize, SyntheticOutputs } from './job-processor.js';
