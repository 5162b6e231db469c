import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestApi } from '@medicdraft/contracts';
import { startIngestService } from '@medicdraft/ingest';
import { createFsObjectStore, createGateView, createLocalKeyService, createLogger, createMemoryEventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite } from '@medicdraft/platform/pglite';
import { describeIngestApiContract, type IngestApiFixture } from './ingest-api.contract.js';
import { serveOnLoopback } from '../testing/loopback-api.js';

const logger = createLogger({ service: 'gateway-ingest-client-test', level: 'silent' });

/** The real ingest service (memory bus, PGlite, encrypted filesystem objects) with a gate view the test sets. */
async function startIngest(internalApi: boolean) {
  const bus = createMemoryEventBus();
  const pglite = await openPglite();
  const dir = await mkdtemp(join(tmpdir(), 'medicdraft-gw-ingest-'));
  const gates = createGateView();
  const service = await startIngestService({
    bus,
    db: createPgliteDatabase({ pglite, schema: 'ingest', role: 'medicdraft_ingest' }),
    logger,
    partitions: 1,
    objects: createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' }) }),
    limits: { maxAudioBytes: 1024 * 1024, maxTextBytes: 4096, dedupeWindowMs: 60_000 },
    internalApi,
    gates,
  });
  return {
    service,
    gates,
    bus,
    async close() {
      await service.stop();
      await bus.close();
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeIngestApiContract('in process (the service port)', async (): Promise<IngestApiFixture> => {
  const ingest = await startIngest(false);
  return { client: ingest.service.api, gates: ingest.gates, bus: ingest.bus, close: ingest.close };
});

describeIngestApiContract('HTTP (ingest internal API on loopback)', async (): Promise<IngestApiFixture> => {
  const ingest = await startIngest(true);
  const http = await serveOnLoopback(ingestApi, ingest.service, 'ingest');
  return {
    client: http.client,
    gates: ingest.gates,
    bus: ingest.bus,
    async close() {
      await http.close();
      await ingest.close();
    },
  };
});
