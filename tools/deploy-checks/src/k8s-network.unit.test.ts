import { describe, expect, it } from 'vitest';
import { named, ofKind, renderBase, type K8sObject } from './k8s-base.js';
import { podTemplateOf, selects, type LabelSelector } from './k8s-workloads.js';

/**
 * Reachability and secrets of the Kubernetes base: everything is denied first; only the gateway's service port is open to
 * the outside; the internal APIs take calls from the gateway only; ops ports from the monitoring namespace only; services
 * leave the pod only for DNS, Kafka, Postgres, Redis (gateway and scribe), AWS over HTTPS (the services that use it) and the
 * gateway's SMTP relay. No secret value is written anywhere in the rendered output.
 */

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port?: number | string; protocol?: string }[];
}
interface Policy {
  spec: { podSelector: LabelSelector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };
}

const { objects } = renderBase();
const policies = ofKind<Policy>(objects, 'NetworkPolicy');
const pods = objects.flatMap((o) => {
  const t = podTemplateOf(o);
  return t === undefined
    ? []
    : [{ name: String(t.metadata?.labels?.['app.kubernetes.io/name']), labels: t.metadata?.labels ?? {}, template: t }];
});
const podNamed = (name: string) => pods.find((p) => p.name === name)!;
const selectedPods = (s: LabelSelector | undefined) => pods.filter((p) => selects(s, p.labels)).map((p) => p.name);
const portNumber = (pod: string, port: number | string | undefined): number | undefined => {
  if (typeof port === 'number') return port;
  for (const c of podNamed(pod).template.spec.containers) {
    const found = c.ports?.find((p) => p.name === port);
    if (found) return found.containerPort;
  }
  return undefined;
};
const httpPort = (pod: string) => portNumber(pod, 'http')!;
const opsPort = (pod: string) => portNumber(pod, 'ops')!;
const isMonitoring = (p: Peer) =>
  p.podSelector === undefined &&
  p.ipBlock === undefined &&
  p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring';
const isGatewayPods = (p: Peer) =>
  p.namespaceSelector === undefined && p.ipBlock === undefined && selectedPods(p.podSelector).join() === 'gateway';
const isInfrastructure = (p: Peer) =>
  p.podSelector === undefined && p.ipBlock === undefined && p.namespaceSelector?.matchLabels?.['medicdraft.io/infrastructure'] === 'true';
const isDns = (p: Peer) =>
  p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'kube-system' &&
  p.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns';

const KAFKA_POSTGRES_PORTS = [9093, 5432, 6432];
const REDIS_PORT = 6379;
const REDIS_USERS = ['gateway', 'scribe', 'migrate'];
const AWS_USERS = ['gateway', 'ingest', 'scribe', 'narrative', 'audit', 'readiness', 'migrate'];
const INTERNAL_APIS = ['ingest', 'narrative', 'audit', 'readiness'];

/** Problems with one ingress rule of a policy applied to `pod`. */
function ingressProblems(pod: string, rule: Rule): string[] {
  if (rule.ports === undefined || rule.ports.length === 0) return [`${pod}: an ingress rule opens every port`];
  return rule.ports.flatMap(({ port }) => {
    const n = portNumber(pod, port);
    const from = rule.from ?? [];
    if (n === opsPort(pod))
      return from.length > 0 && from.every(isMonitoring) ? [] : [`${pod}: ops port ${n} open beyond the monitoring namespace`];
    if (n === httpPort(pod) && pod === 'gateway') return [];
    if (n === httpPort(pod) && INTERNAL_APIS.includes(pod))
      return from.length > 0 && from.every(isGatewayPods) ? [] : [`${pod}: service port ${n} open to more than the gateway`];
    return [`${pod}: ingress on port ${String(port)} is not allowed`];
  });
}

