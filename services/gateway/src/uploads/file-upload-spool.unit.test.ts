import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUploadSpoolContract } from './upload-spool.contract.js';
import { FileUploadSpool } from './file-upload-spool.js';

describeUploadSpoolContract('local files', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'spool-store-'));
  return {
    instance: (now, expiryMs) => new FileUploadSpool({ directory, expiryMs, now }),
    close: () => rm(directory, { recursive: true, force: true }),
  };
});
