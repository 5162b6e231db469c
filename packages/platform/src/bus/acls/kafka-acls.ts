import { SERVICE_NAMES, TOPICS, type ServiceName } from '@medicdraft/contracts';

/**
 * One ALLOW rule for one principal, in Kafka's terms. `prefixed` matches every resource whose
 * name starts with `resource`; `literal` only that exact name.
 */
export interface KafkaAcl {
  principal: string;
  resourceType: 'topic' | 'group';
  pattern: 'literal' | 'prefixed';
  resource: string;
  operation: 'read' | 'write' | 'create' | 'describe' | 'delete';
}

export interface KafkaAclOptions {
  /** The deployment's KAFKA_TOPIC_PREFIX: every topic, dead-letter topic and group lives under it. */
  topicPrefix: string;
  /** Kafka principal of a service, e.g. `User:medicdraft-scribe`. */
  principalFor: (service: ServiceName) => string;
  /** Default: every service. */
  services?: readonly ServiceName[];
}

/** `medicdraft-{service}` → `User:medicdraft-scribe`: the usual way a deployment names its principals. */
export function principalsFromTemplate(template: string): (service: ServiceName) => string {
  if (!template.includes('{service}')) throw new TypeError('the principal template must contain {service}');
  return (service) => `User:${template.replaceAll('{service}', service)}`;
}

/**
 * The ACLs that let every service do its job and nothing more, derived from the topic registry:
 *
 * - the owning service (the topic's one `producer`) may write to it; nobody else may;
 * - each service listed as a consumer may read it; nobody else may;
 * - both may create it (every service creates the topics it touches at start, so start order does
 *   not matter) and describe it (metadata, offsets);
 * - a service's consumer groups are `<service>` and `<service>.…` (the gate view's
 *   `<service>.gates.<instance>`, readiness' heartbeat group, a KAFKA_GROUP_SUFFIX that starts with
 *   `.`), and its dead-letter topics `dlq.<group>`: it may use those groups and write those topics.
 *
 * Everything is under `topicPrefix`, so one deployment's principals cannot touch another's topics
 * on a shared cluster. The list is sorted and free of duplicates, so it can be compared and printed.
 */
export function kafkaAclsFor(opts: KafkaAclOptions): KafkaAcl[] {
  const services = new Set(opts.services ?? SERVICE_NAMES);
  const p = opts.topicPrefix;
  const out = new Map<string, KafkaAcl>();
  const add = (
    service: ServiceName,
    resourceType: KafkaAcl['resourceType'],
    pattern: KafkaAcl['pattern'],
    resource: string,
    operations: readonly KafkaAcl['operation'][],
  ) => {
    if (!services.has(service)) return;
    const principal = opts.principalFor(service);
    for (const operation of operations) {
      const acl: KafkaAcl = { principal, resourceType, pattern, resource, operation };
      out.set(aclKey(acl), acl);
    }
  };

  for (const spec of Object.values(TOPICS)) {
    add(spec.producer, 'topic', 'literal', p + spec.name, ['write', 'create', 'describe']);
    for (const consumer of spec.consumers) add(consumer, 'topic', 'literal', p + spec.name, ['read', 'create', 'describe']);
  }
  for (const service of SERVICE_NAMES) {
    // Literal plus `<name>.` prefixed, not a bare prefix: the group `audit` must not also match
    // an `auditor…` group that some other principal owns.
    add(service, 'group', 'literal', `${p}${service}`, ['read', 'describe', 'delete']);
    add(service, 'group', 'prefixed', `${p}${service}.`, ['read', 'describe', 'delete']);
    add(service, 'topic', 'literal', `${p}dlq.${service}`, ['write', 'create', 'describe']);
    add(service, 'topic', 'prefixed', `${p}dlq.${service}.`, ['write', 'create', 'describe']);
  }
  return [...out.values()].sort((a, b) => aclKey(a).localeCompare(aclKey(b)));
}

/** A stable identity of an ACL (for set comparison). */
export function aclKey(acl: KafkaAcl): string {
  return [acl.principal, acl.resourceType, acl.pattern, acl.resource, acl.operation].join('\u0000');
}

/** One line per ACL, for the operator command's output and review. */
export function formatAcl(acl: KafkaAcl): string {
  const resource = acl.pattern === 'prefixed' ? `${acl.resource}*` : acl.resource;
  return `${acl.principal} ${acl.operation.toUpperCase()} ${acl.resourceType} ${resource}`;
}
