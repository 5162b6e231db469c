import { SCRIBE_FAILURE_REASONS, type ScribeFailureReason } from '@medicdraft/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError, BusAccessDeniedError, ERROR_CODES, isErrorCode, type ErrorCode } from './errors.js';

describe('error codes', () => {
  it('are a closed union: a code that is not an ErrorCode fails the type check', () => {
    expectTypeOf<AppError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ErrorCode>().not.toEqualTypeOf<string>();
    // @ts-expect-error a misspelt code is a type error, not a new code on the wire
    const typo = new AppError('not_fonud', 'x');
    expect(isErrorCode(typo.code)).toBe(false);
  });

  it('name every code once, in the shape the wire allows', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
  });

  it("cover the scribe engine's failure reasons and the broker's refusals", () => {
    expectTypeOf<`scribe_${ScribeFailureReason}`>().toExtend<ErrorCode>();
    for (const reason of SCRIBE_FAILURE_REASONS) expect(isErrorCode(`scribe_${reason}`), reason).toBe(true);
    expect(new BusAccessDeniedError('authentication').code).toBe('bus_authentication_failed');
    expect(new BusAccessDeniedError('authorization').code).toBe('bus_authorization_failed');
  });

  it('recognise only their own codes from outside', () => {
    expect(isErrorCode('pipeline_halted')).toBe(true);
    expect(isErrorCode('brand_new_code')).toBe(false);
    expect(isErrorCode('')).toBe(false);
  });
});
