import { randomUUID } from 'node:crypto';
import { decodeEvent, type DomainEvent } from '@medicdraft/contracts';
import { createLogger, createMetrics } from '@medicdraft/platform';
import { createHttpApp } from '@medicdraft/platform/http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startNarrativeFixture, type NarrativeFixture } from '../testing/narrative-fixture.js';

const DICTATION =
  'Dispatched at 1402 for chest pain. Arrived on scene at 1411. 67 year old male complains of chest pain. ' +
  'Gave 324 mg aspirin PO at 1415. We transported emergent to Regional Medical Center. Care transferred to the ED RN.';
const CHECKS = { pass: 1, fail: 0, notApplicable: 0, failedRules: [] };

describe("the client's address on the narrative service's events (internal API over HTTP)", { timeout: 60_000 }, () => {
  let f: NarrativeFixture;
  let app: FastifyInstance;
  beforeAll(async () => {
    f = await startNarrativeFixture({ internalApi: true });
    app = createHttpApp({
      logger: createLogger({ service: 'narrative-test', level: 'silent' }),
      metrics: createMetrics('narrative-test'),
      ops: { checks: () => [], accepting: () => true },
    });
    await f.service.routes?.(app);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await f?.close();
  });

  async function narrated() {
    const tenantId = `t-${randomUUID().slice(0, 8)}`;
    const dictationId = randomUUID();
    f.setGate(tenantId, 'disabled');
    await f.narrate(tenantId, dictationId, DICTATION);
    const call = (method: 'PATCH' | 'POST', path: string, who: { id: string; role: string }, address: string | undefined, body: object) =>
      app.inject({
        method,
        url: `/internal/v1/tenants/${tenantId}/dictations/${dictationId}${path}`,
        headers: { 'x-user-id': who.id, 'x-actor-role': who.role, ...(address === undefined ? {} : { 'x-client-address': address }) },
        payload: body,
      });
    return { dictationId, call };
  }
  const eventsOf = (dictationId: string): DomainEvent[] =>
    f.published
      .filter((r) => r.key === dictationId)
      .flatMap((r) => {
        const d = decodeEvent(r.value);
        return d.ok ? [d.value] : [];
      });

  it('puts it on narrative.edited and every qa.review.* step, and never on the pipeline-made narrative.generated', async () => {
    const { dictationId, call } = await narrated();
    const qa = { id: randomUUID(), role: 'qa' };
    const provider = { id: randomUUID(), role: 'provider' };
    const anchor = { kind: 'section', sectionKey: 'treatment' };
    expect(
      (await call('POST', '/review/comments', qa, '203.0.113.10', { version: 1, anchor, severity: 'major', text: 'Time?' })).statusCode,
    ).toBe(200);
    expect((await call('POST', '/review/return', qa, '203.0.113.11', { version: 1, checks: CHECKS })).statusCode).toBe(200);
    const edit = await call('PATCH', '/narrative', provider, '2001:db8::12', {
      baseVersion: 1,
      text: 'Gave 324 mg aspirin PO at 1415, chewed.',
    });
    expect(edit.statusCode).toBe(200);
    expect((await call('POST', '/review/resubmit', provider, '2001:db8::13', { version: 2 })).statusCode).toBe(200);
    expect((await call('POST', '/review/approve', qa, '203.0.113.14', { version: 2, checks: CHECKS })).statusCode).toBe(200);

    const events = await vi.waitFor(
      () => {
        const all = eventsOf(dictationId);
        expect(all).toHaveLength(6);
        return all;
      },
      { timeout: 5_000 },
    );
    expect(events.map((e) => [e.type, e.sourceAddress])).toEqual([
      ['narrative.generated', undefined],
      ['qa.review.commented', '203.0.113.10'],
      ['qa.review.returned', '203.0.113.11'],
      ['narrative.edited', '2001:db8::12'],
      ['qa.review.resubmitted', '2001:db8::13'],
      ['qa.review.approved', '203.0.113.14'],
    ]);
  });

  it('refuses a value that is not an IP address with 400, without echoing it, and changes nothing', async () => {
    const { dictationId, call } = await narrated();
    const provider = { id: randomUUID(), role: 'provider' };
    for (const bad of ['gateway.internal', '203.0.113.7:443', `${'1:'.repeat(60)}1`]) {
      const res = await call('PATCH', '/narrative', provider, bad, { baseVersion: 1, text: 'Gave 324 mg aspirin PO.' });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain(bad);
    }
    expect(eventsOf(dictationId).map((e) => e.type)).toEqual(['narrative.generated']);
  });
});
