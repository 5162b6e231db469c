import { randomUUID } from 'node:crypto';
import { TOPIC, type ServiceName } from '@medicdraft/contracts';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secret } from '../../config/secret.js';
import { BusAccessDeniedError, DependencyUnavailableError } from '../../errors.js';
import { stackConfig, stackServiceSasl } from '../../testing/stack-config.js';
import type { EventBus } from '../event-bus.port.js';
import { createKafkaClient } from '../kafka-client.js';
import { createKafkaEventBus, type KafkaEventBusOptions } from '../kafka-event-bus.js';
import { deleteKafkaAcls, syncKafkaAcls } from './kafka-acl-sync.js';
import { kafkaAclsFor, principalsFromTemplate, type KafkaAcl } from './kafka-acls.js';

/**
 * The broker of the stack enforces what the registry says: only a topic's owner writes it, only
 * its consumers read it, and a client without valid credentials gets nowhere.
 */
describe('kafka ACLs generated from the topic registry, on the stack broker', () => {
  const topicPrefix = `acl-int-${randomUUID().slice(0, 8)}.`;
  const acls = kafkaAclsFor({ topicPrefix, principalFor: principalsFromTemplate('medicdraft-{service}') });
  const guarded = [TOPIC.DICTATION_TEXT_CREATED, TOPIC.AUDIT_HEARTBEAT] as const;
  const admin: Admin = createKafkaClient({ ...stackConfig.kafka, clientId: 'acl-int-admin' }).admin();
  const buses: EventBus[] = [];
  let adminBus: EventBus;

  // Few, short retries: a refusal is final, and an unauthenticated client is only disconnected.
  const busAs = (sasl: KafkaEventBusOptions['sasl'], clientId: string) => {
    const bus = createKafkaEventBus({
      brokers: stackConfig.kafka.brokers,
      clientId,
      topicPrefix,
      ...(sasl === undefined ? {} : { sasl }),
      connectionTimeoutMs: 1_000,
      retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 },
    });
    buses.push(bus);
    return bus;
  };
  const asService = (service: ServiceName) => busAs(stackServiceSasl(service), `acl-int-${service}`);
  const record = (topic: string) => ({ topic, key: 'k', value: JSON.stringify({ probe: randomUUID() }) });
  const highWatermark = async (topic: string): Promise<number> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await admin.fetchTopicOffsets(topicPrefix + topic)).reduce((sum, p) => sum + Number(p.high), 0);
      } catch (err) {
        // Just after creation a partition's leader can still be taking over (NOT_LEADER, retriable)
        // even though the metadata already names it: ask again, for at most ~10 s.
        if (attempt >= 100 || (err as { retriable?: unknown }).retriable !== true) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  beforeAll(async () => {
    await admin.connect();
    await syncKafkaAcls(admin, acls, { topicPrefix, prune: false });
    adminBus = busAs(stackConfig.kafka.sasl, 'acl-int-admin-bus');
    await adminBus.ensureTopics(guarded.map((name) => ({ name, partitions: 1 })));
  });
  afterAll(async () => {
    await Promise.allSettled(buses.map((b) => b.close()));
    await deleteKafkaAcls(admin, acls).catch(() => undefined);
    await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix)) }).catch(() => undefined);
    await admin.disconnect();
  });

  it('a client without credentials cannot produce to dictation.text.created or audit.heartbeat', async () => {
    const anonymous = busAs(undefined, 'acl-int-anonymous');
    for (const topic of guarded) {
      const before = await highWatermark(topic);
      // The SASL listener closes the connection of a client that does not authenticate first.
      await expect(anonymous.publish([record(topic)])).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(await highWatermark(topic)).toBe(before);
    }
  });

  it('a client with a wrong password is refused at authentication', async () => {
    const impostor = busAs({ ...stackServiceSasl('ingest'), password: secret('not-the-password') }, 'acl-int-impostor');
    const err: unknown = await impostor.publish([record(TOPIC.DICTATION_TEXT_CREATED)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusAccessDeniedError);
    expect((err as BusAccessDeniedError).reason).toBe('authentication');
  });

  it("another service's credentials get an authorization error on both topics; nothing is written", async () => {
    for (const [service, topic] of [
      ['narrative', TOPIC.DICTATION_TEXT_CREATED],
      ['narrative', TOPIC.AUDIT_HEARTBEAT],
      ['readiness', TOPIC.AUDIT_HEARTBEAT],
      ['scribe', TOPIC.DICTATION_TEXT_CREATED],
    ] as const) {
      const before = await highWatermark(topic);
      const err: unknown = await asService(service)
        .publish([record(topic)])
        .catch((e: unknown) => e);
      expect(err, `${service} → ${topic}`).toBeInstanceOf(BusAccessDeniedError);
      expect((err as BusAccessDeniedError).reason).toBe('authorization');
      expect(await highWatermark(topic)).toBe(before);
    }
  });

  it('the owning service produces to its topic', async () => {
    for (const [service, topic] of [
      ['ingest', TOPIC.DICTATION_TEXT_CREATED],
      ['audit', TOPIC.AUDIT_HEARTBEAT],
    ] as const) {
      const before = await highWatermark(topic);
      await asService(service).publish([record(topic)]);
      expect(await highWatermark(topic)).toBe(before + 1);
    }
  });

  it('a consumer reads what it consumes, in its own groups, and nothing else', async () => {
    const readiness = asService('readiness');
    const seen = new Promise<string>((resolve) => {
      void readiness.subscribe({
        groupId: 'readiness.acl-int',
        topics: [TOPIC.AUDIT_HEARTBEAT],
        handler: async (r) => (resolve(r.topic), { action: 'done' }),
      });
    });
    await adminBus.publish([record(TOPIC.AUDIT_HEARTBEAT)]);
    expect(await seen).toBe(TOPIC.AUDIT_HEARTBEAT);
    // gateway does not consume audit.heartbeat; and no service may join another service's group.
    await expect(
      asService('gateway').subscribe({
        groupId: 'gateway.acl-int',
        topics: [TOPIC.AUDIT_HEARTBEAT],
        handler: async () => ({ action: 'done' }),
      }),
    ).rejects.toBeInstanceOf(BusAccessDeniedError);
    await expect(
      asService('narrative').subscribe({
        groupId: 'readiness.acl-int-2',
        topics: [TOPIC.AUDIT_HEARTBEAT],
        handler: async () => ({ action: 'done' }),
      }),
    ).rejects.toBeInstanceOf(BusAccessDeniedError);
  });

  it('sync with prune removes a grant the registry no longer makes, and leaves the rest', async () => {
    const stray: KafkaAcl = {
      principal: 'User:medicdraft-narrative',
      resourceType: 'topic',
      pattern: 'literal',
      resource: topicPrefix + TOPIC.DICTATION_TEXT_CREATED,
      operation: 'write',
    };
    await syncKafkaAcls(admin, [...acls, stray], { topicPrefix, prune: false });
    const result = await syncKafkaAcls(admin, acls, { topicPrefix, prune: true });
    expect(result).toEqual({ created: [], deleted: [stray] });
    expect(await syncKafkaAcls(admin, acls, { topicPrefix, prune: true })).toEqual({ created: [], deleted: [] });
  });
});
