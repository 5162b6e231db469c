import { loadConfig } from '@medicdraft/platform';
import { z } from 'zod';

const schema = z.object({ READINESS_INTERNAL_URL: z.url().default('http://127.0.0.1:3015') });

/** The only reader of `process.env` in `medicdraft-tenants`. */
export function loadTenantsCliConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return { readinessUrl: e.READINESS_INTERNAL_URL };
}
