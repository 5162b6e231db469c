import { createHash } from 'node:crypto';
import type { PeriodReport } from '@medicdraft/contracts';
import { NotFoundError } from '@medicdraft/platform';
import { publicKeyPem, type KeyRing } from '../checkpoint/signing-keys.js';
import { renderPeriodReportPdf, type CheckpointSummary } from '../export/period-report-pdf.js';
import { signReport } from '../export/report-signature.js';
import type { AuditQuery } from './audit-query.js';
import { verifyStatus, type VerifyStatusDeps } from './verify-status.js';

interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  key_id: string;
  issued_at: Date | string;
}
const summary = (r: CheckpointRow | undefined): CheckpointSummary | undefined =>
  r && { treeSize: Number(r.tree_size), rootHash: r.root_hash, keyId: r.key_id, issuedAt: new Date(r.issued_at).toISOString() };

const ENDS = 'SELECT tree_size, root_hash, key_id, issued_at FROM checkpoints WHERE issued_at >= $1 AND issued_at < $2';

/**
 * The signed period report: verifies the tenant's chain now, reads the period's activity and
 * checkpoints under the tenant's row-level security, renders the PDF and signs its bytes with the
 * active checkpoint signing key. The public key travels with it for convenience only: a verifier
 * pins it (the key id derives from it, and it is registered in `audit.signing_keys`).
 */
export async function createPeriodReport(
  deps: VerifyStatusDeps & { query: AuditQuery; keys: KeyRing },
  tenantId: string,
  from: Date,
  to: Date,
  names: ReadonlyMap<string, string> = new Map(),
): Promise<PeriodReport> {
  const verify = await verifyStatus(deps, tenantId);
  const latestCheckpoint = await deps.query.latestCheckpoint(tenantId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  const period = [from.toISOString(), to.toISOString()];
  const { activity, users, count, first, last } = await deps.db.withTenant(tenantId, async (tx) => ({
    activity: (
      await tx.query<{ type: string; outcome: string; count: string }>(
        `SELECT event_type AS type, coalesce(outcome, 'success') AS outcome, count(*) AS count FROM events
          WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
        period,
      )
    ).rows,
    users: (
      await tx.query<{ actor_id: string; role: string | null; records: string; denied: string }>(
        `SELECT actor_id, max(actor_role) AS role, count(*) AS records, count(*) FILTER (WHERE outcome = 'denied') AS denied FROM events
          WHERE actor_type = 'user' AND occurred_at >= $1 AND occurred_at < $2 GROUP BY 1 ORDER BY 1`,
        period,
      )
    ).rows,
    // Checkpoints come every few seconds: the period's count and its two ends, never the whole list.
    count: Number(
      (await tx.query<{ n: string }>('SELECT count(*) AS n FROM checkpoints WHERE issued_at >= $1 AND issued_at < $2', period)).rows[0]
        ?.n ?? 0,
    ),
    first: (await tx.query<CheckpointRow>(`${ENDS} ORDER BY tree_size ASC LIMIT 1`, period)).rows[0],
    last: (await tx.query<CheckpointRow>(`${ENDS} ORDER BY tree_size DESC LIMIT 1`, period)).rows[0],
  }));
  const generatedAt = new Date(deps.now());
  const pdf = await renderPeriodReportPdf({
    tenantId,
    from,
    to,
    generatedAt,
    keyId: deps.keys.active.keyId,
    verify,
    latestCheckpoint,
    periodCheckpoints: { count, first: summary(first), last: summary(last) },
    activity: activity.map((a) => ({ type: a.type, outcome: a.outcome, count: Number(a.count) })),
    users: users.map((u) => ({
      actorId: u.actor_id,
      name: names.get(u.actor_id) ?? null,
      role: u.role,
      records: Number(u.records),
      denied: Number(u.denied),
    })),
  });
  return {
    fileName: `audit-report-${tenantId}-${period[0]!.slice(0, 10)}-${period[1]!.slice(0, 10)}.pdf`,
    pdfBase64: pdf.toString('base64'),
    sha256: createHash('sha256').update(pdf).digest('hex'),
    signatureBase64: signReport(pdf, deps.keys.active.privateKey).toString('base64'),
    keyId: deps.keys.active.keyId,
    publicKeyPem: publicKeyPem(deps.keys.active.publicKey),
  };
}