/** Problems with one egress rule of a policy applied to `pod`. */
function egressProblems(pod: string, rule: Rule): string[] {
  const to = rule.to ?? [];
  const ports = (rule.ports ?? []).map((p) => p.port);
  if (to.length === 0 || ports.length === 0) return [`${pod}: an egress rule without destinations or ports opens everything`];
  if (to.every(isDns)) return ports.every((p) => p === 53) ? [] : [`${pod}: DNS rule opens ${ports.join(',')}`];
  if (to.every(isInfrastructure))
    return ports.flatMap((p) =>
      KAFKA_POSTGRES_PORTS.includes(Number(p)) || (p === REDIS_PORT && REDIS_USERS.includes(pod))
        ? []
        : [`${pod}: infrastructure port ${p}`],
    );
  if (pod === 'gateway' && to.every((p) => p.ipBlock === undefined && p.namespaceSelector === undefined)) {
    const targets = to.flatMap((p) => selectedPods(p.podSelector));
    const allowed = targets.every((t) => INTERNAL_APIS.includes(t)) && ports.every((p) => targets.some((t) => httpPort(t) === p));
    return allowed ? [] : [`gateway: egress to ${targets.join(',')} on ${ports.join(',')}`];
  }
  if (to.every((p) => p.ipBlock !== undefined)) {
    if (ports.every((p) => p === 443) && AWS_USERS.includes(pod)) return [];
    if (ports.every((p) => p === 587 || p === 465) && pod === 'gateway') return [];
  }
  return [`${pod}: egress rule ${JSON.stringify(rule)} is not one of the allowed kinds`];
}

describe('NetworkPolicies', () => {
  it('deny all ingress and egress first', () => {
    const denyAll = policies.filter(
      (p) =>
        Object.keys(p.spec.podSelector).length === 0 &&
        ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)) &&
        (p.spec.ingress ?? []).length === 0 &&
        (p.spec.egress ?? []).length === 0,
    );
    expect(denyAll.map((p) => p.metadata.name)).toEqual(['medicdraft-default-deny']);
  });

  it('open ingress only to the gateway service port, internal APIs from the gateway, ops ports from monitoring', () => {
    const problems = policies.flatMap((p) =>
      selectedPods(p.spec.podSelector).flatMap((pod) => (p.spec.ingress ?? []).flatMap((rule) => ingressProblems(pod, rule))),
    );
    expect(problems).toEqual([]);
  });

  it('open egress only to DNS, Kafka, Postgres, Redis, AWS over HTTPS and the SMTP relay, each for the services that use it', () => {
    const problems = policies.flatMap((p) =>
      selectedPods(p.spec.podSelector).flatMap((pod) => (p.spec.egress ?? []).flatMap((rule) => egressProblems(pod, rule))),
    );
    expect(problems).toEqual([]);
  });

  it('the rules above refuse what they should (an internal API opened to everyone, egress to anywhere)', () => {
    expect(ingressProblems('ingest', { ports: [{ port: 'http' }] })).not.toEqual([]);
    expect(
      ingressProblems('scribe', {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }],
        ports: [{ port: 'http' }],
      }),
    ).not.toEqual([]);
    expect(egressProblems('narrative', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 6379 }] })).not.toEqual([]);
    expect(egressProblems('gateway', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 5432 }] })).not.toEqual([]);
  });

  it('let every pod reach DNS and Kafka/Postgres, the gateway its internal APIs, and the internal APIs take its calls', () => {
    const egress = (pod: string) =>
      policies.filter((p) => selects(p.spec.podSelector, podNamed(pod).labels)).flatMap((p) => p.spec.egress ?? []);
    for (const pod of pods.map((p) => p.name)) {
      expect(
        egress(pod).some((r) => (r.to ?? []).every(isDns)),
        `${pod} DNS`,
      ).toBe(true);
      expect(
        egress(pod).some((r) => (r.to ?? []).every(isInfrastructure) && r.ports?.some((p) => p.port === 5432)),
        `${pod} Postgres`,
      ).toBe(true);
    }
    for (const api of INTERNAL_APIS) {
      const ingress = policies.filter((p) => selects(p.spec.podSelector, podNamed(api).labels)).flatMap((p) => p.spec.ingress ?? []);
      expect(
        ingress.some((r) => (r.from ?? []).some(isGatewayPods)),
        `${api} from gateway`,
      ).toBe(true);
    }
  });
});

describe('exposure', () => {
  it('only the gateway is behind an Ingress, and no Service is a NodePort or LoadBalancer', () => {
    const backends = ofKind<{ spec: { rules?: { http?: { paths: { backend: { service: { name: string } } }[] } }[] } }>(
      objects,
      'Ingress',
    ).flatMap((i) => (i.spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend.service.name)));
    expect([...new Set(backends)]).toEqual(['gateway']);
    const exposed = ofKind<{ spec: { type?: string } }>(objects, 'Service').filter((s) => (s.spec.type ?? 'ClusterIP') !== 'ClusterIP');
    expect(exposed.map((s) => s.metadata.name)).toEqual([]);
  });
});

