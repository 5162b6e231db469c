import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded-app.js';
import { signInDemoUser, type GatewaySession } from './gateway-session.js';

type Api = GatewaySession['api'];

// Complete (every element stated), so the drafted version can be copied.
const TEXT =
  'Medic 3 was dispatched at 1402 for a 67-year-old male with chest pain. We responded emergent. ' +
  'Arrived on scene at 1411. Patient complains of substernal chest pain. ' +
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94% on room air. We administered 324 mg aspirin PO at 1415. ' +
  'After aspirin the pain decreased to 5 out of 10. We transported emergent to Mercy General Hospital. ' +
  'Care was transferred to the ED RN with the patient in stable condition.';

interface AuditEntry {
  type: string;
  actor: { type: string; id: string };
  sourceAddress: string | null;
}

/**
 * The client's address on every access record a user's request causes, wherever the event is
 * made: the gateway's own (views, copies, denials), ingest's (intake, reprocess, deletion),
 * narrative's (edits, review steps) and readiness's (settings). The embedded app runs the real
 * services in one process, driven over HTTP as the browser would; the audit screen's search is
 * the reader.
 */
describe("the client's address on the audit records of users' requests (embedded app)", { timeout: 180_000 }, () => {
  let dataDir: string;
  let app: Awaited<ReturnType<typeof startEmbedded>>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'medicdraft-client-address-e2e-'));
    app = await startEmbedded(dataDir);
  });
  afterAll(async () => {
    await app?.stop('SIGTERM');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  const signIn = async (role: string): Promise<Api> => (await signInDemoUser(app, app.credentials[0]!.tenant, role)).api;
  const send = async (api: Api, path: string, method: string, body?: object, status = 200) => {
    const res = await api(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect([path, res.status]).toEqual([path, status]);
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };

  it('every record whose actor is a user carries the address, whichever service made the event', async () => {
    const provider = await signIn('provider');
    const qa = await signIn('qa');
    const owner = await signIn('owner');

    const { dictationId } = (await send(provider, '/dictations', 'POST', { text: TEXT, synthetic: true }, 202)) as { dictationId: string };
    await expect.poll(async () => (await provider(`/dictations/${dictationId}/narrative`)).status, { timeout: 60_000 }).toBe(200);
    const review = `/dictations/${dictationId}/review`;
    const comment = { version: 1, anchor: { kind: 'section', sectionKey: 'treatment' }, severity: 'major', text: 'Route of aspirin?' };
    await send(qa, `${review}/comments`, 'POST', comment, 201);
    await send(qa, `${review}/return`, 'POST', { version: 1 });
    const v1 = (await send(provider, `/dictations/${dictationId}/narrative`, 'GET')) as { text: string };
    await send(provider, `/dictations/${dictationId}/narrative`, 'PATCH', { baseVersion: 1, text: `${v1.text} Aspirin was chewed.` });
    await send(provider, `${review}/resubmit`, 'POST', { version: 2 });
    await send(qa, `${review}/approve`, 'POST', { version: 2 });
    await send(provider, `/dictations/${dictationId}/narrative/copy`, 'POST', {});
    await send(provider, `/dictations/${dictationId}/reprocess`, 'POST', undefined, 202);
    await send(owner, `/dictations/${dictationId}`, 'DELETE', undefined, 204);

    const expected = [
      'dictation.text.created',
      'narrative.viewed',
      'qa.review.commented',
      'qa.review.returned',
      'narrative.edited',
      'qa.review.resubmitted',
      'qa.review.approved',
      'narrative.copied',
      'dictation.reprocess.requested',
      'retention.object.deleted',
    ];
    let records: AuditEntry[] = [];
    await expect
      .poll(
        async () => {
          const res = await owner(`/audit/search?dictationId=${dictationId}&limit=200`);
          records = ((await res.json()) as { records: AuditEntry[] }).records;
          return expected.filter((t) => !records.some((r) => r.type === t));
        },
        { timeout: 60_000 },
      )
      .toEqual([]);
    const byUsers = records.filter((r) => r.actor.type === 'user');
    expect(byUsers.filter((r) => r.sourceAddress === null).map((r) => r.type)).toEqual([]);
    expect(new Set(byUsers.map((r) => r.sourceAddress))).toEqual(new Set(['127.0.0.1']));
    // Background work (transcription, drafting) is nobody's request: it carries no address.
    expect(records.filter((r) => r.actor.type === 'service').every((r) => r.sourceAddress === null)).toBe(true);
  });
});
