/**
 * What `medicdraft-audit verify` reports, one verdict per problem (after CloudTrail's
 * `validate-logs`, which reports each log/digest file as valid, modified or deleted):
 * - `modified`: a record's content no longer hashes to its stored hash, or its columns disagree
 *   with its hashed event;
 * - `missing`: sequence numbers absent from the chain (records deleted);
 * - `reordered`: a record links to an existing record other than its sequence predecessor;
 * - `forged`: a record links to no record at all, or the chain is intact but differs from what a
 *   valid signed checkpoint committed to (the log was rewritten and re-hashed);
 * - `truncated`: a valid checkpoint covers more records than the log holds (tail removed);
 * - `bad_signature`: a checkpoint's signature does not verify under its key;
 * - `unknown_key`: a checkpoint names a key id that is not trusted;
 * - `unchained`: a record from before the hash chain existed (seq NULL): not verifiable;
 * - `key_mismatch`: a registered key id is not the id derived from its public key (an id
 *   re-pointed at another key, or a key registered under a chosen id): checkpoints under it are refused;
 * - `anchor_mismatch`: the witness (outside Postgres) holds another head (root or key) at that size;
 * - `anchor_missing`: a database checkpoint the witness never saw, or a witnessed checkpoint the
 *   database no longer holds (history removed together with its checkpoints);
 * - `unanchored_tail`: records no witnessed checkpoint covers, older than the stated bound
 *   (AUDIT_UNANCHORED_MAX_MS): a tail appended behind the checkpointer's back.
 */
export const VERDICT_KINDS = [
  'modified',
  'missing',
  'reordered',
  'forged',
  'truncated',
  'bad_signature',
  'unknown_key',
  'unchained',
  'key_mismatch',
  'anchor_mismatch',
  'anchor_missing',
  'unanchored_tail',
] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export interface Verdict {
  kind: VerdictKind;
  tenantId: string;
  seq?: number;
  eventId?: string;
  treeSize?: number;
  keyId?: string;
  detail: string;
}
