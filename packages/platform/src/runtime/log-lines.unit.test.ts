import { describe, expect, it } from 'vitest';
import { duplicateKeys } from './log-lines.js';

describe('duplicateKeys', () => {
  it('finds a key repeated at one level, not the same key at different levels or inside strings and arrays', () => {
    expect(duplicateKeys('{"service":"a","msg":"x","service":"b"}')).toEqual(['service']);
    expect(duplicateKeys('{"service":"a","err":{"service":"b"},"list":[{"k":1},{"k":2}],"msg":"\\"service\\":"}')).toEqual([]);
    expect(duplicateKeys('{"a":{"b":1,"b":2}}')).toEqual(['b']);
  });
});
