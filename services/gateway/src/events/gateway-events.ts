import {
  type AccessDeniedEvent,
  type Actor,
  type AuthLoginEvent,
  type DomainEvent,
  type EventInit,
  type EventType,
  TENANT_ID_PATTERN,
  toRecord,
} from '@medicdraft/contracts';
import { appendToOutbox, buildEvent, type Clock, type Database, type IdGenerator, type Logger, type Queryable } from '@medicdraft/platform';

export type LoginPayload = AuthLoginEvent['payload'];
export type DeniedPayload = AccessDeniedEvent['payload'];

/**
 * The gateway's own events (`auth.login`, `access.denied`, `narrative.viewed|copied`,
 * `admin.reference.updated`) through its transactional outbox. Payloads are ids and codes only.
 * An event needs a well-formed tenant id (the envelope's); a denial with no tenant at all (no
 * session and no tenant in the path) cannot be attributed and is logged instead. An anonymous
 * denial is recorded only under a tenant that exists: otherwise anyone could open an audit chain
 * for any made-up tenant id just by requesting `/v1/tenants/<anything>/…`.
 */
export function createGatewayEvents(deps: { db: Database; clock: Clock; newId: IdGenerator; logger: Logger }) {
  const { db, logger } = deps;
  const ids = { clock: deps.clock, newId: deps.newId };
  // Tenants are never deleted, so a positive answer can be cached for the process lifetime.
  const known = new Set<string>();
  async function tenantExists(tenantId: string): Promise<boolean> {
    if (known.has(tenantId)) return true;
    const found = await db.withSystem(async (tx) => (await tx.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId])).rowCount > 0);
    if (found) known.add(tenantId);
    return found;
  }

  function build<T extends EventType>(type: T, init: EventInit<T>): DomainEvent {
    return buildEvent(type, init, ids);
  }

  async function append(tx: Queryable, event: DomainEvent): Promise<void> {
    await appendToOutbox(tx, [toRecord(event)]);
  }

  return {
    build,
    append,
    /** Appends in a transaction of its own. */
    async emit<T extends EventType>(type: T, init: EventInit<T>): Promise<void> {
      const event = build(type, init);
      await db.withTenant(init.tenantId, (tx) => append(tx, event));
    },
    /** `sourceAddress`: the client's address as the gateway saw it (see `clientAddress`). */
    async login(tenantId: string, actor: Actor, correlationId: string, payload: LoginPayload, sourceAddress?: string): Promise<void> {
      if (!TENANT_ID_PATTERN.test(tenantId)) return;
      await this.emit('auth.login', { tenantId, actor, correlationId, payload, ...(sourceAddress ? { sourceAddress } : {}) });
    },
    /** Never throws: a failed audit of a denial must not turn the denial into a 500. */
    async denied(
      tenantId: string | undefined,
      actor: Actor,
      correlationId: string,
      payload: DeniedPayload,
      sourceAddress?: string,
    ): Promise<boolean> {
      if (tenantId === undefined || !TENANT_ID_PATTERN.test(tenantId)) {
        logger.warn(
          { routeCode: payload.routeCode, reasonCode: payload.reasonCode, status: payload.status },
          'access denied without a tenant',
        );
        return false;
      }
      try {
        if (actor.type === 'service' && !(await tenantExists(tenantId))) {
          logger.warn(
            { routeCode: payload.routeCode, reasonCode: payload.reasonCode, status: payload.status },
            'anonymous access denied for an unknown tenant',
          );
          return false;
        }
        await this.emit('access.denied', { tenantId, actor, correlationId, payload, ...(sourceAddress ? { sourceAddress } : {}) });
        return true;
      } catch (err) {
        logger.error({ err, routeCode: payload.routeCode }, 'access.denied not recorded');
        return false;
      }
    },
  };
}
export type GatewayEvents = ReturnType<typeof createGatewayEvents>;
