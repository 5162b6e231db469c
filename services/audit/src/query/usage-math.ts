import { USAGE_DATA_CLASSES, type UsageDataClass, type UsageMonth } from '@medicdraft/contracts';

/** The numbers of one audited event that usage counts (read from its payload by usage-report.ts). */
export interface UsageEventRow {
  type: string;
  /** `YYYY-MM` of `occurredAt`, UTC. */
  month: string;
  engine?: string | null;
  /** For a job start: the `durationMs` of its dictation's `dictation.audio.created`, when known. */
  durationMs?: number | null;
  version?: number | null;
  draftingRequested?: string | null;
  drafter?: string | null;
}

/**
 * Bytes of one data class written and deleted in one month (usage-report.ts sums them over the
 * events; a deletion counts the bytes its object's write announced).
 */
export interface StorageRow {
  /** `YYYY-MM`, UTC. */
  month: string;
  dataClass: string;
  written: number;
  deleted: number;
}

/** The UTC calendar months ending with `now`'s, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(`${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

const emptyMonth = (month: string): UsageMonth => ({
  month,
  dictations: { total: 0, audio: 0, text: 0 },
  healthscribe: { jobs: 0, audioSeconds: 0, jobsWithoutDuration: 0 },
  syntheticJobs: 0,
  reprocessing: { retranscriptions: 0, redrafts: 0 },
  storage: Object.fromEntries(USAGE_DATA_CLASSES.map((c) => [c, { written: 0, deleted: 0, stored: 0 }])) as UsageMonth['storage'],
  llmDrafts: { requested: 0, used: 0 },
});

const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

const isUsageClass = (c: string): c is UsageDataClass => (USAGE_DATA_CLASSES as readonly string[]).includes(c);

/**
 * Usage per month from the events' numbers (UsageMonthSchema says what each count means). Rows of
 * a month outside `months` are ignored, except that `storage` rows of earlier months make up the
 * bytes stored when the first month begins; every month of `months` is in the answer, zeros included.
 */
export function summarizeUsage(
  rows: readonly UsageEventRow[],
  months: readonly string[],
  storage: readonly StorageRow[] = [],
): UsageMonth[] {
  const byMonth = new Map(months.map((m) => [m, emptyMonth(m)]));
  const audioMs = new Map<string, number>();
  for (const r of rows) {
    const u = byMonth.get(r.month);
    if (u === undefined) continue;
    switch (r.type) {
      case 'dictation.audio.created':
        u.dictations.total++;
        u.dictations.audio++;
        break;
      case 'dictation.text.created':
        u.dictations.total++;
        u.dictations.text++;
        break;
      case 'healthscribe.job.started':
        if (r.engine !== 'healthscribe') {
          u.syntheticJobs++;
          break;
        }
        u.healthscribe.jobs++;
        if (typeof r.durationMs === 'number') audioMs.set(r.month, (audioMs.get(r.month) ?? 0) + r.durationMs);
        else u.healthscribe.jobsWithoutDuration++;
        break;
      case 'dictation.reprocess.requested':
        u.reprocessing.retranscriptions++;
        break;
      case 'narrative.generated':
        if (n(r.version) > 1) u.reprocessing.redrafts++;
        if (r.draftingRequested === 'bedrock') u.llmDrafts.requested++;
        if (r.drafter === 'bedrock') u.llmDrafts.used++;
        break;
    }
  }
  // Summed in milliseconds, rounded once: seconds to one decimal.
  for (const [month, ms] of audioMs) byMonth.get(month)!.healthscribe.audioSeconds = Math.round(ms / 100) / 10;
  addStorage(byMonth, months, storage);
  return months.map((m) => byMonth.get(m)!);
}

/** Written and deleted per month, and what is stored at each month's end (all earlier months included). */
function addStorage(byMonth: Map<string, UsageMonth>, months: readonly string[], rows: readonly StorageRow[]): void {
  const stored = new Map<UsageDataClass, number>(USAGE_DATA_CLASSES.map((c) => [c, 0]));
  const first = months[0] ?? '';
  for (const r of rows) {
    // `YYYY-MM` strings order as the months do.
    if (isUsageClass(r.dataClass) && r.month < first) stored.set(r.dataClass, stored.get(r.dataClass)! + n(r.written) - n(r.deleted));
  }
  for (const month of months) {
    const u = byMonth.get(month)!;
    for (const r of rows) {
      if (r.month !== month || !isUsageClass(r.dataClass)) continue;
      u.storage[r.dataClass].written += n(r.written);
      u.storage[r.dataClass].deleted += n(r.deleted);
    }
    for (const c of USAGE_DATA_CLASSES) {
      stored.set(c, stored.get(c)! + u.storage[c].written - u.storage[c].deleted);
      // Never below zero: a deletion only subtracts bytes a write added, so this holds unless the log is damaged.
      u.storage[c].stored = Math.max(0, stored.get(c)!);
    }
  }
}
