import { z } from 'zod';
import { AppError } from '../errors.js';

/** Thrown at start-up when configuration is invalid; lists every bad variable at once. */
export class ConfigError extends AppError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('invalid_config', `invalid configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

/**
 * Validates an environment against a zod schema of variable names. Values are never echoed in the
 * error (a variable can hold a secret); only the variable name and what is wrong with it.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError([...new Set(problems)]);
}
