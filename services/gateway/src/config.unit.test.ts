import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('gateway config', () => {
  it('applies the documented defaults', () => {
    const c = loadGatewayConfig(base);
    expect(c.auth.session).toEqual({ idleTimeoutMs: 900_000, absoluteTimeoutMs: 28_800_000, cookieSecure: false });
    expect(c.auth.throttle).toEqual({ maxPerAccount: 5, maxPerAddress: 20, windowMs: 900_000 });
    expect(c.auth.oidc).toBeUndefined();
    expect(c.http.trustProxy).toBe(false);
    expect(c.ops).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadGatewayConfig({ ...base, OPS_HOST: '0.0.0.0', OPS_PORT: '0' }).ops).toEqual({ host: '0.0.0.0', port: 0 });
    expect(c.demoTenant).toBeUndefined();
    expect(c.internal).toEqual({
      ingestUrl: 'http://127.0.0.1:3011',
      readinessUrl: 'http://127.0.0.1:3015',
      auditUrl: 'http://127.0.0.1:3014',
      narrativeUrl: 'http://127.0.0.1:3013',
    });
  });

  it('reads OIDC, TLS and proxy settings', () => {
    const c = loadGatewayConfig({
      ...base,
      OIDC_ISSUER: 'https://issuer.example',
      OIDC_JWKS_URL: 'https://issuer.example/jwks',
      OIDC_GROUP_PREFIX: 'md-',
      COOKIE_SECURE: 'true',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
    });
    expect(c.auth.oidc).toMatchObject({
      issuer: 'https://issuer.example',
      jwksUrl: 'https://issuer.example/jwks',
      groupPrefix: 'md-',
      groupsClaim: 'cognito:groups',
    });
    expect(c.auth.session.cookieSecure).toBe(true);
    expect(c.http.trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(loadGatewayConfig({ ...base, TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(
      loadGatewayConfig({ ...base, DEMO_TENANT_ID: 'south-metro-fire', DEMO_TENANT_NAME: 'South Metro Fire Rescue' }).demoTenant,
    ).toEqual({ id: 'south-metro-fire', displayName: 'South Metro Fire Rescue' });
  });

  it('lists every bad variable at once', () => {
    expect(() => loadGatewayConfig({ ...base, SESSION_IDLE_TIMEOUT_MS: '5', COOKIE_SECURE: 'yes', INGEST_INTERNAL_URL: 'nope' })).toThrow(
      /SESSION_IDLE_TIMEOUT_MS[\s\S]*COOKIE_SECURE|COOKIE_SECURE[\s\S]*SESSION_IDLE_TIMEOUT_MS/,
    );
  });
});
