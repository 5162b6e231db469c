import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@medicdraft/platform';
import { loadAuditConfig } from '@medicdraft/audit/config';
import { loadGatewayConfig } from '@medicdraft/gateway/config';
import { loadIngestConfig } from '@medicdraft/ingest/config';
import { loadNarrativeConfig } from '@medicdraft/narrative/config';
import { loadReadinessConfig } from '@medicdraft/readiness/config';
import { loadScribeConfig } from '@medicdraft/scribe/config';
import { REPO_ROOT, type K8sObject } from './k8s-base.js';
import type { Container } from './k8s-workloads.js';

export type Env = Record<string, string | undefined>;

/** Each service's own configuration loader: the checks run the manifests' environment through the code that reads it. */
export const LOADERS = {
  gateway: loadGatewayConfig,
  ingest: loadIngestConfig,
  scribe: loadScribeConfig,
  narrative: loadNarrativeConfig,
  audit: loadAuditConfig,
  readiness: loadReadinessConfig,
} satisfies Record<string, (env: Env) => unknown>;
export type ServiceId = keyof typeof LOADERS;
export const SERVICES = Object.keys(LOADERS) as ServiceId[];

/**
 * Stand-ins for values a pod gets from a Secret at run time: well-formed for the variable, so the loader checks everything
 * else. Only names listed here may come from a Secret.
 */
export const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://from-secret',
  REDIS_URL: 'rediss://from-secret',
  SMTP_URL: 'smtps://from-secret',
  KAFKA_SASL_PASSWORD: 'from-secret',
  AUDIT_SIGNING_KEY_PEM: '-----BEGIN PRIVATE KEY-----from-secret',
  // At least 32 characters, as the loader requires of the real one.
  INCIDENT_KEY_SECRET: 'from-secret-'.padEnd(32, '0'),
};

/**
 * The environment a container starts with, as the kubelet builds it: ConfigMaps of `envFrom` first, then `env`. A Secret
 * reference becomes its stand-in; `metadata.name` becomes `podName`.
 */
export function containerEnv(container: Container, objects: readonly K8sObject[], podName: string): Env {
  const env: Env = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name) as { data?: Record<string, string> } | undefined;
    if (map === undefined) throw new Error(`${container.name}: envFrom names ConfigMap ${name}, which the base does not define`);
    Object.assign(env, map.data ?? {});
  }
  for (const v of container.env ?? []) {
    if (v.value !== undefined) env[v.name] = v.value;
    else if (v.valueFrom?.secretKeyRef !== undefined) env[v.name] = SECRET_STAND_INS[v.name] ?? 'from-secret';
    else if (v.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[v.name] = podName;
    else throw new Error(`${container.name}: ${v.name} has a source the checks do not know`);
  }
  return env;
}

/** Variables the loader cannot do without (no default, not optional), read from the ConfigError of an empty environment. */
export function requiredVariables(service: ServiceId): string[] {
  try {
    LOADERS[service]({});
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [...new Set(err.problems.map((p) => p.split(':')[0]!.split('.')[0]!))].sort();
  }
}

/** README "Configuration": variable → the "Used by" cell. */
export function readmeVariables(readme: string = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')): Map<string, string> {
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const out = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    for (const m of cells[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) out.set(m[1]!, cells[2]!);
  }
  return out;
}

/** Whether a README "Used by" cell covers a service: `all`, `services`, or the service by name. */
export function usedBy(cell: string, service: ServiceId): boolean {
  const words = cell.split(/[\s,()]+/).filter(Boolean);
  return words.includes('all') || words.includes('services') || words.includes(service);
}
