import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import type { EventPublisher, GateView } from '@medicdraft/platform';
import { toRecord } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DictationStatus, IngestApi, Role } from '@medicdraft/contracts';

export interface IngestApiFixture {
  client: IngestApi;
  gates: GateView;
  /** The bus the service consumes pipeline events from. */
  bus: EventPublisher;
  close(): Promise<void>;
}

const TENANT = 'south-metro-fire';
const OTHER = 'north-valley-ems';
const VIEW_KEYS = ['createdAt', 'dictationId', 'format', 'kind', 'providerId', 'sha256', 'sizeBytes', 'status', 'synthetic'];

interface Who {
  tenantId: string;
  providerId: string;
  role: Role;
}
const as = (w: Who) => ({ params: { tenantId: w.tenantId }, headers: { 'x-provider-id': w.providerId, 'x-actor-role': w.role } });
const on = (w: Who, dictationId: string) => ({ ...as(w), params: { tenantId: w.tenantId, dictationId } });
const text = (w: Who, body: string) => ({ ...as(w), body: { text: body, synthetic: true as const } });
const dictation = (tenantId: string, dictationId: string) => ({ params: { tenantId, dictationId } });

/** A RIFF/WAVE header (what ingest sniffs) followed by `size - 12` bytes of filler. */
export function wavBytes(size: number): Buffer {
  const b = Buffer.alloc(size, 7);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(size - 8, 4);
  b.write('WAVE', 8, 'latin1');
  return b;
}

let version = 0;
function setGate(gates: GateView, tenantId: string, phiMode: 'enabled' | 'disabled', halted = false): void {
  const now = Date.now();
  gates.apply({
    ...sandboxGateStateFixture(tenantId),
    version: ++version,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
    phiMode,
    halted,
    haltReasons: halted ? ['manual'] : [],
  });
}

/**
 * The ingest API's contract (contracts' `ingestApi`), run against its HTTP and in-process forms
 * with the real ingest service behind them: views carry metadata only (no bucket, no object
 * key), gate refusals keep their codes, a foreign or unknown id is 404, audio streams in and is hashed whole,
 * lists page by an opaque cursor, a deletion leaves the row `deleted`.
 */
