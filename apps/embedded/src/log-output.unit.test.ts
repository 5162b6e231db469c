import { describe, expect, it } from 'vitest';
import { createLogger } from '@medicdraft/platform';
import { createLogOutput } from './log-output.js';

const credential = {
  tenant: 'south-metro-fire',
  email: 'owner@south-metro-fire.demo.invalid',
  role: 'owner',
  oneTimePassword: 'pw-owner-0123456789',
  totpKey: 'JBSWY3DPEHPK3PXP',
};

function pretty() {
  let text = '';
  const output = createLogOutput({ format: 'pretty', isTty: false, write: (t) => void (text += t) });
  const logger = createLogger({ service: 'embedded', level: 'info', ...(output.destination ? { destination: output.destination } : {}) });
  return { output, logger, text: () => text };
}

describe('embedded log output', () => {
  it('is the JSON lines of the platform logger when stdout is not a terminal, or when asked for', () => {
    expect(createLogOutput({ format: 'auto', isTty: false }).destination).toBeUndefined();
    expect(createLogOutput({ format: 'json', isTty: true }).destination).toBeUndefined();
    expect(createLogOutput({ format: 'auto', isTty: true }).destination).toBeDefined();
  });

  it('pretty: one readable line per entry, the credentials held back for the sign-in block', () => {
    const { output, logger, text } = pretty();
    logger.child({ service: 'gateway' }).warn({ demoCredential: credential }, 'demo user created');
    logger.info({ address: 'http://127.0.0.1:3000' }, 'service started');
    expect(text()).toMatch(/WARN: gateway: demo user created\n/);
    expect(text()).toMatch(/INFO: embedded: service started\n/);
    expect(text()).not.toContain('pw-owner-0123456789');

    output.printSignIns();
    output.printSignIns();
    const block = text().slice(text().indexOf('┌'));
    expect(block).toContain('Open http://localhost:3000 and sign in to tenant south-metro-fire');
    expect(block).toMatch(/owner +owner@south-metro-fire\.demo\.invalid +pw-owner-0123456789 +JBSWY3DPEHPK3PXP/);
    expect(text().split('┌').length).toBe(2);
  });

  it('pretty: redaction still applies to everything else', () => {
    const { logger, text } = pretty();
    logger.info({ body: 'patient narrative' }, 'request');
    expect(text()).not.toContain('patient narrative');
  });
});
