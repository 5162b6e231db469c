import type { ReferenceKind } from '@medicdraft/contracts';
import type { Queryable } from '@medicdraft/platform';

export interface StoredReference {
  kind: ReferenceKind;
  name: string;
  version: number;
  sha256: string;
  content: unknown;
  createdAt: string;
}

interface Row {
  kind: ReferenceKind;
  name: string;
  version: number;
  sha256: string;
  content: unknown;
  created_at: Date | string;
}
const toReference = (r: Row): StoredReference => ({
  kind: r.kind,
  name: r.name,
  version: Number(r.version),
  sha256: r.sha256,
  content: r.content,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Inside the caller's `withTenant` transaction (RLS scopes every statement to the tenant). */
export async function latestReference(tx: Queryable, kind: ReferenceKind, name: string): Promise<StoredReference | undefined> {
  const { rows } = await tx.query<Row>('SELECT * FROM "references" WHERE kind = $1 AND name = $2 ORDER BY version DESC LIMIT 1', [
    kind,
    name,
  ]);
  return rows[0] === undefined ? undefined : toReference(rows[0]);
}

/**
 * Appends version n+1. Two concurrent writers of one reference compute the same n+1; the primary
 * key rejects the second, whose transaction (and event) rolls back — the client retries.
 */
export async function insertReferenceVersion(
  tx: Queryable,
  ref: { tenantId: string; kind: ReferenceKind; name: string; content: unknown; sha256: string; createdBy: string },
): Promise<StoredReference> {
  const { rows } = await tx.query<Row>(
    `INSERT INTO "references" (tenant_id, kind, name, version, content, sha256, created_by)
     SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4::jsonb, $5, $6 FROM "references" WHERE kind = $2 AND name = $3
     RETURNING *`,
    [ref.tenantId, ref.kind, ref.name, JSON.stringify(ref.content), ref.sha256, ref.createdBy],
  );
  return toReference(rows[0]!);
}

/** The latest version of every reference of one kind, by name (inside the caller's `withTenant` transaction). */
export async function latestReferencesOfKind(tx: Queryable, kind: ReferenceKind): Promise<StoredReference[]> {
  const { rows } = await tx.query<Row>('SELECT DISTINCT ON (name) * FROM "references" WHERE kind = $1 ORDER BY name, version DESC', [kind]);
  return rows.map(toReference);
}
