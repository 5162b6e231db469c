import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.js';

const INVITED = 'invited.medic@users.invalid';
const DICTATION =
  'Dispatched for a fall at a residence. Arrived on scene at 09:12. Patient is a 71 year old female with left wrist pain. ' +
  'BP 132/80, pulse 88, SpO2 98 percent. Splinted the left wrist. Transported to General Hospital, stable at transfer.';

describe('user screen and usage in headless Chromium against the embedded app', () => {
  let session: BrowserSession;
  /** One owner session for the whole file: a second TOTP sign-in within the same 30 s step is refused. */
  let owner: Page;
  const row = (page: Page, email: string) => page.locator(`tr[data-email="${email}"]`);
  const mailDir = () => join(session.dataDir, 'mail');

  /** The enrolment link of the newest mail to `email` (quoted-printable undone). */
  async function latestLink(email: string, count: number): Promise<URL> {
    const mails: string[] = [];
    for (const name of (await readdir(mailDir())).filter((n) => n.endsWith('.eml')).sort()) {
      const raw = (await readFile(join(mailDir(), name), 'utf8'))
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      if (raw.includes(`To: ${email}`)) mails.push(raw);
    }
    expect(mails).toHaveLength(count);
    const links = mails.map((m) => /https?:\/\/\S+\/enrol#tenant=[a-z0-9-]+&token=[A-Za-z0-9_-]{43}/.exec(m)![0]);
    // Every mail carries its own single-use link.
    expect(new Set(links).size).toBe(count);
    return new URL(links.at(-1)!);
  }

  beforeAll(async () => {
    session = await openBrowserSession('ui-users-usage');
    owner = await session.newPage();
    await session.signIn(owner, 'owner');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('an owner invites a user, who enrols from the mailed link; the screen shows the last sign-in', async () => {
    await owner.click('#nav a:has-text("Users")');
    await owner.waitForURL((u) => u.pathname === '/users');
    await owner.waitForSelector('[data-testid=users-table] table');
    // The owner manages every role: no ceiling note, every role can be invited.
    expect(await owner.locator('[data-testid=ceiling-note]').count()).toBe(0);
    expect(await owner.locator('#invite-role option').allTextContents()).toEqual(['Provider', 'QA', 'Admin', 'Owner']);
    await owner.fill('#invite-name', 'Riley Ortega, Paramedic');
    await owner.fill('#invite-email', INVITED);
    await owner.selectOption('#invite-role', 'provider');
    await owner.click('[data-testid=invite-form] button[type=submit]');
    await owner.waitForSelector(`[data-testid=users-status]:has-text("Invited ${INVITED} as provider")`);
    expect(await owner.textContent('[data-testid=users-status]')).toContain('an enrolment link was sent');
    await expect.poll(() => row(owner, INVITED).locator('[data-testid=user-state]').textContent()).toBe('invited');
    expect(await row(owner, INVITED).locator('[data-testid=user-last-sign-in]').textContent()).toBe('never');
    expect(await row(owner, INVITED).locator('[data-testid=user-name]').textContent()).toBe('Riley Ortega, Paramedic');
    await session.shot(owner, 'users-invited');

    const link = await latestLink(INVITED, 1);
    const enrol = await session.newPage();
    await enrol.goto(`${session.url}/enrol${link.hash}`);
    await enrol.waitForSelector('#enrol-password');
    await enrol.fill('#enrol-password', 'an invited passphrase 1');
    await enrol.click('button[type=submit]');
    await enrol.waitForURL((u) => u.pathname === '/dictations');

    await owner.reload();
    await owner.waitForSelector('[data-testid=users-table] table');
    expect(await row(owner, INVITED).locator('[data-testid=user-state]').textContent()).toBe('active');
    expect(await row(owner, INVITED).locator('[data-testid=user-last-sign-in]').textContent()).not.toBe('never');
  });

  it('the owner changes the role, resets the password and TOTP (a new link), and deactivates', async () => {
    const r = row(owner, INVITED);
    await r.locator('[data-testid=role-select]').selectOption('qa');
    await r.locator('button:has-text("Change role")').click();
    await owner.waitForSelector(`[data-testid=users-status]:has-text("${INVITED} is now qa")`);
    await expect.poll(() => row(owner, INVITED).locator('[data-testid=user-role]').textContent()).toBe('qa');

    await row(owner, INVITED).locator('button:has-text("Reset password & TOTP")').click();
    await owner.waitForSelector('[data-testid=users-status]:has-text("password and TOTP key forgotten")');
    // Credentials are gone until the user enrols again from the new link (the first one is used up).
    await expect.poll(() => row(owner, INVITED).locator('[data-testid=user-state]').textContent()).toBe('invited');
    const second = await latestLink(INVITED, 2);
    const reenrol = await session.newPage();
    await reenrol.goto(`${session.url}/enrol${second.hash}`);
    await reenrol.waitForSelector('#enrol-password');
    expect(await reenrol.textContent('form')).toContain(`${INVITED} (qa)`);

    await row(owner, INVITED).locator('button:has-text("Deactivate")').click();
    await owner.waitForSelector(`[data-testid=users-status]:has-text("${INVITED} is deactivated")`);
    await expect.poll(() => row(owner, INVITED).locator('[data-testid=user-state]').textContent()).toBe('deactivated');
    // The reset link died with the deactivation.
    await reenrol.goto(`${session.url}/enrol${second.hash}`);
    await reenrol.waitForSelector('text=invalid, already used or expired');
    await session.shot(owner, 'users-owner-changes');
  });

  it('an admin manages admins only: other rows offer nothing, and the API refuses them (403)', async () => {
    const admin = await session.newPage();
    await session.signIn(admin, 'admin');
    expect(await admin.locator('#nav a').allTextContents()).toContain('Users');
    expect(await admin.locator('#nav a').allTextContents()).not.toContain('Usage');
    await admin.click('#nav a:has-text("Users")');
    await admin.waitForSelector('[data-testid=users-table] table');
    expect(await admin.textContent('[data-testid=ceiling-note]')).toContain('Your role manages Admin only');
    expect(await admin.locator('#invite-role option').allTextContents()).toEqual(['Admin']);
    const provider = session.cred('provider').email;
    expect(await row(admin, provider).locator('button').count()).toBe(0);
    expect(await row(admin, provider).textContent()).toContain('Managed by the owner');
    expect(await row(admin, session.cred('owner').email).locator('button').count()).toBe(0);
    // Its own row: a reset only (nobody changes their own role or deactivates themselves).
    const self = row(admin, session.cred('admin').email);
    expect(await self.locator('button').allTextContents()).toEqual(['Reset password & TOTP']);
    await session.shot(admin, 'users-admin-ceiling');

    const refused = await admin.evaluate(
      async ({ tenant, email }) => {
        const me = (await (await fetch('/v1/me')).json()) as { csrfToken: string };
        const users = (await (await fetch(`/v1/tenants/${tenant}/users`)).json()) as { id: string; email: string }[];
        const target = users.find((u) => u.email === email)!;
        const res = await fetch(`/v1/tenants/${tenant}/users/${target.id}/deactivate`, {
          method: 'POST',
          headers: { 'x-csrf-token': me.csrfToken },
        });
        return { status: res.status, body: (await res.json()) as { error: string } };
      },
      { tenant: session.cred('admin').tenant, email: provider },
    );
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ error: 'forbidden' }) });
    const usage = await admin.evaluate(async (tenant) => (await fetch(`/v1/tenants/${tenant}/usage`)).status, session.cred('admin').tenant);
    expect(usage).toBe(403);
  });

  it('a resent dictation is answered with the first one, and the owner’s usage counts one dictation and one job', async () => {
    const provider = await session.newPage();
    await session.signIn(provider, 'provider');
    const send = async () => {
      await provider.goto(`${session.url}/dictations`);
      await provider.fill('#dictation-text', DICTATION);
      await provider.check('#dictation-synthetic');
      await provider.click('form:has(#dictation-text) button[type=submit]');
      await provider.waitForURL(/\/dictations\/[0-9a-f-]{36}$/);
      return new URL(provider.url()).pathname.split('/').pop()!;
    };
    const first = await send();
    const again = await send();
    expect(again).toBe(first);
    await provider.waitForSelector('#flash:has-text("You sent this already")');
    await session.shot(provider, 'dictation-resent');

    const month = new Date().toISOString().slice(0, 7);
    await owner.click('#nav a:has-text("Usage")');
    await owner.waitForURL((u) => u.pathname === '/usage');
    const cell = (measure: string) => owner.locator(`[data-testid=usage-table] tr:has(th:text-is("${measure}")) td[data-month="${month}"]`);
    // Audit records the events as they arrive; the report is read again until the job is in.
    await expect
      .poll(
        async () => {
          await owner.reload();
          await owner.waitForSelector('[data-testid=usage-table]');
          return [await cell('Dictations').textContent(), await cell('Sandbox (synthetic) jobs').textContent()];
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toEqual(['1 (0 audio, 1 text)', '1']);
    expect(await cell('HealthScribe jobs').textContent()).toBe('0');
    expect(await cell('Stored: dictation text').textContent()).toBe(`${Buffer.byteLength(DICTATION)} B`);
    await session.shot(owner, 'usage-owner');
  });

  it('a screen whose data arrives late never replaces the one the user moved on to', async () => {
    const readinessApi = '**/v1/tenants/*/readiness';
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const held = new Promise<void>((heldNow) => {
      void owner.route(readinessApi, async (route) => {
        heldNow();
        await released;
        await route.continue();
      });
    });
    await owner.click('#nav a:has-text("Readiness")');
    await held;
    await owner.click('#nav a:has-text("Usage")');
    await owner.waitForSelector('[data-testid=usage-table]');
    release();
    // Once no view is pending, the stale readiness view has drawn whatever it would draw.
    await owner.waitForSelector('body[data-views-pending="0"]', { state: 'attached', timeout: 30_000 });
    expect(await owner.locator('#main h1').allTextContents()).toEqual(['Usage']);
    expect(new URL(owner.url()).pathname).toBe('/usage');
    await owner.unroute(readinessApi);
  });

  it('no screen shown above has a serious or critical axe-core violation', () => {
    expect(session.a11yViolations()).toEqual([]);
  });
});
