import { createHash, hash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 §2.1 Merkle tree hashing, SHA-256: a leaf is `SHA-256(0x00 ‖ input)`, an
 * interior node `SHA-256(0x01 ‖ left ‖ right)`, and a tree of n > 1 leaves splits at the largest
 * power of two smaller than n. The prefixes keep leaves and nodes from ever colliding.
 *
 * Audit trees: a tenant's checkpoint tree has one leaf per audit record in sequence order, the leaf
 * input being the record's chain hash (32 raw bytes), so a signed root commits to the whole chain.
 */
export type Hash = Buffer;

/** Reused input buffer for the fixed-size inputs (one-shot hashing, no per-node allocation). */
const scratch = Buffer.allocUnsafe(65);

export function leafHash(input: Buffer): Hash {
  if (input.length > 64)
    return createHash('sha256')
      .update(Buffer.from([0x00]))
      .update(input)
      .digest();
  scratch[0] = 0x00;
  input.copy(scratch, 1);
  return hash('sha256', scratch.subarray(0, 1 + input.length), 'buffer');
}

/** Leaf hash of a text's UTF-8 bytes (replay leaves are canonical events). */
export function leafHashOfText(text: string): Hash {
  const bound = 1 + text.length * 3; // UTF-8: at most 3 bytes per UTF-16 code unit
  if (bound > textScratch.length) textScratch = Buffer.allocUnsafe(Math.max(bound, textScratch.length * 2));
  textScratch[0] = 0x00;
  const n = textScratch.write(text, 1, 'utf8');
  return hash('sha256', textScratch.subarray(0, 1 + n), 'buffer');
}
let textScratch = Buffer.allocUnsafe(16 * 1024);

export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== 32 || right.length !== 32)
    return createHash('sha256')
      .update(Buffer.from([0x01]))
      .update(left)
      .update(right)
      .digest();
  scratch[0] = 0x01;
  left.copy(scratch, 1);
  right.copy(scratch, 33);
  return hash('sha256', scratch, 'buffer');
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
