import { readdir, readFile } from 'node:fs/promises';
import { AUDIT_EVENT_TYPES_SEED, ROLE_PERMISSIONS } from '@medicdraft/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebUi, UI_PATHS } from './web-ui.js';

const ASSETS = new URL('./assets/', import.meta.url);

describe('web UI serving', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await registerWebUi(app, { defaultTenant: 'south-metro-fire' });
    await app.ready();
  });
  afterAll(() => app.close());

  it('serves the same shell for every UI path with a strict CSP and no inline script or style', async () => {
    for (const path of UI_PATHS) {
      const res = await app.inject(path.replace(':id', '6f1c2a9e-3b7d-4c55-9e1a-2b3c4d5e6f70'));
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // Every <script> has a src; no style attributes or <style> blocks; no event-handler attributes.
      expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
      expect(res.body).toContain('<meta name="md-default-tenant" content="south-metro-fire">');
    }
  });

  it('serves each asset file with its type and an ETag, and answers 304 to a matching revalidation', async () => {
    const names = (await readdir(ASSETS)).filter((n) => /\.(js|css)$/.test(n));
    expect(names).toEqual(expect.arrayContaining(['app.js', 'app.css', 'api.js', 'dom.js', 'readiness-view.js', 'narrative-review.js']));
    for (const name of names) {
      const res = await app.inject(`/ui/assets/${name}`);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type']).toMatch(name.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(res.body).toBe(await readFile(new URL(name, ASSETS), 'utf8'));
      const again = await app.inject({ url: `/ui/assets/${name}`, headers: { 'if-none-match': String(res.headers.etag) } });
      expect(again.statusCode).toBe(304);
    }
  });

  it('serves nothing outside the asset set (no traversal, no test files, no unknown names)', async () => {
    for (const url of [
      '/ui/assets/..%2Fweb-ui.ts',
      '/ui/assets/%2e%2e%2fui-shell.ts',
      '/ui/assets/web-ui.unit.test.ts',
      '/ui/assets/nope.js',
      '/ui/assets/vocabulary.js',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('browser code builds DOM without innerHTML, eval or string timers (XSS-safe by construction)', async () => {
    for (const name of (await readdir(ASSETS)).filter((n) => n.endsWith('.js'))) {
      const source = await readFile(new URL(name, ASSETS), 'utf8');
      expect(source, name).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(['"`]/);
    }
  });

  it('the vocabulary module carries the seed roles with their exact permissions and the eight audit event types', async () => {
    const res = await app.inject('/ui/vocabulary.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    const json = /Object\.freeze\((.*)\);\n$/s.exec(res.body)?.[1];
    const vocabulary = JSON.parse(json ?? 'null') as {
      roles: { id: string; permissions: string[] }[];
      auditEventTypes: { type: string }[];
      referenceKinds: string[];
    };
    expect(Object.fromEntries(vocabulary.roles.map((r) => [r.id, r.permissions]))).toEqual(JSON.parse(JSON.stringify(ROLE_PERMISSIONS)));
    expect(vocabulary.auditEventTypes.map((e) => e.type)).toEqual(AUDIT_EVENT_TYPES_SEED.map((e) => e.type));
    expect(vocabulary.auditEventTypes).toHaveLength(8);
    expect(vocabulary.referenceKinds).toEqual(['template', 'protocol', 'rule']);
  });

  it('names no tenant on the shell when none is configured', async () => {
    const bare = Fastify();
    await registerWebUi(bare);
    const res = await bare.inject('/login');
    expect(res.body).not.toContain('md-default-tenant');
    await bare.close();
  });
});
