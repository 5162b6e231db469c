import { randomUUID } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createLogger, migrate, outboxMigrations, type AdminDatabase } from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from '../audit-migrations.js';
import { registerSigningKeys } from '../checkpoint/checkpoint-store.js';
import { publicKeyPem } from '../checkpoint/signing-keys.js';
import { runCli } from '../cli/run-cli.js';
import { buildAuditLog, testKeyRing, testSigningKey } from '../testing/audit-log-fixture.js';
import { describeCheckpointWitnessContract } from './checkpoint-witness.contract.js';
import { witnessKey } from './checkpoint-witness.js';
import { createS3ObjectLockWitness, readObjectLock } from './s3-object-lock-witness.js';
import { sink } from '../testing/output-sink.js';
import { createCursorRowStream } from '../rows/cursor-row-stream.js';

const logger = createLogger({ service: 'audit-witness-int', level: 'silent' });
const suffix = randomUUID().slice(0, 8);
const s3 = new S3Client({ ...stackConfig.aws, forcePathStyle: true });
let buckets = 0;

/** A fresh bucket with Object Lock on and a COMPLIANCE default retention (moto implements both). */
async function lockedBucket(): Promise<string> {
  const bucket = `md-audit-witness-${suffix}-${buckets++}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } },
    }),
  );
  return bucket;
}
const witnessOn = (bucket: string) => createS3ObjectLockWitness({ bucket, retentionDays: 1, client: s3 });

describeCheckpointWitnessContract('S3 Object Lock (moto)', async () => witnessOn(await lockedBucket()));

describe('checkpoints anchored in an S3 Object Lock bucket, cross-checked by verify', () => {
  let testDb: PgTestDatabase;
  let db: AdminDatabase;
  let bucket: string;
  const keys = testKeyRing();
  const tenantId = `witness-${suffix}`;
  const sql = (text: string, params?: unknown[]) => db.admin((tx) => tx.query(text, params));
  const verify = async () => {
    const out = sink();
    const code = await runCli(['verify', '--tenant', tenantId], {
      read: (fn) => db.admin(fn),
      rows: createCursorRowStream((fn) => db.admin(fn)),
      out: out.stream,
      err: sink().stream,
      kafkaBrokers: [],
      witness: witnessOn(bucket),
    });
    return {
      code,
      kinds: [
        ...new Set(
          out
            .lines()
            .filter((l) => 'verdict' in l)
            .map((l) => l['verdict']),
        ),
      ].sort(),
    };
  };

  beforeAll(async () => {
    testDb = await createPgTestDatabase(stackConfig.postgres.url);
    db = createPgDatabase({ url: testDb.url, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, poolSize: 2 });
    await migrate(db, {
      schema: AUDIT_SCHEMA,
      role: AUDIT_ROLE,
      migrations: [...outboxMigrations(AUDIT_SCHEMA, AUDIT_ROLE), ...auditMigrations()],
    });
    await registerSigningKeys(db, keys.all);
    bucket = await lockedBucket();
    await buildAuditLog(db, { tenantId, count: 20, checkpointEvery: 5, keys, logger, witness: witnessOn(bucket) });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
    s3.destroy();
  });

  it('the bucket reports Object Lock in COMPLIANCE mode, holds one object per checkpoint, and the log verifies clean', async () => {
    expect(await readObjectLock(s3, bucket)).toEqual({ enabled: true, mode: 'COMPLIANCE', days: 1 });
    const { Versions } = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect((Versions ?? []).map((v) => v.Key).sort()).toEqual([5, 10, 15, 20].map((n) => witnessKey(tenantId, n)).sort());
    expect(await verify()).toEqual({ code: 0, kinds: [] });
  });

  it('on Postgres the service role is denied INSERT on signing_keys', async () => {
    const k = testSigningKey();
    await expect(
      db.withSystem((tx) =>
        tx.query(`INSERT INTO signing_keys (key_id, algorithm, public_key_pem) VALUES ($1, 'ed25519', $2)`, [
          k.keyId,
          publicKeyPem(k.publicKey),
        ]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it(
    'a witnessed version cannot be deleted (Object Lock refuses); an overwrite or delete marker does not hide the first ' + 'version',
    async () => {
      const key = witnessKey(tenantId, 10);
      const { Versions } = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
      const versionId = Versions?.[0]?.VersionId;
      const refused = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId })).then(
        () => undefined,
        (err: unknown) => err as { name?: string; message?: string },
      );
      expect(refused?.name).toBe('AccessDenied');
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify({ forged: true }), ChecksumAlgorithm: 'SHA256' }),
      );
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: witnessKey(tenantId, 15) }));
      expect((await witnessOn(bucket).list(tenantId)).map((c) => c.treeSize)).toEqual([5, 10, 15, 20]);
      expect(await verify()).toEqual({ code: 0, kinds: [] });
    },
  );

  it('history cut back with its checkpoints by the schema owner: anchor_missing from the witness', async () => {
    await sql(
      'ALTER TABLE audit.events DISABLE TRIGGER events_append_only; ALTER TABLE audit.checkpoints DISABLE TRIGGER checkpoints_append_only',
    );
    await sql('DELETE FROM audit.events WHERE tenant_id = $1 AND seq > 15', [tenantId]);
    await sql('DELETE FROM audit.checkpoints WHERE tenant_id = $1 AND tree_size > 15', [tenantId]);
    expect(await verify()).toEqual({ code: 1, kinds: ['anchor_missing'] });
  });
});
