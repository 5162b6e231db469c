import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, named, ofKind, renderBase, type K8sObject } from './k8s-base.js';
import { allContainers, podTemplateOf, selects, type Container, type LabelSelector, type PodTemplate } from './k8s-workloads.js';
import { LOADERS, SERVICES, containerEnv, readmeVariables, requiredVariables, usedBy, type ServiceId } from './service-env.js';

/**
 * The policy rules of the Kubernetes base: each of the six services runs its own dist/main.js with probes on the endpoints
 * the code serves, requests and limits, a PodDisruptionBudget, an environment its own config loader accepts built from README
 * variables, and secrets only by reference. Unit tier: reads files, starts nothing.
 */

const { objects } = renderBase();
const operations = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
const readme = readmeVariables();

const workload = (service: ServiceId) => named(objects, 'StatefulSet', service);
const podOf = (service: ServiceId) => podTemplateOf(workload(service)!)!;
const mainContainer = (service: ServiceId) => podOf(service).spec.containers.find((c) => c.name === service)!;
const portOf = (c: Container, name: string) => c.ports?.find((p) => p.name === name)?.containerPort;
const workloads = objects.filter((o) => podTemplateOf(o) !== undefined);
const containersOf = (o: K8sObject) => allContainers(podTemplateOf(o)!).map((c) => [`${o.kind}/${o.metadata.name} ${c.name}`, c] as const);

describe.each(SERVICES)('%s', (service) => {
  const load = LOADERS[service];

  it('runs as a StatefulSet of its own dist/main.js, with a Service, a ServiceAccount and a PodDisruptionBudget', () => {
    expect(workload(service), `StatefulSet/${service}`).toBeDefined();
    expect(mainContainer(service).command).toEqual(['node', `services/${service}/dist/main.js`]);
    expect(named(objects, 'Service', service)).toBeDefined();
    expect(named(objects, 'ServiceAccount', service)).toBeDefined();
    expect((podOf(service).spec as { serviceAccountName?: string }).serviceAccountName).toBe(service);
  });

  it('has a PodDisruptionBudget that selects its pods and still lets a node drain', () => {
    const labels = podOf(service).metadata?.labels ?? {};
    const pdbs = ofKind<{ spec: { selector: LabelSelector; maxUnavailable?: number; minAvailable?: number } }>(
      objects,
      'PodDisruptionBudget',
    );
    const mine = pdbs.filter((p) => selects(p.spec.selector, labels));
    expect(mine.map((p) => p.metadata.name)).toEqual([service]);
    const replicas = (workload(service)!.spec as { replicas: number }).replicas;
    const pdb = mine[0]!.spec;
    expect(pdb.maxUnavailable !== undefined ? pdb.maxUnavailable >= 1 : (pdb.minAvailable ?? replicas) < replicas).toBe(true);
  });

  it(`sets every variable services/${service}/src/config.ts requires, and the loader accepts the whole environment`, () => {
    const env = containerEnv(mainContainer(service), objects, `${service}-0`);
    expect(requiredVariables(service).filter((v) => !env[v])).toEqual([]);
    expect(() => load(env)).not.toThrow();
  });

  it('probes /healthz on the service port (start-up, liveness) and /readyz on the ops port (readiness), as the code serves them', () => {
    const c = mainContainer(service);
    const config = load(containerEnv(c, objects, `${service}-0`)) as {
      http: { host: string; port: number };
      ops: { host: string; port: number };
    };
    expect(portOf(c, 'http')).toBe(config.http.port);
    expect(portOf(c, 'ops')).toBe(config.ops.port);
    // The kubelet connects to the pod address, so both listeners bind it; NetworkPolicies decide who else may connect.
    expect([config.http.host, config.ops.host]).toEqual(['0.0.0.0', '0.0.0.0']);
    expect(c.startupProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'ops' });
  });

  it('sets only README "Configuration" variables that README says this service reads', () => {
    const env = containerEnv(mainContainer(service), objects, `${service}-0`);
    const unknown = Object.keys(env).filter((v) => !readme.has(v));
    const foreign = Object.keys(env).filter((v) => readme.has(v) && !usedBy(readme.get(v)!, service));
    expect(unknown, 'not in README "Configuration"').toEqual([]);
    expect(foreign, `README does not list ${service} as a reader`).toEqual([]);
  });

  it('names its Kafka instance after the pod, so a restarted pod rejoins its own consumer groups', () => {
    const v = mainContainer(service).env?.find((e) => e.name === 'KAFKA_INSTANCE_ID');
    expect(v?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
  });
});

