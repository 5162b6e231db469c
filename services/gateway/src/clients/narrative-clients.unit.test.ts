import { startNarrativeFixture, type NarrativeFixture } from '@medicdraft/narrative/testing';
import { createHttpApp, createLogger, createMetrics } from '@medicdraft/platform';
import { describeNarrativeClientContract, type NarrativeClientFixture } from './narrative-client.contract.js';
import { createHttpNarrativeClient } from './narrative-http-client.js';
import { createInProcessNarrativeClient } from './narrative-inprocess-client.js';

const logger = createLogger({ service: 'gateway-narrative-client-test', level: 'silent' });

const common = (n: NarrativeFixture) => ({ narrate: n.narrate, setGate: n.setGate });

describeNarrativeClientContract('in-process adapter', async (): Promise<NarrativeClientFixture> => {
  const n = await startNarrativeFixture();
  return { client: createInProcessNarrativeClient(n.service.review), ...common(n), close: n.close };
});

describeNarrativeClientContract('HTTP adapter (narrative internal API on loopback)', async (): Promise<NarrativeClientFixture> => {
  const n = await startNarrativeFixture({ internalApi: true });
  const app = createHttpApp({
    logger,
    metrics: createMetrics('narrative-internal'),
    ops: { checks: () => n.service.checks, accepting: () => true },
  });
  await n.service.routes?.(app);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    client: createHttpNarrativeClient({ baseUrl: address }),
    ...common(n),
    async close() {
      await app.close();
      await n.close();
    },
  };
});
