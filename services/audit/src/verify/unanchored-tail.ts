import type { ReadTx } from './pg-audit-source.js';

/** When the oldest record after `anchoredSize` was recorded (epoch ms), or undefined when there is none. */
export async function oldestUnanchoredAt(
  read: ReadTx,
  tenantId: string,
  anchoredSize: number,
  eventsTable = 'audit.events',
): Promise<number | undefined> {
  const { rows } = await read((tx) =>
    tx.query<{ at: Date | null }>(`SELECT min(recorded_at) AS at FROM ${eventsTable} WHERE tenant_id = $1 AND seq > $2`, [
      tenantId,
      anchoredSize,
    ]),
  );
  const at = rows[0]?.at;
  return at ? new Date(at).getTime() : undefined;
}
