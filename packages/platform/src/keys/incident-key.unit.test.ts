import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { incidentKey, normaliseIncidentNumber } from './incident-key.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';

describe('incidentKey', () => {
  it('is deterministic for one tenant and ignores case and surrounding blanks', () => {
    const k = incidentKey(SECRET, 't-1', 'EMS-2026/0042');
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(incidentKey(SECRET, 't-1', ' ems-2026/0042 ')).toBe(k);
  });

  it('differs across tenants, numbers and secrets', () => {
    const k = incidentKey(SECRET, 't-1', 'EMS-2026/0042');
    expect(incidentKey(SECRET, 't-2', 'EMS-2026/0042')).not.toBe(k);
    expect(incidentKey(SECRET, 't-1', 'EMS-2026/0043')).not.toBe(k);
    expect(incidentKey(`${SECRET}x`, 't-1', 'EMS-2026/0042')).not.toBe(k);
  });

  it('never contains the number it keys', () => {
    expect(incidentKey(SECRET, 't-1', '1234567890')).not.toContain('1234567890');
  });

  it('refuses malformed numbers without echoing them, and short secrets', () => {
    for (const bad of ['', ' ', 'a b', 'x'.repeat(41), 'ab;cd', 'é1']) {
      expect(() => normaliseIncidentNumber(bad)).toThrow(ValidationError);
    }
    expect(() => normaliseIncidentNumber('SECRET<NUM>')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('NUM') }));
    expect(() => incidentKey('short', 't-1', 'A1')).toThrow(/too short/);
  });
});
