import type { Role, USER_ACTIONS } from '@medicdraft/contracts';
import { ConflictError, ForbiddenError, NotFoundError, type Database, type IdGenerator, type Queryable } from '@medicdraft/platform';
import type { Enrolments } from '../enrolment/enrolments.js';
import type { GatewayEvents } from '../events/gateway-events.js';
import { mayManageRole } from './role-ceiling.js';
import type { SessionManager } from './session-manager.js';
import { enrolmentRows } from '../enrolment/enrolment.repository.js';
import { insertUser, lockUser, updateUser, type UserChange, type UserRecord } from './user.repository.js';

/** Refused by the role ceiling (the route records it as `access.denied` `missing_permission`). */
export class RoleCeilingError extends ForbiddenError {
  constructor() {
    super('your role may not manage users of this role');
  }
}

/** Who acts: the signed-in admin or owner, and the request's correlation id. */
export interface UserAdminActor {
  tenantId: string;
  userId: string;
  role: Role;
  correlationId: string;
  /** The client's address as the gateway's edge vouches for it; absent when the socket is gone. */
  sourceAddress?: string;
}

export interface EnrolmentSent {
  expiresAt: string;
  /** False when the mail transport refused the link: a reset sends a new one. */
  delivered: boolean;
}

type Action = (typeof USER_ACTIONS)[number];

/**
 * User management under the role ceiling (`mayManageRole`, checked against the user's role before
 * and after the change, inside the transaction that holds the row). A change, its
 * `admin.user.updated` event and any enrolment link commit together; the user's sessions end
 * after the commit (role change, reset, deactivation), and a link is mailed after it. Nobody
 * changes their own role or status: an owner cannot lock the tenant out by accident.
 */
export function createUserAdmin(deps: {
  db: Database;
  events: GatewayEvents;
  enrolments: Enrolments;
  sessions: SessionManager;
  clock: () => number;
  newId: IdGenerator;
}) {
  const { db, events, enrolments, sessions } = deps;

  const record = (tx: Queryable, actor: UserAdminActor, user: UserRecord, action: Action, previousRole?: Role) =>
    events.append(
      tx,
      events.build('admin.user.updated', {
        tenantId: actor.tenantId,
        actor: { type: 'user', id: actor.userId, role: actor.role },
        correlationId: actor.correlationId,
        ...(actor.sourceAddress === undefined ? {} : { sourceAddress: actor.sourceAddress }),
        payload: { userId: user.id, action, role: user.role, ...(previousRole === undefined ? {} : { previousRole }) },
      }),
    );

  async function target(tx: Queryable, actor: UserAdminActor, userId: string, opts: { notSelf?: boolean } = {}): Promise<UserRecord> {
    const user = await lockUser(tx, userId);
    if (user === undefined) throw new NotFoundError('user not found');
    if (!mayManageRole(actor.role, user.role)) throw new RoleCeilingError();
    if (opts.notSelf === true && user.id === actor.userId) throw new ConflictError('you cannot change your own role or status');
    return user;
  }

  async function change(
    actor: UserAdminActor,
    userId: string,
    action: Action,
    edit: UserChange,
    opts: { notSelf?: boolean } = {},
  ): Promise<UserRecord> {
    const updated = await db.withTenant(actor.tenantId, async (tx) => {
      const user = await target(tx, actor, userId, opts);
      const after = await updateUser(tx, user.id, edit);
      if (edit.kind === 'disabled' && edit.disabled) await enrolmentRows.endAll(tx, user.id, new Date(deps.clock()));
      await record(tx, actor, after, action, action === 'role_changed' ? user.role : undefined);
      return after;
    });
    if (action !== 'reactivated') await sessions.revokeUser(actor.tenantId, userId);
    return updated;
  }

  return {
    async create(
      actor: UserAdminActor,
      input: { email: string; role: Role; displayName?: string | undefined },
    ): Promise<{ user: UserRecord; enrolment: EnrolmentSent }> {
      if (!mayManageRole(actor.role, input.role)) throw new RoleCeilingError();
      const { user, expiresAt, send } = await db.withTenant(actor.tenantId, async (tx) => {
        const created = await insertUser(tx, {
          tenantId: actor.tenantId,
          id: deps.newId(),
          email: input.email,
          displayName: input.displayName ?? null,
          role: input.role,
          passwordHash: null,
          totpSecret: null,
          createdBy: actor.userId,
        });
        await record(tx, actor, created, 'created');
        return {
          user: created,
          ...(await enrolments.issue(tx, { tenantId: actor.tenantId, user: created, purpose: 'create', createdBy: actor.userId })),
        };
      });
      return { user, enrolment: { expiresAt: expiresAt.toISOString(), delivered: await send() } };
    },

    async changeRole(actor: UserAdminActor, userId: string, role: Role): Promise<UserRecord> {
      if (!mayManageRole(actor.role, role)) throw new RoleCeilingError();
      return change(actor, userId, 'role_changed', { kind: 'role', role }, { notSelf: true });
    },

    async setDisabled(actor: UserAdminActor, userId: string, disabled: boolean): Promise<UserRecord> {
      return change(actor, userId, disabled ? 'deactivated' : 'reactivated', { kind: 'disabled', disabled }, { notSelf: true });
    },

    /** Forgets the password and TOTP key, ends the sessions and mails a new enrolment link. */
    async reset(actor: UserAdminActor, userId: string): Promise<{ user: UserRecord; enrolment: EnrolmentSent }> {
      const { user, expiresAt, send } = await db.withTenant(actor.tenantId, async (tx) => {
        const found = await target(tx, actor, userId);
        const cleared = await updateUser(tx, found.id, { kind: 'clear_credentials' });
        await record(tx, actor, cleared, 'reset');
        return {
          user: cleared,
          ...(await enrolments.issue(tx, { tenantId: actor.tenantId, user: cleared, purpose: 'reset', createdBy: actor.userId })),
        };
      });
      await sessions.revokeUser(actor.tenantId, userId);
      return { user, enrolment: { expiresAt: expiresAt.toISOString(), delivered: await send() } };
    },
  };
}
export type UserAdmin = ReturnType<typeof createUserAdmin>;
