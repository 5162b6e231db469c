import pg from 'pg';
import type { Logger } from 'pino';

export interface PgListenOptions {
  url: string;
  /** Channel as written in `LISTEN` (quoted identifier). */
  channel: string;
  /** Channel as reported by notifications (unquoted). */
  rawChannel: string;
  onNotify: (payload: string) => void;
  logger?: Pick<Logger, 'warn'> | undefined;
  retryMs?: number;
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to other transactions), kept
 * alive across Postgres restarts. Notifications sent while disconnected are lost, so after every
 * reconnect `onNotify('')` fires once to let the listener catch up. Never throws: if Postgres is
 * down at start the listener keeps retrying in the background, and callers poll meanwhile.
 */
export async function listenWithReconnect(opts: PgListenOptions): Promise<() => Promise<void>> {
  const retryMs = opts.retryMs ?? 1_000;
  let stopped = false;
  let current: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const retry = (client: pg.Client) => {
    if (stopped || current !== client) return;
    current = undefined;
    client.end().catch(() => undefined);
    timer = setTimeout(() => void connect(true), retryMs);
    timer.unref();
  };

  async function connect(isRetry: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: opts.url, connectionTimeoutMillis: 5_000 });
    current = client;
    client.on('notification', (msg) => {
      if (msg.channel === opts.rawChannel) opts.onNotify(msg.payload ?? '');
    });
    client.on('error', () => retry(client));
    client.on('end', () => retry(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${opts.channel}`);
      if (isRetry) opts.onNotify('');
    } catch (err) {
      opts.logger?.warn({ err: { message: (err as Error).message }, channel: opts.rawChannel }, 'postgres listen failed; retrying');
      retry(client);
    }
  }

  await connect(false);
  return async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = undefined;
    await client?.end().catch(() => undefined);
  };
}
