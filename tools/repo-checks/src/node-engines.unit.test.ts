import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { claimedNodeRange, engineConflicts } from './node-engines.js';

describe('Node versions', () => {
  it('the engines field claims Node 22 LTS and 24, and the Node running the tests', () => {
    const claimed = claimedNodeRange();
    for (const version of ['22.13.0', '22.99.0', '24.0.0', '24.99.0', process.versions.node]) {
      expect(semver.satisfies(version, claimed), `${version} in ${claimed}`).toBe(true);
    }
  });

  it('no installed package needs a Node version narrower than the engines field claims', () => {
    expect(engineConflicts(claimedNodeRange())).toEqual([]);
  });
});

describe('engineConflicts', () => {
  const root = mkdtempSync(join(tmpdir(), 'engines-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const pkg = (dir: string, manifest: object) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest));
  };
  pkg('.', { name: 'root', engines: { node: '^20.19.0 || ^22.13.0' }, workspaces: ['services/*'] });
  pkg('node_modules/wide', { name: 'wide', version: '1.0.0', engines: { node: '>=18' } });
  pkg('node_modules/none', { name: 'none', version: '1.0.0' });
  pkg('node_modules/@scope/new', { name: '@scope/new', version: '2.0.0', engines: { node: '>=22' } });
  pkg('node_modules/wide/node_modules/deep', { name: 'deep', version: '3.0.0', engines: { node: '^20.19.0 || >=22.12.0' } });
  pkg('node_modules/wide/node_modules/tight', { name: 'tight', version: '4.0.0', engines: { node: '^20.20.0 || >=22' } });
  pkg('services/a/node_modules/ws-dep', { name: 'ws-dep', version: '5.0.0', engines: { node: '20' } });

  it('finds hoisted, scoped, nested and workspace-local packages that need more than the root claims', () => {
    expect(engineConflicts(claimedNodeRange(root), root).map((c) => `${c.path} ${c.requires}`)).toEqual([
      'node_modules/@scope/new >=22',
      'node_modules/wide/node_modules/tight ^20.20.0 || >=22',
      'services/a/node_modules/ws-dep 20',
    ]);
  });
});
