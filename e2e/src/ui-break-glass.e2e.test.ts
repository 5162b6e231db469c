import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.js';

const SYNTHETIC_TEXT =
  'Dispatched priority one for chest pain. Responded lights and sirens. Arrived on scene at 14:02. ' +
  'Patient is a 58 year old male complaining of chest pain. BP 150/95, pulse 102, SpO2 96 percent. ' +
  'Aspirin 324 mg PO at 14:05. Transported to General Hospital, patient stable at transfer.';
const OWNER_TEXT =
  'Dispatched for a fall. Responded non emergent. Arrived on scene at 10:20. 82 year old female complains of right hip pain. ' +
  'BP 138/84, pulse 92. No treatment was indicated. Transported non emergent to Regional Medical Center, patient stable.';
const REASON = 'Patient re-presented in cardiac arrest; I need the earlier call to brief the receiving team.';
/** Enough for the slowest screen of the walkthrough; each Tab is one focus move. */
const MAX_TABS = 150;

/** The page's `document` as these checks use it (this tsconfig has no DOM types; the functions run in the page). */
type FocusDocument = { document: { activeElement: { id: string; matches(selector: string): boolean } | null } };

/** True when the focused element matches `selector`. */
const focused = (page: Page, selector: string) =>
  page.evaluate((s) => (globalThis as unknown as FocusDocument).document.activeElement?.matches(s) ?? false, selector);

/**
 * Waits until the screen a navigation opened has finished loading: the router then moves the focus
 * to the main region (keys pressed earlier could land in a field the screen is about to replace).
 */
const settled = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as FocusDocument).document.activeElement?.id === 'main', undefined, {
    timeout: 60_000,
  });

/**
 * Waits until the break-glass alerts above the screen have been drawn for `path`: before that, "no
 * banner" could only mean "not drawn yet".
 */
const alertsDrawn = (page: Page, path: string) =>
  page.waitForSelector(`#alerts[aria-busy=false][data-drawn-for="${path}"]`, { state: 'attached', timeout: 30_000 });

