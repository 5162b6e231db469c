/** The AWS HealthScribe adapter of the scribe service (ScribeEngine port: ../engine/scribe-engine.port.ts). */
export { createHealthscribeEngine, type HealthscribeEngineDeps } from './healthscribe-engine.js';
export {
  classifyHealthscribeError,
  createHealthscribeClient,
  createTranscribeClient,
  failureReasonOfJob,
  type HealthscribeClient,
  type HealthscribeJob,
  type HealthscribeJobSummary,
} from './healthscribe-client.js';
export { healthscribeJobName, parseHealthscribeJobName } from './healthscribe-job-name.js';
export {
  fetchHealthscribeOutputs,
  parseOutputUri,
  type HealthscribeOutputs,
  type HealthscribeOutputsDeps,
} from './healthscribe-outputs.js';
export {
  assertValidStartRequest,
  buildStartJobRequest,
  healthscribeTargetFrom,
  TAG_DICTATION_ID,
  TAG_TENANT_ID,
  type HealthscribeTarget,
  type StartJobParams,
} from './start-job-request.js';
