import PDFDocument from 'pdfkit';
import type { CheckpointView, VerifyStatus } from '@medicdraft/contracts';

/** What one period report states; ids, counts, codes and hashes only (the audit store holds nothing else). */
export interface PeriodReportContent {
  tenantId: string;
  from: Date;
  to: Date;
  generatedAt: Date;
  keyId: string;
  verify: VerifyStatus;
  /** The latest signed checkpoint overall, and the first and last signed within the period. */
  latestCheckpoint: CheckpointView | undefined;
  periodCheckpoints: { count: number; first?: CheckpointSummary | undefined; last?: CheckpointSummary | undefined };
  /** Records of the period by type and outcome. */
  activity: { type: string; outcome: string; count: number }[];
  /** Records of the period by user (who accessed or changed what). */
  /** `name`: the display name the caller resolved when the report was made (null: unknown, e.g. a removed user). */
  users: { actorId: string; name: string | null; role: string | null; records: number; denied: number }[];
}

export interface CheckpointSummary {
  treeSize: number;
  rootHash: string;
  keyId: string;
  issuedAt: string;
}

/**
 * Renders a period report as a PDF a person can read (pdfkit, built-in Helvetica/Courier, no
 * external assets). Sections: the period and tenant, the verify verdict with each finding, the
 * checkpoint roots, activity by type and outcome, and activity by user. Resolves to the bytes.
 */
export function renderPeriodReportPdf(c: PeriodReportContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Audit period report ${c.tenantId}`, Author: 'MedicDraft audit service', CreationDate: c.generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10);
  const line = (label: string, value: string) =>
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  const mono = (text: string) => doc.font('Courier').fontSize(8).text(text).font('Helvetica').fontSize(10);

  doc.font('Helvetica-Bold').fontSize(18).text('MedicDraft audit period report');
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  line('Tenant', c.tenantId);
  line('Period', `${c.from.toISOString()} (inclusive) to ${c.to.toISOString()} (exclusive)`);
  line('Generated', c.generatedAt.toISOString());
  line('Signed by key', `${c.keyId} (detached Ed25519 signature over this file, delivered beside it)`);

  heading('Chain verification');
  const v = c.verify;
  line('Verdict', v.ok ? 'INTACT - no finding' : `${v.verdicts.length} FINDING(S)`);
  line('Verified at', v.verifiedAt);
  line('Records', `${v.records} (last seq ${v.lastSeq}); anchored ${v.anchored}, unanchored ${v.unanchored}`);
  line('Checkpoints checked', `${v.checkpoints}; witness ${v.witness ?? 'none configured (database only)'}`);
  for (const f of v.verdicts) {
    const where = f.seq !== undefined ? `seq ${f.seq}` : f.treeSize !== undefined ? `tree size ${f.treeSize}` : '';
    doc.text(`- ${f.kind}${where ? ` at ${where}` : ''}: ${f.detail}`);
  }

  heading('Checkpoint roots');
  const cp = (label: string, s: CheckpointSummary | undefined) => {
    if (s === undefined) return line(label, 'none');
    line(label, `tree size ${s.treeSize}, issued ${s.issuedAt}, key ${s.keyId}`);
    mono(`root ${s.rootHash}`);
  };
  cp('Latest signed checkpoint', c.latestCheckpoint);
  line('Signed within the period', String(c.periodCheckpoints.count));
  cp('First in the period', c.periodCheckpoints.first);
  cp('Last in the period', c.periodCheckpoints.last);

  heading('Activity by type and outcome');
  if (c.activity.length === 0) doc.text('No records in the period.');
  for (const a of c.activity) doc.text(`${a.type} - ${a.outcome}: ${a.count}`);

  heading('Activity by user');
  if (c.users.length === 0) doc.text('No user activity in the period.');
  for (const u of c.users) {
    const who = u.name === null ? u.actorId : `${u.name} - ${u.actorId}`;
    doc.text(`${who} (${u.role ?? 'no role'}): ${u.records} record(s), ${u.denied} denied`);
  }

  doc.end();
  return done;
}
