import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../settings/tenant-settings.js';
import { evaluateGates } from './evaluate-gates.js';
import { PROBE_OK, unprobed } from './gate-inputs.js';
import { buildReadinessView, renderReadinessText } from './readiness-view.js';
import { embeddedEnvFacts } from './sandbox-inputs.js';

/** Seed 000 verbatim (copied from the shared seeds so the test runs on a fresh clone). */
const SEED = readFileSync(fileURLToPath(new URL('../../test/seed-000-readiness-screen.txt', import.meta.url)), 'utf8');
/** The readiness part of the screen: everything before the static RBAC/resources reference sections. */
const SEED_READINESS = SEED.slice(0, SEED.indexOf('\n\nAuth / RBAC Readiness'));

function sandboxView() {
  const evaluation = evaluateGates({
    settings: DEFAULT_TENANT.settings,
    env: embeddedEnvFacts(),
    probes: { ...unprobed(), databaseRlsForced: PROBE_OK },
    auditHealthy: true,
  });
  const state = {
    tenantId: DEFAULT_TENANT.id,
    version: 1,
    issuedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:00:03.000Z',
    halted: false,
    haltReasons: [],
    ...evaluation,
  };
  return buildReadinessView(state, DEFAULT_TENANT.displayName);
}

describe('readiness view of the embedded default tenant', () => {
  it('given the sandbox, when rendered as text, then it reproduces seed 000 from the title to the tenant controls, line for line', () => {
    expect(SEED_READINESS.length).toBeGreaterThan(4000);
    expect(renderReadinessText(sandboxView())).toBe(SEED_READINESS);
  });

  it(
    'given the sandbox, when served as JSON, then it says 0/8 ready, PHI mode disabled / synthetic-only, BAA blocked and ' +
      'lists the six missing variables',
    () => {
      const view = sandboxView();
      expect(view).toMatchObject({
        readyCount: 0,
        gateCount: 8,
        phiMode: 'disabled',
        phiModeLabel: 'Disabled / synthetic-only',
        tenant: { displayName: 'South Metro Fire Rescue' },
      });
      expect(view.gates.find((g) => g.id === 'baa')?.status).toBe('blocked');
      expect(view.blockers.filter((b) => b.startsWith('Missing environment: '))).toHaveLength(6);
      expect(view.gates.find((g) => g.id === 'phi_mode')?.evidence.map((e) => e.text)).toContain('Demo storage only: true');
      expect(JSON.stringify(view)).not.toMatch(/arn:aws|s3:\/\//);
    },
  );
});
