import { createHash } from 'node:crypto';

/**
 * A stable signed 64-bit key for `pg_advisory_*lock` derived from a name, returned as a decimal
 * string (bind it as `$1::bigint`). Deriving in code rather than with `hashtext()` keeps the key
 * independent of Postgres' internal hash function.
 */
export function advisoryKey(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return BigInt.asIntN(64, BigInt(`0x${hex}`)).toString();
}
