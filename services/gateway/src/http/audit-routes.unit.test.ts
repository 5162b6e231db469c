import { randomUUID } from 'node:crypto';
import { decodeEvent, TOPIC, type AuditRecordView } from '@medicdraft/contracts';
import { createIncidentKeyer, secret } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchableBus } from '../testing/switchable-bus.js';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

const base = `/v1/tenants/${TENANT_A.id}/audit`;
const keyer = createIncidentKeyer(secret('an-incident-key-secret-for-gateway-tests'));
const INCIDENT = 'EMS-2026/0099';

/**
 * The audit screen's routes through the whole gateway (guard, display names, exports, reports)
 * over the in-memory audit API, and the client address on the access records the gateway writes.
 */
describe('audit screen routes', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let qa: SignedIn;
  let provider: SignedIn;
  let dictationId: string;
  const { bus, sent, close: closeBus } = switchableBus();
  const headers = (s: SignedIn) => ({ cookie: s.cookie });

  const record = (seq: number, over: Partial<AuditRecordView>): AuditRecordView => ({
    seq,
    eventId: randomUUID(),
    type: 'narrative.viewed',
    version: 1,
    occurredAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
    actor: { type: 'user', id: provider.userId, role: 'provider' },
    correlationId: dictationId,
    causationId: null,
    resourceIds: { dictationId },
    service: 'gateway',
    sourceAddress: '198.51.100.7',
    outcome: 'success',
    outcomeDetail: null,
    prevHash: String(seq - 1)
      .repeat(64)
      .slice(0, 64),
    hash: String(seq).repeat(64).slice(0, 64),
    ...over,
  });

  beforeAll(async () => {
    h = await startGatewayHarness({ withNarrative: true, bus, incidentKey: keyer });
    qa = await h.login(TENANT_A.id, 'qa');
    provider = await h.login(TENANT_A.id, 'provider');
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/dictations`,
      headers: { ...headers(provider), 'x-csrf-token': provider.csrf },
      payload: { text: 'Synthetic: fall, hip pain.', synthetic: true },
    });
    expect(created.statusCode).toBe(202);
    dictationId = created.json().dictationId;
    await h.narrate(dictationId, 'Synthetic: fall, hip pain.');
    const seed = (r: AuditRecordView) =>
      h.audit.seed(TENANT_A.id, {
        record: r,
        proof: {
          eventId: r.eventId,
          leafIndex: r.seq - 1,
          chainHash: r.hash,
          inclusionPath: [],
          checkpoint: {
            tenantId: TENANT_A.id,
            treeSize: r.seq,
            rootHash: 'c'.repeat(64),
            keyId: 'ed25519-0000000000000000',
            algorithm: 'ed25519',
            signature: 'AA==',
            issuedAt: new Date(0).toISOString(),
            publicKeyPem: 'none',
          },
        },
      });
    seed(record(1, {}));
    seed(record(2, { type: 'narrative.copied' }));
    seed(record(3, { type: 'auth.login', actor: { type: 'user', id: qa.userId, role: 'qa' }, resourceIds: {} }));
  });
  afterAll(async () => {
    await h?.close();
    await closeBus();
  });

  it("a narrative view is recorded with the client's address as the gateway saw it", async () => {
    const res = await h.inject({
      method: 'GET',
      url: `/v1/tenants/${TENANT_A.id}/dictations/${dictationId}/narrative`,
      headers: headers(provider),
      remoteAddress: '::ffff:203.0.113.44',
    });
    expect(res.statusCode).toBe(200);
    const last = sent
      .filter((r) => r.topic === TOPIC.NARRATIVE_VIEWED)
      .map((r) => decodeEvent(r.value, TOPIC.NARRATIVE_VIEWED))
      .at(-1);
    expect(last?.ok && last.value).toMatchObject({ sourceAddress: '203.0.113.44', actor: { id: provider.userId } });
  });

  it('sign-ins and refusals carry the address too', async () => {
    const res = await h.inject({ method: 'GET', url: `${base}/search`, headers: headers(provider), remoteAddress: '2001:db8::5' });
    expect(res.statusCode).toBe(403);
    const events = await h.outbox(TENANT_A.id);
    expect(events.filter((e) => e.type === 'access.denied').at(-1)).toMatchObject({ sourceAddress: '2001:db8::5' });
    // The harness completes every first sign-in from its own documentation address (192.0.2.x).
    const logins = events.filter((e) => e.type === 'auth.login');
    expect(logins.length).toBeGreaterThan(0);
    for (const login of logins) expect(login.sourceAddress).toMatch(/^192\.0\.2\.\d+$|^127\.0\.0\.1$/);
  });

  it('search filters by dictation, actor and action, and names the actor', async () => {
    const res = await h.inject({
      method: 'GET',
      url: `${base}/search?dictationId=${dictationId}&type=narrative.copied`,
      headers: headers(qa),
    });
    expect(res.statusCode).toBe(200);
    const [only, ...rest] = res.json().records;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      seq: 2,
      type: 'narrative.copied',
      sourceAddress: '198.51.100.7',
      actorName: expect.stringContaining('@'),
    });
    const byActor = await h.inject({ method: 'GET', url: `${base}/search?actorId=${qa.userId}`, headers: headers(qa) });
    expect(byActor.json().records.map((r: AuditRecordView) => r.seq)).toEqual([3]);
    const bad = await h.inject({ method: 'GET', url: `${base}/search?type=not.a.type`, headers: headers(qa) });
    expect(bad.statusCode).toBe(400);
  });

  it("offers the tenant's people to pick as the actor or the user of a report: id, name, role", async () => {
    const res = await h.inject({ method: 'GET', url: `${base}/actors`, headers: headers(qa) });
    expect(res.statusCode).toBe(200);
    const actors: { id: string; name: string; role: string }[] = res.json().actors;
    expect(actors).toContainEqual({ id: provider.userId, name: expect.stringContaining('@'), role: 'provider' });
    expect(actors).toContainEqual({ id: qa.userId, name: expect.stringContaining('@'), role: 'qa' });
    expect(actors.map((a) => a.name)).toEqual([...actors.map((a) => a.name)].sort((a, b) => a.localeCompare(b)));
    expect(Object.keys(actors[0]!).sort()).toEqual(['id', 'name', 'role']);
  });

  it('exports JSONL and a FHIR Bundle as downloads that keep seq and hash', async () => {
    const jsonl = await h.inject({ method: 'GET', url: `${base}/export?format=jsonl`, headers: headers(qa) });
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-disposition']).toMatch(/^attachment; filename="audit-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecordView);
    expect(lines.map((l) => [l.seq, l.hash])).toEqual([1, 2, 3].map((s) => [s, String(s).repeat(64)]));
    const fhir = await h.inject({ method: 'GET', url: `${base}/export?format=fhir`, headers: headers(qa) });
    expect(fhir.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = fhir.json();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(
      bundle.entry.map((e: { resource: { extension: { valueInteger?: number }[] } }) => e.resource.extension[0]?.valueInteger),
    ).toEqual([1, 2, 3]);
  });

  it('the access report covers one user or one dictation, never neither or both', async () => {
    const byDictation = await h.inject({ method: 'GET', url: `${base}/reports/access?dictationId=${dictationId}`, headers: headers(qa) });
    expect(byDictation.statusCode).toBe(200);
    expect(byDictation.json().records.map((r: AuditRecordView) => r.type)).toEqual(['narrative.viewed', 'narrative.copied']);
    for (const q of ['', `?dictationId=${dictationId}&userId=${qa.userId}`]) {
      const res = await h.inject({ method: 'GET', url: `${base}/reports/access${q}`, headers: headers(qa) });
      expect(res.statusCode).toBe(400);
    }
  });

  it("the access report by incident covers that incident's dictations only, keyed per tenant", async () => {
    const other = randomUUID();
    const checkpoint = { tenantId: TENANT_A.id, treeSize: 92, rootHash: 'c'.repeat(64), keyId: 'k', algorithm: 'ed25519' as const };
    const seedPlain = (r: AuditRecordView) =>
      h.audit.seed(TENANT_A.id, {
        record: r,
        proof: {
          eventId: r.eventId,
          leafIndex: r.seq - 1,
          chainHash: r.hash,
          inclusionPath: [],
          checkpoint: { ...checkpoint, signature: 'AA==', issuedAt: new Date(0).toISOString(), publicKeyPem: 'none' },
        },
      });
    // Another dictation of another incident, viewed too: it must not show.
    seedPlain(
      record(90, { type: 'dictation.text.created', resourceIds: { dictationId: other, incidentKey: keyer(TENANT_A.id, 'EMS-OTHER') } }),
    );
    seedPlain(record(91, { resourceIds: { dictationId: other } }));
    // The created event of the incident's dictation, keyed as ingest keys it (case and blanks do not matter).
    seedPlain(
      record(92, { type: 'dictation.text.created', resourceIds: { dictationId, incidentKey: keyer(TENANT_A.id, 'ems-2026/0099') } }),
    );
    const url = (incident: string) => `${base}/reports/access?incident=${encodeURIComponent(incident)}`;
    const res = await h.inject({ method: 'GET', url: url(` ${INCIDENT} `), headers: headers(qa) });
    expect(res.statusCode).toBe(200);
    expect(res.json().subject).toEqual({ incident: INCIDENT });
    expect(res.json().records.map((r: AuditRecordView) => [r.type, r.resourceIds['dictationId']])).toEqual([
      ['narrative.viewed', dictationId],
      ['narrative.copied', dictationId],
    ]);
    // The same number under tenant B's key names nothing here.
    expect(keyer(TENANT_B.id, INCIDENT)).not.toBe(keyer(TENANT_A.id, INCIDENT));
    for (const bad of ['a b', 'x'.repeat(41)]) {
      expect((await h.inject({ method: 'GET', url: url(bad), headers: headers(qa) })).statusCode).toBe(400);
    }
    const both = await h.inject({ method: 'GET', url: `${url(INCIDENT)}&dictationId=${dictationId}`, headers: headers(qa) });
    expect(both.statusCode).toBe(400);
  });

  it('the accounting lists each copy with its recipient and basis, none accountable', async () => {
    const res = await h.inject({ method: 'GET', url: `${base}/reports/disclosures`, headers: headers(qa) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accountable).toBe(0);
    expect(body.entries).toEqual([
      expect.objectContaining({
        seq: 2,
        type: 'narrative.copied',
        dictationId,
        accountable: false,
        basis: expect.stringMatching(/^treatment/),
      }),
    ]);
  });

  it("a period report is made with the tenant's users' display names (the log holds ids only)", async () => {
    const res = await h.inject({
      method: 'GET',
      url: `${base}/reports/period?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
      headers: headers(qa),
    });
    expect(res.statusCode).toBe(200);
    const asked = h.audit.periodRequests.at(-1)!;
    expect(asked).toMatchObject({ params: { tenantId: TENANT_A.id }, body: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } });
    const names = new Map(asked.body.names?.map((n) => [n.userId, n.name]));
    expect(names.get(provider.userId)).toBe(h.credential(TENANT_A.id, 'provider').email);
    expect(names.get(qa.userId)).toBe(h.credential(TENANT_A.id, 'qa').email);
    // Another tenant's users are not named.
    expect([...names.values()]).not.toContain(h.credential(TENANT_B.id, 'provider').email);
  });

  it('a period report needs from before to', async () => {
    const res = await h.inject({
      method: 'GET',
      url: `${base}/reports/period?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      headers: headers(qa),
    });
    expect(res.statusCode).toBe(400);
  });
});
