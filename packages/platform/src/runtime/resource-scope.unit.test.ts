import { describe, expect, it } from 'vitest';
import { createResourceScope, owned } from './resource-scope.js';

describe('resource scope', () => {
  it('closes in reverse order of opening, each once, and returns the resource itself', async () => {
    const closed: string[] = [];
    const scope = createResourceScope();
    const a = scope.use('a', { resource: 'A', close: async () => void closed.push('a') });
    const b = scope.use('b', owned({ id: 'B', close: async () => void closed.push('b') }));
    expect(a).toBe('A');
    expect(b.id).toBe('B');
    await scope.close();
    await scope.close();
    expect(closed).toEqual(['b', 'a']);
  });

  it('a failing close is reported and the others still close', async () => {
    const closed: string[] = [];
    const failures: string[] = [];
    const scope = createResourceScope();
    scope.use('first', { resource: 1, close: async () => void closed.push('first') });
    scope.use('broken', {
      resource: 2,
      close: async () => {
        throw new Error('boom');
      },
    });
    scope.use('last', { resource: 3, close: async () => void closed.push('last') });
    await scope.close((name) => failures.push(name));
    expect(closed).toEqual(['last', 'first']);
    expect(failures).toEqual(['broken']);
  });
});
