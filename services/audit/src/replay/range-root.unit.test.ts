import { createHash } from 'node:crypto';
import { canonicalJson } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { leafHashOfText, subtreeRoot } from '../chain/merkle-tree.js';
import { testEvent } from '../testing/audit-log-fixture.js';
import { createReplayRoot, replayItemOf, replayRootOf, type ReplayItem } from './range-root.js';

const TENANT = 'replay-root';
/** 40 events, some sharing an instant (ordered by id there). */
const items: ReplayItem[] = Array.from({ length: 40 }, (_, i) => replayItemOf(testEvent(TENANT, Math.floor(i / 3))));
const sorted = [...items].sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));

/** The definition: Merkle root over the sorted canonical events, digest over them newline-separated. */
function reference(list: readonly ReplayItem[]) {
  const digest = createHash('sha256');
  for (const e of list) digest.update(`${e.canon}\n`);
  return { count: list.length, root: subtreeRoot(list.map((e) => leafHashOfText(e.canon))).toString('hex'), digest: digest.digest('hex') };
}

const built = (list: readonly ReplayItem[]) => {
  const r = createReplayRoot();
  for (const e of list) r.add(e);
  return r.result({ tenantId: TENANT });
};

describe('replay root', () => {
  it('built on arrival equals the definition, whether the events arrive in replay order or not', () => {
    const expected = reference(sorted);
    expect(built(sorted)).toMatchObject(expected);
    expect(built([...sorted].reverse())).toMatchObject(expected);
    expect(built([...sorted.slice(20), ...sorted.slice(0, 20)])).toMatchObject(expected);
    expect(built(sorted.slice(0, 1))).toMatchObject(reference(sorted.slice(0, 1)));
    expect(built([])).toMatchObject({ count: 0, root: reference([]).root });
  });

  it('replayRootOf drops duplicate ids (Kafka redeliveries) before building the same root', () => {
    expect(replayRootOf({ tenantId: TENANT }, [...items, ...items.slice(5, 15)])).toMatchObject(reference(sorted));
    expect(sorted.map((e) => e.canon)).toEqual(sorted.map((e) => canonicalJson(JSON.parse(e.canon))));
  });
});
