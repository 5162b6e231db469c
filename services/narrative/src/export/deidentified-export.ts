import { IDENTIFIER_CLASSES, type DeidentifiedExport, type DeidentifiedNarrative, type IdentifierClass } from '@medicdraft/contracts';
import {
  type Clock,
  type Database,
  type GateView,
  type ObjectStore,
  PhiModeDisabledError,
  PipelineHaltedError,
} from '@medicdraft/platform';
import { listLatestVersions } from '../narrative.repository.js';
import { readContent } from '../review/narrative-content.js';
import { deidentifyText } from './safe-harbor.js';

export interface DeidentifiedExportDeps {
  db: Database;
  objects: ObjectStore;
  gates: GateView;
  /** The export's time: its year is the one a kept year is judged against for ages over 89. */
  clock: Clock;
}

/** Content objects read at once: enough to hide the store's latency, few enough not to flood it. */
const READ_CONCURRENCY = 8;

/**
 * The tenant's latest narratives for analytics, with the HIPAA Safe Harbor identifiers removed
 * from every section's text and nothing in the metadata that points back to a person or a record
 * (the year alone of the date; no dictation, narrative, tenant or user id). Producing it reads
 * PHI, so the tenant's gate must allow PHI (a HealthScribe narrative is PHI) and the pipeline
 * must not be halted. The caller (the gateway) records `narratives.exported` before it returns
 * the result.
 */
export async function exportDeidentified(deps: DeidentifiedExportDeps, tenantId: string, limit: number): Promise<DeidentifiedExport> {
  const rows = await deps.db.withTenant(tenantId, (tx) => listLatestVersions(tx, limit));
  const gate = deps.gates.decide(tenantId, { phi: rows.some((r) => r.engine === 'healthscribe') });
  if (!gate.allowed) throw gate.reason === 'phi_mode_disabled' ? new PhiModeDisabledError() : new PipelineHaltedError();

  const referenceYear = new Date(deps.clock()).getUTCFullYear();
  const redactions = Object.fromEntries(IDENTIFIER_CLASSES.map((c) => [c, 0])) as Record<IdentifierClass, number>;
  const narratives: DeidentifiedNarrative[] = new Array(rows.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i]!;
      const content = await readContent(deps.objects, row.contentRef);
      const sections = content.sections.map(({ key, title, sentences }) => {
        const clean = deidentifyText(sentences.map((s) => s.text).join(' '), { referenceYear });
        for (const c of IDENTIFIER_CLASSES) redactions[c] += clean.redactions[c];
        return { key, title, text: clean.text };
      });
      narratives[i] = {
        n: i + 1,
        year: new Date(row.createdAt).getUTCFullYear(),
        template: row.template,
        templateVersion: row.templateVersion,
        engine: row.engine,
        engineVersion: row.engineVersion,
        versions: row.version,
        missingElements: row.missingElements,
        sections,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, rows.length) }, worker));
  return { method: 'safe_harbor', narratives, redactions };
}
