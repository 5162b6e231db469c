import { describe, expect, it } from 'vitest';
import { createDemoSignInTap, formatDemoSignIns } from './demo-sign-ins.js';

const provider = {
  tenant: 'south-metro-fire',
  email: 'provider@south-metro-fire.demo.invalid',
  role: 'provider',
  oneTimePassword: 'pw-provider',
};
const owner = {
  tenant: 'south-metro-fire',
  email: 'owner@south-metro-fire.demo.invalid',
  role: 'owner',
  oneTimePassword: 'pw-owner',
  totpKey: 'JBSWY3DPEHPK3PXP',
  totpUri: 'otpauth://totp/x',
};
const line = (o: object) => `${JSON.stringify(o)}\n`;

describe('demo sign-in block', () => {
  it('lists every seeded user on its own row under the URL, with TOTP keys for the MFA roles', () => {
    const block = formatDemoSignIns([provider, owner], 'http://localhost:3000');
    const rows = block.split('\n');
    expect(rows).toContainEqual(expect.stringMatching(/Open http:\/\/localhost:3000 .*tenant south-metro-fire/));
    expect(rows).toContainEqual(expect.stringMatching(/provider +provider@south-metro-fire\.demo\.invalid +pw-provider +│$/));
    expect(rows).toContainEqual(expect.stringMatching(/owner +owner@south-metro-fire\.demo\.invalid +pw-owner +JBSWY3DPEHPK3PXP +│$/));
    expect(block).toContain('Each password works once');
    expect(block).toContain('printed once and stored nowhere else');
    // One frame: every row starts at the same column and is closed.
    const framed = rows.filter((r) => r.trim() !== '');
    expect(framed[0]).toMatch(/^┌─ Demo sign-ins ─+┐$/);
    expect(framed.at(-1)).toMatch(/^└─+┘$/);
    expect(new Set(framed.map((r) => [...r].length)).size).toBe(1);
  });

  it('says where the sign-ins went when the users existed before this start', () => {
    const block = formatDemoSignIns([], 'http://localhost:3000');
    expect(block).toContain('printed at the first start of this DATA_DIR');
    expect(block).not.toContain('one-time password');
  });
});

describe('createDemoSignInTap', () => {
  it('collects the seeded credentials and the public address from the JSON log lines', () => {
    const tap = createDemoSignInTap();
    tap.see(line({ level: 40, service: 'gateway', demoCredential: provider, msg: 'demo user created' }));
    tap.see(line({ level: 30, msg: 'unrelated', email: 'x' }));
    tap.see(line({ level: 40, service: 'gateway', demoCredential: owner, msg: 'demo user created' }));
    tap.see(line({ level: 30, address: 'http://127.0.0.1:3000', opsAddress: 'http://127.0.0.1:9464', msg: 'service started' }));
    expect(tap.signIns()).toEqual([provider, owner]);
    expect(tap.address()).toBe('http://127.0.0.1:3000');
  });

  it('ignores lines that are not JSON and credentials of an unexpected shape', () => {
    const tap = createDemoSignInTap();
    tap.see('not json "demoCredential"\n');
    tap.see(line({ demoCredential: { email: 'x' } }));
    expect(tap.signIns()).toEqual([]);
    expect(tap.address()).toBeUndefined();
  });
});
