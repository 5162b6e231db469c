import { z } from 'zod';
import { TenantIdSchema } from '../envelope.js';
import { CountSchema, Sha256HexSchema, TimestampSchema } from '../fields.js';

/** Id of a signing key (e.g. a public-key fingerprint or `audit-2025-01`). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Standard base64 of a 64-byte Ed25519 signature (88 chars with padding). */
export const ED25519_SIGNATURE_BASE64_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

/**
 * `audit.checkpoint` (key = tenantId): a signed tree head of a tenant's audit log. `treeSize` is
 * the number of leaves, `rootHash` the Merkle root over them (lower-case hex SHA-256), and
 * `signature` the Ed25519 signature of `checkpointSigningInput(checkpoint)` by key `keyId`.
 */
export const AuditCheckpointSchema = z
  .strictObject({
    tenantId: TenantIdSchema,
    treeSize: CountSchema,
    rootHash: Sha256HexSchema,
    keyId: z.string().regex(KEY_ID_PATTERN),
    algorithm: z.literal('ed25519'),
    signature: z.string().regex(ED25519_SIGNATURE_BASE64_PATTERN),
    issuedAt: TimestampSchema,
  })
  .meta({ title: 'audit.checkpoint', description: 'Ed25519-signed Merkle tree head of a tenant audit log' });
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>;

/**
 * The exact bytes (as UTF-8) a checkpoint signature covers: a versioned, newline-separated tree
 * head. Signers and verifiers (audit service, compliance CLI, integrators) must use this.
 */
export function checkpointSigningInput(cp: Omit<AuditCheckpoint, 'signature'>): string {
  return ['medicdraft-checkpoint-v1', cp.tenantId, String(cp.treeSize), cp.rootHash, cp.keyId, cp.algorithm, cp.issuedAt].join('\n');
}
