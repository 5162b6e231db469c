/**
 * References a clone of the repository cannot follow: the design document that lived outside it
 * (its content is now docs/architecture.md), the shared folder beside the checkout, issue numbers
 * of a tracker the clone does not have, the outside style guide, and the product notes other than
 * seed 000 (whose copy is in the repository: docs/architecture.md says where).
 */
export const FORBIDDEN_REFERENCES: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'outside design document', pattern: /\bDESIGN(?:\.md|\s*§)/ },
  { name: 'shared folder outside the repository', pattern: /\.\.\/shared\b/ },
  { name: 'issue number', pattern: /\bissues? #?\d+/i },
  { name: 'outside style guide', pattern: /\bSTYLE\.md\b/ },
  { name: 'seed outside the repository', pattern: /\bseed 00[1-9]\b/i },
];

/**
 * Files and folders (ending in `/`) not scanned, e.g. while another branch rewrites them: empty
 * now. A stale entry is reported by `staleAllowlistEntries`.
 */
export const COMMENT_SCAN_ALLOWLIST: readonly string[] = [];

export const SCANNED_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.sh', '.yml', '.yaml', '.md'] as const;

/** Languages whose comments start with `#`. */
const hashComments = (path: string): boolean => /\.(sh|ya?ml)$/.test(path);

export const isAllowlisted = (path: string, allowlist: readonly string[] = COMMENT_SCAN_ALLOWLIST): boolean =>
  allowlist.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry));

/**
 * The comment text of each line, by line number. Markdown is prose throughout. Shell, YAML: from a `#`
 * that starts the line or follows a space. TypeScript/JavaScript: a line inside or opening a block
 * comment (this repository writes them ` * …`), or the part after `//` when it starts the line or
 * follows a space (so `https://` in a string is not taken for a comment). A heuristic, not a
 * parser: it can only read too much, never miss a comment written in the repository's style.
 */
export function commentLines(path: string, text: string): { line: number; text: string }[] {
  const lines = text.split('\n');
  if (path.endsWith('.md')) return lines.map((t, i) => ({ line: i + 1, text: t }));
  const out: { line: number; text: string }[] = [];
  let inBlock = false;
  lines.forEach((raw, i) => {
    const t = raw.trim();
    let comment = '';
    if (hashComments(path)) {
      const at = t.startsWith('#') ? 0 : raw.indexOf(' #');
      if (at >= 0) comment = raw.slice(at);
    } else if (inBlock || t.startsWith('/*') || t.startsWith('*')) {
      comment = raw;
    } else {
      const at = t.startsWith('//') ? raw.indexOf('//') : raw.indexOf(' //');
      const open = raw.indexOf('/*');
      if (at >= 0) comment = raw.slice(at);
      else if (open >= 0) comment = raw.slice(open);
    }
    if (!hashComments(path)) {
      if (t.includes('/*') && !t.includes('*/', t.lastIndexOf('/*'))) inBlock = true;
      else if (inBlock && t.includes('*/')) inBlock = false;
    }
    if (comment !== '') out.push({ line: i + 1, text: comment });
  });
  return out;
}

export interface Finding {
  readonly path: string;
  readonly line: number;
  readonly reference: string;
  readonly text: string;
}

/** Every forbidden reference in the comments of one file. */
export function scanFile(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const { line, text: comment } of commentLines(path, text)) {
    for (const { name, pattern } of FORBIDDEN_REFERENCES) {
      if (pattern.test(comment)) findings.push({ path, line, reference: name, text: comment.trim().slice(0, 160) });
    }
  }
  return findings;
}

/** Every forbidden reference in the given files, skipping the allowlist. */
export function scanFiles(
  files: readonly string[],
  read: (path: string) => string,
  allowlist: readonly string[] = COMMENT_SCAN_ALLOWLIST,
): Finding[] {
  return files.filter((f) => !isAllowlisted(f, allowlist)).flatMap((f) => scanFile(f, read(f)));
}

/** Allowlist entries that match no file (moved or deleted): tighten the list. */
export function staleAllowlistEntries(files: readonly string[], allowlist: readonly string[] = COMMENT_SCAN_ALLOWLIST): string[] {
  return allowlist.filter((entry) => !files.some((f) => isAllowlisted(f, [entry])));
}
