import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './merkle-proofs.js';
import { CompactRange, EMPTY_ROOT, leafHash, leafHashOfText, nodeHash, subtreeRoot } from './merkle-tree.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf-${i}`)));

describe('RFC 6962 Merkle tree', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(
      createHash('sha256')
        .update(Buffer.from([0]))
        .digest('hex'),
    );
    // Known vector: the RFC 6962 empty-leaf hash.
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const [a, b] = leaves(2) as [Buffer, Buffer];
    expect(nodeHash(a, b)).toEqual(
      createHash('sha256')
        .update(Buffer.from([1]))
        .update(a)
        .update(b)
        .digest(),
    );
    expect(subtreeRoot([])).toEqual(EMPTY_ROOT);
  });

  it('splits at the largest power of two below n (n = 3, 5, 7)', () => {
    const [a, b, c, d, e] = leaves(5) as Buffer[] as [Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(subtreeRoot([a, b, c])).toEqual(nodeHash(nodeHash(a, b), c));
    expect(subtreeRoot([a, b, c, d, e])).toEqual(nodeHash(nodeHash(nodeHash(a, b), nodeHash(c, d)), e));
  });

  it('the compact range gives the recursive root at every size', () => {
    const all = leaves(70);
    const range = new CompactRange();
    expect(range.root()).toEqual(EMPTY_ROOT);
    for (let n = 1; n <= all.length; n++) {
      range.appendLeafHash(all[n - 1] as Buffer);
      expect(range.root(), `size ${n}`).toEqual(subtreeRoot(all, 0, n));
    }
  });

  it('inclusion proofs verify for every leaf of many sizes and fail for another leaf, index or root', () => {
    for (const size of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33]) {
      const all = leaves(size);
      const root = subtreeRoot(all);
      for (let i = 0; i < size; i++) {
        const proof = inclusionProof(all, i);
        expect(verifyInclusion(all[i] as Buffer, i, size, proof, root), `${i}/${size}`).toBe(true);
        if (size > 1) {
          expect(verifyInclusion(all[(i + 1) % size] as Buffer, i, size, proof, root)).toBe(false);
          expect(verifyInclusion(all[i] as Buffer, (i + 1) % size, size, proof, root)).toBe(false);
          expect(verifyInclusion(all[i] as Buffer, i, size, proof, leafHash(Buffer.from('other root')))).toBe(false);
        }
      }
    }
  });

  it('consistency proofs verify for every pair of sizes and fail for a rewritten prefix or another head', () => {
    const all = leaves(20);
    for (let second = 1; second <= 20; second++) {
      const secondRoot = subtreeRoot(all, 0, second);
      for (let first = 1; first <= second; first++) {
        const proof = consistencyProof(all, first, second);
        const firstRoot = subtreeRoot(all, 0, first);
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof), `${first}->${second}`).toBe(true);
        if (first < second) {
          const forked = [...all.slice(0, first - 1), leafHash(Buffer.from('forged')), ...all.slice(first)];
          expect(verifyConsistency(first, second, subtreeRoot(forked, 0, first), secondRoot, proof)).toBe(false);
          expect(verifyConsistency(first, second, firstRoot, leafHash(Buffer.from('other root')), proof)).toBe(false);
        }
      }
    }
  });

  it('the one-shot leaf and node hashes equal the streaming definition, for any input length', () => {
    const ref = (prefix: number, ...parts: Buffer[]) =>
      parts.reduce((h, p) => h.update(p), createHash('sha256').update(Buffer.from([prefix]))).digest();
    for (const input of [Buffer.alloc(0), Buffer.alloc(32, 7), Buffer.alloc(100, 9)]) expect(leafHash(input)).toEqual(ref(0, input));
    for (const text of ['', 'é😀', 'x'.repeat(40_000)]) expect(leafHashOfText(text)).toEqual(ref(0, Buffer.from(text, 'utf8')));
    const [a, b] = leaves(2) as [Buffer, Buffer];
    expect(nodeHash(a, b)).toEqual(ref(1, a, b));
    expect(nodeHash(a, Buffer.from('short'))).toEqual(ref(1, a, Buffer.from('short')));
    // The scratch buffer is reused: earlier results must not change under later calls.
    const first = leafHash(a);
    const copy = Buffer.from(first);
    leafHash(b);
    expect(first).toEqual(copy);
  });
});
