import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfTextLines } from '@medicdraft/platform/testing';
import { describe, expect, it } from 'vitest';
import { renderPeriodReportPdf, type PeriodReportContent } from './period-report-pdf.js';
import { reportSignatureValid, signReport } from './report-signature.js';

const content: PeriodReportContent = {
  tenantId: 'south-metro',
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-02-01T00:00:00Z'),
  generatedAt: new Date('2026-02-01T08:00:00Z'),
  keyId: 'ed25519-0123456789abcdef',
  verify: {
    ok: false,
    verifiedAt: '2026-02-01T08:00:00.000Z',
    records: 12,
    lastSeq: 12,
    checkpoints: 3,
    anchored: 10,
    unanchored: 2,
    witness: 's3-object-lock',
    verdicts: [{ kind: 'modified', seq: 7, detail: 'record 7 no longer hashes to its stored hash' }],
  },
  latestCheckpoint: undefined,
  periodCheckpoints: {
    count: 3,
    first: { treeSize: 4, rootHash: 'a'.repeat(64), keyId: 'ed25519-0123456789abcdef', issuedAt: '2026-01-03T00:00:00.000Z' },
    last: { treeSize: 10, rootHash: 'b'.repeat(64), keyId: 'ed25519-0123456789abcdef', issuedAt: '2026-01-30T00:00:00.000Z' },
  },
  activity: [{ type: 'narrative.viewed', outcome: 'success', count: 9 }],
  users: [
    { actorId: '11111111-1111-4111-8111-111111111111', name: 'jane.doe@lakeside-ems.example', role: 'qa', records: 9, denied: 1 },
    { actorId: '22222222-2222-4222-8222-222222222222', name: null, role: 'provider', records: 2, denied: 0 },
  ],
};

describe('signed period report', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('is a PDF that states the verdicts and the checkpoint roots', async () => {
    const pdf = await renderPeriodReportPdf({ ...content });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    // pdfkit compresses page content; the title in the uncompressed document info is enough to tell the file apart.
    expect(pdf.toString('latin1')).toContain('Audit period report south-metro');
  });

  it('names each user by display name next to the id (the id alone when the name is unknown)', async () => {
    const lines = pdfTextLines(await renderPeriodReportPdf(content));
    expect(lines).toContain('jane.doe@lakeside-ems.example - 11111111-1111-4111-8111-111111111111 (qa): 9 record(s), 1 denied');
    expect(lines).toContain('22222222-2222-4222-8222-222222222222 (provider): 2 record(s), 0 denied');
    expect(lines).toContain('MedicDraft audit period report');
  });

  it('verifies under the signing key, and fails when one byte changes or under another key', async () => {
    const pdf = await renderPeriodReportPdf(content);
    const signature = signReport(pdf, privateKey);
    expect(reportSignatureValid(pdf, signature, publicKey)).toBe(true);
    for (const at of [0, Math.floor(pdf.length / 2), pdf.length - 1]) {
      const changed = Buffer.from(pdf);
      changed[at] = changed[at]! ^ 0x01;
      expect(reportSignatureValid(changed, signature, publicKey), `byte ${at}`).toBe(false);
    }
    expect(reportSignatureValid(pdf, signature, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(reportSignatureValid(pdf, Buffer.alloc(3), publicKey)).toBe(false);
  });

  it('verifies with stock OpenSSL as docs/compliance.md tells an outside auditor to', async () => {
    const pdf = await renderPeriodReportPdf(content);
    const dir = mkdtempSync(join(tmpdir(), 'period-report-'));
    const file = (name: string, data: string | Buffer) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    };
    const key = file('key.pem', publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const sig = file('report.pdf.sig', signReport(pdf, privateKey));
    const verify = (report: Buffer) =>
      execFileSync(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', key, '-rawin', '-in', file('report.pdf', report), '-sigfile', sig],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    expect(verify(pdf)).toContain('Signature Verified Successfully');
    const changed = Buffer.from(pdf);
    changed[100] = changed[100]! ^ 0x01;
    expect(() => verify(changed)).toThrow();
  });
});
