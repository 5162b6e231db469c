import { toFhirAuditEvent } from '../export/fhir-audit-event.js';
import { readTenantRows } from '../verify/pg-audit-source.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';
import { createProgress } from './progress.js';

export interface ExportArgs {
  tenant: string;
  format: 'jsonl' | 'fhir';
  from?: string;
  to?: string;
}

/**
 * `export --tenant [--format jsonl|fhir] [--from --to]`: one JSON line per record in chain order.
 * `jsonl` keeps everything a verifier needs (seq, prev_hash, hash, columns, event); `fhir` writes
 * FHIR R4 AuditEvent resources (NDJSON, as FHIR bulk data does).
 */
export async function exportCommand(ctx: CliContext, args: ExportArgs): Promise<number> {
  const progress = createProgress('export', ctx.err);
  const from = args.from === undefined ? undefined : Date.parse(args.from);
  const to = args.to === undefined ? undefined : Date.parse(args.to);
  for await (const row of readTenantRows(ctx.read, args.tenant)) {
    progress.tick();
    const t = new Date(row.columns['occurredAt'] as string | Date).getTime();
    if ((from !== undefined && t < from) || (to !== undefined && t >= to)) continue;
    writeJsonLine(
      ctx.out,
      args.format === 'fhir'
        ? toFhirAuditEvent(row)
        : {
            seq: row.seq,
            tenantId: row.tenantId,
            eventId: row.eventId,
            prevHash: row.prevHash,
            hash: row.hash,
            ...row.columns,
            event: row.event,
          },
    );
  }
  progress.done();
  return EXIT.ok;
}
