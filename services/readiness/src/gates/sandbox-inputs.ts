import { REQUIRED_ENV_VAR_NAMES, type RequiredEnvVarName } from '@medicdraft/contracts';
import type { EnvFacts } from './gate-inputs.js';

/** Which of the six required variables a config sets (values are never looked at here). */
export function configuredEnv(aws: Partial<Record<RequiredEnvVarName, string | undefined>>): Record<RequiredEnvVarName, boolean> {
  return Object.fromEntries(REQUIRED_ENV_VAR_NAMES.map((n) => [n, aws[n] !== undefined && aws[n] !== ''])) as Record<
    RequiredEnvVarName,
    boolean
  >;
}

/** The embedded mode's facts: a database (PGlite), no production identity, filesystem storage. */
export function embeddedEnvFacts(aws: Partial<Record<RequiredEnvVarName, string | undefined>> = {}): EnvFacts {
  return { configured: configuredEnv(aws), databaseConfigured: true, productionAuthConfigured: false, demoStorageOnly: true };
}
