import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives at `tools/repo-checks/src/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Folders that hold generated, installed or local-only files, never sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', '.stack', 'data', 'coverage', 'results']);

/**
 * Every file under the repository whose name ends with one of `extensions`, as repository paths
 * with `/` separators, sorted. A walk rather than `git ls-files`, so the check also runs on an
 * exported tree without `.git`.
 */
export function listRepoFiles(extensions: readonly string[], root: string = REPO_ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext))) {
        found.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}
