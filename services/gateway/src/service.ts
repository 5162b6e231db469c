import { topicLayoutFor } from '@medicdraft/contracts';
import { startServiceCore, type Coordination, type Database, type EventBus, type Logger, type RunningService } from '@medicdraft/platform';
import { registerHomePage } from './home-page.js';

export const GATEWAY_SCHEMA = 'gateway';
export const GATEWAY_ROLE = 'medicdraft_gateway';

export interface GatewayServiceDeps {
  bus: EventBus;
  db: Database;
  logger: Logger;
  /** Session store (Redis on the stack, memory when embedded). */
  coordination: Coordination;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
}

/** The HTTP edge (the gateway issue adds auth, RBAC and the v1 API); today: home page, schema, outbox relay. */
export async function startGatewayService(deps: GatewayServiceDeps): Promise<RunningService> {
  const core = await startServiceCore({
    bus: deps.bus,
    db: deps.db,
    logger: deps.logger.child({ service: 'gateway' }),
    schema: GATEWAY_SCHEMA,
    role: GATEWAY_ROLE,
    migrations: [],
    topics: topicLayoutFor('gateway', deps.partitions),
  });
  return {
    checks: [...core.checks, { name: 'coordination', check: () => deps.coordination.ping() }],
    routes: (app) => registerHomePage(app),
    stop: () => core.stop(),
  };
}
