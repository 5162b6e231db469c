import type { ReadinessApi } from '@medicdraft/contracts';
import type { Logger } from '@medicdraft/platform';
import type { SeedTenant } from './seed-users.js';

/**
 * Provisions the demo tenants through readiness, the one provisioning path, so a demo tenant's
 * users never sign in to a tenant the pipeline does not know. Readiness may start after the
 * gateway on the stack: the call is retried every `retryMs` until it succeeds or `stop()`.
 */
export function provisionSeedTenants(
  deps: { readiness: Pick<ReadinessApi, 'provisionTenant'>; logger: Logger; retryMs?: number },
  tenants: readonly SeedTenant[],
) {
  const retryMs = deps.retryMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: () => void = () => undefined;
  const done = (async () => {
    for (const tenant of tenants) {
      for (let attempt = 1; !stopped; attempt++) {
        try {
          await deps.readiness.provisionTenant({ params: { tenantId: tenant.id }, body: { displayName: tenant.displayName } });
          deps.logger.info({ tenantId: tenant.id }, 'demo tenant provisioned through readiness');
          break;
        } catch (err) {
          if (attempt === 1 || attempt % 30 === 0)
            deps.logger.warn({ tenantId: tenant.id, attempt, err }, 'readiness did not provision the demo tenant yet; retrying');
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, retryMs);
          });
        }
      }
    }
  })();
  return {
    /** Resolves when every tenant is provisioned (or provisioning was stopped). */
    done,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake();
      await done;
    },
  };
}
