import { parseTables } from './markdown-table.js';

/** Column names of a control table in docs/compliance.md. */
export const COLUMNS = { control: 'Control', code: 'Implemented by', tests: 'Proven by', gap: 'Gap' } as const;

/** A test file of one of the three tiers (the tier is in the file name). */
export const TEST_FILE = /\.(unit|int|e2e)\.test\.ts$/;

export interface ControlRow {
  readonly line: number;
  /** The Control cell as written (ids and the control's own words). */
  readonly control: string;
  /** HIPAA (`§164.312(b)`) and NIST 800-53 (`AU-9`, `IA-2(1)`) ids named in the Control cell. */
  readonly ids: readonly string[];
  readonly code: readonly string[];
  readonly tests: readonly string[];
  /** The Gap cell, empty when it is blank or a dash. */
  readonly gap: string;
}

const HIPAA_ID = /§\s?16\d\.\d{3}(?:\([a-zA-Z0-9]+\))*/g;
const NIST_ID = /\b(?:AC|AU|IA|SC)-\d+(?:\(\d+\))?/g;

/** Control ids named in a cell, normalised (`§ 164.312(b)` → `§164.312(b)`). */
export function controlIds(text: string): string[] {
  const hipaa = [...text.matchAll(HIPAA_ID)].map((m) => m[0].replace(/\s/g, ''));
  return [...hipaa, ...[...text.matchAll(NIST_ID)].map((m) => m[0])];
}

/**
 * Repository paths cited in backticks: a token with a `/` (a folder ends with one), or a file name
 * with an extension (then it must be at the root, so bare names like `config.ts` fail the check).
 * Routes (`/v1/…`), placeholders (`{tenant}`, `<group>`, `…`), globs and URLs are not paths.
 */
export function citedPaths(text: string): string[] {
  const paths: string[] = [];
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const token = m[1] ?? '';
    if (/[{}<>…*:?#=]/.test(token) || token.startsWith('/') || token.startsWith('.')) continue;
    const nested = token.includes('/') && /^[\w@.-]+(?:\/[\w@.-]+)*\/?$/.test(token);
    const file = /^[A-Za-z][\w.-]*\.(?:md|json|ya?ml|sh|ts|js|mjs)$/.test(token);
    if (nested || file) paths.push(token);
  }
  return paths;
}

/** The control rows of every table that has a "Proven by" column. */
export function parseControlRows(markdown: string): ControlRow[] {
  return parseTables(markdown)
    .filter((t) => t.headers.includes(COLUMNS.tests) && t.headers.includes(COLUMNS.control))
    .flatMap((t) =>
      t.rows.map((r) => {
        const cell = (name: string) => r.cells[name] ?? '';
        const gap = cell(COLUMNS.gap).trim();
        return {
          line: r.line,
          control: cell(COLUMNS.control),
          ids: controlIds(cell(COLUMNS.control)),
          code: citedPaths(cell(COLUMNS.code)),
          tests: citedPaths(cell(COLUMNS.tests)),
          gap: /^(—|-|–)?$/.test(gap) ? '' : gap,
        };
      }),
    );
}

export interface ComplianceCheckInput {
  readonly markdown: string;
  /** True when the repository path exists (a file, or a folder for a path ending in `/`). */
  readonly exists: (path: string) => boolean;
  /** Control ids that must each have a row with at least one test. */
  readonly requiredIds: readonly string[];
  /** Controls named by their own words (seed titles) that must each have a row. */
  readonly requiredTitles: readonly string[];
  /** Terms that must appear somewhere in the document (seed audit event types, data classes). */
  readonly requiredTerms: readonly string[];
}

/** Every problem with docs/compliance.md, one line each; empty when it holds. */
export function checkComplianceDoc(input: ComplianceCheckInput): string[] {
  const problems: string[] = [];
  const rows = parseControlRows(input.markdown);
  if (rows.length === 0) problems.push('no control table (a table with "Control" and "Proven by" columns)');
  for (const path of [...new Set(citedPaths(input.markdown))]) {
    if (!input.exists(path)) problems.push(`cited path does not exist: ${path}`);
  }
  for (const row of rows) {
    const where = `line ${row.line} (${row.control.slice(0, 60)})`;
    for (const test of row.tests) {
      if (!TEST_FILE.test(test)) problems.push(`${where}: "Proven by" cites a file that is not a test: ${test}`);
    }
    if (row.tests.length === 0 && row.gap === '') problems.push(`${where}: no test and no gap note`);
  }
  for (const id of input.requiredIds) {
    const proven = rows.some((r) => r.ids.includes(id) && r.tests.some((t) => TEST_FILE.test(t)));
    if (!proven) problems.push(`control ${id} has no row with a test`);
  }
  for (const title of input.requiredTitles) {
    if (!rows.some((r) => r.control.includes(title))) problems.push(`control "${title}" has no row`);
  }
  for (const term of input.requiredTerms) {
    if (!input.markdown.includes(term)) problems.push(`"${term}" is not mentioned`);
  }
  return problems;
}
