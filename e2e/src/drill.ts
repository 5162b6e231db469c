import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceName } from '@medicdraft/contracts';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { type EventBus } from '@medicdraft/platform';
import pg, { type QueryResultRow } from 'pg';
import { createAwsDrill, type AwsDrill } from './aws-fixtures.js';
import { watchPipeline, type PipelineWatch } from './pipeline-watch.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';
import { createDrillEnv, stack, type DrillEnv } from './stack-env.js';

export interface DrillOptions {
  /** Give every process one scratch DATA_DIR (audit's dev signing key survives its restart there). */
  dataDir?: boolean;
}

/**
 * One drill's slice of the stack (see DrillEnv) together with everything the drill starts in it.
 * The drill owns its teardown: `close()` kills the processes still running, closes what the test
 * handed to `defer` (last first), then the bus, the scratch directory and the database. Every step
 * runs even when one fails, and the failures are reported afterwards, so a broken teardown is
 * seen instead of leaking the rest.
 */
export interface Drill extends DrillEnv {
  /** A bus in the drill's topic namespace. */
  bus: EventBus;
  /** The scratch DATA_DIR, when asked for. */
  dataDir: string | undefined;
  /** Every process `start` started, in order. */
  processes: readonly ServiceProcess[];
  /** Starts a service process with the drill's variables (and DATA_DIR) plus `env`. */
  start(name: ServiceName, env?: Record<string, string>): Promise<ServiceProcess>;
  /** Fresh buckets, a KMS key and the in-process HealthScribe emulator; closed with the drill. */
  aws(opts: { inProgressMs: number; queuedMs?: number }): Promise<AwsDrill>;
  /** Watches a tenant's (by default the drill's) pipeline events and gate states; closed with the drill. */
  watch(extraTopics?: readonly string[], tenantId?: string): Promise<PipelineWatch>;
  /** One statement on the drill's database as the stack's superuser, which bypasses RLS: it reads across tenants. */
  sql<R extends QueryResultRow>(text: string, params?: unknown[]): Promise<R[]>;
  /** Registers a teardown step; steps run in reverse order, after the processes are killed. */
  defer(step: () => unknown): void;
  close(): Promise<void>;
}

export async function startDrill(label: string, opts: DrillOptions = {}): Promise<Drill> {
  const env = await createDrillEnv(label);
  const steps: (() => unknown)[] = [];
  const processes: ServiceProcess[] = [];
  const bus = createKafkaEventBus({ ...stack.kafka, clientId: `e2e-${label}`, topicPrefix: env.topicPrefix });
  let dataDir: string | undefined;
  try {
    if (opts.dataDir === true) dataDir = await mkdtemp(join(tmpdir(), `md-${label}-`));
  } catch (err) {
    await Promise.allSettled([bus.close(), env.release()]);
    throw err;
  }
  let closed: Promise<void> | undefined;

  async function teardown(): Promise<void> {
    const failures: unknown[] = [];
    const attempt = async (step: () => unknown) => {
      try {
        await step();
      } catch (err) {
        failures.push(err);
      }
    };
    for (const p of processes) await attempt(() => p.stop('SIGKILL'));
    for (const step of steps.splice(0).reverse()) await attempt(step);
    await attempt(() => bus.close());
    if (dataDir !== undefined) await attempt(() => rm(dataDir!, { recursive: true, force: true }));
    await attempt(() => env.release());
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} steps of the ${label} drill's teardown failed`);
  }

  return {
    ...env,
    bus,
    dataDir,
    processes,
    async start(name, extra = {}) {
      const p = await startServiceProcess(name, { ...env.env, ...(dataDir === undefined ? {} : { DATA_DIR: dataDir }), ...extra });
      processes.push(p);
      return p;
    },
    async aws(awsOpts) {
      const aws = await createAwsDrill(label, env.run, awsOpts);
      steps.push(() => aws.close());
      return aws;
    },
    async watch(extraTopics = [], tenantId = env.tenantId) {
      const watch = await watchPipeline(bus, tenantId, extraTopics);
      steps.push(() => watch.close());
      return watch;
    },
    async sql<R extends QueryResultRow>(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: env.db.url });
      await client.connect();
      try {
        return (await client.query<R>(text, params)).rows;
      } finally {
        await client.end();
      }
    },
    defer(step) {
      steps.push(step);
    },
    close() {
      closed ??= teardown();
      return closed;
    },
  };
}
