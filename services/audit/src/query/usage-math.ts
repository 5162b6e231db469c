import type { UsageMonth } from '@medicdraft/contracts';

/** The numbers of one audited event that usage counts (read from its payload by usage-report.ts). */
export interface UsageEventRow {
  type: string;
  /** `YYYY-MM` of `occurredAt`, UTC. */
  month: string;
  engine?: string | null;
  sizeBytes?: number | null;
  transcriptSizeBytes?: number | null;
  clinicalDocumentSizeBytes?: number | null;
  /** For a job start: the `durationMs` of its dictation's `dictation.audio.created`, when known. */
  durationMs?: number | null;
  version?: number | null;
  draftingRequested?: string | null;
  drafter?: string | null;
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
  storedBytes: { audio_recording: 0, dictation_text: 0, transcript: 0, clinical_document: 0 },
  llmDrafts: { requested: 0, used: 0 },
});

const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Usage per month from the events' numbers (UsageMonthSchema says what each count means). Rows of
 * a month outside `months` are ignored; every month of `months` is in the answer, zeros included.
 */
export function summarizeUsage(rows: readonly UsageEventRow[], months: readonly string[]): UsageMonth[] {
  const byMonth = new Map(months.map((m) => [m, emptyMonth(m)]));
  const audioMs = new Map<string, number>();
  for (const r of rows) {
    const u = byMonth.get(r.month);
    if (u === undefined) continue;
    switch (r.type) {
      case 'dictation.audio.created':
        u.dictations.total++;
        u.dictations.audio++;
        u.storedBytes.audio_recording += n(r.sizeBytes);
        break;
      case 'dictation.text.created':
        u.dictations.total++;
        u.dictations.text++;
        u.storedBytes.dictation_text += n(r.sizeBytes);
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
      case 'healthscribe.output.received':
        u.storedBytes.transcript += n(r.transcriptSizeBytes);
        u.storedBytes.clinical_document += n(r.clinicalDocumentSizeBytes);
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
  return months.map((m) => byMonth.get(m)!);
}
