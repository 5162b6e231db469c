/**
 * Optional capability of a Database adapter: Postgres LISTEN/NOTIFY. The outbox relay uses it to
 * wake as soon as an outbox insert commits instead of waiting for its fallback poll.
 * Contract: `onNotify` may be called more than once per notification and may miss notifications
 * while the adapter reconnects, so listeners must treat it as a hint and keep polling.
 * The returned function stops listening and is idempotent.
 */
export interface NotificationSource {
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

export function hasNotifications<T extends object>(db: T): db is T & NotificationSource {
  return typeof (db as Partial<NotificationSource>).listen === 'function';
}
