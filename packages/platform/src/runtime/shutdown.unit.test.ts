import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createShutdown } from './shutdown.js';

describe('shutdown', () => {
  it('runs steps once, in order, continuing past a failing step', async () => {
    const order: string[] = [];
    const s = createShutdown(createLogger({ service: 't', level: 'silent' }));
    s.add('intake', () => void order.push('intake'));
    s.add('drain', async () => {
      order.push('drain');
      throw new Error('x');
    });
    s.add('close', () => void order.push('close'));
    await Promise.all([s.run('a'), s.run('b')]);
    await s.run('c');
    expect(order).toEqual(['intake', 'drain', 'close']);
  });
});
