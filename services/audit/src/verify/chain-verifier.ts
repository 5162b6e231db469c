import type { KeyObject } from 'node:crypto';
import type { AuditCheckpoint, DomainEvent } from '@medicdraft/contracts';
import { canonicalJson } from '@medicdraft/platform';
import { deriveAuditFields } from '../audit-record.js';
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
  /** Highest size of a valid checkpoint whose root matches the rows (and, with a witness, that the witness holds). */
  anchored: number;
  checkpoints: number;
}

export interface VerifyOptions {
  /** Registered key ids that are not derived from their public key: checkpoints under them are `key_mismatch`. */
  mismatchedKeys?: ReadonlySet<string>;
  /** Whether a checkpoint counts as an anchor (default: all valid ones; with a witness: the witnessed ones). */
  isAnchor?: (checkpoint: AuditCheckpoint) => boolean;
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
  pages: AsyncIterable<readonly StoredRow[]>,
  checkpoints: readonly AuditCheckpoint[],
  trustedKeys: ReadonlyMap<string, KeyObject>,
  onRows?: (count: number) => void,
  options: VerifyOptions = {},
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
    if (options.mismatchedKeys?.has(cp.keyId)) {
      return void verdicts.push({
        ...base,
        kind: 'key_mismatch',
        detail: `checkpoint at size ${cp.treeSize} names key ${cp.keyId}, whose registered public key derives another id`,
      });
    }
    if (!key)
      return void verdicts.push({
        ...base,
        kind: 'unknown_key',
        detail: `checkpoint at size ${cp.treeSize} is signed by an untrusted key`,
      });
    if (cp.tenantId !== tenantId || !checkpointSignatureValid(cp, key)) {
      return void verdicts.push({ ...base, kind: 'bad_signature', detail: `checkpoint at size ${cp.treeSize} has an invalid signature` });
    }
    if (atEnd)
      return void verdicts.push({
        ...base,
        kind: 'truncated',
        detail: `signed checkpoint covers ${cp.treeSize} records, the log ends at ${expected - 1}`,
      });
    if (range.root().toString('hex') !== cp.rootHash) {
      if (firstFault > cp.treeSize)
        verdicts.push({ ...base, kind: 'forged', detail: `records 1..${cp.treeSize} differ from the signed checkpoint (log rewritten)` });
    } else if (options.isAnchor?.(cp) ?? true) {
      anchored = Math.max(anchored, cp.treeSize);
    }
  };

  for await (const page of pages) {
    onRows?.(page.length);
    for (const row of page) visit(row);
  }
  function visit(row: StoredRow): void {
    if (row.seq === null || row.hash === null || row.prevHash === null) {
      verdicts.push({ tenantId, eventId: row.eventId, kind: 'unchained', detail: 'record predates the hash chain' });
      return;
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
    range.appendLeafHash(leafHash(hashBytes(row.hash)));
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
        ? {
            tenantId,
            seq: l.seq,
            eventId: l.eventId,
            kind: 'reordered',
            detail: `record ${l.seq} links to another record than its predecessor`,
          }
        : { tenantId, seq: l.seq, eventId: l.eventId, kind: 'forged', detail: `record ${l.seq} links to a record that does not exist` },
    );
  }
  verdicts.sort((a, b) => (a.seq ?? a.treeSize ?? 0) - (b.seq ?? b.treeSize ?? 0));
  return {
    tenantId,
    verdicts,
    rows: count,
    lastSeq: expected - 1,
    unanchored: Math.max(0, expected - 1 - anchored),
    anchored,
    checkpoints: pending.length,
  };
}

/** The 32 bytes of a hex hash (a malformed one decodes to fewer bytes, as Buffer.from does). */
const hexScratch = Buffer.allocUnsafe(32);
function hashBytes(hex: string): Buffer {
  if (hex.length === 64 && hexScratch.write(hex, 0, 32, 'hex') === 32) return hexScratch; // leafHash copies it
  return Buffer.from(hex, 'hex');
}

/**
 * Why a row's content is not what its hash and columns claim, or undefined when it is. The hashed
 * bytes are the stored canonical text when the row has one (then the jsonb must hold the same
 * value), else rebuilt from the jsonb (rows from before migration 0004).
 */
function contentProblem(tenantId: string, row: StoredRow): string | undefined {
  let canon: string;
  let event: DomainEvent;
  if (row.eventText !== null) {
    canon = row.eventText;
    if (chainHash(row.prevHash as string, canon) !== row.hash) return 'event does not hash to the stored hash';
    try {
      event = JSON.parse(canon) as DomainEvent;
    } catch {
      return 'stored event text is not JSON';
    }
    const same = row.eventMatchesText ?? canonicalOrUndefined(row.event) === canon;
    if (!same) return 'stored event differs from its hashed text';
  } else {
    const c = canonicalOrUndefined(row.event);
    if (c === undefined) return 'stored event is not canonical JSON';
    canon = c;
    if (chainHash(row.prevHash as string, canon) !== row.hash) return 'event does not hash to the stored hash';
    // The event was schema-validated when appended and its hash still matches, so it is that event;
    // re-running zod here would cost more than hashing and prove nothing more.
    event = row.event as DomainEvent;
  }
  if (event === null || typeof event !== 'object') return 'stored event has an unknown shape';
  if (event.id !== row.eventId || event.tenantId !== tenantId) return 'event id or tenant differs from the row';
  let derived: Record<string, unknown>;
  try {
    derived = deriveAuditFields(event) as Record<string, unknown>;
  } catch {
    return 'stored event has an unknown shape';
  }
  for (const name in row.columns) {
    if (!sameColumn(name, row.columns[name], derived[name])) return `column ${name} differs from the hashed event`;
  }
  return undefined;
}

function canonicalOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalJson(value);
  } catch {
    return undefined;
  }
}

/**
 * A stored column against the value derived from the hashed event: occurredAt as an instant
 * (timestamptz and the event's ISO text differ in form), objects (resource ids) canonically,
 * everything else strictly (null and undefined alike).
 */
function sameColumn(name: string, stored: unknown, derived: unknown): boolean {
  // The verification read ships occurred_at as epoch ms: floor(µs instant / 1000), which is what the
  // driver's Date of the timestamptz holds. Only the stored side may be a number; an event's own
  // occurredAt must still be a string.
  if (name === 'occurredAt') return (typeof stored === 'number' ? stored : instant(stored)) === instant(derived);
  if (typeof stored === 'object' && stored !== null && !(stored instanceof Date)) {
    if (typeof derived !== 'object' || derived === null) return false;
    return sameStringMap(stored, derived) ?? canonicalJson(stored) === canonicalJson(derived);
  }
  return (stored ?? null) === (derived ?? null);
}

/**
 * Resource ids are flat maps of strings on both sides (resourceIdsOf), and for those canonical
 * equality is: same keys, same values. Undefined (not known to be two such maps): compare canonically.
 */
function sameStringMap(a: object, b: object): boolean | undefined {
  if (Array.isArray(a) || Array.isArray(b)) return undefined;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) if (typeof ra[k] !== 'string') return undefined;
  for (const k of kb) if (typeof rb[k] !== 'string') return undefined;
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.hasOwn(rb, k) || ra[k] !== rb[k]) return false;
  return true;
}

function instant(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}
