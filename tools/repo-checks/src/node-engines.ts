import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import semver from 'semver';
import { REPO_ROOT } from './repo-files.js';

/** An installed package whose `engines.node` does not cover every Node version the repository claims. */
export interface EngineConflict {
  /** Install path relative to the repository root, e.g. `node_modules/cookie`. */
  path: string;
  name: string;
  version: string;
  requires: string;
}

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: unknown };
  workspaces?: string[];
}

function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** The root `engines.node` range: what the repository promises to run on. */
export function claimedNodeRange(root: string = REPO_ROOT): string {
  const range = readManifest(root)?.engines?.node;
  if (typeof range !== 'string' || semver.validRange(range) === null) throw new Error('package.json has no valid engines.node');
  return range;
}

/** Every `node_modules` folder of the install: the root's and each workspace's. */
function nodeModulesRoots(root: string): string[] {
  const roots = [join(root, 'node_modules')];
  for (const pattern of readManifest(root)?.workspaces ?? []) {
    const parts = pattern.split('/');
    const base = join(root, ...parts.filter((p) => p !== '*'));
    const dirs = parts.at(-1) === '*' && existsSync(base) ? readdirSync(base).map((d) => join(base, d)) : [base];
    roots.push(...dirs.map((d) => join(d, 'node_modules')));
  }
  return roots.filter((d) => existsSync(d));
}

/**
 * Walks every installed package (nested `node_modules` included, workspace links skipped) and
 * returns those whose `engines.node` is narrower than `claimed`: on some Node version the
 * repository claims, npm would warn and the package may not work. Packages without an engines
 * field claim nothing and pass.
 */
export function engineConflicts(claimed: string, root: string = REPO_ROOT): EngineConflict[] {
  const conflicts: EngineConflict[] = [];
  const visitPackage = (dir: string): void => {
    const manifest = readManifest(dir);
    const requires = manifest?.engines?.node;
    if (typeof requires === 'string' && !semver.subset(claimed, requires)) {
      conflicts.push({
        path: relative(root, dir).split(sep).join('/'),
        name: manifest?.name ?? '?',
        version: manifest?.version ?? '?',
        requires,
      });
    }
    const nested = join(dir, 'node_modules');
    if (existsSync(nested)) visitFolder(nested);
  };
  const visitFolder = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      // Symbolic links are the workspaces themselves; `.bin`, `.cache` and the like hold no packages.
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dir = join(folder, entry.name);
      if (entry.name.startsWith('@')) visitFolder(dir);
      else visitPackage(dir);
    }
  };
  for (const folder of nodeModulesRoots(root)) visitFolder(folder);
  return conflicts.sort((a, b) => a.path.localeCompare(b.path));
}
