/**
 * The one form of an e-mail address the gateway stores, looks up and counts sign-in failures
 * under: Unicode NFKC (full-width and other compatibility forms fold to their plain letters),
 * surrounding white space removed, lower case. Applied once at the edge (the request schemas)
 * and again by the repository, so no path can compare two spellings of one account.
 */
export function canonicalEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}
