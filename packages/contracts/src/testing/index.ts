// Test-only helpers of @medicdraft/contracts (not part of the build output).
export * from './fixtures.js';
export * from './audio-dictation.js';
