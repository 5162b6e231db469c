import { describe, expect, it } from 'vitest';
import { auditCheckpointFixture, controlFixture, globalHaltStateFixture, sandboxGateStateFixture } from '../testing/fixtures.js';
import { CONTROL_TOPICS, type ControlTopic } from '../topics.js';
import { checkpointSigningInput } from './audit-checkpoint.js';
import { ControlSchemas } from './control-registry.js';
import { GateStateSchema, isGateStateExpired, isGlobalHaltState } from './gate-state.js';
import { decodeControlMessage, parseControlMessage } from './parse-control.js';

type Mutable = Record<string, unknown>;
const mutable = (topic: ControlTopic): Mutable => controlFixture(topic) as unknown as Mutable;

function rejects(topic: ControlTopic, input: unknown): void {
  expect(ControlSchemas[topic].safeParse(input).success).toBe(false);
  expect(parseControlMessage(topic, input).ok).toBe(false);
}

/** The field each message is identified by (its Kafka key) and a nested object to tamper with. */
const SHAPE: Record<ControlTopic, { idField: string; nested: (m: Mutable) => Mutable }> = {
  'readiness.gate.state': { idField: 'tenantId', nested: (m) => (m['gates'] as Record<string, Mutable>)['kms'] as Mutable },
  'audit.heartbeat': { idField: 'instanceId', nested: (m) => (m['offsets'] as Mutable[])[0] as Mutable },
  'audit.checkpoint': { idField: 'tenantId', nested: (m) => m },
};

describe.each(CONTROL_TOPICS.map((t) => [t] as const))('%s', (topic) => {
  it('accepts the valid fixture', () => {
    const message = controlFixture(topic);
    expect(parseControlMessage(topic, message)).toEqual({ ok: true, value: message });
    expect(decodeControlMessage(topic, JSON.stringify(message))).toEqual({ ok: true, value: message });
  });

  it('rejects a missing id/tenant field', () => {
    const message = mutable(topic);
    delete message[SHAPE[topic].idField];
    rejects(topic, message);
  });

  it('rejects unknown fields at the top level and nested', () => {
    rejects(topic, { ...mutable(topic), extra: 1 });
    const message = mutable(topic);
    SHAPE[topic].nested(message)['note'] = 'x';
    rejects(topic, message);
  });

  it('rejects an unknown control topic and a domain event in its place', () => {
    expect(parseControlMessage('audit.beat' as ControlTopic, controlFixture(topic))).toMatchObject({
      ok: false,
      error: { code: 'unknown_type' },
    });
    rejects(topic, { type: topic, version: 1 });
  });
});

describe('gate state', () => {
  it('rejects a wrong version and a wrong status', () => {
    for (const version of [-1, 1.5, '1']) rejects('readiness.gate.state', { ...sandboxGateStateFixture(), version });
    const badStatus = sandboxGateStateFixture() as unknown as { gates: Record<string, Mutable> };
    (badStatus.gates['kms'] as Mutable)['status'] = 'green';
    rejects('readiness.gate.state', badStatus);
  });

  it('requires every gate and control (exhaustive) and rejects unknown gates', () => {
    const missingGate = sandboxGateStateFixture() as unknown as { gates: Record<string, unknown> };
    delete missingGate.gates['phi_mode'];
    rejects('readiness.gate.state', missingGate);
    const extraGate = sandboxGateStateFixture() as unknown as { gates: Record<string, unknown> };
    extraGate.gates['vpn'] = { status: 'ready', evidence: [] };
    rejects('readiness.gate.state', extraGate);
    const missingControl = sandboxGateStateFixture() as unknown as { controls: Record<string, unknown> };
    delete missingControl.controls['rbac'];
    rejects('readiness.gate.state', missingControl);
  });

  it('evidence is coded, never free text', () => {
    const state = sandboxGateStateFixture() as unknown as { gates: Record<string, { evidence: unknown[] }> };
    state.gates['kms']!.evidence.push('KMS looks fine to me');
    rejects('readiness.gate.state', state);
    const state2 = sandboxGateStateFixture() as unknown as { gates: Record<string, { evidence: unknown[] }> };
    state2.gates['kms']!.evidence.push({ code: 'kms_key_enabled', ok: true, value: 'yes, by Dr. Smith' });
    rejects('readiness.gate.state', state2);
  });

  it('has a global halt record keyed "*" that carries no gates', () => {
    const halt = globalHaltStateFixture();
    expect(GateStateSchema.parse(halt)).toEqual(halt);
    expect(isGlobalHaltState(halt)).toBe(true);
    expect(isGlobalHaltState(sandboxGateStateFixture())).toBe(false);
    rejects('readiness.gate.state', { ...halt, gates: sandboxGateStateFixture().gates });
    rejects('readiness.gate.state', { ...halt, haltReasons: ['audit is down'] });
    rejects('readiness.gate.state', { ...sandboxGateStateFixture(), tenantId: '*' });
  });

  it('expires at expiresAt (fail closed)', () => {
    const state = sandboxGateStateFixture();
    const expires = Date.parse(state.expiresAt);
    expect(isGateStateExpired(state, expires - 1)).toBe(false);
    expect(isGateStateExpired(state, expires)).toBe(true);
    expect(isGateStateExpired({ expiresAt: 'garbage' }, 0)).toBe(true);
  });

  it('reports union failures by the closest branch, without values', () => {
    const state = sandboxGateStateFixture() as unknown as Mutable;
    state['phiMode'] = 'on';
    const result = parseControlMessage('readiness.gate.state', state);
    expect(result).toMatchObject({ ok: false, error: { issues: [{ path: 'phiMode', code: 'invalid_value' }] } });
  });
});

describe('audit heartbeat', () => {
  it('rejects offsets on non-domain topics and non-decimal offsets', () => {
    const badTopic = mutable('audit.heartbeat');
    badTopic['offsets'] = [{ topic: 'readiness.gate.state', partition: 0, offset: '1' }];
    rejects('audit.heartbeat', badTopic);
    const badOffset = mutable('audit.heartbeat');
    badOffset['offsets'] = [{ topic: 'auth.login', partition: 0, offset: '-1' }];
    rejects('audit.heartbeat', badOffset);
    rejects('audit.heartbeat', { ...mutable('audit.heartbeat'), lagTotal: -1 });
  });
});

describe('audit checkpoint', () => {
  it('requires an Ed25519-sized base64 signature and a hex root', () => {
    rejects('audit.checkpoint', { ...auditCheckpointFixture(), signature: 'AAAA' });
    rejects('audit.checkpoint', { ...auditCheckpointFixture(), rootHash: 'z'.repeat(64) });
    rejects('audit.checkpoint', { ...auditCheckpointFixture(), algorithm: 'rsa' });
  });

  it('signs a stable, versioned tree head', () => {
    const { signature: _s, ...head } = auditCheckpointFixture();
    expect(checkpointSigningInput(head)).toBe(
      ['medicdraft-checkpoint-v1', 'south-metro-fire', '1024', 'a'.repeat(64), 'audit-2025-01', 'ed25519', '2025-03-01T12:00:00.000Z'].join(
        '\n',
      ),
    );
  });
});
