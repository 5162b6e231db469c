import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AUTH_RBAC_READINESS,
  AWS_RESOURCES,
  AWS_RESOURCES_TITLE,
  PROTECTED_DATA_CLASSES,
  PROTECTED_DATA_CLASSES_TITLE,
  READINESS_CLOSING_STATEMENT,
  SECURITY_CONTROLS,
  SECURITY_CONTROLS_TITLE,
  SERVER_BOUNDARIES,
  BROWSER_PENDING_RECORDINGS_NOTE,
  SERVER_BOUNDARIES_TITLE,
  type ReadinessView,
  type RequiredEnvVarName,
} from '@medicdraft/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT, initialTenantSettings } from '../settings/tenant-settings.js';
import { evaluateGates, type GateInputs } from './evaluate-gates.js';
import { PROBE_OK, probeFailed, unprobed, type ProbeResults } from './gate-inputs.js';
import { buildReadinessView } from './readiness-view.js';
import { configuredEnv, embeddedEnvFacts } from './sandbox-inputs.js';

const SEED = readFileSync(fileURLToPath(new URL('../../test/seed-000-readiness-screen.txt', import.meta.url)), 'utf8');
const BULLET = '  • - ';

/** The non-empty lines of the seed from the line `from` up to (not including) the line `to`. */
function seedLines(from: string, to?: string): string[] {
  const lines = SEED.split('\n').filter((l) => l.trim() !== '');
  const start = lines.indexOf(from);
  const end = to === undefined ? lines.length : lines.indexOf(to);
  expect(start, from).toBeGreaterThanOrEqual(0);
  expect(end, to).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

function takeBullets(lines: string[]): string[] {
  const out: string[] = [];
  while (lines[0]?.startsWith(BULLET)) out.push(lines.shift()!.slice(BULLET.length));
  return out;
}

function view(inputs: GateInputs): ReadinessView {
  const state = {
    tenantId: DEFAULT_TENANT.id,
    version: 1,
    issuedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:00:03.000Z',
    halted: false,
    haltReasons: [],
    ...evaluateGates(inputs),
  };
  return buildReadinessView(state, DEFAULT_TENANT.displayName);
}

const sandbox = (): GateInputs => ({
  settings: DEFAULT_TENANT.settings,
  env: embeddedEnvFacts(),
  probes: { ...unprobed(), databaseRlsForced: PROBE_OK },
  auditHealthy: true,
});
const ALL_ENV: Record<RequiredEnvVarName, string> = {
  AWS_REGION: 'us-east-1',
  AWS_HEALTHSCRIBE_INPUT_BUCKET: 'in',
  AWS_HEALTHSCRIBE_OUTPUT_BUCKET: 'out',
  AWS_HEALTHSCRIBE_KMS_KEY_ARN: 'arn',
  AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: 'arn',
  AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: 'group',
};
const allProbes = (over: Partial<ProbeResults> = {}): ProbeResults =>
  ({ ...Object.fromEntries(Object.keys(unprobed()).map((k) => [k, PROBE_OK])), ...over }) as unknown as ProbeResults;
const production = (probes: ProbeResults): GateInputs => ({
  settings: initialTenantSettings({ baaExecuted: true, baaEvidenceRef: 'vault://legal/baa', mfaRequired: true }),
  env: { configured: configuredEnv(ALL_ENV), databaseConfigured: true, productionAuthConfigured: true, demoStorageOnly: false },
  probes,
  auditHealthy: true,
});
const checklist = (v: ReadinessView, id: string) =>
  Object.fromEntries(v.resources.items.find((r) => r.id === id)!.checklist.map((c) => [c.text, c.state]));

describe('reference sections of the readiness screen: the words are the seed’s', () => {
  it('Auth / RBAC readiness: the summary and its four bullets, verbatim and in order', () => {
    const [summary, ...bullets] = seedLines('Auth / RBAC Readiness', 'Provider');
    expect(AUTH_RBAC_READINESS.title).toBe('Auth / RBAC Readiness');
    expect(AUTH_RBAC_READINESS.summary.text).toBe(summary);
    expect(AUTH_RBAC_READINESS.items.map((i) => i.text)).toEqual(bullets);
    expect(bullets).toHaveLength(4);
  });

  it('Security Controls: the eight controls (category, title, status, requirement, implementation note)', () => {
    const lines = seedLines(SECURITY_CONTROLS_TITLE, PROTECTED_DATA_CLASSES_TITLE);
    const parsed: string[][] = [];
    while (lines.length > 0) parsed.push(lines.splice(0, 5));
    expect(parsed).toHaveLength(8);
    expect(SECURITY_CONTROLS.map((c) => [c.category, c.title, c.seedStatus, c.requirement, c.implementation])).toEqual(parsed);
  });

  it('Protected Data Classes: the five classes with their examples', () => {
    const lines = seedLines(PROTECTED_DATA_CLASSES_TITLE, 'Audit Events');
    const parsed: { title: string; examples: string }[] = [];
    while (lines.length > 0) {
      const [title, examples] = lines.splice(0, 2);
      parsed.push({ title: title!, examples: examples! });
    }
    expect(parsed).toHaveLength(5);
    expect(PROTECTED_DATA_CLASSES).toEqual(parsed);
  });

  it('Required AWS Resources: the seven resources, each with its checklist', () => {
    const lines = seedLines(AWS_RESOURCES_TITLE, SERVER_BOUNDARIES_TITLE);
    const parsed: unknown[] = [];
    while (lines.length > 0) {
      const [provider, title, status, purpose] = lines.splice(0, 4);
      parsed.push([provider, title, status, purpose, takeBullets(lines)]);
    }
    expect(parsed).toHaveLength(7);
    expect(AWS_RESOURCES.map((r) => [r.provider, r.title, r.seedStatus, r.purpose, r.checklist.map((c) => c.text)])).toEqual(parsed);
  });

  it('Server-Side Boundaries: three boundaries with their allowed and blocked lists, then the closing statement', () => {
    const lines = seedLines(SERVER_BOUNDARIES_TITLE);
    const parsed: unknown[] = [];
    while (lines.length > 1) {
      const [title, status, allowedHeading] = lines.splice(0, 3);
      expect(allowedHeading).toBe('Allowed');
      const allowed = takeBullets(lines);
      expect(lines.shift()).toBe('Blocked');
      parsed.push([title, status, allowed, takeBullets(lines)]);
    }
    expect(parsed).toHaveLength(3);
    expect(SERVER_BOUNDARIES.map((b) => [b.title, b.seedStatus, b.allowed.map((l) => l.text), b.blocked.map((l) => l.text)])).toEqual(
      parsed,
    );
    expect(lines).toEqual([READINESS_CLOSING_STATEMENT]);
  });

  it('the sandbox tenant shows the seed’s words and statuses, and no line checked that nothing checks', () => {
    const v = view(sandbox());
    expect(v.authReadiness.summary.text).toBe(AUTH_RBAC_READINESS.summary.text);
    expect(v.authReadiness.items.map((i) => [i.text, i.state])).toEqual([
      ['Production identity provider is not connected.', 'failed'],
      ['MFA enforcement is not connected to a production auth provider.', 'not_checked'],
      ['Server-side session verification is scaffolded but not backed by a production token/session store.', 'not_checked'],
      ['User provisioning and deprovisioning workflow is not connected.', 'not_checked'],
    ]);
    expect(v.securityControls.items.map((c) => c.status)).toEqual(SECURITY_CONTROLS.map((c) => c.seedStatus));
    expect(v.resources.items.map((r) => r.status)).toEqual(AWS_RESOURCES.map((r) => r.seedStatus));
    expect(v.boundaries.items.map((b) => b.status)).toEqual(SERVER_BOUNDARIES.map((b) => b.seedStatus));
    // The browser boundary states the store-and-forward rule of pending recordings, beside the seed's lines.
    expect(v.boundaries.items.find((b) => b.id === 'browser')!.notes).toEqual([BROWSER_PENDING_RECORDINGS_NOTE]);
    expect(v.dataClasses.items).toEqual(PROTECTED_DATA_CLASSES);
    expect(v.closingStatement).toBe(READINESS_CLOSING_STATEMENT);
    // Nothing is configured, so no storage, key or audit probe ran.
    for (const id of ['source_audio_storage', 'output_storage', 'tenant_kms_key', 'data_access_role', 'audit_logging']) {
      expect(
        Object.values(checklist(v, id)).every((s) => s === 'not_checked'),
        id,
      ).toBe(true);
    }
    expect(checklist(v, 'aws_baa')['Signed before PHI']).toBe('failed');
  });
});

describe('reference sections of the readiness screen: live state follows the probes', () => {
  it('given every probe passing, then the probed checklist lines pass and every other line stays "not checked by the system"', () => {
    const v = view(production(allProbes()));
    expect(checklist(v, 'source_audio_storage')).toEqual({
      'Block public access': 'passed',
      'SSE-KMS encryption': 'passed',
      'Tenant-scoped prefixes or buckets': 'not_checked',
      'Lifecycle retention policy': 'passed',
      'Access logs enabled': 'not_checked',
    });
    expect(checklist(v, 'tenant_kms_key')['Key rotation enabled']).toBe('passed');
    expect(checklist(v, 'audit_logging')['Immutable application audit events']).toBe('passed');
    expect(checklist(v, 'aws_baa')['Signed before PHI']).toBe('passed');
    const line = v.resources.items.find((r) => r.id === 'source_audio_storage')!.checklist[0]!;
    expect(line).toEqual({
      text: 'Block public access',
      state: 'passed',
      stateLabel: 'checked by the system: passed',
      evidence: 'Public access blocked on both buckets: true',
    });
    const unbacked = [
      ...AWS_RESOURCES.flatMap((r) => r.checklist),
      ...SERVER_BOUNDARIES.flatMap((b) => [...b.allowed, ...b.blocked]),
      ...AUTH_RBAC_READINESS.items,
    ].filter((l) => l.checkedBy === undefined);
    const shown = [
      ...v.resources.items.flatMap((r) => r.checklist),
      ...v.boundaries.items.flatMap((b) => [...b.allowed, ...b.blocked]),
      ...v.authReadiness.items,
    ];
    for (const l of unbacked) {
      expect(shown.filter((s) => s.text === l.text).map((s) => s.stateLabel)).toContain('not checked by the system');
      expect(shown.filter((s) => s.text === l.text && s.state !== 'not_checked')).toEqual([]);
    }
    expect(v.authReadiness.items[0]).toMatchObject({ text: 'Production identity provider is connected.', state: 'passed' });
  });

  it('given a failing probe, then its lines fail, in every section that cites it, and the resource is not ready', () => {
    const v = view(
      production(allProbes({ bucketsPublicAccessBlocked: probeFailed('misconfigured'), kmsKeyRotation: probeFailed('error') })),
    );
    expect(checklist(v, 'source_audio_storage')['Block public access']).toBe('failed');
    expect(checklist(v, 'output_storage')['Block public access']).toBe('failed');
    expect(checklist(v, 'output_storage')['SSE-KMS encryption']).toBe('passed');
    expect(checklist(v, 'tenant_kms_key')['Key rotation enabled']).toBe('failed');
    const aws = v.boundaries.items.find((b) => b.id === 'aws_services')!;
    expect(aws.blocked.find((l) => l.text === 'Public bucket access')?.state).toBe('failed');
    expect(v.resources.items.find((r) => r.id === 'source_audio_storage')?.status).toBe('planned');
    expect(v.securityControls.items.find((c) => c.id === 'customer_managed_kms')?.status).toBe('planned');
  });
});
