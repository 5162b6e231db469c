import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsObjectStore, createLocalKeyService } from '@medicdraft/platform';
import { afterAll } from 'vitest';
import { describeCheckpointWitnessContract } from './checkpoint-witness.contract.js';
import { createMemoryWitness } from './memory-witness.js';
import { createObjectStoreWitness } from './object-store-witness.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const keys = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' });

describeCheckpointWitnessContract('memory', async () => createMemoryWitness());
describeCheckpointWitnessContract('sandbox object store (filesystem)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'audit-witness-'));
  dirs.push(dir);
  return createObjectStoreWitness(createFsObjectStore({ rootDir: dir, keys }));
});
