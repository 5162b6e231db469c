import { createHash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 §2.1 Merkle tree hashing, SHA-256: a leaf is `SHA-256(0x00 ‖ input)`, an
 * interior node `SHA-256(0x01 ‖ left ‖ right)`, and a tree of n > 1 leaves splits at the largest
 * power of two smaller than n. The prefixes keep leaves and nodes from ever colliding.
 *
 * Audit trees: a tenant's checkpoint tree has one leaf per audit record in sequence order, the leaf
 * input being the record's chain hash (32 raw bytes), so a signed root commits to the whole chain.
 */
export type Hash = Buffer;

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export function leafHash(input: Buffer): Hash {
  return createHash('sha256').update(LEAF).update(input).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** Hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes `leaves[from, to)` (recursive definition; O(n)). */
export function subtreeRoot(leaves: readonly Hash[], from = 0, to = leaves.length): Hash {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[from] as Hash;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

/**
 * Incremental root: keeps the roots of the perfect subtrees covering the leaves so far (at most
 * log2 n of them), so appending is amortised O(1) and a root costs O(log n). Folding them right to
 * left gives exactly the RFC 6962 MTH, because the split points of MTH are those subtrees' edges.
 */
export class CompactRange {
  private readonly stack: { height: number; hash: Hash }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  appendLeafHash(hash: Hash): void {
    let node = { height: 0, hash };
    for (let top = this.stack.at(-1); top && top.height === node.height; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { height: node.height + 1, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
    this.count++;
  }

  root(): Hash {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let acc = (this.stack.at(-1) as { hash: Hash }).hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash((this.stack[i] as { hash: Hash }).hash, acc);
    return acc;
  }
}
