import { totpAt } from '@medicdraft/gateway';
import type { ServiceProcess } from './service-process.js';

/** A signed-in user of a gateway process, calling the tenant's public API with cookie + CSRF token. */
export interface GatewaySession {
  userId: string;
  /** `fetch` of `/v1/tenants/{tenantId}{path}` with the session's cookie and CSRF token; a request with a body is sent as JSON. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** The same session against another gateway instance (sessions live in the shared Redis), headers of the caller's choosing. */
  via(gatewayUrl: string): (path: string, init?: RequestInit) => Promise<Response>;
}

// The password each demo user signs in with after its first sign-in (gateway URL + e-mail → password).
const ownPasswords = new Map<string, string>();

/**
 * Signs in as the demo user of `role` the gateway seeded for `tenantId` (it needs DEMO_TENANT_ID;
 * each one-time password is logged once, at first start, and read back from the process output).
 * The one-time password works once: the first sign-in replaces it with a password of the test's own.
 * Roles with TOTP (admin, owner) sign in with the current code of the logged key.
 */
export async function signInDemoUser(gateway: ServiceProcess, tenantId: string, role: string): Promise<GatewaySession> {
  const line = gateway
    .output()
    .split('\n')
    .find((l) => l.includes('"demoCredential"') && l.includes(`"role":"${role}"`));
  if (line === undefined) throw new Error(`the gateway logged no demo credential for role ${role}`);
  const { email, oneTimePassword, totpKey } = (
    JSON.parse(line) as { demoCredential: { email: string; oneTimePassword: string; totpKey?: string } }
  ).demoCredential;
  const key = `${gateway.url}/${email}`;
  const own = ownPasswords.get(key);
  const body = {
    ...(own === undefined
      ? { tenant: tenantId, email, password: oneTimePassword, newPassword: `${oneTimePassword}-own` }
      : { tenant: tenantId, email, password: own }),
    ...(totpKey === undefined ? {} : { totp: totpAt(totpKey, Date.now()) }),
  };
  const login = await fetch(`${gateway.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (login.status !== 200) throw new Error(`login as ${role} answered ${login.status}: ${await login.text()}`);
  if (own === undefined) ownPasswords.set(key, `${oneTimePassword}-own`);
  const cookie = /md_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
  if (cookie === undefined) throw new Error('login set no md_session cookie');
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string } };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    userId: user.id,
    api: (path, init = {}) =>
      fetch(`${gateway.url}/v1/tenants/${tenantId}${path}`, {
        ...init,
        headers: { ...headers, ...(init.body === undefined || init.body === null ? {} : { 'content-type': 'application/json' }) },
      }),
    via:
      (url) =>
      (path, init = {}) =>
        // Cookie and CSRF token only: the caller names its own content type (a tus request has none or a binary one).
        fetch(`${url}/v1/tenants/${tenantId}${path}`, {
          ...init,
          headers: { cookie, 'x-csrf-token': csrfToken, ...(init.headers as Record<string, string>) },
        }),
  };
}
