import { createKafkaEventBus } from '../bus/kafka-event-bus.js';
import { createPgHarness } from '../db/testing/pg-test-database.js';
import { stackConfig } from '../testing/stack-config.js';
import { describeOutboxContract } from './outbox.contract.js';

describeOutboxContract(
  'pg + kafka',
  async () => {
    const pg = await createPgHarness(stackConfig.postgres.url);
    const bus = createKafkaEventBus({ ...stackConfig.kafka, clientId: 'platform-outbox-contract' });
    return {
      bus,
      open: (opts) => pg.open(opts),
      async close() {
        await bus.close();
        await pg.close();
      },
    };
  },
  { timeoutMs: 30_000 },
);
