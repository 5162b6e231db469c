import { randomUUID } from 'node:crypto';
import { decodeControlMessage, decodeEvent, isGlobalHaltState, TOPIC, type DomainEvent, type TenantGateState } from '@medicdraft/contracts';
import type { EventBus, Subscription } from '@medicdraft/platform';

/**
 * What the gate drills watch on the bus, from the drill's own consumer groups: the tenant's
 * pipeline events (decoded envelopes, with the time they arrived here) and every gate state
 * readiness published for it.
 */
export interface PipelineWatch {
  events: { event: DomainEvent; seenAt: number }[];
  gateStates: TenantGateState[];
  /** When each of `gateStates` (same index) arrived here: a state's effect starts when consumers have it, not at its issuedAt. */
  gateStatesSeenAt: number[];
  /** Events of one type, for the drill's tenant. */
  of(type: DomainEvent['type']): DomainEvent[];
  /** dictationId → how many distinct events (by id) of this type name it. */
  perDictation(type: DomainEvent['type']): Map<string, number>;
  /**
   * The tenant's `healthscribe.job.failed` events that ended a job. A retryable one (an engine call
   * that timed out on a loaded box) is retried by scribe, so a drill judges the outcome (one completed
   * job and one output per dictation) and these, not every failed attempt.
   */
  terminalFailures(): DomainEvent[];
  close(): Promise<void>;
}

const WATCHED_TOPICS = [
  TOPIC.DICTATION_TEXT_CREATED,
  TOPIC.DICTATION_AUDIO_CREATED,
  TOPIC.HEALTHSCRIBE_JOB_STARTED,
  TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
  TOPIC.HEALTHSCRIBE_JOB_FAILED,
  TOPIC.READINESS_GATE_CHANGED,
] as const;

/** `extraTopics`: domain topics a drill watches besides WATCHED_TOPICS (e.g. the narrative ones). */
export async function watchPipeline(bus: EventBus, tenantId: string, extraTopics: readonly string[] = []): Promise<PipelineWatch> {
  const topics = [...WATCHED_TOPICS, ...extraTopics];
  await bus.ensureTopics([
    ...topics.map((name) => ({ name, partitions: 6 })),
    { name: TOPIC.READINESS_GATE_STATE, partitions: 6, compacted: true },
  ]);
  const events: PipelineWatch['events'] = [];
  const gateStates: TenantGateState[] = [];
  const gateStatesSeenAt: number[] = [];
  const subs: Subscription[] = [
    await bus.subscribe({
      groupId: `e2e-watch-${randomUUID().slice(0, 8)}`,
      topics,
      fromBeginning: true,
      handler: async (r) => {
        const parsed = decodeEvent(r.value);
        if (parsed.ok && parsed.value.tenantId === tenantId) events.push({ event: parsed.value, seenAt: Date.now() });
        return { action: 'done' };
      },
    }),
    await bus.subscribe({
      groupId: `e2e-watch-gates-${randomUUID().slice(0, 8)}`,
      topics: [TOPIC.READINESS_GATE_STATE],
      fromBeginning: true,
      handler: async (r) => {
        const parsed = decodeControlMessage(TOPIC.READINESS_GATE_STATE, r.value);
        if (parsed.ok && !isGlobalHaltState(parsed.value) && parsed.value.tenantId === tenantId) {
          gateStates.push(parsed.value);
          gateStatesSeenAt.push(Date.now());
        }
        return { action: 'done' };
      },
    }),
  ];
  const of = (type: DomainEvent['type']) => events.filter((e) => e.event.type === type).map((e) => e.event);
  return {
    events,
    gateStates,
    gateStatesSeenAt,
    of,
    perDictation(type) {
      const ids = new Map<string, Set<string>>();
      for (const e of of(type)) {
        const dictationId = (e.payload as { dictationId?: string }).dictationId ?? '?';
        ids.set(dictationId, (ids.get(dictationId) ?? new Set()).add(e.id));
      }
      return new Map([...ids].map(([k, v]) => [k, v.size]));
    },
    terminalFailures() {
      return of(TOPIC.HEALTHSCRIBE_JOB_FAILED).filter((e) => (e.payload as { retryable?: boolean }).retryable !== true);
    },
    async close() {
      for (const s of subs) await s.close();
    },
  };
}
export interface IntakeAnswer {
  sentAt: number;
  answeredAt: number;
  status: number;
  error?: string;
  dictationId?: string;
}

/**
 * POSTs to ingest's internal intake as the gateway would, recording when and what it answered.
 * `providerId`: whose dictation it is (a gateway user's id, when the drill reviews it through the gateway).
 */
export async function postDictation(
  ingestUrl: string,
  tenantId: string,
  kind: 'text' | 'audio',
  body: string | Uint8Array,
  providerId = '2b0f4a52-9c3e-4d1a-8f6b-5e7d9c1a3b20',
): Promise<IntakeAnswer> {
  const sentAt = Date.now();
  const res = await fetch(`${ingestUrl}/internal/v1/tenants/${tenantId}/dictations/${kind}`, {
    method: 'POST',
    headers: {
      'x-provider-id': providerId,
      'x-actor-role': 'provider',
      'content-type': kind === 'text' ? 'application/json' : 'application/octet-stream',
    },
    body: kind === 'text' ? JSON.stringify({ text: body, synthetic: true }) : (body as Uint8Array),
  }).catch(() => undefined);
  const answeredAt = Date.now();
  if (res === undefined) return { sentAt, answeredAt, status: 0 };
  const json = (await res.json().catch(() => ({}))) as { dictationId?: string; error?: string };
  return {
    sentAt,
    answeredAt,
    status: res.status,
    ...(json.error === undefined ? {} : { error: json.error }),
    ...(json.dictationId === undefined ? {} : { dictationId: json.dictationId }),
  };
}

/** `medicdraft_parked_records` of a service for a tenant, from its Prometheus metrics (ops listener). */
export async function parkedRecordsGauge(opsUrl: string, tenantId: string): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('medicdraft_parked_records{') && l.includes(`tenant="${tenantId}"`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
