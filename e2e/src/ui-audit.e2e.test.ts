import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pdfTextLines } from '@medicdraft/platform/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.js';

const SYNTHETIC_TEXT =
  'Dispatched for a fall. Arrived on scene at 10:20. Patient is an 80 year old female with right hip pain. ' +
  'BP 138/84, pulse 92, SpO2 97 percent. Transported to General Hospital, patient stable at transfer.';

/** The ePCR incident the provider names at intake; the access report finds the dictation by it. */
const INCIDENT = 'EMS-2026/00417';
/** The number the provider corrects it to afterwards. */
const CORRECTED = 'EMS-2026/00471';

/** Reads a download the page starts by clicking `selector`. */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/**
 * The audit screen in headless Chromium against the embedded app: QA (who has `audit:view`) sees
 * the verify verdict and the latest checkpoint, finds the provider's view of a dictation with the
 * provider's name and address, downloads JSONL and FHIR, runs the access and disclosure reports
 * and a signed period PDF whose signature verifies; a provider has no audit screen.
 */
describe('audit screen in headless Chromium against the embedded app', () => {
  let session: BrowserSession;
  let dictationId = '';

  beforeAll(async () => {
    session = await openBrowserSession('ui-audit');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a provider dictates and reads a narrative, and has no audit screen', async () => {
    const page = await session.newPage();
    await session.signIn(page, 'provider');
    expect(await page.locator('#nav a').allTextContents()).not.toContain('Audit');
    await page.fill('#dictation-text', SYNTHETIC_TEXT);
    await page.check('#dictation-synthetic');
    await page.fill('#dictation-incident', INCIDENT);
    await page.click('form:has(#dictation-text) button[type=submit]');
    await page.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
    dictationId = new URL(page.url()).pathname.split('/').pop()!;
    await page.waitForSelector('.sections .sentence', { timeout: 60_000 });
    await page.goto(`${session.url}/audit`);
    // The search answers first and has its own alert: wait for the integrity panel's.
    await page.waitForSelector('[data-testid=audit-integrity] [role=alert]');
    expect(await page.textContent('[data-testid=audit-integrity]')).toContain('forbidden');
    await session.shot(page, 'audit-provider-denied');
  });

  it('QA sees the chain intact and the latest signed checkpoint', async () => {
    const page = await session.newPage({ acceptDownloads: true });
    await session.signIn(page, 'qa');
    await page.click('#nav a:text("Audit")');
    await page.waitForURL(/\/audit$/);
    await page.waitForSelector('[data-testid=audit-verdict]');
    expect(await page.textContent('[data-testid=audit-verdict] .badge')).toBe('intact');
    await expect
      .poll(async () => {
        await page.reload();
        await page.waitForSelector('[data-testid=audit-verdict]');
        return page.locator('[data-testid=audit-checkpoint]').count();
      })
      .toBe(1);
    expect(await page.textContent('[data-testid=audit-checkpoint]')).toMatch(/Root hash[0-9a-f]{64}/);
    await session.shot(page, 'audit-integrity');

    // Search by dictation and action: the provider's view, with the provider's name and the address the gateway saw.
    await page.fill('input[name=dictationId]', dictationId);
    await page.fill('input[name=type]', 'narrative.viewed');
    await page.click('form[aria-label="Search audit records"] button[type=submit]');
    await page.waitForSelector('[data-testid=audit-results] caption:text("Matching audit records")');
    const row = await page.textContent('[data-testid=audit-results] tbody tr');
    expect(row).toContain('narrative.viewed');
    expect(row).toContain(session.cred('provider').email);
    expect(row).toMatch(/127\.0\.0\.1|::1/);
    await session.shot(page, 'audit-search');

    const jsonl = await download(page, 'a:text("Download JSONL")');
    expect(jsonl.name).toMatch(/^audit-.+\.jsonl$/);
    const lines = jsonl.bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.type === 'narrative.viewed' && l.resourceIds.dictationId === dictationId)).toBe(true);
    const fhir = await download(page, 'a:text("Download FHIR Bundle")');
    const bundle = JSON.parse(fhir.bytes.toString('utf8'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry[0].resource.extension.map((e: { url: string }) => e.url.split(':').pop())).toEqual([
      'audit-seq',
      'audit-hash',
      'audit-prev-hash',
    ]);
  });

  it('QA runs the access report, the accounting of disclosures and a signed period report that verifies', async () => {
    const page = await session.newPage({ acceptDownloads: true });
    await session.signIn(page, 'qa');
    await page.goto(`${session.url}/audit`);
    await page.waitForSelector('[data-testid=audit-verdict]');

    await page.fill('form[aria-label="Access report"] input[name=dictationId]', dictationId);
    await page.click('form[aria-label="Access report"] button[type=submit]');
    await page.waitForSelector('[data-testid=audit-access-report] table');
    expect(await page.textContent('[data-testid=audit-access-report]')).toContain('narrative.viewed');

    await page.fill('form[aria-label="Access report"] input[name=dictationId]', '');
    await page.fill('form[aria-label="Access report"] input[name=incident]', INCIDENT.toLowerCase());
    await page.click('form[aria-label="Access report"] button[type=submit]');
    await page.waitForSelector(`[data-testid=audit-access-report] :text("incident ${INCIDENT.toLowerCase()}")`);
    const byIncident = await page.textContent('[data-testid=audit-access-report]');
    expect(byIncident).toContain('narrative.viewed');
    await page.fill('form[aria-label="Access report"] input[name=incident]', '');

    // The user field suggests the tenant's people by name; the pick fills in the id the report takes.
    expect(await page.getAttribute('form[aria-label="Access report"] input[name=userId]', 'list')).toBe('audit-actors');
    // The suggestions are fetched beside the chain's verdict: wait until they are there.
    await page.waitForSelector('[data-testid=audit-actors] option', { state: 'attached' });
    const suggested = await page
      .locator('[data-testid=audit-actors] option')
      .evaluateAll((options) => options.map((o) => ({ id: o.getAttribute('value'), label: o.getAttribute('label') })));
    const providerOption = suggested.find((o) => o.label === `${session.cred('provider').email} (provider)`);
    expect(providerOption?.id).toMatch(/^[0-9a-f-]{36}$/);
    await page.fill('form[aria-label="Access report"] input[name=userId]', providerOption!.id);
    await page.click('form[aria-label="Access report"] button[type=submit]');
    await page.waitForSelector(`[data-testid=audit-access-report] :text("user ${providerOption!.id}")`);
    expect(await page.textContent('[data-testid=audit-access-report]')).toContain('narrative.viewed');
    await page.fill('form[aria-label="Access report"] input[name=userId]', '');

    await page.click('button:text("Accounting of disclosures")');
    await page.waitForSelector('[data-testid=audit-disclosures] p');
    expect(await page.textContent('[data-testid=audit-disclosures]')).toMatch(/0 accountable under HIPAA §164\.528/);

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.fill('form[aria-label="Signed period report"] input[name=from]', `${day(-1)}T00:00`);
    await page.fill('form[aria-label="Signed period report"] input[name=to]', `${day(1)}T00:00`);
    await page.click('form[aria-label="Signed period report"] button[type=submit]');
    await page.waitForSelector('a:text("Download report (PDF)")', { timeout: 30_000 });
    await session.shot(page, 'audit-reports');
    const pdf = await download(page, 'a:text("Download report (PDF)")');
    const sig = await download(page, 'a:text("Download signature")');
    const key = await download(page, 'a:text("Download public key")');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Users are named as the screen names them, next to their ids.
    expect(pdfTextLines(pdf.bytes).some((l) => l.startsWith(`${session.cred('qa').email} - `))).toBe(true);
    const publicKey = createPublicKey(key.bytes.toString('utf8'));
    expect(verify(null, pdf.bytes, publicKey, sig.bytes)).toBe(true);
    const changed = Buffer.from(pdf.bytes);
    changed[200] = changed[200]! ^ 0x01;
    expect(verify(null, changed, publicKey, sig.bytes)).toBe(false);
  });

  it("the provider corrects the incident number: the new number's report has the dictation, the old one's the correction", async () => {
    const provider = await session.newPage();
    await session.signIn(provider, 'provider');
    await provider.goto(`${session.url}/dictations/${dictationId}`);
    await provider.waitForSelector('[data-testid=incident-correction]');
    await provider.fill('#incident-correction-number', CORRECTED);
    await provider.fill('#incident-correction-reason', 'Run number mistyped at intake');
    await provider.click('[data-testid=incident-correction] button[type=submit]');
    await provider.waitForSelector('[data-testid=incident-correction-status]:text("Incident number saved")');
    await session.shot(provider, 'dictation-incident-correction');

    const qa = await session.newPage();
    await session.signIn(qa, 'qa');
    await qa.goto(`${session.url}/audit`);
    await qa.waitForSelector('[data-testid=audit-verdict]');
    const report = async (incident: string) => {
      await qa.fill('form[aria-label="Access report"] input[name=incident]', incident);
      await qa.click('form[aria-label="Access report"] button[type=submit]');
      // The region is busy from the submit until this answer is drawn, then names its subject.
      await qa.waitForSelector(`[data-testid=audit-access-report][aria-busy=false][data-subject="incident ${incident}" i]`);
      return qa.textContent('[data-testid=audit-access-report]');
    };
    // The correction reaches the audit log through the bus: wait for it under the new number.
    await expect.poll(async () => report(CORRECTED), { timeout: 30_000 }).toContain('dictation.incident.corrected');
    expect(await report(CORRECTED)).toContain('narrative.viewed');
    const old = await report(INCIDENT);
    expect(old).toContain('dictation.incident.corrected');
    expect(old).not.toContain('narrative.viewed');
  });

  it('no audit screen shown above has a serious or critical axe-core violation', () => {
    expect(session.a11yViolations()).toEqual([]);
  });
});