/** Presses Tab (only Tab) until `selector` has the focus: reachable from the keyboard, in tab order. */
async function tabTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ timeout: 60_000 });
  for (let i = 0; i < MAX_TABS; i++) {
    if (await focused(page, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with ${MAX_TABS} presses of Tab`);
}

/**
 * Break-glass and the provider screen in headless Chromium against the embedded app: a provider
 * walks the whole flow by keyboard alone, then opens an owner's dictation with break-glass (banner),
 * the owner sees the notice and the report and revokes; evidence and the ePCR counter as the
 * provider sees them. Screens are shot as artifacts and checked with axe-core.
 */
describe('break-glass and the provider screen in headless Chromium (embedded app)', () => {
  let session: BrowserSession;
  let provider: Page;
  let owner: Page;
  let ownDictation = '';
  let ownerDictation = '';
  let esoLength = 0;

  beforeAll(async () => {
    session = await openBrowserSession('ui-break-glass');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('keyboard only (Tab, Enter, Space): a provider signs in, dictates, opens, selects a sentence, resolves prompts, copies', async () => {
    const c = session.cred('provider');
    provider = await session.newPage();
    await provider.goto(`${session.url}/`);
    await provider.waitForURL(/\/login/);
    await tabTo(provider, '#login-email');
    await provider.keyboard.type(c.email);
    await tabTo(provider, '#login-password');
    await provider.keyboard.type(c.oneTimePassword);
    await provider.keyboard.press('Enter');
    // The one-time demo password: the form asks for the user's own and puts the focus on it.
    await provider.locator('#login-new-password').waitFor({ state: 'visible' });
    await tabTo(provider, '#login-new-password');
    await provider.keyboard.type(`${c.oneTimePassword}-own`);
    await provider.keyboard.press('Enter');
    await provider.waitForURL(/\/dictations$/);
    await settled(provider);

    await tabTo(provider, '#dictation-text');
    await provider.keyboard.type(SYNTHETIC_TEXT);
    await tabTo(provider, '#dictation-synthetic');
    await provider.keyboard.press('Space');
    expect(await provider.isChecked('#dictation-synthetic')).toBe(true);
    await tabTo(provider, 'form:has(#dictation-text) button[type=submit]');
    await provider.keyboard.press('Enter');
    await provider.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
    ownDictation = new URL(provider.url()).pathname.split('/').pop()!;
    await settled(provider);

    // Back to the list through the navigation, and open the dictation from its row.
    await tabTo(provider, '#nav a[href="/dictations"]');
    await provider.keyboard.press('Enter');
    await provider.waitForURL(/\/dictations$/);
    await settled(provider);
    await tabTo(provider, `tr[data-dictation="${ownDictation}"] a`);
    await provider.keyboard.press('Enter');
    await provider.waitForURL(new RegExp(`/dictations/${ownDictation}$`));
    await settled(provider);

    await provider.waitForSelector('.sections .sentence:not(.provider)', { timeout: 60_000 });
    await tabTo(provider, '.sections .sentence:not(.provider)');
    await provider.keyboard.press('Enter');
    expect(await provider.locator('.sections .sentence[aria-pressed=true]').count()).toBe(1);
    expect(await provider.locator('.transcript li.active').count()).toBeGreaterThan(0);
    await session.shot(provider, 'keyboard-sentence-selected');

    for (let open = await provider.locator('form.resolve').count(); open > 0; open = await provider.locator('form.resolve').count()) {
      await tabTo(provider, 'form.resolve input');
      await provider.keyboard.type('Not documented on this synthetic call');
      await provider.keyboard.press('Enter');
      await expect.poll(() => provider.locator('form.resolve').count(), { timeout: 30_000 }).toBe(open - 1);
    }
    await tabTo(provider, 'button[data-format=eso_plain_text]');
    await provider.keyboard.press('Space');
    await provider.waitForSelector('[data-testid=eso-text]');
    esoLength = (await provider.inputValue('[data-testid=eso-text]')).length;
    expect(esoLength).toBeGreaterThan(50);
    expect(await provider.textContent('[data-testid=draft-label]')).toBe('Copied to ESO');
    await session.shot(provider, 'keyboard-copied');
  });

  it('highlights evidence only for the selected sentence, names its segment numbers, and explains the markers', async () => {
    await provider.goto(`${session.url}/dictations/${ownDictation}`);
    await provider.waitForSelector('.sections .sentence');
    // Nothing is highlighted before a selection; segment numbers are written out; the legend explains the markers.
    expect(await provider.locator('.transcript li.active').count()).toBe(0);
    expect(await provider.locator('.transcript mark').count()).toBe(0);
    const numbers = await provider.locator('.transcript .seg-no').allTextContents();
    expect(numbers).toEqual(numbers.map((_, i) => String(i + 1)));
    expect(await provider.textContent('[data-testid=evidence-legend]')).toContain('added by the provider');
    expect(await provider.textContent('[data-testid=evidence-status]')).toBe('No sentence selected.');

    const cited = provider.locator('.sections .sentence:not(.provider)');
    const activeNumbers = () => provider.locator('.transcript li.active .seg-no').allTextContents();
    const claimed = async (i: number) => /segments? ([\d, ]+)$/.exec((await cited.nth(i).getAttribute('title')) ?? '')![1]!.split(', ');
    expect(await cited.count()).toBeGreaterThan(1);
    await cited.nth(0).click();
    expect(await activeNumbers()).toEqual(await claimed(0));
    expect(await provider.textContent('[data-testid=evidence-status]')).toMatch(/^Highlighted: transcript segments? /);
    // Another sentence: its evidence replaces the first one's.
    const last = (await cited.count()) - 1;
    await cited.nth(last).click();
    expect(await activeNumbers()).toEqual(await claimed(last));
    expect(await provider.locator('.sections .sentence[aria-pressed=true]').count()).toBe(1);
    await session.shot(provider, 'evidence-selected');
  });

  it('shows the characters left in the ePCR narrative field next to Copy (the server-side limit, 10,000 by default)', async () => {
    const counter = await provider.textContent('[data-testid=copy-counter]');
    expect(counter).toBe(`${10_000 - esoLength} of 10000 characters left in the ePCR narrative field.`);
    expect(await provider.getAttribute('button[data-format=eso_plain_text]', 'aria-describedby')).toContain('copy-counter');
  });

  it('break-glass: refused without it; with a reason the provider reads the dictation read-only under a banner', async () => {
    owner = await session.newPage();
    await session.signIn(owner, 'owner');
    await owner.goto(`${session.url}/dictations`);
    await owner.fill('#dictation-text', OWNER_TEXT);
    await owner.check('#dictation-synthetic');
    await owner.click('form:has(#dictation-text) button[type=submit]');
    await owner.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
    ownerDictation = new URL(owner.url()).pathname.split('/').pop()!;
    await owner.waitForSelector('.sections .sentence', { timeout: 60_000 });

    await provider.goto(`${session.url}/dictations/${ownerDictation}`);
    await provider.waitForSelector('[data-testid=dictation-error]');
    expect(await provider.textContent('[data-testid=dictation-error]')).toContain('not found');
    await alertsDrawn(provider, `/dictations/${ownerDictation}`);
    expect(await provider.locator('[data-testid=breakglass-banner]').count()).toBe(0);
    await session.shot(provider, 'breakglass-refused');

    // The reason is required: an empty form is not sent.
    await provider.click('[data-testid=breakglass-form] button[type=submit]');
    expect(await provider.locator('.sections .sentence').count()).toBe(0);
    expect(await provider.inputValue('#bg-minutes')).toBe('60');
    await provider.fill('#bg-reason', REASON);
    await provider.click('[data-testid=breakglass-form] button[type=submit]');
    await provider.waitForSelector('.sections .sentence', { timeout: 30_000 });
    await provider.waitForSelector('[data-testid=breakglass-banner]');
    expect(await provider.textContent('[data-testid=breakglass-banner]')).toContain('Break-glass access active');
    expect(await provider.textContent('.narrative')).toContain('read-only');
    expect(await provider.locator('button[data-format]').count()).toBe(0);
    await session.shot(provider, 'breakglass-banner');
  });

  it("the owner sees the notice, the report with the reason and each access, and revokes; the provider's access ends", async () => {
    await owner.goto(`${session.url}/readiness`);
    await owner.waitForSelector('[data-testid=breakglass-notice]');
    expect(await owner.textContent('[data-testid=breakglass-notice]')).toContain('1 break-glass grant is open');
    await session.shot(owner, 'breakglass-owner-notice');
    await owner.click('[data-testid=breakglass-notice] a');
    await owner.waitForSelector('[data-testid=breakglass-report]');
    const row = owner.locator('[data-testid=breakglass-report] tbody tr').first();
    expect(await row.textContent()).toContain(REASON);
    expect(await row.textContent()).toContain(session.cred('provider').email);
    expect(await row.locator('[data-testid=grant-state]').textContent()).toBe('active');
    expect(await row.textContent()).toContain('dictations.get');
    expect(await row.textContent()).toContain('narrative.view');
    await session.shot(owner, 'breakglass-report');

    await row.locator('button:has-text("Revoke")').click();
    await expect
      .poll(() => owner.locator('[data-testid=breakglass-report] [data-testid=grant-state]').first().textContent())
      .toBe('revoked');
    await session.shot(owner, 'breakglass-revoked');

    await provider.goto(`${session.url}/dictations/${ownerDictation}`);
    await provider.waitForSelector('[data-testid=dictation-error]');
    await alertsDrawn(provider, `/dictations/${ownerDictation}`);
    expect(await provider.locator('[data-testid=breakglass-banner]').count()).toBe(0);
  });

  it('no serious or critical accessibility violation on any screen shot above', () => {
    expect(session.a11yViolations()).toEqual([]);
  });
});
