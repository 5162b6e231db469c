import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpAt } from '@medicdraft/gateway';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startEmbedded, type DemoCredential } from './embedded-app.js';

/** Screenshots of every browser test, kept by CI as artifacts. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** Debian's Chromium, installed by scripts/install-deps.sh. */
const CHROMIUM = '/usr/bin/chromium';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * One embedded app (its own data directory, so its own demo tenant and sign-ins), or a gateway the
 * test started on the stack, and one headless Chromium, for a browser test file. Every response the
 * browser received from the app is kept in `bodies` so a test can scan them for what must never
 * reach a browser.
 */
export interface BrowserSession {
  readonly url: string;
  readonly dataDir: string;
  readonly browser: Browser;
  readonly bodies: { url: string; body: string }[];
  cred(role: string): DemoCredential;
  /** A fresh browser context (no cookies) and page, recording the app's responses. */
  newPage(options?: Parameters<Browser['newContext']>[0]): Promise<Page>;
  /** Signs `role` in through the login form; the first sign-in replaces the one-time demo password. */
  signIn(page: Page, role: string): Promise<void>;
  /**
   * A full-page screenshot as `ui-<name>.png` among the artifacts; the screen is also checked with
   * axe-core, its serious and critical violations kept for `a11yViolations`.
   */
  shot(page: Page, name: string): Promise<void>;
  /** `screen: violation` for every serious or critical axe-core violation on the screens shot so far. */
  a11yViolations(): string[];
  close(): Promise<void>;
}

/** A running gateway the session signs in to instead of an embedded app (the caller stops it). */
export interface GatewayUnderTest {
  url: string;
  /** The demo sign-ins it printed at first start (`demoCredentialsOf`). */
  credentials: DemoCredential[];
}

/**
 * `launchArgs`: extra Chromium switches (e.g. a fake microphone fed from a WAV file); `gateway`: a
 * gateway process on the stack (e.g. a tenant in PHI mode, which the embedded app cannot enable).
 */
export async function openBrowserSession(
  name: string,
  options: { launchArgs?: readonly string[]; gateway?: GatewayUnderTest } = {},
): Promise<BrowserSession> {
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), `medicdraft-${name}-`));
  const started = options.gateway === undefined ? await startEmbedded(dataDir) : undefined;
  const app = started ?? options.gateway!;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...(options.launchArgs ?? [])],
  });
  const contexts: BrowserContext[] = [];
  const bodies: { url: string; body: string }[] = [];
  const ownPasswords = new Map<string, string>();
  const violations: string[] = [];

  const cred = (role: string): DemoCredential => {
    const c = app.credentials.find((x) => x.role === role);
    if (c === undefined) throw new Error(`no ${role} credential in the log`);
    return c;
  };

  return {
    url: app.url,
    dataDir,
    browser,
    bodies,
    cred,
    async newPage(options) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.on('response', async (res) => {
        if (!res.url().startsWith(app.url)) return;
        bodies.push({ url: res.url(), body: `${JSON.stringify(await res.allHeaders())}\n${await res.text().catch(() => '')}` });
      });
      return page;
    },
    async signIn(page, role) {
      const c = cred(role);
      await page.goto(`${app.url}/`);
      await page.waitForURL(/\/login/);
      // The embedded demo's single tenant is pre-filled.
      expect(await page.inputValue('#login-tenant')).toBe(c.tenant);
      await page.fill('#login-email', c.email);
      expect(await page.isVisible('#login-new-password')).toBe(false);
      await page.fill('#login-password', ownPasswords.get(role) ?? c.oneTimePassword);
      if (c.totpKey !== undefined) await page.fill('#login-totp', totpAt(c.totpKey, Date.now()));
      await page.click('button[type=submit]');
      if (!ownPasswords.has(role)) {
        // The printed demo password works once: the form asks for the user's own, then signs in.
        await page.waitForSelector('#login-error:has-text("works only once")');
        expect(await page.isVisible('#login-new-password')).toBe(true);
        await page.fill('#login-new-password', `${c.oneTimePassword}-own`);
        await page.click('button[type=submit]');
        ownPasswords.set(role, `${c.oneTimePassword}-own`);
      }
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    },
    async shot(page, shotName) {
      await page.screenshot({ path: join(ARTIFACTS, `ui-${shotName}.png`), fullPage: true });
      for (const v of await seriousA11yViolations(page)) violations.push(`${shotName}: ${v}`);
    },
    a11yViolations: () => [...violations],
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await started?.stop('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The serious and critical axe-core violations on the page as it is now, one line each (empty when accessible). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an injected <script>.
  await page.evaluate(await readFile(AXE_PATH, 'utf8'));
  // Runs in the page: `globalThis.axe` is what the script tag just defined (no DOM types in this tsconfig).
  const results = await page.evaluate(() => (globalThis as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  return results.violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: Result) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
