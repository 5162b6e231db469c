import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsObjectStore, createLocalKeyService } from '@medicdraft/platform';
import { testDocuments } from '../testing/scribe-harness.js';
import { describeScribeEngineContract } from './scribe-engine.contract.js';
import { createSyntheticEngine } from './synthetic-engine.js';

describeScribeEngineContract('synthetic (encrypted fs objects)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'scribe-engine-contract-'));
  const objects = createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local-test' }) });
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  return {
    engine: createSyntheticEngine({ objects, draft: testDocuments.draft, maxTextBytes: 10_000 }),
    async dictation(text) {
      const dictationId = randomUUID();
      const input = { tenantId, bucket: 'input' as const, key: `${tenantId}/2026/11/23/${dictationId}/text.txt` };
      const stored = await objects.put(input, Buffer.from(text, 'utf8'));
      return { tenantId, dictationId, jobName: `synthetic-${dictationId}-1`, input, inputSha256: stored.sha256 };
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
