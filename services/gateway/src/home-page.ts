import type { FastifyInstance } from 'fastify';

/**
 * The landing page until the web UI lands (gateway issue): says what is running and links the
 * operational endpoints. Static text only: nothing tenant-specific is rendered here.
 */
const HOME_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>MedicDraft</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b2733}code{background:#eef2f5;padding:0 .25rem}</style>
</head>
<body>
<h1>MedicDraft</h1>
<p>PHI-safe EMS dictation pipeline: the six services are running.</p>
<p>PHI mode: <strong>Disabled / synthetic-only</strong> until every readiness gate is ready.</p>
<ul>
<li><a href="/healthz"><code>/healthz</code></a> — process alive</li>
<li><a href="/readyz"><code>/readyz</code></a> — dependencies answer</li>
<li><a href="/metrics"><code>/metrics</code></a> — Prometheus metrics</li>
</ul>
</body>
</html>
`;

export function registerHomePage(app: FastifyInstance): void {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(HOME_PAGE));
}