export function describeIngestApiContract(name: string, setup: () => Promise<IngestApiFixture>): void {
  describe(`ingest API contract: ${name}`, { timeout: 60_000 }, () => {
    let f: IngestApiFixture;
    const who: Who = { tenantId: TENANT, providerId: randomUUID(), role: 'provider' };
    beforeAll(async () => {
      f = await setup();
    });
    afterAll(async () => f?.close());

    it('stores synthetic text and answers a metadata-only view', async () => {
      setGate(f.gates, TENANT, 'disabled');
      const { deduplicated, ...view } = await f.client.submitText(text(who, 'Synthetic CANARY-INGEST-5521 dictation text'));
      expect(deduplicated).toBe(false);
      expect(Object.keys(view).sort()).toEqual(VIEW_KEYS);
      expect(view).toMatchObject({ providerId: who.providerId, kind: 'text', format: 'text', synthetic: true, status: 'received' });
      expect(JSON.stringify(view)).not.toMatch(/CANARY|objectRef|bucket|\/\d{4}\/\d{2}\/\d{2}\//);
      expect(await f.client.get(dictation(TENANT, view.dictationId))).toEqual(view);
      await expect(f.client.get(dictation(OTHER, view.dictationId))).rejects.toMatchObject({ code: 'not_found', status: 404 });
      await expect(f.client.get(dictation(TENANT, randomUUID()))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });

    it('answers a resend of the same content by the same provider with the stored dictation, flagged', async () => {
      setGate(f.gates, TENANT, 'disabled');
      const first = await f.client.submitText(text(who, 'Synthetic dictation sent twice'));
      const again = await f.client.submitText(text(who, 'Synthetic dictation sent twice'));
      expect(again).toEqual({ ...first, deduplicated: true });
    });

    it('streams audio in when PHI mode is enabled and refuses it (423) when disabled', async () => {
      setGate(f.gates, TENANT, 'disabled');
      await expect(f.client.uploadAudio({ ...as(who), body: Readable.from([wavBytes(4096)]) })).rejects.toMatchObject({
        code: 'phi_mode_disabled',
        status: 423,
      });
      setGate(f.gates, TENANT, 'enabled');
      const audio = wavBytes(200 * 1024);
      const chunks = Array.from({ length: 50 }, (_, i) => audio.subarray(i * 4096, (i + 1) * 4096));
      const view = await f.client.uploadAudio({ ...as(who), body: Readable.from(chunks) });
      expect(view).toMatchObject({
        kind: 'audio',
        format: 'wav',
        synthetic: false,
        sizeBytes: audio.length,
        sha256: createHash('sha256').update(audio).digest('hex'),
      });
    });

    it('refuses audio whose declared sha256 differs (400, nothing kept) and accepts it when it matches', async () => {
      setGate(f.gates, TENANT, 'enabled');
      const uploader: Who = { tenantId: TENANT, providerId: randomUUID(), role: 'provider' };
      const audio = wavBytes(8192);
      const digest = createHash('sha256').update(audio).digest('hex');
      const declaring = (sha256: string) => ({ ...as(uploader), headers: { ...as(uploader).headers, 'x-content-sha256': sha256 } });
      await expect(f.client.uploadAudio({ ...declaring('0'.repeat(64)), body: Readable.from([audio]) })).rejects.toMatchObject({
        code: 'invalid_request',
        status: 400,
      });
      expect((await f.client.list({ params: { tenantId: TENANT }, query: { providerId: uploader.providerId } })).dictations).toEqual([]);
      const view = await f.client.uploadAudio({ ...declaring(digest), body: Readable.from([audio]) });
      expect(view).toMatchObject({ kind: 'audio', sha256: digest, synthetic: false });
    });

    it('accepts audio declared synthetic while PHI mode is disabled, as a synthetic dictation', async () => {
      setGate(f.gates, TENANT, 'disabled');
      const headers = { ...as(who).headers, 'x-synthetic': 'true' as const };
      const view = await f.client.uploadAudio({ ...as(who), headers, body: Readable.from([wavBytes(4096)]) });
      expect(view).toMatchObject({ kind: 'audio', format: 'wav', synthetic: true, sizeBytes: 4096 });
    });

    it('keeps the halt code (503 pipeline_halted) for text while halted', async () => {
      setGate(f.gates, TENANT, 'disabled', true);
      await expect(f.client.submitText(text(who, 'Synthetic text'))).rejects.toMatchObject({ code: 'pipeline_halted', status: 503 });
    });

    it("pages the tenant's dictations newest first, narrowed to one provider, never another tenant's", async () => {
      setGate(f.gates, TENANT, 'disabled');
      const lister: Who = { tenantId: TENANT, providerId: randomUUID(), role: 'provider' };
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await f.client.submitText(text(lister, `Synthetic list ${i}`))).dictationId);
      const first = await f.client.list({ params: { tenantId: TENANT }, query: { providerId: lister.providerId, limit: 2 } });
      expect(first.dictations.map((d) => d.dictationId)).toEqual([ids[2], ids[1]]);
      expect(Object.keys(first.dictations[0]!).sort()).toEqual(VIEW_KEYS);
      const second = await f.client.list({
        params: { tenantId: TENANT },
        query: { providerId: lister.providerId, limit: 2, cursor: first.nextCursor },
      });
      expect(second).toEqual({ dictations: [expect.objectContaining({ dictationId: ids[0] })] });
      expect((await f.client.list({ params: { tenantId: OTHER } })).dictations).toEqual([]);
      await expect(f.client.list({ params: { tenantId: TENANT }, query: { cursor: 'forged' } })).rejects.toMatchObject({
        code: 'invalid_request',
        status: 400,
      });
    });

    it('filters the list by status: the lifecycle from pipeline events, halted while the gate holds, 400 for an unknown one', async () => {
      setGate(f.gates, TENANT, 'disabled');
      const lister: Who = { tenantId: TENANT, providerId: randomUUID(), role: 'provider' };
      const moving = (await f.client.submitText(text(lister, 'Synthetic moving'))).dictationId;
      const waiting = (await f.client.submitText(text(lister, 'Synthetic waiting'))).dictationId;
      const started = eventFixture('healthscribe.job.started');
      await f.bus.publish([
        toRecord({ ...started, id: randomUUID(), tenantId: TENANT, payload: { ...started.payload, dictationId: moving, attempt: 1 } }),
      ]);
      const ids = async (status: DictationStatus) =>
        (await f.client.list({ params: { tenantId: TENANT }, query: { providerId: lister.providerId, status } })).dictations.map(
          (d) => d.dictationId,
        );
      await expect.poll(() => ids('transcribing')).toEqual([moving]);
      expect(await ids('received')).toEqual([waiting]);
      expect(await ids('halted')).toEqual([]);
      setGate(f.gates, TENANT, 'disabled', true);
      expect(await ids('halted')).toEqual([waiting, moving]);
      expect(await ids('received')).toEqual([]);
      const [halted] = (await f.client.list({ params: { tenantId: TENANT }, query: { providerId: lister.providerId, limit: 1 } }))
        .dictations;
      expect(halted).toMatchObject({ status: 'halted', statusReason: 'halted', statusMessage: expect.stringContaining('halted') });
      setGate(f.gates, TENANT, 'disabled');
      await expect(f.client.list({ params: { tenantId: TENANT }, query: { status: 'stored' as DictationStatus } })).rejects.toMatchObject({
        code: 'invalid_request',
        status: 400,
      });
    });

    it('deletes a dictation (status deleted, idempotent) and answers not_found for an unknown or foreign one', async () => {
      setGate(f.gates, TENANT, 'disabled');
      const view = await f.client.submitText(text(who, 'Synthetic dictation to delete'));
      await expect(f.client.remove(on({ ...who, tenantId: OTHER }, view.dictationId))).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
      await f.client.remove(on({ ...who, role: 'owner' }, view.dictationId));
      expect(await f.client.get(dictation(TENANT, view.dictationId))).toMatchObject({ status: 'deleted' });
      await f.client.remove(on({ ...who, role: 'owner' }, view.dictationId));
      await expect(f.client.remove(on(who, randomUUID()))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });

    it("reprocesses the actor's own dictation as attempt 2, 3, …; another's or an unknown one is 404, a deleted one 409", async () => {
      setGate(f.gates, TENANT, 'disabled');
      const { deduplicated: _, ...view } = await f.client.submitText(text(who, 'Synthetic dictation to run again'));
      expect(await f.client.reprocess(on(who, view.dictationId))).toEqual({ ...view, attempt: 2 });
      expect((await f.client.reprocess(on(who, view.dictationId))).attempt).toBe(3);
      await expect(f.client.reprocess(on({ ...who, providerId: randomUUID() }, view.dictationId))).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
      await expect(f.client.reprocess(on(who, randomUUID()))).rejects.toMatchObject({ code: 'not_found', status: 404 });
      await f.client.remove(on({ ...who, role: 'owner' }, view.dictationId));
      await expect(f.client.reprocess(on(who, view.dictationId))).rejects.toMatchObject({ code: 'conflict', status: 409 });
    });
  });
}
