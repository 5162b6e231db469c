import { JOB_NAME_PATTERN } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { healthscribeJobName, parseHealthscribeJobName } from './healthscribe-job-name.js';

const dictationId = '0B6C2F7E-1D2A-4C3B-9E8F-7A6B5C4D3E2F';

describe('healthscribeJobName', () => {
  it('is deterministic, lower-case and valid for the API', () => {
    const name = healthscribeJobName(dictationId, 1);
    expect(name).toBe('md-0b6c2f7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f-a1');
    expect(healthscribeJobName(dictationId.toLowerCase(), 1)).toBe(name);
    expect(JOB_NAME_PATTERN.test(healthscribeJobName(dictationId, 999_999))).toBe(true);
  });

  it('differs per attempt, so a retried dictation gets a new job', () => {
    expect(healthscribeJobName(dictationId, 2)).not.toBe(healthscribeJobName(dictationId, 1));
  });

  it('refuses anything but a uuid and a positive attempt', () => {
    expect(() => healthscribeJobName('patient name', 1)).toThrow(ValidationError);
    expect(() => healthscribeJobName(dictationId, 0)).toThrow(ValidationError);
    expect(() => healthscribeJobName(dictationId, 1.5)).toThrow(ValidationError);
  });

  it('parses its own names back and ignores foreign ones', () => {
    expect(parseHealthscribeJobName(healthscribeJobName(dictationId, 7))).toEqual({ dictationId: dictationId.toLowerCase(), attempt: 7 });
    expect(parseHealthscribeJobName('someone-elses-job')).toBeUndefined();
    expect(parseHealthscribeJobName('md-0b6c2f7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f-a0')).toBeUndefined();
  });
});
