export { PHI_READY_SETTINGS, phiReadyAwsNames, provisionPhiReadyAws, type AwsEndpoint, type PhiReadyAws } from './phi-ready-aws.js';
export { internalReadinessClient, type InternalReadinessClient } from './internal-readiness-client.js';
