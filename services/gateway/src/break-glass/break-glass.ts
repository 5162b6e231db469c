import { BREAK_GLASS_MINUTES, type Role } from '@medicdraft/contracts';
import { NotFoundError, type Clock, type Database, type IdGenerator } from '@medicdraft/platform';
import type { GatewayEvents } from '../events/gateway-events.js';
import { breakGlassRepository as repo, type GrantRow } from './break-glass.repository.js';

/** Who acts: the session's tenant, user and role, and the request's correlation id. */
export interface BreakGlassActor {
  tenantId: string;
  userId: string;
  role: Role;
  correlationId: string;
  /** The client's address as the gateway saw it: the grant's events carry it. */
  sourceAddress?: string;
}

const sourceOfActor = (actor: BreakGlassActor): { sourceAddress?: string } =>
  actor.sourceAddress === undefined ? {} : { sourceAddress: actor.sourceAddress };

/** A grant as its holder sees it: no reason (the holder typed it; the API does not echo free text back). */
export interface BreakGlassGrant {
  grantId: string;
  dictationId: string;
  minutes: number;
  createdAt: string;
  expiresAt: string;
}

/** A grant in the owners' report: who, which dictation, the reason, its state and every access made under it. */
export interface BreakGlassReportEntry extends BreakGlassGrant {
  userId: string;
  reason: string;
  state: 'active' | 'expired' | 'revoked';
  revokedAt: string | null;
  revokedBy: string | null;
  accesses: { routeCode: string; accessedAt: string }[];
}

const asGrant = (g: GrantRow): BreakGlassGrant => ({
  grantId: g.id,
  dictationId: g.dictationId,
  minutes: g.minutes,
  createdAt: g.createdAt.toISOString(),
  expiresAt: g.expiresAt.toISOString(),
});

/**
 * Emergency ("break-glass") access: a user opens one dictation outside their normal scope for a
 * limited time with a typed reason. Whether the dictation is outside the normal scope is the
 * caller's decision (the dictation routes); this module keeps grants, records each access under
 * one (row and `breakglass.accessed` in one transaction, before the data is read) and answers the
 * owners' report. The reason is free text that may name a patient: it is stored in the tenant's
 * `break_glass_grants` row only, never put in an event, a log line or an error, and read back only
 * by the report.
 */
export function createBreakGlass(deps: { db: Database; events: GatewayEvents; clock: Clock; newId: IdGenerator }) {
  const { db, events } = deps;
  const now = () => new Date(deps.clock());
  const userActor = (a: BreakGlassActor) => ({ type: 'user' as const, id: a.userId, role: a.role });

  return {
    /** A new grant of `minutes` (default 60) on `dictationId`; `breakglass.granted` notifies the owners. */
    async open(
      actor: BreakGlassActor,
      dictationId: string,
      reason: string,
      minutes: number = BREAK_GLASS_MINUTES.default,
    ): Promise<BreakGlassGrant> {
      const createdAt = now();
      const grant = {
        id: deps.newId(),
        userId: actor.userId,
        dictationId,
        reason,
        minutes,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + minutes * 60_000),
      };
      await db.withTenant(actor.tenantId, async (tx) => {
        await repo.insertGrant(tx, actor.tenantId, grant);
        await events.append(
          tx,
          events.build('breakglass.granted', {
            tenantId: actor.tenantId,
            actor: userActor(actor),
            correlationId: actor.correlationId,
            ...sourceOfActor(actor),
            payload: { grantId: grant.id, dictationId, userId: actor.userId, minutes, expiresAt: grant.expiresAt.toISOString() },
          }),
        );
      });
      return asGrant({ ...grant, revokedAt: null, revokedBy: null });
    },

    /**
     * The open grant of the actor on `dictationId`, its use recorded (`routeCode`) before the
     * caller reads anything; undefined (nothing recorded) when there is none.
     */
    async useGrant(actor: BreakGlassActor, dictationId: string, routeCode: string): Promise<BreakGlassGrant | undefined> {
      return db.withTenant(actor.tenantId, async (tx) => {
        const at = now();
        const grant = await repo.activeGrant(tx, actor.userId, dictationId, at);
        if (grant === undefined) return undefined;
        const event = events.build('breakglass.accessed', {
          tenantId: actor.tenantId,
          actor: userActor(actor),
          correlationId: actor.correlationId,
          ...sourceOfActor(actor),
          payload: { grantId: grant.id, dictationId, routeCode },
        });
        await repo.insertAccess(tx, actor.tenantId, { grantId: grant.id, eventId: event.id, routeCode, accessedAt: at });
        await events.append(tx, event);
        return asGrant(grant);
      });
    },

    /** The user's open grants (the banner). */
    async mine(tenantId: string, userId: string): Promise<BreakGlassGrant[]> {
      return (await db.withTenant(tenantId, (tx) => repo.activeGrantsOf(tx, userId, now()))).map(asGrant);
    },

    /** The owners' report: grants created in the last `days` days (at most 200), newest first, with their accesses. */
    async report(tenantId: string, days: number): Promise<BreakGlassReportEntry[]> {
      const at = now();
      return db.withTenant(tenantId, async (tx) => {
        const grants = await repo.grantsSince(tx, new Date(at.getTime() - days * 86_400_000), 200);
        const accesses = await repo.accessesOf(
          tx,
          grants.map((g) => g.id),
        );
        return grants.map((g) => ({
          ...asGrant(g),
          userId: g.userId,
          reason: g.reason,
          state: g.revokedAt !== null ? 'revoked' : g.expiresAt > at ? 'active' : 'expired',
          revokedAt: g.revokedAt?.toISOString() ?? null,
          revokedBy: g.revokedBy,
          accesses: accesses
            .filter((a) => a.grantId === g.id)
            .map((a) => ({ routeCode: a.routeCode, accessedAt: a.accessedAt.toISOString() })),
        }));
      });
    },

    /** An owner ends an open grant (`breakglass.revoked`); 404 when no open grant has that id in the tenant. */
    async revoke(owner: BreakGlassActor, grantId: string): Promise<BreakGlassGrant> {
      return db.withTenant(owner.tenantId, async (tx) => {
        const grant = await repo.revoke(tx, grantId, owner.userId, now());
        if (grant === undefined) throw new NotFoundError('no open break-glass grant with this id');
        await events.append(
          tx,
          events.build('breakglass.revoked', {
            tenantId: owner.tenantId,
            actor: userActor(owner),
            correlationId: owner.correlationId,
            ...sourceOfActor(owner),
            payload: { grantId, dictationId: grant.dictationId, userId: grant.userId },
          }),
        );
        return asGrant(grant);
      });
    },
  };
}
export type BreakGlass = ReturnType<typeof createBreakGlass>;
