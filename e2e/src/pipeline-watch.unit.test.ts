import { randomUUID } from 'node:crypto';
import { toRecord, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createMemoryEventBus } from '@medicdraft/platform';
import { expect, it } from 'vitest';
import { watchPipeline } from './pipeline-watch.js';

const TENANT = 't-watch';
function failed(retryable: boolean, tenantId = TENANT): DomainEvent {
  const e = eventFixture('healthscribe.job.failed');
  return { ...e, id: randomUUID(), tenantId, payload: { ...e.payload, retryable } } as DomainEvent;
}

it('counts a job failure against a drill only when scribe will not retry it', async () => {
  const bus = createMemoryEventBus();
  const watch = await watchPipeline(bus, TENANT);
  const retried = failed(true);
  const terminal = failed(false);
  await bus.publish([retried, terminal, failed(false, 't-other')].map(toRecord));
  await expect.poll(() => watch.events.length).toBe(2);
  expect(watch.terminalFailures().map((e) => e.id)).toEqual([terminal.id]);
  await watch.close();
  await bus.close();
});
