import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMENT_SCAN_ALLOWLIST, SCANNED_EXTENSIONS, scanFile, scanFiles, staleAllowlistEntries } from './comment-scan.js';
import { listRepoFiles, REPO_ROOT } from './repo-files.js';

// Samples are assembled so that this file's own comments and strings never hold a reference.
const design = ['DESIGN', '§5'].join(' ');
const issue = ['Issue', '5'].join(' ');
const shared = ['..', 'shared', 'seeds'].join('/');

describe('comment scan', () => {
  it('finds each kind of outside reference in TypeScript, shell, YAML and markdown comments', () => {
    const ts = [`/**`, ` * Gates (${design}).`, ` */`, `const x = 1; // ${issue} §3`, `// see ${shared}`].join('\n');
    expect(scanFile('a.ts', ts).map((f) => [f.line, f.reference])).toEqual([
      [2, 'outside design document'],
      [4, 'issue number'],
      [5, 'shared folder outside the repository'],
    ]);
    expect(scanFile('a.sh', `echo ok # ${issue}\n`).map((f) => f.reference)).toEqual(['issue number']);
    expect(scanFile('a.yml', `image: x # ${design}\nname: '${issue}'\n`).map((f) => f.line)).toEqual([1]);
    expect(scanFile('a.md', `As ${['STYLE', 'md'].join('.')} says.\n`).map((f) => f.reference)).toEqual(['outside style guide']);
    const seed = (n: string) => ['seed', n].join(' ');
    expect(scanFile('a.ts', `// buckets (${seed('003')})\n// screen (${seed('000')})\n`).map((f) => [f.line, f.reference])).toEqual([
      [1, 'seed outside the repository'],
    ]);
  });

  it('reads code as code: a URL or the word in a string is not a comment', () => {
    const ts = [`const url = 'https://example.invalid/${issue}';`, `const s = "${design}";`].join('\n');
    expect(scanFile('a.ts', ts)).toEqual([]);
  });

  it('skips allowlisted files and folders, and reports entries that match nothing', () => {
    const files = ['a/keep.ts', 'b/skip.ts', 'c/d.ts'];
    const read = () => `// ${issue}\n`;
    expect(scanFiles(files, read, ['b/', 'c/d.ts']).map((f) => f.path)).toEqual(['a/keep.ts']);
    expect(staleAllowlistEntries(files, ['b/', 'gone/', 'c/d.ts'])).toEqual(['gone/']);
  });

  it('the repository has no outside reference in a comment or document, apart from the allowlist', () => {
    const files = listRepoFiles(SCANNED_EXTENSIONS);
    expect(files.length).toBeGreaterThan(100);
    const findings = scanFiles(files, (p) => readFileSync(join(REPO_ROOT, p), 'utf8'));
    expect(findings.map((f) => `${f.path}:${f.line} ${f.reference}: ${f.text}`)).toEqual([]);
    expect(staleAllowlistEntries(files, COMMENT_SCAN_ALLOWLIST)).toEqual([]);
  });
});
