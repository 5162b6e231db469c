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
 * - `unchained`: a record from before the hash chain existed (seq NULL): not verifiable.
 */
export const VERDICT_KINDS = ['modified', 'missing', 'reordered', 'forged', 'truncated', 'bad_signature', 'unknown_key', 'unchained'] as const;
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
