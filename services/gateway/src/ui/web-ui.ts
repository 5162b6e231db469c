import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderShell } from './ui-shell.js';
import { vocabularyModule } from './ui-vocabulary.js';

/** Paths the browser-side router handles; each serves the same shell document. */
export const UI_PATHS = [
  '/',
  '/login',
  '/enrol',
  '/readiness',
  '/dictations',
  '/dictations/:id',
  '/qa',
  '/admin',
  '/audit',
  '/users',
  '/usage',
] as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Assets are source files served as they are (no bundler, no build step). The directory is found
 * from the package root, so the same path works from `src/` (tests, tsx) and from `dist/` (tsc
 * does not copy non-TS files; the Docker image keeps `src/`).
 */
const ASSET_DIR = new URL('../../src/ui/assets/', import.meta.url);

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

async function loadAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const name of await readdir(ASSET_DIR)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type === undefined) continue;
    const body = await readFile(new URL(name, ASSET_DIR));
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return assets;
}

function sendCached(req: FastifyRequest, reply: FastifyReply, asset: Asset) {
  // Revalidated on every load (cheap 304s): a new gateway version is picked up at once.
  void reply.header('etag', asset.etag).header('cache-control', 'no-cache');
  if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  return reply.type(asset.type).send(asset.body);
}

/**
 * The web UI: one shell document for every UI path, the browser modules and stylesheet (held in
 * memory, addressed only by exact name), and the contracts vocabulary. Everything it shows comes
 * from the v1 API under the signed-in session, so the UI holds no authority of its own. Strict
 * CSP: scripts, styles and connections from this origin only, no inline code, no framing.
 */
export async function registerWebUi(app: FastifyInstance, opts: { defaultTenant?: string | undefined } = {}): Promise<void> {
  const assets = await loadAssets();
  const vocabulary = Buffer.from(vocabularyModule());
  assets.set('vocabulary.js', {
    body: vocabulary,
    type: CONTENT_TYPES['.js']!,
    etag: `"${createHash('sha256').update(vocabulary).digest('base64url').slice(0, 22)}"`,
  });
  const assetVersion = createHash('sha256')
    .update([...assets.values()].map((a) => a.etag).join())
    .digest('base64url')
    .slice(0, 12);
  const shell = renderShell({ defaultTenant: opts.defaultTenant, assetVersion });

  await app.register(async (scope) => {
    await scope.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      // HSTS comes from the public edge (root of the app) when cookies are Secure; not repeated here.
      strictTransportSecurity: false,
    });
    for (const path of UI_PATHS) {
      scope.get(path, async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(shell));
    }
    scope.get<{ Params: { name: string } }>('/ui/assets/:name', async (req, reply) => {
      const asset = req.params.name === 'vocabulary.js' ? undefined : assets.get(req.params.name);
      if (asset === undefined) return reply.code(404).type('application/json').send({ error: 'not_found', message: 'no such asset' });
      return sendCached(req, reply, asset);
    });
    scope.get('/ui/vocabulary.js', async (req, reply) => sendCached(req, reply, assets.get('vocabulary.js')!));
  });
}