describe('secrets', () => {
  const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|SIGNING_KEY_PEM|^DATABASE_URL$|^REDIS_URL$|^SMTP_URL$/;

  /** Every string in the rendered output with where it is. */
  function strings(v: unknown, path: string, out: [string, string][] = []): [string, string][] {
    if (typeof v === 'string') out.push([path, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${path}.${k}`, out);
    return out;
  }
  const SECRET_VALUE: [string, RegExp][] = [
    ['a password in a URL', /[a-z][\w+.-]*:\/\/[^:/@\s]*:[^@\s]+@/i],
    ['a PEM block', /-----BEGIN/],
    ['an AWS access key id', /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
  ];
  const findSecretValues = (objs: readonly K8sObject[]) =>
    objs.flatMap((o) =>
      strings(o, `${o.kind}/${o.metadata.name}`).flatMap(([path, value]) =>
        SECRET_VALUE.filter(([, re]) => re.test(value)).map(([what]) => `${path} holds ${what}`),
      ),
    );

  it('are never rendered: no Secret objects, no password, key or PEM in any value', () => {
    expect(ofKind(objects, 'Secret').map((s) => s.metadata.name)).toEqual([]);
    expect(findSecretValues(objects)).toEqual([]);
  });

  it('the value scan finds a planted secret (it is not vacuous)', () => {
    const planted = structuredClone(named(objects, 'ConfigMap', 'medicdraft-platform')!) as K8sObject & { data: Record<string, string> };
    planted.data.KAFKA_BROKERS = 'postgres://medicdraft:hunter2@db:5432/medicdraft';
    expect(findSecretValues([planted])).toHaveLength(1);
  });

  it('variables that hold credentials come from a secretKeyRef, never a value or a ConfigMap', () => {
    const problems = pods.flatMap((p) =>
      [...(p.template.spec.initContainers ?? []), ...p.template.spec.containers].flatMap((c) =>
        (c.env ?? [])
          .filter((e) => SECRET_NAME.test(e.name) && e.valueFrom?.secretKeyRef === undefined)
          .map((e) => `${p.name}/${c.name}: ${e.name}`),
      ),
    );
    const inConfigMaps = ofKind<{ data?: Record<string, string> }>(objects, 'ConfigMap').flatMap((m) =>
      Object.keys(m.data ?? {})
        .filter((k) => SECRET_NAME.test(k))
        .map((k) => `${m.metadata.name}: ${k}`),
    );
    expect([...problems, ...inConfigMaps]).toEqual([]);
  });

  it('KEDA reads its credentials from Secrets only', () => {
    const auths = ofKind<{ spec: Record<string, unknown> }>(objects, 'TriggerAuthentication');
    expect(auths.length).toBeGreaterThan(0);
    for (const a of auths) expect(Object.keys(a.spec)).toEqual(['secretTargetRef']);
  });
});

describe('scribe autoscaling (KEDA)', () => {
  const scaled = named(objects, 'ScaledObject', 'scribe') as
    | (K8sObject & {
        spec: {
          scaleTargetRef: { kind: string; name: string };
          minReplicaCount: number;
          maxReplicaCount: number;
          triggers: { type: string; metadata: Record<string, string>; authenticationRef?: { name: string } }[];
        };
      })
    | undefined;

  it('scales the scribe StatefulSet on the scribe group lag and on pending or running jobs', () => {
    expect(scaled?.spec.scaleTargetRef).toMatchObject({ kind: 'StatefulSet', name: 'scribe' });
    const byType = Object.fromEntries((scaled?.spec.triggers ?? []).map((t) => [t.type, t]));
    expect(byType.kafka?.metadata.consumerGroup).toBe('scribe');
    expect(byType.postgresql?.metadata.query).toMatch(/FROM scribe\.jobs WHERE state IN \('pending', 'running'\)/);
    for (const t of scaled?.spec.triggers ?? [])
      expect(named(objects, 'TriggerAuthentication', t.authenticationRef?.name ?? '')).toBeDefined();
  });

  it('reads the brokers the services use, and keeps at least two workers (one may be disrupted)', () => {
    const platform = named(objects, 'ConfigMap', 'medicdraft-platform') as { data: Record<string, string> } | undefined;
    const kafka = scaled?.spec.triggers.find((t) => t.type === 'kafka');
    expect(kafka?.metadata.bootstrapServers).toBe(platform?.data.KAFKA_BROKERS);
    expect(scaled?.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
    expect(scaled!.spec.maxReplicaCount).toBeGreaterThan(scaled!.spec.minReplicaCount);
  });
});
