import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError, MalformedEventError } from '../../errors.js';
import { createMemoryEventBus } from '../memory-event-bus.js';
import { runDeadLetterCommand } from './dead-letter-command.js';

const CANARY = 'CANARY-PHI-Jane-Doe-chest-pain';

describe('medicdraft-dlq', () => {
  it('lists dead letters by reason without their values, and redrives the chosen ones once the cause is fixed, repeatably', async () => {
    const bus = createMemoryEventBus();
    let fixed = false;
    const applied = new Set<string>();
    let deliveries = 0;
    await bus.subscribe({
      groupId: 'narrative',
      topics: ['healthscribe.output.received'],
      handler: async (r) => {
        deliveries++;
        let event: { id: string };
        try {
          event = JSON.parse(r.value) as { id: string };
        } catch {
          throw new MalformedEventError('not JSON');
        }
        if (!fixed) throw new AppError('template_invalid', 'the stored template fails its schema', { deadLetter: true });
        applied.add(event.id); // the consumer's dedupe on event ids
        return { action: 'done' };
      },
    });
    const events = [randomUUID(), randomUUID()].map((id) => ({
      id,
      type: 'healthscribe.output.received',
      tenantId: 'harbor-ems',
      text: CANARY,
    }));
    await bus.publish([
      ...events.map((e) => ({ topic: 'healthscribe.output.received', key: e.id, value: JSON.stringify(e) })),
      { topic: 'healthscribe.output.received', key: 'junk', value: `{${CANARY}` },
    ]);
    const out: string[] = [];
    const run = (...args: string[]) => runDeadLetterCommand(bus, args, (l) => out.push(l));

    await expect.poll(async () => ((await run('list', 'narrative')) === 0 ? out.pop() : undefined)).toBe('3 dead letters in dlq.narrative');
    out.length = 0;
    expect(await run('list', 'narrative', '--reason', 'template_invalid')).toBe(0);
    expect(out).toHaveLength(3);
    for (const e of events)
      expect(out.some((l) => l.includes(`event=healthscribe.output.received:${e.id}`) && l.includes('tenant=harbor-ems'))).toBe(true);
    expect(out.every((l, i) => i === 2 || /reason=template_invalid from=healthscribe\.output\.received\/0@\d+/.test(l))).toBe(true);
    out.length = 0;
    expect(await run('list', 'narrative')).toBe(0);
    expect(out.join('\n')).toContain('reason=malformed_event');
    expect(out.join('\n')).not.toContain(CANARY);

    fixed = true;
    expect(await run('redrive', 'narrative', '--reason', 'template_invalid')).toBe(0);
    expect(out.pop()).toBe('redrove 2 of 2 dead letters from dlq.narrative to their original topics');
    await expect.poll(() => applied.size).toBe(2);
    // Again: the same events arrive again and the dedupe keeps them applied once.
    const before = deliveries;
    expect(await run('redrive', 'narrative', '--all')).toBe(0);
    await expect.poll(() => deliveries).toBe(before + 3);
    expect([...applied].sort()).toEqual(events.map((e) => e.id).sort());
    expect(out.join('\n')).not.toContain(CANARY);

    expect(await run('redrive', 'narrative')).toBe(2);
    expect(await run('list')).toBe(2);
    await bus.close();
  });
});
