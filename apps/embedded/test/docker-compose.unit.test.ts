import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '@medicdraft/platform';
import type { ServiceName } from '@medicdraft/contracts';
import { awsCredentials, COMPOSE_INCIDENT_KEY_SECRET, loadStackConfig, stackServiceSasl } from '@medicdraft/platform/testing';
import { loadAuditConfig } from '@medicdraft/audit/config';
import { loadGatewayConfig } from '@medicdraft/gateway/config';
import { loadIngestConfig } from '@medicdraft/ingest/config';
import { loadNarrativeConfig } from '@medicdraft/narrative/config';
import { loadReadinessConfig } from '@medicdraft/readiness/config';
import { loadScribeConfig } from '@medicdraft/scribe/config';

/**
 * docker-compose.yml against the code it runs: every application service gets an environment its
 * own `src/config.ts` accepts, runs its own `dist/main.js`, depends only on services that exist (and
 * have a healthcheck when it waits for `service_healthy`), and carries no secret other than the
 * documented local-stack dummies. Lives here because the embedded app already depends on all six
 * services. Unit tier: reads one file, starts nothing.
 */

type Env = Record<string, string | undefined>;

const loaders = {
  gateway: loadGatewayConfig,
  ingest: loadIngestConfig,
  scribe: loadScribeConfig,
  narrative: loadNarrativeConfig,
  audit: loadAuditConfig,
  readiness: loadReadinessConfig,
} satisfies Record<string, (env: Env) => unknown>;
const appServices = Object.keys(loaders) as (keyof typeof loaders)[];
const isAppService = (name: string) => (appServices as string[]).includes(name);

interface ComposeService {
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { host_ip?: string; published?: string | number })[];
  healthcheck?: unknown;
  deploy?: { replicas?: number };
}

const composePath = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url));
// `merge: true` resolves the `<<: *stack-env` / `<<: *app` merge keys the way Compose does.
const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as { services?: Record<string, ComposeService> };
const services = compose.services ?? {};

/**
 * Compose interpolation as a fresh checkout sees it (no shell variables, no .env file): `$$` is a
 * literal `$`, `${X:-d}`/`${X-d}` give the default, `${X}`/`$X` give an empty string, `${X:?msg}`
 * makes `docker compose up` fail.
 */
function interpolate(value: string, where: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (match, name?: string, op?: string, arg?: string) => {
      if (match === '$$') return '$';
      if (op === ':?' || op === '?')
        throw new Error(`${where}: ${match} needs ${name} from the shell; a fresh checkout must start without it`);
      return op === ':-' || op === '-' ? (arg ?? '') : '';
    },
  );
}

/** A service's `environment` as Compose passes it: values stringified, pass-through entries unset. */
function rawEnvironment(name: string): Record<string, string | undefined> {
  const environment = services[name]?.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(environment)
    ? environment.map((line) => {
        const eq = line.indexOf('=');
        return eq === -1 ? [line, undefined] : [line.slice(0, eq), line.slice(eq + 1)];
      })
    : Object.entries(environment);
  return Object.fromEntries(entries.map(([key, value]) => [key, value === null || value === undefined ? undefined : String(value)]));
}

function composeEnvironment(name: string): Env {
  return Object.fromEntries(
    Object.entries(rawEnvironment(name)).map(([key, value]) => [
      key,
      value === undefined ? undefined : interpolate(value, `services.${name}.environment.${key}`),
    ]),
  );
}

/** Variables the loader cannot do without: no default and not optional, read from ConfigError.problems. */
function requiredVariables(load: (env: Env) => unknown): string[] {
  try {
    load({});
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [...new Set(err.problems.map((problem) => problem.split(':')[0]!.split('.')[0]!))].sort();
  }
}

function dependsOn(service: ComposeService): [string, string | undefined][] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps.map((d) => [d, undefined]) : Object.entries(deps).map(([d, opts]) => [d, opts?.condition]);
}

