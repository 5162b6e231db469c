import { randomUUID } from 'node:crypto';
import type { NewJob } from '../jobs/job-store.js';

/** A first-attempt job of `tenantId` as intake would insert it: a text dictation (synthetic) or a WAV (HealthScribe). */
export function newJob(tenantId: string, engine: NewJob['engine'] = 'synthetic'): NewJob {
  const dictationId = randomUUID();
  const audio = engine === 'healthscribe';
  return {
    tenantId,
    dictationId,
    jobName: `md-${dictationId}-a1`,
    engine,
    providerId: randomUUID(),
    sourceEventId: randomUUID(),
    inputBucket: 'input',
    inputKey: `${tenantId}/2026/11/23/${dictationId}/${audio ? 'audio.wav' : 'text.txt'}`,
    inputSha256: 'a'.repeat(64),
    mediaFormat: audio ? 'wav' : null,
    attempt: 1,
    startedEventId: randomUUID(),
  };
}
