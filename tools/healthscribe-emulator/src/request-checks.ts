import { ServiceError } from './aws-json-errors.js';

/**
 * Constraint checking in the style of the AWS (Coral) front end: a member of the wrong JSON type
 * is a `SerializationException` at once; constraint violations are collected and reported
 * together as one `BadRequestException` ("2 validation errors detected: Value … at '…' failed to
 * satisfy constraint: Member must …"), which is how Transcribe words model-level validation.
 * Patterns are anchored here although the model's are not: the docs say names contain no spaces.
 */
export class RequestChecks {
  private readonly violations: string[] = [];

  private violate(value: unknown, path: string, rule: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
    this.violations.push(`Value ${shown} at '${path}' failed to satisfy constraint: Member must ${rule}`);
  }

  /** Adds a violation that is not a model constraint (cross-field rules); reported with the rest. */
  rule(message: string): void {
    this.violations.push(message);
  }

  object(value: unknown, path: string, required: boolean): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.violate(value, path, 'not be null');
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value))
      throw new ServiceError('SerializationException', `Expected an object at '${path}'`);
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string, min: number, max: number): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw new ServiceError('SerializationException', `Expected a list at '${path}'`);
    if (value.length < min) this.violate(`[${value.length} items]`, path, `have length greater than or equal to ${min}`);
    if (value.length > max) this.violate(`[${value.length} items]`, path, `have length less than or equal to ${max}`);
    return value;
  }

  string(
    value: unknown,
    path: string,
    opts: { required?: boolean; min?: number; max?: number; pattern?: RegExp; patternText?: string; oneOf?: readonly string[] },
  ): string | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.violate(value, path, 'not be null');
      return undefined;
    }
    if (typeof value !== 'string') throw new ServiceError('SerializationException', `Expected a string at '${path}'`);
    if (opts.min !== undefined && value.length < opts.min) this.violate(value, path, `have length greater than or equal to ${opts.min}`);
    else if (opts.max !== undefined && value.length > opts.max) this.violate(value, path, `have length less than or equal to ${opts.max}`);
    else if (opts.pattern && !opts.pattern.test(value))
      this.violate(value, path, `satisfy regular expression pattern: ${opts.patternText ?? opts.pattern.source}`);
    else if (opts.oneOf && !opts.oneOf.includes(value)) this.violate(value, path, `satisfy enum value set: [${opts.oneOf.join(', ')}]`);
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new ServiceError('SerializationException', `Expected an integer at '${path}'`);
    if (value < min) this.violate(value, path, `have value greater than or equal to ${min}`);
    if (value > max) this.violate(value, path, `have value less than or equal to ${max}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw new ServiceError('SerializationException', `Expected a boolean at '${path}'`);
    return value;
  }

  /** Throws the collected violations as one BadRequestException, if there are any. */
  done(): void {
    const n = this.violations.length;
    if (n === 0) return;
    throw new ServiceError('BadRequestException', `${n} validation error${n === 1 ? '' : 's'} detected: ${this.violations.join('; ')}`);
  }
}
