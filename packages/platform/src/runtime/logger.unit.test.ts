import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

const CANARY = 'CANARY-PHI-72yo-male-chest-pain';

describe('logger', () => {
  it('redacts PHI-bearing fields at the top level and one level deep', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ service: 'test', destination: sink });
    log.info({ text: CANARY, dictationId: 'd-1' }, 'stored');
    log.info({ payload: { transcript: CANARY, narrative: CANARY }, body: CANARY }, 'x');
    log.info({ req: { headers: { authorization: `Bearer ${CANARY}`, cookie: CANARY } } }, 'y');
    const out = lines.join('');
    expect(out).not.toContain(CANARY);
    expect(out).toContain('"dictationId":"d-1"');
    expect(out).toContain('[redacted]');
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: 'test', msg: 'stored' });
  });
});
