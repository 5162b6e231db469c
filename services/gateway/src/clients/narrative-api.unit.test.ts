import { narrativeApi } from '@medicdraft/contracts';
import { startNarrativeFixture, type NarrativeFixture } from '@medicdraft/narrative/testing';
import { describeNarrativeApiContract, type NarrativeApiFixture } from './narrative-api.contract.js';
import { serveOnLoopback } from '../testing/loopback-api.js';

const common = (n: NarrativeFixture) => ({ narrate: n.narrate, setGate: n.setGate });

describeNarrativeApiContract('in process (the service port)', async (): Promise<NarrativeApiFixture> => {
  const n = await startNarrativeFixture();
  return { client: n.service.api, ...common(n), close: n.close };
});

describeNarrativeApiContract('HTTP (narrative internal API on loopback)', async (): Promise<NarrativeApiFixture> => {
  const n = await startNarrativeFixture({ internalApi: true });
  const http = await serveOnLoopback(narrativeApi, n.service, 'narrative');
  return {
    client: http.client,
    ...common(n),
    async close() {
      await http.close();
      await n.close();
    },
  };
});
