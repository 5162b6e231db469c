import type { AuditCheckpoint } from '@medicdraft/contracts';
import type { AdminDatabase, Database, Queryable } from '@medicdraft/platform';
import type { KeyObject } from 'node:crypto';
import { AUDIT_KEY_ADMIN_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { keyIdOf, publicKeyPem, type SigningKey } from './signing-keys.js';

interface CheckpointRow {
  tenant_id: string;
  tree_size: string;
  root_hash: string;
  key_id: string;
  algorithm: 'ed25519';
  signature: string;
  issued_at: string | Date;
}

export function checkpointFromRow(r: CheckpointRow): AuditCheckpoint {
  return {
    tenantId: r.tenant_id,
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    keyId: r.key_id,
    algorithm: r.algorithm,
    signature: r.signature,
    issuedAt: new Date(r.issued_at).toISOString(),
  };
}

/** Stores a checkpoint; false when one of that size already exists (another instance signed it). */
export async function insertCheckpoint(tx: Queryable, cp: AuditCheckpoint): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO checkpoints (tenant_id, tree_size, root_hash, key_id, algorithm, signature, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, tree_size) DO NOTHING`,
    [cp.tenantId, cp.treeSize, cp.rootHash, cp.keyId, cp.algorithm, cp.signature, cp.issuedAt],
  );
  return rowCount === 1;
}

/** A tenant's checkpoints in tree-size order (`tx` scoped to that tenant, or admin with the filter). */
export async function listCheckpoints(tx: Queryable, tenantId: string, table = 'checkpoints'): Promise<AuditCheckpoint[]> {
  const { rows } = await tx.query<CheckpointRow>(
    `SELECT tenant_id, tree_size, root_hash, key_id, algorithm, signature, issued_at FROM ${table} WHERE tenant_id = $1 ORDER BY tree_size`,
    [tenantId],
  );
  return rows.map(checkpointFromRow);
}

/**
 * Registers public keys by their derived id (idempotent) in a transaction already switched to the
 * key-admin role (`asKeyAdmin`), so verifiers find retired keys after a rotation.
 */
export async function insertPublicKeys(tx: Queryable, keys: readonly KeyObject[]): Promise<string[]> {
  const ids: string[] = [];
  for (const k of keys) {
    const id = keyIdOf(k);
    await tx.query(
      `INSERT INTO ${AUDIT_SCHEMA}.signing_keys (key_id, algorithm, public_key_pem) VALUES ($1, 'ed25519', $2) ` +
        'ON CONFLICT (key_id) DO NOTHING',
      [id, publicKeyPem(k)],
    );
    ids.push(id);
  }
  return ids;
}

/** Runs `fn` in a transaction of the database's admin connection switched to the key-admin role. */
export function asKeyAdmin<T>(db: AdminDatabase, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.admin(async (tx) => {
    await tx.query(`SET LOCAL ROLE ${AUDIT_KEY_ADMIN_ROLE}`);
    return fn(tx);
  });
}

/** Whether a key id is registered (read as the service role). */
export async function isKeyRegistered(db: Database, keyId: string): Promise<boolean> {
  const { rows } = await db.withSystem((tx) => tx.query('SELECT 1 FROM signing_keys WHERE key_id = $1', [keyId]));
  return rows.length > 0;
}

/** Registers the public halves of signing keys through the key-admin role (dev and sandbox provisioning). */
export async function registerSigningKeys(db: AdminDatabase, keys: readonly SigningKey[]): Promise<void> {
  await asKeyAdmin(db, (tx) =>
    insertPublicKeys(
      tx,
      keys.map((k) => k.publicKey),
    ),
  );
}
