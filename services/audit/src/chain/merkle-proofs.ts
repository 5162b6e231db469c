import { nodeHash, splitPoint, subtreeRoot, type Hash } from './merkle-tree.js';

/**
 * Inclusion and consistency proofs of RFC 9162 §2.1.3 and §2.1.4 over a list of leaf hashes.
 * Generation follows the recursive PATH / SUBPROOF definitions (O(n) per proof, fine for a CLI);
 * verification follows the iterative algorithms of §2.1.3.2 and §2.1.4.2, including the checks
 * that the proof is fully consumed (`sn == 0`), which keeps a proof from passing for a wrong size.
 */

/** Audit path of leaf `index` in the tree of `leaves[0, size)`. */
export function inclusionProof(leaves: readonly Hash[], index: number, size = leaves.length): Hash[] {
  if (!(index >= 0 && index < size && size <= leaves.length)) throw new RangeError('leaf index outside the tree');
  const path: Hash[] = [];
  const walk = (m: number, from: number, to: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, from, from + k);
      path.push(subtreeRoot(leaves, from + k, to));
    } else {
      walk(m - k, from + k, to);
      path.push(subtreeRoot(leaves, from, from + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** Proof that the tree of the first `first` leaves is a prefix of the tree of `second` leaves. */
export function consistencyProof(leaves: readonly Hash[], first: number, second = leaves.length): Hash[] {
  if (!(first >= 1 && first <= second && second <= leaves.length)) throw new RangeError('sizes outside the tree');
  const proof: Hash[] = [];
  const sub = (m: number, from: number, to: number, complete: boolean): void => {
    const n = to - from;
    if (m === n) {
      if (!complete) proof.push(subtreeRoot(leaves, from, to));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, from, from + k, complete);
      proof.push(subtreeRoot(leaves, from + k, to));
    } else {
      sub(m - k, from + k, to, false);
      proof.push(subtreeRoot(leaves, from, from + k));
    }
  };
  sub(first, 0, second, true);
  return proof;
}

/** RFC 9162 §2.1.3.2: does `path` prove leaf `index` (hash `leaf`) in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Hash, index: number, size: number, path: readonly Hash[], root: Hash): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (first, firstRoot) is a prefix of (second, secondRoot)? */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!(first >= 1 && first <= second)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}
