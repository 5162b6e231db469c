import { ValidationError } from '../errors.js';

/**
 * Schema, role and table names are interpolated into DDL and `SET ROLE`, where bind parameters
 * are not allowed. Restricting them to lower-case Postgres identifiers (and quoting anyway) keeps
 * that interpolation injection-free and avoids case-folding surprises between `"x"` and `x`.
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(kind: string, name: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new ValidationError(`${kind} must be a lower-case SQL identifier (a-z, 0-9, _; max 63 chars)`);
  }
}

/** Quotes an identifier that has passed `assertIdentifier`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `assertIdentifier` + quote + optional schema qualification, for DDL built in code. */
export function qualified(schema: string, name: string): string {
  assertIdentifier('schema', schema);
  assertIdentifier('table', name);
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Tenant ids travel as bind parameters, but an empty one would silently mean "no tenant". */
export function assertTenantId(tenantId: unknown): asserts tenantId is string {
  if (typeof tenantId !== 'string' || tenantId.trim() === '' || tenantId.length > 200) {
    throw new ValidationError('tenant id must be a non-empty string');
  }
}
