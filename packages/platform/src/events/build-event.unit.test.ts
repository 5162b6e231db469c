import { TOPIC } from '@medicdraft/contracts';
import { describe, expect, it } from 'vitest';
import { EventSchemaBugError } from '../errors.js';
import { buildEvent } from './build-event.js';

const deps = { clock: () => Date.parse('2026-11-23T10:00:00.000Z'), newId: () => '6f1d1c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f' };
const init = {
  tenantId: 'metro-ems',
  actor: { type: 'service' as const, id: 'readiness' as const },
  correlationId: '0b8e4f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b',
  payload: {},
};

describe('buildEvent', () => {
  it('returns the event when it satisfies its schema', () => {
    expect(buildEvent(TOPIC.TENANT_PROVISIONED, init, deps)).toMatchObject({ type: 'tenant.provisioned', tenantId: 'metro-ems' });
  });

  it('treats an event that fails its own schema as a bug: EventSchemaBugError, 500, neither retryable nor dead-lettered', () => {
    const bad = { ...init, correlationId: 'not-a-uuid' };
    let thrown: unknown;
    try {
      buildEvent(TOPIC.TENANT_PROVISIONED, bad, deps);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EventSchemaBugError);
    expect(thrown).toMatchObject({ code: 'event_invalid', status: 500, retryable: false, deadLetter: false });
  });
});
