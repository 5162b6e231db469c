import { parseArgs } from 'node:util';
import { readinessApi, TenantIdSchema } from '@medicdraft/contracts';
import { createHttpClient, DependencyUnavailableError, isAppError } from '@medicdraft/platform';

export const TENANTS_USAGE = `medicdraft-tenants: provision tenants (the one path) and list the tenant directory

  medicdraft-tenants add <tenant-id> --name "<agency name>"
      Provisions the tenant in readiness: its settings start in sandbox mode (PHI mode disabled),
      readiness records tenant.provisioned and lists the tenant in the directory every service
      checks. Idempotent: an existing tenant keeps its name and settings (exit 0, "exists").
  medicdraft-tenants list
      The tenant directory: id and name, one per line.

Environment: READINESS_INTERNAL_URL (default http://127.0.0.1:3015), the readiness service's
internal API on the service network. Exit codes: 0 ok, 1 refused or unreachable, 2 usage.
`;

export interface TenantsCliIo {
  readinessUrl: string;
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

/** Runs one `medicdraft-tenants` command; returns the exit code. */
export async function runTenantsCli(argv: readonly string[], io: TenantsCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    io.err.write(`${(err as Error).message}\n${TENANTS_USAGE}`);
    return 2;
  }
  const [command, tenantId, ...extra] = parsed.positionals;
  if (parsed.values.help === true) {
    io.out.write(TENANTS_USAGE);
    return 0;
  }
  const base = io.readinessUrl.replace(/\/+$/, '');
  const readiness = createHttpClient(readinessApi, { baseUrl: base, service: 'readiness' });
  try {
    if (command === 'list' && tenantId === undefined) {
      const { tenants } = await readiness.tenants({});
      for (const t of tenants) io.out.write(`${t.id}\t${t.displayName}\n`);
      return 0;
    }
    if (command === 'add' && tenantId !== undefined && extra.length === 0) {
      const name = parsed.values.name?.trim() ?? '';
      if (!TenantIdSchema.safeParse(tenantId).success || name === '' || name.length > 200) {
        io.err.write(`a tenant id is lower-case letters, digits and dashes; --name is 1-200 characters\n${TENANTS_USAGE}`);
        return 2;
      }
      const { status } = await readiness.provisionTenant({ params: { tenantId }, body: { displayName: name } });
      io.out.write(`${tenantId}\t${status === 201 ? 'provisioned' : 'exists'}\n`);
      return 0;
    }
  } catch (err) {
    if (!isAppError(err) || err instanceof DependencyUnavailableError) {
      io.err.write(`medicdraft-tenants: readiness is not reachable at ${base}\n`);
      return 1;
    }
    io.err.write(`medicdraft-tenants: readiness answered ${err.status} ${err.code}: ${err.message}\n`);
    return 1;
  }
  io.err.write(TENANTS_USAGE);
  return 2;
}