describe('docker-compose.yml', () => {
  it('declares the six application services', () => {
    const missing = appServices.filter((name) => services[name] === undefined);
    expect(missing, `docker-compose.yml lacks services: ${missing.join(', ')}`).toEqual([]);
  });

  it('resolves the merge keys (no literal `<<` left)', () => {
    const unmerged = Object.entries(services)
      .filter(([, s]) => '<<' in s || (s.environment !== undefined && !Array.isArray(s.environment) && '<<' in s.environment))
      .map(([name]) => name);
    expect(unmerged).toEqual([]);
  });

  describe.each(appServices)('%s', (name) => {
    const load = loaders[name];

    it(`sets every variable services/${name}/src/config.ts requires`, () => {
      const env = composeEnvironment(name);
      const missing = requiredVariables(load).filter((variable) => !env[variable]);
      expect(missing, `services.${name}.environment lacks ${missing.join(', ')} (required by services/${name}/src/config.ts)`).toEqual([]);
    });

    it(`passes load${name[0]!.toUpperCase()}${name.slice(1)}Config with exactly its compose environment`, () => {
      const env = composeEnvironment(name);
      let problem: string | undefined;
      try {
        load(env);
      } catch (err) {
        problem = err instanceof ConfigError ? err.problems.join('; ') : String(err);
      }
      expect(problem, `services.${name}.environment is rejected by services/${name}/src/config.ts: ${problem}`).toBeUndefined();
    });

    it(`runs services/${name}/dist/main.js`, () => {
      const command = services[name]?.command;
      const argv = typeof command === 'string' ? command.trim().split(/\s+/) : command;
      expect(argv).toEqual(['node', `services/${name}/dist/main.js`]);
    });

    it('waits for infrastructure to be healthy', () => {
      const deps = dependsOn(services[name] ?? {});
      expect(deps.map(([d]) => d)).toEqual(expect.arrayContaining(['kafka', 'kafka-acls', 'postgres']));
      // A one-shot setup job (kafka-acls) is awaited until it completed; a server until it is healthy.
      const notHealthy = deps
        .filter(([d, condition]) => !isAppService(d) && condition !== 'service_healthy' && condition !== 'service_completed_successfully')
        .map(([d]) => d);
      expect(notHealthy, `services.${name}.depends_on should wait for service_healthy on: ${notHealthy.join(', ')}`).toEqual([]);
    });
  });

  it('depends only on services that exist (with a healthcheck where service_healthy is awaited)', () => {
    const problems = Object.entries(services).flatMap(([name, service]) =>
      dependsOn(service).flatMap(([dep, condition]) => {
        if (services[dep] === undefined) return [`${name} → ${dep}: no such service`];
        if (dep === name) return [`${name} depends on itself`];
        if (condition === 'service_healthy' && services[dep]?.healthcheck === undefined)
          return [`${name} → ${dep}: service_healthy but ${dep} has no healthcheck`];
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('publishes host ports on 127.0.0.1 only, the gateway on 3000, never from a replicated service', () => {
    const problems = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).flatMap((port) => {
        const hostIp =
          typeof port === 'object' ? port.host_ip : String(port).split(':').length === 3 ? String(port).split(':')[0] : undefined;
        const out: string[] = [];
        if (hostIp !== '127.0.0.1') out.push(`${name}: ${JSON.stringify(port)} is not bound to 127.0.0.1`);
        if ((service.deploy?.replicas ?? 1) > 1)
          out.push(`${name}: has ${service.deploy?.replicas} replicas and publishes ${JSON.stringify(port)}`);
        return out;
      }),
    );
    expect(problems).toEqual([]);
    expect(services.gateway?.ports).toContain('127.0.0.1:3000:3000');
    expect(services.scribe?.deploy?.replicas).toBeGreaterThan(1);
  });

  it('gives ingest and the gateway the same INCIDENT_KEY_SECRET (per-incident reports work), and no other service one', () => {
    expect(rawEnvironment('ingest')['INCIDENT_KEY_SECRET']).toBe(COMPOSE_INCIDENT_KEY_SECRET);
    expect(rawEnvironment('gateway')['INCIDENT_KEY_SECRET']).toBe(COMPOSE_INCIDENT_KEY_SECRET);
    for (const name of ['scribe', 'narrative', 'audit', 'readiness']) expect(rawEnvironment(name)['INCIDENT_KEY_SECRET']).toBeUndefined();
  });

  it('hard-codes no secret other than the documented local-stack dummies', () => {
    // The moto dummies (stack-config.ts) and the local Postgres password (stack.sh, stack-config.ts).
    const localPgPassword = decodeURIComponent(new URL(loadStackConfig({}).postgres.url).password);
    const documented: Record<string, string> = {
      AWS_ACCESS_KEY_ID: awsCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: awsCredentials.secretAccessKey,
      POSTGRES_PASSWORD: localPgPassword,
      INCIDENT_KEY_SECRET: COMPOSE_INCIDENT_KEY_SECRET,
    };
    // The local stack's Kafka principals (stack.sh, stack-config.ts): each service's own, the admin's.
    const kafkaAdmin = loadStackConfig({}).kafka.sasl.password.reveal();
    const kafkaDummies: Record<string, string> = {
      MEDICDRAFT_KAFKA_ADMIN_PASSWORD: kafkaAdmin,
      MEDICDRAFT_KAFKA_CONTROLLER_PASSWORD: 'controller-stack-secret',
      ...Object.fromEntries(
        appServices.map((s) => [`MEDICDRAFT_KAFKA_PASSWORD_${s.toUpperCase()}`, stackServiceSasl(s).password.reveal()]),
      ),
    };
    const documentedFor = (name: string, key: string) =>
      key === 'KAFKA_SASL_PASSWORD'
        ? isAppService(name)
          ? stackServiceSasl(name as ServiceName).password.reveal()
          : kafkaAdmin
        : (documented[key] ?? kafkaDummies[key]);
    const secretName = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|MASTER_KEY|SIGNING_KEY/i;
    const fromShell = /^\$\{[A-Za-z_]\w*(:?\?[^}]*)?\}$/; // `${X}` / `${X:?msg}`: supplied by the operator, no default
    const problems = Object.keys(services).flatMap((name) =>
      Object.entries(rawEnvironment(name)).flatMap(([key, value]) => {
        if (value === undefined || fromShell.test(value)) return [];
        const out: string[] = [];
        if (secretName.test(key) && documentedFor(name, key) !== value) out.push(`${name}.${key} hard-codes a secret`);
        for (const match of value.matchAll(/[a-z][\w+.-]*:\/\/[^:/@\s]*:([^@\s]*)@/gi)) {
          if (decodeURIComponent(match[1]!) !== localPgPassword) out.push(`${name}.${key} embeds a password in a URL`);
        }
        for (const match of value.matchAll(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g)) {
          if (match[0] !== awsCredentials.accessKeyId) out.push(`${name}.${key} holds an AWS access key id`);
        }
        if (value.includes('-----BEGIN')) out.push(`${name}.${key} holds a PEM block`);
        return out;
      }),
    );
    expect(problems).toEqual([]);
  });
});
