import type { ServiceProcess } from './service-process.js';

/** A signed-in user of a gateway process, calling the tenant's public API with cookie + CSRF token. */
export interface GatewaySession {
  userId: string;
  /** `fetch` of `/v1/tenants/{tenantId}{path}` with the session's cookie, CSRF token and JSON content type. */
  api(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Signs in as the demo user of `role` the gateway seeded for `tenantId` (it needs DEMO_TENANT_ID;
 * each one-time password is logged once, at first start, and read back from the process output).
 */
export async function signInDemoUser(gateway: ServiceProcess, tenantId: string, role: string): Promise<GatewaySession> {
  const line = gateway.output().split('\n').find((l) => l.includes('"demoCredential"') && l.includes(`"role":"${role}"`));
  if (line === undefined) throw new Error(`the gateway logged no demo credential for role ${role}`);
  const { email, oneTimePassword } = (JSON.parse(line) as { demoCredential: { email: string; oneTimePassword: string } }).demoCredential;
  const login = await fetch(`${gateway.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: tenantId, email, password: oneTimePassword }) });
  if (login.status !== 200) throw new Error(`login as ${role} answered ${login.status}: ${await login.text()}`);
  const cookie = /md_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
  if (cookie === undefined) throw new Error('login set no md_session cookie');
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string } };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  return {
    userId: user.id,
    api: (path, init = {}) => fetch(`${gateway.url}/v1/tenants/${tenantId}${path}`, { ...init, headers }),
  };
}
