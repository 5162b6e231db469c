import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Which client libraries a program pays for by importing one entry point: the core must load
// none of the adapters' libraries, each adapter subpath only its own. Measured in a fresh node
// process (the test runner itself has everything loaded): CommonJS libraries land in require.cache.
const ADAPTER_LIBRARIES = ['kafkajs', 'pg', 'ioredis', '@aws-sdk/client-s3', '@aws-sdk/client-kms', 'fastify'];

function librariesLoadedBy(specifier: string): string[] {
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(specifier)});
    const cache = Object.keys(createRequire(import.meta.url).cache);
    const libs = ${JSON.stringify(ADAPTER_LIBRARIES)}.filter((l) => cache.some((p) => p.includes('/node_modules/' + l + '/')));
    process.stdout.write(JSON.stringify(libs));`;
  const r = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: import.meta.dirname,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe('@medicdraft/platform entry points', () => {
  it.each([
    ['@medicdraft/platform', []],
    ['@medicdraft/platform/kafka', ['kafkajs']],
    ['@medicdraft/platform/pg', ['pg']],
    ['@medicdraft/platform/redis', ['ioredis']],
    ['@medicdraft/platform/s3', ['@aws-sdk/client-s3']],
    ['@medicdraft/platform/kms', ['@aws-sdk/client-kms']],
    ['@medicdraft/platform/http', ['fastify']],
  ])('%s loads %j of the adapter libraries', (specifier, expected) => {
    expect(librariesLoadedBy(specifier)).toEqual(expected);
  });
});
