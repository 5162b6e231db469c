import { createHash } from 'node:crypto';
import type { DomainEvent } from '@medicdraft/contracts';
import { canonicalJson } from '@medicdraft/platform';
import { leafHashOfText, subtreeRoot } from '../chain/merkle-tree.js';

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

/**
 * The replay root of a range: independent of how the events reached the store (Kafka partition
 * interleaving decides the chain's seq order, and Kafka may hold duplicates), so Postgres and the
 * Kafka topics give the same root exactly when they hold the same events. Events are deduplicated
 * by id, ordered by (occurredAt instant, id), and each leaf input is the canonical event.
 */
export function replayRootOf(range: ReplayRange, items: Iterable<ReplayItem>): ReplayResult {
  const unique = new Map<string, ReplayItem>();
  for (const e of items) if (!unique.has(e.id)) unique.set(e.id, e);
  const ordered = [...unique.values()].sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const digest = createHash('sha256');
  for (const e of ordered) digest.update(e.canon).update('\n');
  return {
    tenantId: range.tenantId,
    from: range.from ?? null,
    to: range.to ?? null,
    count: ordered.length,
    root: subtreeRoot(ordered.map((e) => leafHashOfText(e.canon))).toString('hex'),
    digest: digest.digest('hex'),
  };
}
