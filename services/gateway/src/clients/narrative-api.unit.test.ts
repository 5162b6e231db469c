import { narrativeApi } from '@medicdraft/contracts';
import { startNarrativeFixture, type NarrativeFixture } from '@medicdraft/narrative/testing';
import { createHttpApp, createHttpClient, createLogger, createMetrics } from '@medicdraft/platform';
import { describeNarrativeApiContract, type NarrativeApiFixture } from './narrative-api.contract.js';

const logger = createLogger({ service: 'gateway-narrative-api-test', level: 'silent' });

const common = (n: NarrativeFixture) => ({ narrate: n.narrate, setGate: n.setGate });

describeNarrativeApiContract('in process (the service port)', async (): Promise<NarrativeApiFixture> => {
  const n = await startNarrativeFixture();
  return { client: n.service.api, ...common(n), close: n.close };
});

describeNarrativeApiContract('HTTP (narrative internal API on loopback)', async (): Promise<NarrativeApiFixture> => {
  const n = await startNarrativeFixture({ internalApi: true });
  const app = createHttpApp({
    logger,
    metrics: createMetrics('narrative-internal'),
    ops: { checks: () => n.service.checks, accepting: () => true },
  });
  await n.service.routes?.(app);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    client: createHttpClient(narrativeApi, { baseUrl: address, service: 'narrative' }),
    ...common(n),
    async close() {
      await app.close();
      await n.close();
    },
  };
});
