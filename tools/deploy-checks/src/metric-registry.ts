import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '@medicdraft/platform';
import { REPO_ROOT } from './k8s-base.js';

/** A metric the code registers, with the labels its samples carry. */
export interface RegisteredMetric {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  labels: string[];
}

const SOURCE_ROOTS = ['packages', 'services', 'apps'];
const CONSTRUCTOR = /new (Counter|Gauge|Histogram|Summary)\(\{([\s\S]*?)\n\s*\}\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(join(dir, e.name));
    return e.name.endsWith('.ts') && !/\.(unit|int|e2e)\.test\.ts$/.test(e.name) ? [join(dir, e.name)] : [];
  });
}

/**
 * Every prom-client metric constructed in the source of packages, services and apps (tests excluded), read from the
 * constructor's `name` and `labelNames`. Read from the source rather than from running every service, so a metric added
 * anywhere is known without wiring it here.
 */
export function declaredMetrics(root: string = REPO_ROOT): RegisteredMetric[] {
  return SOURCE_ROOTS.flatMap((top) => sourceFiles(join(root, top))).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(CONSTRUCTOR)].flatMap((m) => {
      const name = /\bname: '([a-z_:][\w:]*)'/.exec(m[2]!)?.[1];
      if (name === undefined) return [];
      const labels = [...(/labelNames: \[([^\]]*)\]/.exec(m[2]!)?.[1]?.matchAll(/'(\w+)'/g) ?? [])].map((l) => l[1]!);
      return [{ name, type: m[1]!.toLowerCase() as RegisteredMetric['type'], labels }];
    }),
  );
}

/** The prom-client registry every service process builds (its default process and Node.js metrics included). */
export async function processRegistryMetrics(): Promise<RegisteredMetric[]> {
  const metrics = createMetrics('deploy-checks');
  const json = await metrics.registry.getMetricsAsJSON();
  return json.map((m) => ({
    name: m.name,
    type: String(m.type) as RegisteredMetric['type'],
    labels: [...new Set(m.values.flatMap((v) => Object.keys(v.labels ?? {})))],
  }));
}

/** Series names a metric exposes: a histogram's `_bucket`, `_sum` and `_count`; a summary's `_sum` and `_count`. */
export function seriesNames(m: RegisteredMetric): string[] {
  if (m.type === 'histogram') return [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`];
  if (m.type === 'summary') return [m.name, `${m.name}_sum`, `${m.name}_count`];
  return [m.name];
}
