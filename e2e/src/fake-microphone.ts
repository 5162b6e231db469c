import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noiseWav } from '@medicdraft/platform/testing';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Chromium's fake capture device fed from a WAV file of noise: what the recorder tests speak into. */
export interface FakeMicrophone {
  /** Chromium switches for `openBrowserSession`'s `launchArgs`. */
  launchArgs: string[];
  dispose(): Promise<void>;
}

export async function createFakeMicrophone(): Promise<FakeMicrophone> {
  const dir = await mkdtemp(join(tmpdir(), 'medicdraft-fake-mic-'));
  const wav = join(dir, 'dictation.wav');
  await writeFile(wav, noiseWav(3_000, 16_000));
  return {
    launchArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`],
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Takes the page offline and records at least `minKib` KiB on the recorder screen; returns the one
 * pending-recording row, once it says the recording waits because the browser is offline.
 */
export async function recordOffline(page: Page, minKib: number): Promise<Locator> {
  await page.context().setOffline(true);
  await page.click('#record-start');
  await expect
    .poll(async () => Number(/(\d+) KiB/.exec((await page.textContent('#recorder-status')) ?? '')?.[1] ?? 0), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(minKib);
  await page.click('#record-stop');
  const row = page.locator('[data-testid=pending-recording]');
  await expect.poll(async () => row.locator('td').nth(2).textContent(), { timeout: 15_000 }).toContain('offline');
  expect(await row.count()).toBe(1);
  return row;
}
