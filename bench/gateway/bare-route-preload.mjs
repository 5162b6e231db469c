// Preload for the gateway bench on the stack (`--import <abs path>/bench/gateway/bare-route-preload.mjs`
// in the gateway process's NODE_OPTIONS): serves the bare fastify route the gateway is compared
// with from the gateway's own process (same event loop, same CPU share), with the fastify the
// gateway itself resolves. Prints `BENCH_BARE_URL <url>` once it listens.
import { createRequire } from 'node:module';

const Fastify = createRequire(process.argv[1] ?? import.meta.url)('fastify');
const BODY = { dictationId: '00000000-0000-4000-8000-000000000000', status: 'stored', ok: true };
const app = Fastify({ logger: false });
app.get('/bare', async () => BODY);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`BENCH_BARE_URL ${url}\n`);
