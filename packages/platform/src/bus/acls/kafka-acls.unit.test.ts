import { SERVICE_NAMES, TOPICS } from '@medicdraft/contracts';
import { describe, expect, it } from 'vitest';
import { formatAcl, kafkaAclsFor, principalsFromTemplate, type KafkaAcl } from './kafka-acls.js';

const principalFor = principalsFromTemplate('medicdraft-{service}');
const acls = kafkaAclsFor({ topicPrefix: 'prod.', principalFor });
const grants = (filter: Partial<KafkaAcl>) => acls.filter((a) => Object.entries(filter).every(([k, v]) => a[k as keyof KafkaAcl] === v));
const who = (filter: Partial<KafkaAcl>) => [...new Set(grants(filter).map((a) => a.principal))].sort();

describe('kafkaAclsFor', () => {
  it('lets only the owning service write a topic, for every topic in the registry', () => {
    for (const spec of Object.values(TOPICS)) {
      expect(who({ resourceType: 'topic', resource: `prod.${spec.name}`, operation: 'write' }), spec.name).toEqual([
        principalFor(spec.producer),
      ]);
    }
    expect(who({ resource: 'prod.dictation.text.created', operation: 'write' })).toEqual(['User:medicdraft-ingest']);
    expect(who({ resource: 'prod.audit.heartbeat', operation: 'write' })).toEqual(['User:medicdraft-audit']);
  });

  it('lets exactly the consumers read a topic (audit reads every domain topic)', () => {
    for (const spec of Object.values(TOPICS)) {
      expect(who({ resourceType: 'topic', resource: `prod.${spec.name}`, operation: 'read' }), spec.name).toEqual(
        spec.consumers.map(principalFor).sort(),
      );
    }
    expect(who({ resource: 'prod.audit.heartbeat', operation: 'read' })).toEqual(['User:medicdraft-readiness']);
    expect(who({ resource: 'prod.dictation.text.created', operation: 'read' })).toEqual([
      'User:medicdraft-audit',
      'User:medicdraft-scribe',
    ]);
  });

  it('grants only literal topic names under the prefix, never a wildcard or a bare prefix', () => {
    for (const a of acls) {
      expect(a.resource.startsWith('prod.')).toBe(true);
      expect(a.resource).not.toContain('*');
      if (a.pattern === 'prefixed') expect(a.resource.endsWith('.')).toBe(true);
      if (a.resourceType === 'topic' && a.pattern === 'prefixed') expect(a.resource).toMatch(/^prod\.dlq\.[a-z]+\.$/);
    }
    expect(
      acls.some(
        (a) =>
          a.resourceType === 'topic' && a.pattern === 'literal' && !(a.resource.slice(5) in TOPICS) && !a.resource.startsWith('prod.dlq.'),
      ),
    ).toBe(false);
  });

  it("gives each service its own groups and dead-letter topics, prefixed, and no one else's", () => {
    for (const service of SERVICE_NAMES) {
      const mine = grants({ principal: principalFor(service), resourceType: 'group' });
      expect(mine.map((a) => `${a.pattern}:${a.resource}:${a.operation}`).sort()).toEqual(
        ['literal', 'prefixed']
          .flatMap((pattern) =>
            ['delete', 'describe', 'read'].map((op) => `${pattern}:prod.${service}${pattern === 'prefixed' ? '.' : ''}:${op}`),
          )
          .sort(),
      );
      expect(who({ resource: `prod.dlq.${service}.`, operation: 'write' })).toEqual([principalFor(service)]);
      expect(who({ resource: `prod.dlq.${service}`, operation: 'write' })).toEqual([principalFor(service)]);
      expect(who({ resourceType: 'group', resource: `prod.${service}.`, operation: 'read' })).toEqual([principalFor(service)]);
    }
  });

  it('never grants read on a dead-letter topic, nor any cluster-wide right', () => {
    expect(grants({ operation: 'read' }).filter((a) => a.resourceType === 'topic' && a.resource.startsWith('prod.dlq.'))).toEqual([]);
    expect(new Set(acls.map((a) => a.resourceType))).toEqual(new Set(['topic', 'group']));
  });

  it('is deterministic, free of duplicates, and limited to the requested services', () => {
    expect(kafkaAclsFor({ topicPrefix: 'prod.', principalFor })).toEqual(acls);
    expect(new Set(acls.map(formatAcl)).size).toBe(acls.length);
    const onlyScribe = kafkaAclsFor({ topicPrefix: '', principalFor, services: ['scribe'] });
    expect(new Set(onlyScribe.map((a) => a.principal))).toEqual(new Set(['User:medicdraft-scribe']));
    expect(onlyScribe.map(formatAcl)).toContain('User:medicdraft-scribe WRITE topic dlq.scribe.*');
  });

  it('requires {service} in a principal template', () => {
    expect(() => principalsFromTemplate('medicdraft')).toThrow(TypeError);
    expect(principalsFromTemplate('svc-{service}@prod')('audit')).toBe('User:svc-audit@prod');
  });
});
