import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkComplianceDoc, parseControlRows } from './compliance-doc.js';
import { REPO_ROOT } from './repo-files.js';
import { REQUIRED_CONTROL_IDS, REQUIRED_CONTROL_TITLES, REQUIRED_TERMS } from './required-controls.js';

/** A cited folder must be a folder, a cited file a file. */
function exists(path: string): boolean {
  const full = join(REPO_ROOT, path);
  if (!existsSync(full)) return false;
  return path.endsWith('/') ? statSync(full).isDirectory() : statSync(full).isFile();
}

describe('docs/compliance.md', () => {
  const markdown = readFileSync(join(REPO_ROOT, 'docs/compliance.md'), 'utf8');

  it('cites only files that exist, proves every required control with a test, and names every seed control', () => {
    const problems = checkComplianceDoc({
      markdown,
      exists,
      requiredIds: REQUIRED_CONTROL_IDS,
      requiredTitles: REQUIRED_CONTROL_TITLES,
      requiredTerms: REQUIRED_TERMS,
    });
    expect(problems).toEqual([]);
  });

  it('links nothing outside the repository (it must stand alone in a clone)', () => {
    const links = [...markdown.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(links.filter((l) => l.startsWith('..') || l.startsWith('/'))).toEqual([]);
    expect(parseControlRows(markdown).length).toBeGreaterThan(30);
  });
});
