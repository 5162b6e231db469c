import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.js';

// Chest pain: aspirin given (pass), 12-lead 14 minutes after arrival (fail), no stroke (not applicable).
const CHEST_PAIN =
  'Dispatched at 1402 for chest pain. Responded emergent. Arrived on scene at 1411. 67 year old male complains of substernal ' +
  'chest pain. Vitals: BP 158/92, heart rate 96, respirations 20, SpO2 94%. Gave 324 mg aspirin PO at 1415. 12 lead obtained at 1425. ' +
  'We transported emergent to Regional Medical Center. Care transferred to the ED RN, patient stable.';
const COMMENT = 'The 12-lead was 14 minutes after contact: document why it was delayed.';

/**
 * The QA review loop in headless Chromium against the embedded app: an admin adopts the shipped
 * QA checks as a protocol reference; QA sees the checks with their evidence, comments on a
 * sentence with a severity and returns the narrative; the provider sees the comment under that
 * sentence, is held back until they edit, resubmits; QA approves. Every screen is shot and checked
 * with axe-core.
 */
describe('QA review loop in the web UI (headless Chromium, embedded app)', () => {
  let session: BrowserSession;
  let provider: Page;
  let qa: Page;
  let dictationId = '';
  const shot = (page: Page, name: string) => session.shot(page, name);
  const state = (page: Page) => page.textContent('[data-testid=qa-state]');

  beforeAll(async () => {
    session = await openBrowserSession('ui-qa-review');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a provider dictates a chest pain call; the narrative shows as not yet reviewed', async () => {
    provider = await session.newPage();
    await session.signIn(provider, 'provider');
    await provider.fill('#dictation-text', CHEST_PAIN);
    await provider.check('#dictation-synthetic');
    await provider.click('form:has(#dictation-text) button[type=submit]');
    await provider.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
    dictationId = new URL(provider.url()).pathname.split('/').pop()!;
    await provider.waitForSelector('[data-testid=qa-state]', { timeout: 60_000 });
    expect(await state(provider)).toBe('Not reviewed');
    expect(await provider.textContent('[data-testid=qa-review]')).toContain('No QA protocol checks adopted.');
    // A provider has no QA actions.
    expect(await provider.locator('[data-testid=qa-approve], [data-testid=qa-comment-form]').count()).toBe(0);
  });

  it('an admin adopts the shipped QA checks as the protocol reference "qa-checks"', async () => {
    const admin = await session.newPage();
    await session.signIn(admin, 'admin');
    const tenant = session.cred('admin').tenant;
    const defaults = await admin.evaluate(async (t) => {
      const body: unknown = await (await fetch(`/v1/tenants/${t}/qa/protocol-defaults`)).json();
      return body as { name: string; content: unknown };
    }, tenant);
    expect(defaults.name).toBe('qa-checks');
    await admin.click('#nav a:text("References")');
    await admin.selectOption('#ref-kind', 'protocol');
    await admin.fill('#ref-name', defaults.name);
    await admin.fill('#ref-content', JSON.stringify(defaults.content, null, 2));
    await admin.click('text=Save new version');
    await expect.poll(() => admin.textContent('#flash')).toContain('version 1');
    await shot(admin, 'qa-loop-admin-protocol');
  });

  it('QA sees each check with its evidence, comments on the 12-lead sentence (major) and returns the narrative', async () => {
    qa = await session.newPage();
    await session.signIn(qa, 'qa');
    await qa.goto(`${session.url}/dictations/${dictationId}`);
    await qa.waitForSelector('[data-testid=qa-checks]', { timeout: 60_000 });
    expect(await qa.getAttribute('[data-testid=qa-check-chest-pain-aspirin]', 'data-outcome')).toBe('pass');
    expect(await qa.getAttribute('[data-testid=qa-check-stemi-12-lead-10-minutes]', 'data-outcome')).toBe('fail');
    expect(await qa.textContent('[data-testid=qa-check-stemi-12-lead-10-minutes]')).toContain('14 minutes after 1411 (limit 10)');
    expect(await qa.getAttribute('[data-testid=qa-check-stroke-lkw-glucose]', 'data-outcome')).toBe('not_applicable');
    // Selecting a check's evidence marks the sentences and transcript segments it rests on.
    const evidence = qa.locator('[data-testid=qa-check-stemi-12-lead-10-minutes] button');
    // A failed check cites the sentences that made it apply (chest pain) and those it judged (arrival, 12-lead).
    const cited = (await evidence.textContent())!.replace('Evidence: ', '').split(', ');
    expect(cited.length).toBeGreaterThanOrEqual(3);
    await evidence.click();
    expect(await qa.locator('.transcript li.active').count()).toBeGreaterThan(0);
    expect(await qa.locator('.sections .sentence.active').count()).toBe(cited.length);
    await shot(qa, 'qa-loop-checks');

    const option = await qa
      .locator('#qa-anchor option', { hasText: /12.lead/i })
      .first()
      .getAttribute('value');
    await qa.selectOption('#qa-anchor', option!);
    await qa.selectOption('#qa-severity', 'major');
    await qa.fill('#qa-comment', COMMENT);
    await qa.click('text=Add comment');
    await expect.poll(() => state(qa)).toBe('In QA review');
    expect(await qa.textContent('[data-testid=qa-comments]')).toContain(COMMENT);
    expect(await qa.textContent('[data-testid=qa-comments]')).toContain('major (blocking)');
    // A blocking comment on this version holds approval back; the server says why.
    await qa.click('[data-testid=qa-approve]');
    await expect.poll(() => qa.textContent('[data-testid=qa-review] .error')).toContain('review_changes_required');
    await qa.click('[data-testid=qa-return]');
    await expect.poll(() => state(qa)).toBe('Returned for changes');
    expect(await qa.locator('[data-testid=qa-comment-form], [data-testid=qa-approve]').count()).toBe(0);
    await shot(qa, 'qa-loop-returned');
  });

  it('the provider sees the comment under its sentence, edits, and resubmits', async () => {
    await provider.reload();
    await provider.waitForSelector('[data-testid=qa-inline-comment]', { timeout: 30_000 });
    expect(await provider.textContent('[data-testid=qa-inline-comment]')).toBe(`QA (major): ${COMMENT}`);
    // The inline comment sits right after the sentence it is about.
    const sentence = await provider.locator('[data-testid=qa-inline-comment]').locator('xpath=preceding-sibling::*[1]').textContent();
    expect(sentence).toMatch(/12.lead/i);
    expect(await state(provider)).toBe('Returned for changes');
    await shot(provider, 'qa-loop-provider-returned');
    await provider.click('[data-testid=qa-resubmit]');
    await expect.poll(() => provider.textContent('[data-testid=qa-review] .error')).toContain('review_changes_required');

    await provider.click('summary:text("Edit the narrative text")');
    const text = await provider.inputValue('#narrative-text');
    await provider.fill('#narrative-text', `${text} The 12-lead was delayed because the patient was in a stairwell.`);
    await provider.click('text=Save as new version');
    await provider.waitForSelector('.narrative p.muted:has-text("Version 2")');
    await provider.waitForSelector('[data-testid=qa-resubmit]');
    await provider.click('[data-testid=qa-resubmit]');
    await expect.poll(() => state(provider)).toBe('Resubmitted');
    await shot(provider, 'qa-loop-provider-resubmitted');
  });

  it('QA approves the resubmitted version', async () => {
    await qa.reload();
    await qa.waitForSelector('[data-testid=qa-approve]', { timeout: 30_000 });
    expect(await state(qa)).toBe('Resubmitted');
    await qa.click('[data-testid=qa-approve]');
    await expect.poll(() => state(qa)).toBe('Approved');
    expect(await qa.locator('[data-testid=qa-approve], [data-testid=qa-return]').count()).toBe(0);
    await shot(qa, 'qa-loop-approved');
  });

  it("QA's dictation list filters by review state: the approved dictation is under Approved, not under Returned", async () => {
    await qa.goto(`${session.url}/qa`);
    await qa.waitForSelector('[data-testid=review-filter]');
    const link = `a[href="/dictations/${dictationId}"]`;
    const listed = async (state: string) => {
      await qa.selectOption('[data-testid=review-filter]', state);
      // The list says which filter it shows once that answer is on screen; until then the last one is still there.
      await qa.waitForSelector(`[data-testid=list-results][data-review-state="${state}"][aria-busy=false]`);
      return qa.locator(link).count();
    };
    // Ingest follows the review steps from the bus: the list catches up.
    await expect.poll(() => listed('approved'), { timeout: 30_000 }).toBe(1);
    expect(await listed('returned')).toBe(0);
    expect(await listed('not_started')).toBe(0);
    await qa.selectOption('[data-testid=review-filter]', 'approved');
    await qa.waitForSelector(link);
    await shot(qa, 'qa-loop-review-filter');
  });

  it('a slow answer to an earlier filter is abandoned and never replaces the later choice', async () => {
    const returned = '**/dictations?*reviewState=returned*';
    const held = new Promise<Route>((resolve) => void qa.route(returned, resolve));
    await qa.selectOption('[data-testid=review-filter]', 'returned');
    const route = await held;
    const abandoned = qa.waitForEvent('requestfailed', (r) => r.url().includes('reviewState=returned'));
    await qa.selectOption('[data-testid=review-filter]', 'approved');
    await abandoned;
    // The abandoned request may no longer be answerable; either way nothing of it may reach the screen.
    await route.continue().catch(() => undefined);
    await qa.unroute(returned);
    await qa.waitForSelector('[data-testid=list-results][data-review-state="approved"][aria-busy=false]');
    expect(await qa.locator(`a[href="/dictations/${dictationId}"]`).count()).toBe(1);
  });

  it('no screen shown above has a serious or critical axe-core violation', () => {
    expect(session.a11yViolations()).toEqual([]);
  });
});
