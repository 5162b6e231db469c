import { defineConfig } from 'vitest/config';

/**
 * One vitest config per test tier, shared by every workspace (the tier is in the file name:
 * `*.unit|int|e2e.test.ts`). The `development` condition resolves workspace packages to their
 * TypeScript sources, so the unit tier needs no build; Node itself (stack/e2e processes) uses the
 * compiled `dist`. The topology tier (`*.topology.test.ts`) needs the three-broker stack with
 * PgBouncer (`npm run test:topology` brings it up).
 */
export function tierConfig(tier: 'unit' | 'int' | 'e2e' | 'topology') {
  const long = tier !== 'unit';
  return defineConfig({
    resolve: { conditions: ['development'] },
    ssr: { resolve: { conditions: ['development'] } },
    test: {
      include: [`src/**/*.${tier}.test.ts`, `test/**/*.${tier}.test.ts`],
      passWithNoTests: true,
      testTimeout: long ? 120_000 : 60_000,
      hookTimeout: long ? 180_000 : 120_000,
      fileParallelism: !long,
      pool: 'forks',
      // expect.poll gives up after 1 s by default: too short for a server round trip on a loaded CI box.
      expect: { poll: { timeout: long ? 15_000 : 5_000 } },
    },
  });
}
