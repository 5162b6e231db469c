import { createHash, type Hash } from 'node:crypto';
import type { DomainEvent } from '@medicdraft/contracts';
import { canonicalJson } from '@medicdraft/platform';
import { CompactRange, leafHashOfText, subtreeRoot } from '../chain/merkle-tree.js';

export interface ReplayRange {
  tenantId: string;
  /** Inclusive lower bound of occurredAt (ISO), or undefined for the beginning. */
  from?: string;
  /** Exclusive upper bound of occurredAt (ISO), or undefined for the end. */
  to?: string;
}

export interface ReplayResult {
  tenantId: string;
  from: string | null;
  to: string | null;
  count: number;
  /** Merkle root (hex) over the canonical events of the range in (occurredAt, id) order. */
  root: string;
  /** SHA-256 over the concatenated canonical events, newline-separated (a second, simpler digest). */
  digest: string;
}

export function inRange(event: Pick<DomainEvent, 'tenantId' | 'occurredAt'>, range: ReplayRange): boolean {
  if (event.tenantId !== range.tenantId) return false;
  const t = Date.parse(event.occurredAt);
  return (range.from === undefined || t >= Date.parse(range.from)) && (range.to === undefined || t < Date.parse(range.to));
}

/** One event as the replay root sees it: id, occurredAt instant (epoch ms) and canonical text. */
export interface ReplayItem {
  id: string;
  t: number;
  canon: string;
}

export function replayItemOf(event: DomainEvent): ReplayItem {
  return { id: event.id, t: Date.parse(event.occurredAt), canon: canonicalJson(event) };
}

const before = (a: ReplayItem, b: ReplayItem) => a.t < b.t || (a.t === b.t && a.id < b.id);

/**
 * The replay root of a range: independent of how the events reached the store (Kafka partition
 * interleaving decides the chain's seq order, and Kafka may hold duplicates), so Postgres and the
 * Kafka topics give the same root exactly when they hold the same events. Events are deduplicated
 * by id, ordered by (occurredAt instant, id), and each leaf input is the canonical event.
 */
export function replayRootOf(range: ReplayRange, items: Iterable<ReplayItem>): ReplayResult {
  const unique = new Map<string, ReplayItem>();
  for (const e of items) if (!unique.has(e.id)) unique.set(e.id, e);
  const root = createReplayRoot();
  for (const e of unique.values()) root.add(e);
  return root.result(range);
}

/**
 * The replay root built while the events arrive, for a source whose ids are unique (the audit
 * table's primary key): each leaf is hashed on arrival, and while the events come in replay order
 * the tree and the digest grow with them too, so nothing is left for the end. An event out of order
 * drops the incremental tree and digest; the end then sorts and rebuilds both from the leaves kept.
 */
export function createReplayRoot() {
  const items: ReplayItem[] = [];
  const leaves: Buffer[] = [];
  let tree: CompactRange | undefined = new CompactRange();
  let digest: Hash | undefined = createHash('sha256');
  let last: ReplayItem | undefined;
  return {
    add(e: ReplayItem): void {
      const leaf = leafHashOfText(e.canon);
      items.push(e);
      leaves.push(leaf);
      if (tree === undefined || digest === undefined) return;
      if (last !== undefined && !before(last, e)) {
        tree = undefined;
        digest = undefined;
        return;
      }
      tree.appendLeafHash(leaf);
      digest.update(e.canon).update('\n');
      last = e;
    },
    result(range: ReplayRange): ReplayResult {
      let root: Buffer;
      let hex: string;
      if (tree !== undefined && digest !== undefined) {
        root = tree.size === 0 ? subtreeRoot([]) : tree.root();
        hex = digest.digest('hex');
      } else {
        const order = items.map((_, i) => i);
        order.sort((i, j) => {
          const a = items[i] as ReplayItem;
          const b = items[j] as ReplayItem;
          return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        });
        const d = createHash('sha256');
        for (const i of order) d.update((items[i] as ReplayItem).canon).update('\n');
        root = subtreeRoot(order.map((i) => leaves[i] as Buffer));
        hex = d.digest('hex');
      }
      return {
        tenantId: range.tenantId,
        from: range.from ?? null,
        to: range.to ?? null,
        count: items.length,
        root: root.toString('hex'),
        digest: hex,
      };
    },
  };
}
