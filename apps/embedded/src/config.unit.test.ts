import { describe, expect, it } from 'vitest';
import { loadEmbeddedConfig } from './config.js';

describe('embedded config', () => {
  it('defaults: public port 3000, ops listener on loopback 9464, plain-HTTP cookie, no proxy trusted', () => {
    const c = loadEmbeddedConfig({});
    expect(c.http).toEqual({ host: '127.0.0.1', port: 3000, trustProxy: false });
    expect(c.ops).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(c.cookieSecure).toBe(false);
    expect(c.logFormat).toBe('auto');
  });

  it('reads COOKIE_SECURE, TRUST_PROXY, OPS_HOST/OPS_PORT and the PORT alias', () => {
    const c = loadEmbeddedConfig({ COOKIE_SECURE: 'true', TRUST_PROXY: '10.0.0.0/8', OPS_HOST: '0.0.0.0', OPS_PORT: '0', PORT: '4000' });
    expect(c.cookieSecure).toBe(true);
    expect(c.http).toEqual({ host: '127.0.0.1', port: 4000, trustProxy: '10.0.0.0/8' });
    expect(c.ops).toEqual({ host: '0.0.0.0', port: 0 });
    expect(loadEmbeddedConfig({ COOKIE_SECURE: '1' }).cookieSecure).toBe(true);
  });

  it('reads LOG_FORMAT', () => {
    expect(loadEmbeddedConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadEmbeddedConfig({ LOG_FORMAT: 'fancy' })).toThrow(/LOG_FORMAT/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadEmbeddedConfig({ COOKIE_SECURE: 'yes', OPS_PORT: 'ninety' })).toThrow(
      /COOKIE_SECURE[\s\S]*OPS_PORT|OPS_PORT[\s\S]*COOKIE_SECURE/,
    );
  });
});
