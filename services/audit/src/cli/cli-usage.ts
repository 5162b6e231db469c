/** The CLI's help text: its own module, so `--help` loads nothing else. */
export const USAGE = `usage: medicdraft-audit <command> [options]
  (DATABASE_URL, KAFKA_BROKERS, AUDIT_WITNESS_BUCKET, AUDIT_UNANCHORED_MAX_MS, AWS_* from the environment)
  verify [--tenant T] [--keys DIR] [--allow-unanchored]   chain, checkpoints, keys, witness; exit 1 on any verdict
  replay --tenant T [--from ISO] [--to ISO] [--source postgres|kafka]   count + replay root of a range
  replay --tenant T --checkpoint N                  root of records 1..N recomputed, beside checkpoint N's
  export --tenant T [--format jsonl|fhir] [--from ISO] [--to ISO]      one JSON line per record
  proof <eventId> [--size N] [--keys DIR]           inclusion proof against a signed checkpoint
  proof --tenant T --first M --second N [--keys DIR]   consistency proof between two checkpoints
  checkpoints list --tenant T [--keys DIR]          stored checkpoints: signature valid, witnessed
  keys add <public.pem>...                          register public keys (key-admin role; see README)
  keys list                                         registered key ids and whether each derives from its key

terms:
  record        one audit row; seq is its place in the tenant's hash chain (from 1)
  checkpoint    a signed tree head: tenant, treeSize (records 1..N), rootHash, keyId, signature
  key id        ed25519- + 16 hex of SHA-256 over the public key (SPKI DER); derived, never chosen
  witness       the store outside Postgres holding every checkpoint (S3 Object Lock, compliance mode)
  anchored      highest checkpoint size that is validly signed, matches the records and is witnessed
  unanchored    records after the anchored size (normal for about one checkpoint interval)
  root          RFC 6962 Merkle root; replay's is over the range's canonical events in (occurredAt, id) order
  digest        SHA-256 over the range's canonical events, newline-separated (a second, simpler check)
  count         events in the replayed range after removing duplicate ids
  verified      the printed proof was checked against the checkpoint's signed root
verdicts (verify): modified, missing, reordered, forged, truncated, bad_signature, unknown_key,
  unchained, key_mismatch, anchor_mismatch, anchor_missing, unanchored_tail (README "Replaying/verifying")
exit: 0 clean, 1 verdicts found, 2 usage or runtime error
`;
