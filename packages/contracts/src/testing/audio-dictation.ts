import { randomUUID } from 'node:crypto';
import { toRecord } from '../event-keys.js';
import { createEvent } from '../parse-event.js';

/**
 * The `dictation.audio.created` record ingest publishes for a stored WAV object (a new provider and event id each
 * time), for tests and benches that put dictations on the bus without ingest.
 */
export function audioCreatedRecord(audio: { tenantId: string; dictationId: string; key: string; sha256: string; sizeBytes: number }) {
  const event = createEvent(
    'dictation.audio.created',
    {
      tenantId: audio.tenantId,
      actor: { type: 'user', id: randomUUID(), role: 'provider' },
      correlationId: audio.dictationId,
      payload: {
        dictationId: audio.dictationId,
        providerId: randomUUID(),
        objectRef: { bucket: 'input', key: audio.key },
        sha256: audio.sha256,
        sizeBytes: audio.sizeBytes,
        mediaFormat: 'wav',
      },
    },
    { clock: Date.now, newId: randomUUID },
  );
  if (!event.ok) throw new Error(event.error.message);
  return toRecord(event.value);
}
