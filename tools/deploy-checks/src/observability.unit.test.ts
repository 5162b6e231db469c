import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './k8s-base.js';
import { declaredMetrics, processRegistryMetrics, seriesNames, type RegisteredMetric } from './metric-registry.js';
import { parsePromql } from './promql-selectors.js';

/**
 * deploy/observability against the code: every alert rule and dashboard query parses with Prometheus' grammar and names only
 * series and labels the services register (or Prometheus adds to every target), alerts carry a severity and a runbook that
 * exists, and the scrape job is the one the queries select. `promtool check rules` / `test rules` run beside this in CI.
 */

const dir = join(REPO_ROOT, 'deploy/observability');
const operations = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = parse(readFileSync(join(dir, 'prometheus-rules.yaml'), 'utf8')) as { groups: { name: string; rules: AlertRule[] }[] };
const alerts = rules.groups.flatMap((g) => g.rules);
interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: { expr: string; datasource?: { uid?: string } }[];
}
const dashboard = JSON.parse(readFileSync(join(dir, 'grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string }[] };
};
const scrape = parse(readFileSync(join(dir, 'prometheus.yaml'), 'utf8')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; relabel_configs: { source_labels?: string[]; regex?: string; action?: string }[] }[];
};

/** Labels Prometheus puts on every series of the scrape job (target labels), and `service`, the registry's default label. */
const TARGET_LABELS = ['job', 'instance', 'pod', 'service'];
/** Series Prometheus itself makes for every target. */
const PROMETHEUS_SERIES: RegisteredMetric[] = [{ name: 'up', type: 'gauge', labels: [] }];

let known: Map<string, string[]>;
beforeAll(async () => {
  known = new Map();
  for (const m of [...declaredMetrics(), ...(await processRegistryMetrics()), ...PROMETHEUS_SERIES]) {
    // The scan knows a metric's label names; the live registry only those of samples taken so far: keep both.
    for (const series of seriesNames(m)) {
      const labels = [...(known.get(series) ?? []), ...m.labels, ...(series.endsWith('_bucket') ? ['le'] : [])];
      known.set(series, [...new Set(labels)]);
    }
  }
});

/** What is wrong with one query: syntax errors, series nobody registers, labels those series do not carry. */
function queryProblems(query: string): string[] {
  const parsed = parsePromql(query);
  const problems = parsed.errors.map((at) => `syntax error at ${at}`);
  for (const s of parsed.selectors) {
    const labels = known.get(s.metric);
    if (labels === undefined) problems.push(`unknown series ${s.metric}`);
    else for (const l of s.labels) if (![...labels, ...TARGET_LABELS].includes(l)) problems.push(`${s.metric} has no label ${l}`);
  }
  const inQuery = parsed.selectors.flatMap((s) => known.get(s.metric) ?? []);
  for (const l of parsed.grouping)
    if (![...inQuery, ...TARGET_LABELS].includes(l)) problems.push(`grouping by ${l}, which no series here carries`);
  return problems;
}

const dashboardQueries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => [`${p.title}`, t.expr] as const));

describe('metrics the code registers', () => {
  it('the source scan finds every medicdraft_ metric of a real process registry (the scan reads the constructors)', async () => {
    const scanned = new Set(declaredMetrics().map((m) => m.name));
    const registry = (await processRegistryMetrics()).filter((m) => m.name.startsWith('medicdraft_')).map((m) => m.name);
    expect(registry.length).toBeGreaterThan(0);
    expect(registry.filter((n) => !scanned.has(n))).toEqual([]);
  });

  it('the query check refuses unknown series, unknown labels and syntax errors', () => {
    expect(queryProblems('rate(medicdraft_consumer_lag_total[5m])')).toEqual(['unknown series medicdraft_consumer_lag_total']);
    expect(queryProblems('medicdraft_scribe_job_steps_total{tenant="a"}')).toEqual([
      'medicdraft_scribe_job_steps_total has no label tenant',
    ]);
    expect(queryProblems('sum(rate(medicdraft_bus_records_total[5m])')).not.toEqual([]);
  });
});

describe('deploy/observability/prometheus-rules.yaml', () => {
  it('has alerts', () => expect(alerts.length).toBeGreaterThan(5));

  it('alerts on the backlogs an on-call engineer needs: lag, outbox, dead letters, audit lag, parked records, scribe queue', () => {
    const uses = (metric: string) =>
      alerts.filter((a) => parsePromql(a.expr).selectors.some((s) => s.metric === metric)).map((a) => a.alert);
    for (const metric of [
      'medicdraft_consumer_lag_records',
      'medicdraft_outbox_oldest_unpublished_age_seconds',
      'medicdraft_dlq_records_total',
      'medicdraft_audit_append_lag_seconds_bucket',
      'medicdraft_parked_records',
      'medicdraft_scribe_jobs_due',
    ])
      expect(uses(metric), metric).not.toEqual([]);
  });

  it.each(alerts.map((a) => [a.alert ?? a.record ?? '?', a] as const))('%s queries only registered series and labels', (_name, a) => {
    expect(queryProblems(a.expr)).toEqual([]);
  });

  it.each(alerts.map((a) => [a.alert ?? '?', a] as const))(
    '%s has a severity, a summary and, if any, a runbook section that exists',
    (_n, a) => {
      expect(['page', 'ticket', 'info']).toContain(a.labels?.severity);
      expect(a.annotations?.summary).toBeTruthy();
      const runbook = a.annotations?.runbook;
      if (runbook !== undefined) {
        const heading = /^docs\/operations\.md (\d+(?:\.\d+)*) (.+)$/.exec(runbook);
        expect(heading, runbook).not.toBeNull();
        expect(operations).toContain(`### ${heading![1]} ${heading![2]}`);
      }
    },
  );

  it("selects the scrape job of prometheus.yaml, which loads these rules and keeps only the pods' ops ports", () => {
    const jobs = scrape.scrape_configs.map((c) => c.job_name);
    expect(jobs).toEqual(['medicdraft']);
    const jobMatchers = alerts.flatMap((a) => [...a.expr.matchAll(/job="([^"]+)"/g)].map((m) => m[1]));
    expect(jobMatchers.length).toBeGreaterThan(0);
    expect(jobMatchers.filter((j) => !jobs.includes(j!))).toEqual([]);
    expect(scrape.rule_files).toEqual(['prometheus-rules.yaml']);
    expect(scrape.scrape_configs[0]!.relabel_configs).toContainEqual({
      source_labels: ['__meta_kubernetes_pod_container_port_name'],
      regex: 'ops',
      action: 'keep',
    });
  });
});

describe('deploy/observability/grafana-dashboard.json', () => {
  it('has a uid, unique panel ids and a Prometheus data source variable', () => {
    expect(dashboard.uid).toBe('medicdraft-overview');
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
  });

  it.each(dashboardQueries)('%s queries only registered series and labels', (_title, expr) => {
    expect(queryProblems(expr)).toEqual([]);
  });

  it('every panel that draws data uses the data source variable', () => {
    const off = dashboard.panels.flatMap((p) => (p.targets ?? []).filter((t) => t.datasource?.uid !== '${datasource}').map(() => p.title));
    expect(off).toEqual([]);
    expect(dashboardQueries.length).toBeGreaterThan(10);
  });
});
