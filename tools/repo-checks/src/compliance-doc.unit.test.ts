import { describe, expect, it } from 'vitest';
import { checkComplianceDoc, citedPaths, controlIds, parseControlRows } from './compliance-doc.js';

const EXISTING = new Set([
  'services/a/src/guard.ts',
  'services/a/src/guard.unit.test.ts',
  'e2e/src/drill.e2e.test.ts',
  'docs/',
  'README.md',
]);
const exists = (p: string) => EXISTING.has(p);

const doc = (rows: string[]) =>
  ['# Compliance', '', '| Control | Implemented by | Proven by | Gap |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');

const GOOD = doc([
  '| §164.312(b) Audit controls | `services/a/src/guard.ts` | `services/a/src/guard.unit.test.ts` | — |',
  '| AU-9, IA-2(1) | `services/a/src/guard.ts` | `e2e/src/drill.e2e.test.ts` | partly: see `docs/` |',
  '| **BAA gate before PHI** | legal | — | Agreement is signed outside the software. |',
]);

const check = (markdown: string) =>
  checkComplianceDoc({
    markdown,
    exists,
    requiredIds: ['§164.312(b)', 'AU-9', 'IA-2(1)'],
    requiredTitles: ['BAA gate before PHI'],
    requiredTerms: ['Compliance'],
  });

describe('docs/compliance.md checker', () => {
  it('reads control ids, cited paths and the gap of each row', () => {
    expect(controlIds('§ 164.308(a)(1)(ii)(D), AU-12, IA-2(1) and SC-8')).toEqual(['§164.308(a)(1)(ii)(D)', 'AU-12', 'IA-2(1)', 'SC-8']);
    expect(citedPaths('`a/b.ts`, `README.md`, `docs/`, `/v1/x`, `{t}/a`, `audit.events`, `dlq.<g>`, `x:y/z`')).toEqual([
      'a/b.ts',
      'README.md',
      'docs/',
    ]);
    const rows = parseControlRows(GOOD);
    expect(rows.map((r) => [r.ids, r.tests.length, r.gap !== ''])).toEqual([
      [['§164.312(b)'], 1, false],
      [['AU-9', 'IA-2(1)'], 1, true],
      [[], 0, true],
    ]);
  });

  it('passes a document whose paths exist and whose required controls each have a test', () => {
    expect(check(GOOD)).toEqual([]);
  });

  it('fails on a cited test or code path that does not exist', () => {
    const bad = GOOD.replace('guard.unit.test.ts', 'gone.unit.test.ts').replace(
      '`services/a/src/guard.ts` | `e2e',
      '`services/a/src/gone.ts` | `e2e',
    );
    expect(check(bad)).toEqual([
      'cited path does not exist: services/a/src/gone.unit.test.ts',
      'cited path does not exist: services/a/src/gone.ts',
    ]);
  });

  it('fails when a required control has no row with a test, or a test cell cites a non-test file', () => {
    const bad = GOOD.replace('`e2e/src/drill.e2e.test.ts`', '`services/a/src/guard.ts`');
    const problems = check(bad);
    expect(problems).toContain('control AU-9 has no row with a test');
    expect(problems).toContain('control IA-2(1) has no row with a test');
    expect(problems.some((p) => p.includes('cites a file that is not a test: services/a/src/guard.ts'))).toBe(true);
  });

  it('fails on a row with neither a test nor a gap, a missing seed control and a missing term', () => {
    const bad = GOOD.replace('Agreement is signed outside the software.', '—').replace('**BAA gate before PHI**', '**BAA**');
    expect(check(bad.replace('# Compliance', '# Controls'))).toEqual([
      'line 7 (**BAA**): no test and no gap note',
      'control "BAA gate before PHI" has no row',
      '"Compliance" is not mentioned',
    ]);
  });

  it('fails on a document without a control table', () => {
    expect(check('# Compliance\n')).toContain('no control table (a table with "Control" and "Proven by" columns)');
  });
});
