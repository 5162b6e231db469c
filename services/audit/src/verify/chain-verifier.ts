import type { KeyObject } from 'node:crypto';
import type { AuditCheckpoint, DomainEvent } from '@medicdraft/contracts';
import { deriveAuditFields } from '../audit-record.js';
import { canonicalJson } from '../chain/canonical-json.js';
import { chainHash, GENESIS_HASH } from '../chain/chain-hash.js';
import { CompactRange, leafHash } from '../chain/merkle-tree.js';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-signature.js';
import type { StoredRow } from './stored-row.js';
import type { Verdict } from './verdict.js';

export interface TenantVerification {
  tenantId: string;
  verdicts: Verdict[];
  /** Chained rows read. */
  rows: number;
  /** Highest seq seen, and how many of the rows no valid checkpoint covers yet. */
  lastSeq: number;
  unanchored: number;
  checkpoints: number;
}

/**
 * Verifies one tenant's chain and checkpoints in a single pass over its rows in seq order
 * (memory: one map of hashes, to tell a reordered link from a forged one). Checkpoints are checked
 * when the walk reaches their size: key trusted, signature valid, then root equal to the root of
 * the rows read. A root difference that a chain fault at or below that size already explains is
 * not reported twice.
 */
export async function verifyTenantChain(
  tenantId: string,
  rows: AsyncIterable<StoredRow>,
  checkpoints: readonly AuditCheckpoint[],
  trustedKeys: ReadonlyMap<string, KeyObject>,
  onRow?: () => void,
): Promise<TenantVerification> {
  const verdicts: Verdict[] = [];
  const pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  const range = new CompactRange();
  const seen = new Set<string>();
  const links: { seq: number; eventId: string; prevHash: string }[] = [];
  let expected = 1;
  let prev = GENESIS_HASH;
  let firstFault = Number.POSITIVE_INFINITY;
  let count = 0;
  let anchored = 0;
  let nextCp = 0;

  const checkCheckpoint = (cp: AuditCheckpoint, atEnd: boolean) => {
    const key = trustedKeys.get(cp.keyId);
    const base = { tenantId, treeSize: cp.treeSize, keyId: cp.keyId };
    if (!key) return void verdicts.push({ ...base, kind: 'unknown_key', detail: `checkpoint at size ${cp.treeSize} is signed by an untrusted key` });
    if (cp.tenantId !== tenantId || !checkpointSignatureValid(cp, key)) {
      return void verdicts.push({ ...base, kind: 'bad_signature', detail: `checkpoint at size ${cp.treeSize} has an invalid signature` });
    }
    if (atEnd) return void verdicts.push({ ...base, kind: 'truncated', detail: `signed checkpoint covers ${cp.treeSize} records, the log ends at ${expected - 1}` });
    if (range.root().toString('hex') !== cp.rootHash) {
      if (firstFault > cp.treeSize) verdicts.push({ ...base, kind: 'forged', detail: `records 1..${cp.treeSize} differ from the signed checkpoint (log rewritten)` });
    } else {
      anchored = Math.max(anchored, cp.treeSize);
    }
  };

  for await (const row of rows) {
    onRow?.();
    if (row.seq === null || row.hash === null || row.prevHash === null) {
      verdicts.push({ tenantId, eventId: row.eventId, kind: 'unchained', detail: 'record predates the hash chain' });
      continue;
    }
    count++;
    const at = { tenantId, seq: row.seq, eventId: row.eventId };
    if (row.seq > expected) {
      verdicts.push({ ...at, kind: 'missing', seq: expected, detail: `records ${expected}..${row.seq - 1} are missing` });
      firstFault = Math.min(firstFault, expected);
    } else if (row.prevHash !== prev) {
      links.push({ seq: row.seq, eventId: row.eventId, prevHash: row.prevHash });
      firstFault = Math.min(firstFault, row.seq);
    }
    const problem = contentProblem(tenantId, row);
    if (problem) verdicts.push({ ...at, kind: 'modified', detail: problem });
    seen.add(row.hash);
    range.appendLeafHash(leafHash(Buffer.from(row.hash, 'hex')));
    prev = row.hash;
    expected = row.seq + 1;
    while (nextCp < pending.length && (pending[nextCp] as AuditCheckpoint).treeSize <= row.seq) {
      const cp = pending[nextCp++] as AuditCheckpoint;
      // A checkpoint between two present seqs (its last record missing) is checked against what is present.
      checkCheckpoint(cp, false);
    }
  }
  for (; nextCp < pending.length; nextCp++) checkCheckpoint(pending[nextCp] as AuditCheckpoint, true);
  for (const l of links) {
    verdicts.push(
      seen.has(l.prevHash)
        ? { tenantId, seq: l.seq, eventId: l.eventId, kind: 'reordered', detail: `record ${l.seq} links to another record than its predecessor` }
        : { tenantId, seq: l.seq, eventId: l.eventId, kind: 'forged', detail: `record ${l.seq} links to a record that does not exist` },
    );
  }
  verdicts.sort((a, b) => (a.seq ?? a.treeSize ?? 0) - (b.seq ?? b.treeSize ?? 0));
  return { tenantId, verdicts, rows: count, lastSeq: expected - 1, unanchored: Math.max(0, expected - 1 - anchored), checkpoints: pending.length };
}

/** Why a row's content is not what its hash and columns claim, or undefined when it is. */
function contentProblem(tenantId: string, row: StoredRow): string | undefined {
  let canon: string;
  try {
    canon = canonicalJson(row.event);
  } catch {
    return 'stored event is not canonical JSON';
  }
  if (chainHash(row.prevHash as string, canon) !== row.hash) return 'event does not hash to the stored hash';
  // The event was schema-validated when appended and its hash still matches, so it is that event;
  // re-running zod here would cost more than hashing and prove nothing more.
  const event = row.event as DomainEvent;
  if (event.id !== row.eventId || event.tenantId !== tenantId) return 'event id or tenant differs from the row';
  let derived: Record<string, unknown>;
  try {
    derived = deriveAuditFields(event) as Record<string, unknown>;
  } catch {
    return 'stored event has an unknown shape';
  }
  for (const [name, value] of Object.entries(row.columns)) {
    if (!sameValue(normalise(value), normalise(derived[name]))) return `column ${name} differs from the hashed event`;
  }
  return undefined;
}

/** Equal as JSON values; primitives directly (the hot path: a dozen columns per row), objects canonically. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** Column values as compared: timestamps as epoch ms (jsonb/timestamptz change their text). */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return Date.parse(value);
  return value ?? null;
}
