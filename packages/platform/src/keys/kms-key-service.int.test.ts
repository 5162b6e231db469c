import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeKeyServiceContract } from './key-service.contract.js';
import { createKmsKeyService } from './kms-key-service.js';
import { AppError, DependencyUnavailableError } from '../errors.js';
import { stackConfig } from '../testing/stack-config.js';

const aws = stackConfig.aws;

const client = new KMSClient(aws);
let keyArn = '';
let otherKeyArn = '';

beforeAll(async () => {
  const create = async () => (await client.send(new CreateKeyCommand({ Description: 'medicdraft int test' }))).KeyMetadata?.Arn ?? '';
  keyArn = await create();
  otherKeyArn = await create();
});
afterAll(() => client.destroy());

describeKeyServiceContract('kms (moto)', () => createKmsKeyService({ client, keyId: keyArn }));

describe('createKmsKeyService', () => {
  it('refuses a data key wrapped under another KMS key', async () => {
    const dk = await createKmsKeyService({ client, keyId: otherKeyArn }).generateDataKey({ tenantId: 't1' });
    // Real KMS answers IncorrectKeyException (-> TenantBoundaryError); moto answers
    // AccessDeniedException, which in AWS means missing IAM rights, so it stays DependencyUnavailable.
    // Either way the key must not be unwrapped.
    await expect(createKmsKeyService({ client, keyId: keyArn }).decrypt(dk.wrapped, { tenantId: 't1' })).rejects.toBeInstanceOf(AppError);
  });

  it('reports an unreachable KMS as DependencyUnavailableError', async () => {
    const down = new KMSClient({ ...aws, endpoint: 'http://127.0.0.1:1', maxAttempts: 1 });
    const keys = createKmsKeyService({ client: down, keyId: keyArn });
    await expect(keys.generateDataKey({ tenantId: 't1' })).rejects.toBeInstanceOf(DependencyUnavailableError);
    down.destroy();
  });
});