describe('every container', () => {
  const all = workloads.flatMap(containersOf);

  it.each(all)('%s has CPU and memory requests and limits', (_name, c) => {
    for (const kind of ['requests', 'limits'] as const) {
      expect(Object.keys(c.resources?.[kind] ?? {}).sort(), kind).toEqual(expect.arrayContaining(['cpu', 'memory']));
    }
  });

  it.each(all)('%s runs a pinned image as non-root with a read-only root filesystem', (_name, c) => {
    expect(c.image).toMatch(/^[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/);
    expect(c.image).not.toMatch(/:latest$/);
    const sc = (c as { securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean } }).securityContext;
    expect(sc).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('of a long-running workload has start-up, liveness and readiness probes', () => {
    const missing = workloads
      .filter((o) => o.kind !== 'Job')
      .flatMap(containersOf)
      .filter(([, c]) => !c.startupProbe || !c.livenessProbe || !c.readinessProbe)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('pods run as non-root with the runtime default seccomp profile and no API token', () => {
    const problems = workloads.flatMap((o) => {
      const spec = podTemplateOf(o)!.spec as PodTemplate['spec'] & {
        securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
        automountServiceAccountToken?: boolean;
      };
      const ok = spec.securityContext?.runAsNonRoot === true && spec.securityContext.seccompProfile?.type === 'RuntimeDefault';
      return ok && spec.automountServiceAccountToken === false ? [] : [`${o.kind}/${o.metadata.name}`];
    });
    expect(problems).toEqual([]);
  });
});

describe('the migration Job', () => {
  const job = named(objects, 'Job', 'medicdraft-migrate');
  const pod = job === undefined ? undefined : podTemplateOf(job);

  it('starts every service except readiness from the new image with the script ConfigMap', () => {
    const inits = pod?.spec.initContainers ?? [];
    expect(inits.map((c) => c.name).sort()).toEqual(SERVICES.filter((s) => s !== 'readiness').sort());
    for (const c of inits) expect(c.command).toEqual(['sh', '/opt/medicdraft/migrate-one.sh', `services/${c.name}/dist/main.js`]);
    const scriptVolume = pod?.spec.volumes?.find((v) => v.configMap !== undefined);
    const script = named(objects, 'ConfigMap', scriptVolume?.configMap?.name ?? '') as { data?: Record<string, string> } | undefined;
    expect(script?.data?.['migrate-one.sh']).toContain('kill -TERM');
  });

  it('gives each service the same configuration as its StatefulSet, with a fixed instance id so reruns reuse one group', () => {
    for (const c of pod?.spec.initContainers ?? []) {
      const service = c.name as ServiceId;
      const ids = (name: string) => !name.endsWith('_INSTANCE_ID');
      const jobEnv = containerEnv(c, objects, 'medicdraft-migrate-x');
      const stsEnv = containerEnv(mainContainer(service), objects, `${service}-0`);
      expect(Object.entries(jobEnv).filter(([k]) => ids(k))).toEqual(Object.entries(stsEnv).filter(([k]) => ids(k)));
      expect(jobEnv.KAFKA_INSTANCE_ID).toBe('migrate');
      expect(() => LOADERS[service](jobEnv)).not.toThrow();
    }
  });
});

describe('storage and identity in a cluster', () => {
  it('ingest, scribe and narrative store objects in S3: per-pod filesystem stores cannot be shared between pods', () => {
    for (const service of ['ingest', 'scribe', 'narrative'] as const) {
      const config = LOADERS[service](containerEnv(mainContainer(service), objects, `${service}-0`)) as { objects: { kind: string } };
      expect(config.objects.kind, service).toBe('s3');
    }
  });

  it('scribe runs HealthScribe, the gateway mails enrolment links (no maildrop on a read-only disk), audit signs with mounted keys', () => {
    const env = (s: ServiceId) => containerEnv(mainContainer(s), objects, `${s}-0`);
    expect(LOADERS.scribe(env('scribe')).healthscribe).toBeDefined();
    expect(LOADERS.gateway(env('gateway')).enrolment.delivery.kind).toBe('smtp');
    const audit = LOADERS.audit(env('audit'));
    const mount = mainContainer('audit').volumeMounts?.find((m) => m.mountPath === audit.signing.dir);
    const volume = podOf('audit').spec.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.secret?.secretName).toBe('medicdraft-audit-signing-keys');
  });

  it('every Secret the base references is one docs/operations.md tells the operator to create', () => {
    const refs = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.secretName === 'string') refs.add(o.secretName);
        const ref = o.secretKeyRef as { name?: string } | undefined;
        if (typeof ref?.name === 'string') refs.add(ref.name);
        if (Array.isArray(o.secretTargetRef)) for (const t of o.secretTargetRef as { name: string }[]) refs.add(t.name);
        Object.values(o).forEach(walk);
      }
    };
    walk(objects);
    expect(refs.size).toBeGreaterThan(0);
    expect([...refs].filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
  });
});
