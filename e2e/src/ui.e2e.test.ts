import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, seriousA11yViolations, type BrowserSession } from './browser-session.js';

const SYNTHETIC_TEXT =
  'Dispatched priority one for chest pain. Responded lights and sirens. Arrived on scene at 14:02. ' +
  'Patient is a 58 year old male complaining of chest pain. BP 150/95, pulse 102, SpO2 96 percent. ' +
  'Aspirin 324 mg PO at 14:05. Transported to General Hospital, patient stable at transfer.';

describe('web UI in headless Chromium against the embedded app', () => {
  let session: BrowserSession;
  let dictationId = '';
  let ownerPage: Page | undefined;
  const cred = (role: string) => session.cred(role);
  const newPage = () => session.newPage();
  const signIn = (page: Page, role: string) => session.signIn(page, role);
  const shot = (page: Page, name: string) => session.shot(page, name);

  beforeAll(async () => {
    session = await openBrowserSession('ui-e2e');
    for (const role of ['admin', 'owner', 'provider', 'qa']) expect(session.cred(role).role).toBe(role);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a provider signs in, dictates synthetic text and reviews the narrative of it', async () => {
    const page = await newPage();
    // The sign-in form as everyone first sees it, checked by axe like every other screen.
    await page.goto(`${session.url}/login`);
    await page.waitForSelector('#login-email');
    await shot(page, 'login');
    await signIn(page, 'provider');
    expect(new URL(page.url()).pathname).toBe('/dictations');
    // No readiness or admin navigation for a provider.
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Dictations']);
    await page.fill('#dictation-text', SYNTHETIC_TEXT);
    await page.check('#dictation-synthetic');
    await page.click('form:has(#dictation-text) button[type=submit]');
    await page.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
    dictationId = new URL(page.url()).pathname.split('/').pop()!;
    // The status as the pipeline left it when the page loaded, in words.
    expect(await page.textContent('[data-testid=dictation-status]')).toMatch(/^(received|transcribing|drafted|needs information)$/);

    // As of the last run, narrative review works end to end in embedded mode: the draft appears
    // with its sentences, nothing highlighted, and selecting a sentence highlights its own evidence.
    await page.waitForSelector('.sections .sentence', { timeout: 60_000 });
    expect(await page.locator('.transcript li.active').count()).toBe(0);
    const sentence = page.locator('.sections .sentence').first();
    await sentence.click();
    expect(await sentence.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.transcript li.active').count()).toBeGreaterThan(0);
    await shot(page, 'provider-narrative');

    // Missing information: resolve every open prompt, then copy the ESO-ready text.
    for (let open = await page.locator('form.resolve').count(); open > 0; open = await page.locator('form.resolve').count()) {
      expect(await page.isDisabled('text=Copy ESO-ready text')).toBe(true);
      const form = page.locator('form.resolve').first();
      await form.locator('input').fill('Not documented on this synthetic call');
      await form.locator('button').click();
      await expect.poll(() => page.locator('form.resolve').count()).toBe(open - 1);
    }
    await page.click('text=Copy ESO-ready text');
    await page.waitForSelector('[data-testid=eso-text]');
    const eso = await page.inputValue('[data-testid=eso-text]');
    expect(eso.length).toBeGreaterThan(50);
    expect(eso).toMatch(/^[\x20-\x7e\n]+$/);
    // Once copied, the text is no longer a draft, and the dictation says so.
    expect(await page.textContent('[data-testid=draft-label]')).toBe('Copied to ESO');
    expect(await page.textContent('[data-testid=dictation-status]')).toBe('copied');
    await shot(page, 'provider-copied');
    // The same version as the NEMSIS eNarrative.01 element, and the MIST hand-off (each an audited copy).
    await page.click('text=Copy NEMSIS XML');
    await page.waitForSelector('[data-testid=nemsis-text]');
    expect(await page.inputValue('[data-testid=nemsis-text]')).toContain('<eNarrative.01>DISPATCH: ');
    await page.click('text=Copy MIST hand-off');
    await page.waitForSelector('[data-testid=mist-text]');
    expect((await page.inputValue('[data-testid=mist-text]')).split('\n').map((l) => l.slice(0, 2))).toEqual(['M:', 'I:', 'S:', 'T:']);
    await shot(page, 'provider-mist');

    // Transcribe and draft again: a newer version replaces the one on screen, prompts open again.
    const before = await page.textContent('.narrative p.muted');
    const version = Number(/Version (\d+)/.exec(before ?? '')?.[1]);
    await page.click('text=Transcribe and draft again');
    await page.waitForSelector(`.narrative p.muted:has-text("Version ${version + 1}")`, { timeout: 60_000 });
    expect(await page.locator('form.resolve').count()).toBeGreaterThan(0);
    await shot(page, 'provider-redrafted');

    // The provider's list shows this dictation; the readiness screen is refused by the server.
    await page.click('#nav a:text("Dictations")');
    await page.waitForSelector(`a[href="/dictations/${dictationId}"]`);
    // The status filter asks the server for one status only.
    await page.selectOption('[data-testid=status-filter]', 'failed');
    await page.waitForSelector('[data-testid=list-state]:has-text("No dictations with this status.")');
    await page.selectOption('[data-testid=status-filter]', '');
    await page.waitForSelector(`a[href="/dictations/${dictationId}"]`);
    await page.goto(`${session.url}/readiness`);
    await expect.poll(() => page.textContent('main .notice')).toContain('forbidden');
  });

  it('the owner signs in with TOTP and sees the sandbox readiness of seed 000 with owner actions', async () => {
    const page = await newPage();
    await signIn(page, 'owner');
    ownerPage = page;
    expect(new URL(page.url()).pathname).toBe('/readiness');
    await page.waitForSelector('[data-testid=ready-count]');
    expect(await page.textContent('[data-testid=ready-count]')).toBe('0/8 ready');
    expect(await page.textContent('[data-testid=phi-mode]')).toBe('PHI mode: Disabled / synthetic-only');
    expect(await page.locator('[data-gate]').count()).toBe(8);
    expect(await page.locator('[data-gate="baa"] .badge').textContent()).toBe('blocked');
    expect(await page.locator('[data-gate="baa"]').textContent()).toContain('Next action');
    const main = (await page.textContent('main')) ?? '';
    for (const expected of [
      'South Metro Fire Rescue',
      'Missing environment: AWS_REGION',
      'Missing environment: AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP',
      'Required Tenant Controls',
      'Tenant model and retrieval isolation',
      'security:manage_phi_gates',
      'retention.object.deleted',
      'Owner actions',
      'Production identity provider is not connected.',
      'HealthScribe service boundary',
      'Tenant AI artifacts',
      'Executed AWS Business Associate Addendum',
      'Cross-tenant input or output locations',
      'AWS HealthScribe will be a server-side integration only.',
    ])
      expect(main).toContain(expected);
    expect(await page.locator('.events dt').count()).toBe(8);
    expect(await page.locator('[data-testid=data-classes] dt').count()).toBe(5);
    expect(await page.locator('[data-security-control]').count()).toBe(8);
    expect(await page.locator('[data-resource]').count()).toBe(7);
    expect(await page.locator('[data-boundary]').count()).toBe(3);
    // Nothing is configured in the sandbox: no storage check ran, and the screen says so.
    expect(await page.locator('[data-resource="source_audio_storage"] [data-check]').allTextContents()).toContain(
      'Block public access (not checked by the system)',
    );
    await shot(page, 'owner-readiness');

    // Enabling PHI mode is refused while the other gates are not ready; the screen says why.
    await page.click('text=Enable PHI mode');
    await expect.poll(() => page.textContent('.owner .error')).toContain('gates_not_ready');
    expect(await page.textContent('[data-testid=phi-mode]')).toBe('PHI mode: Disabled / synthetic-only');

    // The owner sets how long an unsent recording may wait in a browser; the recorder's policy follows.
    await page.click('text=Tenant settings (readiness inputs)');
    await page.fill('#s-pendingRecordingMaxAgeHours', '6');
    await page.click('text=Save settings');
    await expect.poll(() => page.textContent('body')).toContain('Settings saved');
    const policy = await page.evaluate(async (t) => (await fetch(`/v1/tenants/${t}/recording-policy`)).json(), cred('owner').tenant);
    expect(policy).toMatchObject({ pendingMaxAgeHours: 6 });
  });

  it('an admin signs in with TOTP, has no owner actions, edits a template, and cannot open a narrative', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.waitForSelector('[data-testid=ready-count]');
    expect(await page.locator('.owner').count()).toBe(0);

    await page.click('#nav a:text("References")');
    await page.selectOption('#ref-kind', 'rule');
    await page.fill('#ref-name', 'e2e-rule');
    await page.fill('#ref-content', '{"requires": ["vitals", "destination"]}');
    await page.click('text=Save new version');
    await expect.poll(() => page.textContent('#flash')).toContain('version 1');
    await shot(page, 'admin-references');

    expect(dictationId).not.toBe('');
    await page.goto(`${session.url}/dictations/${dictationId}`);
    await page.waitForSelector('[data-testid=dictation-error]');
    expect(await page.textContent('[data-testid=dictation-error]')).toContain('forbidden');
    expect(await page.locator('.sections .sentence').count()).toBe(0);
    await shot(page, 'admin-narrative-denied');
  });

  it('QA sees the edit-distance distribution and the tenant list read-only', async () => {
    const page = await newPage();
    await signIn(page, 'qa');
    expect(new URL(page.url()).pathname).toBe('/qa');
    // The provider copied one narrative (ESO and NEMSIS of the same version): one value in the distribution.
    await page.waitForSelector('[data-testid=edit-distance-overall]');
    expect(await page.locator('[data-testid=edit-distance-overall] tbody td').first().textContent()).toBe('1');
    expect(await page.locator('[data-testid=edit-distance-provider] tbody tr').count()).toBe(1);
    await shot(page, 'qa-edit-distance');
    await page.waitForSelector(`a[href="/dictations/${dictationId}"]`);
    // QA sees who dictated by name, never a fragment of a user id.
    expect(await page.textContent(`tr[data-dictation="${dictationId}"]`)).toContain(cred('provider').email);
    await page.click(`a[href="/dictations/${dictationId}"]`);
    await page.waitForSelector('.sections .sentence', { timeout: 30_000 });
    expect(await page.textContent('.narrative')).toContain('read-only');
    expect(await page.locator('text=Copy ESO-ready text').count()).toBe(0);
    expect(await page.locator('text=Transcribe and draft again').count()).toBe(0);
    await shot(page, 'qa-review');
  });

  it('a dictation whose stored input is gone fails, and the provider reads why on its screen and in the list', async () => {
    const page = await newPage();
    await signIn(page, 'provider');
    await page.fill('#dictation-text', SYNTHETIC_TEXT.replace('14:02', '15:40'));
    await page.check('#dictation-synthetic');
    await page.click('form:has(#dictation-text) button[type=submit]');
    await page.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
    const failedId = new URL(page.url()).pathname.split('/').pop()!;
    expect(failedId).not.toBe(dictationId);
    await page.waitForSelector('.sections .sentence', { timeout: 60_000 });
    // The stored input disappears (the embedded object store's layout: objects/input/{tenant}/…/{dictation}),
    // so the next transcription attempt cannot read it.
    const inputRoot = join(session.dataDir, 'objects', 'input', cred('provider').tenant);
    const folder = (await readdir(inputRoot, { recursive: true })).find((p) => p.endsWith(failedId));
    expect(folder).toBeDefined();
    await rm(join(inputRoot, folder!), { recursive: true });

    await page.click('text=Transcribe and draft again');
    await page.waitForSelector('[data-testid=redraft-state]:has-text("Attempt 2 started")');
    const reason = 'The dictation could not be read. Dictate or upload it again.';
    // The screen that asked for the attempt says when it has failed, and why, without a reload.
    await page.waitForSelector(`[data-testid=redraft-state]:has-text("Attempt 2 failed: ${reason}")`, { timeout: 90_000 });
    // Reopened, the dictation's status says so too.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.textContent('[data-testid=dictation-status]');
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe('failed');
    expect(await page.textContent('[data-testid=dictation-status-reason]')).toBe(reason);
    await shot(page, 'provider-dictation-failed');

    // The list's status filter finds it, with its reason; the copied one is not among the failed.
    await page.click('#nav a:text("Dictations")');
    await page.waitForSelector(`a[href="/dictations/${failedId}"]`);
    await page.selectOption('[data-testid=status-filter]', 'failed');
    await expect
      .poll(() => page.locator('tr[data-dictation]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-dictation'))))
      .toEqual([failedId]);
    const row = page.locator(`tr[data-dictation="${failedId}"]`);
    expect(await row.textContent()).toContain(reason);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('failed');
    await shot(page, 'provider-list-failed');
  });

  it('an owner creates a provider; the link in the maildrop lets that provider choose a password and sign in', async () => {
    // The owner's session from above: a second TOTP sign-in within the same 30 s step would be refused (totp_reused).
    const page = ownerPage!;
    const created = await page.evaluate(async (tenant) => {
      const me = (await (await fetch('/v1/me')).json()) as { csrfToken: string };
      const res = await fetch(`/v1/tenants/${tenant}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ email: 'New.Medic@UI.invalid', role: 'provider' }),
      });
      return { status: res.status, body: await res.text() };
    }, cred('owner').tenant);
    expect(created.status).toBe(201);
    // The creator learns that a link was sent, never the link or a password.
    expect(created.body).not.toMatch(/token|password/i);
    const mailDir = join(session.dataDir, 'mail');
    const [file] = (await readdir(mailDir)).filter((n) => n.endsWith('.eml'));
    const raw = (await readFile(join(mailDir, file!), 'utf8'))
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(raw).toMatch(/^To: new\.medic@ui\.invalid$/m);
    const link = new URL(/https?:\/\/\S+\/enrol#tenant=[a-z0-9-]+&token=[A-Za-z0-9_-]{43}/.exec(raw)![0]);
    const enrol = await newPage();
    await enrol.goto(`${session.url}/enrol${link.hash}`);
    await enrol.waitForSelector('#enrol-password');
    expect(await enrol.textContent('form')).toContain('new.medic@ui.invalid (provider)');
    await shot(enrol, 'enrol-form');
    await enrol.fill('#enrol-password', 'a passphrase of my own');
    await enrol.click('button[type=submit]');
    await enrol.waitForURL((u) => u.pathname === '/dictations');
    await shot(enrol, 'enrolled-provider');
    // Used once: the same link now says so.
    const again = await newPage();
    await again.goto(`${session.url}/enrol${link.hash}`);
    await again.waitForSelector('text=invalid, already used or expired');
  });

  it('no browser-visible API response carries AWS identifiers, keys, bucket names or object keys', () => {
    expect(session.bodies.filter((b) => b.url.includes('/v1/')).length).toBeGreaterThan(10);
    // The patterns of the gateway's boundary scan (services/gateway/src/testing/boundary-scan.ts),
    // plus the embedded object store's directory, which is this deployment's "bucket".
    const forbidden: RegExp[] = [
      /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/,
      /\barn:aws[\w-]*:[a-z0-9-]+:/,
      /\balias\/[\w/-]+/,
      /\bs3:\/\/|\.s3[.-][\w.-]*amazonaws\.com/,
      /\b[a-z0-9][a-z0-9-]{1,62}\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\//,
      /secretAccessKey|aws_secret_access_key|x-amz-/i,
      new RegExp(session.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    ];
    for (const { url, body } of session.bodies) for (const re of forbidden) expect(body, url).not.toMatch(re);
  });

  it('no screen shown above has a serious or critical axe-core violation', async () => {
    expect(session.a11yViolations()).toEqual([]);
    // The check itself can fail: a page with an unlabelled image and button is reported.
    const page = await newPage();
    await page.setContent('<html lang="en"><title>t</title><main><img src="x.png"><button></button></main></html>');
    expect((await seriousA11yViolations(page)).map((v) => v.split(':')[0])).toEqual(['critical button-name', 'critical image-alt']);
  });
});
