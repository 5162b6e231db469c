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
 * `alsoCheck` finds problems between variables; it runs beside the schema, not as a refinement
 * (which zod skips once another variable is bad), so every problem is listed at once.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
  alsoCheck: (env: Record<string, string | undefined>) => readonly string[] = () => [],
): z.output<S> {
  const result = schema.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)),
    ...alsoCheck(env),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError([...new Set(problems)]);
  return result.data;
}
