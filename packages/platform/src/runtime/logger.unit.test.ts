import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { annotateLogContext, runWithLogContext } from './log-context.js';
import { duplicateKeys, lineSink } from './log-lines.js';
import { createLogger, serviceLogger } from './logger.js';

const capture = lineSink;

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

  it('serviceLogger names the service once, whether or not the root already names one', () => {
    const { lines, sink } = capture();
    serviceLogger(createLogger({ service: 'scribe', destination: sink }), 'scribe').info('a');
    serviceLogger(createLogger({ destination: sink }), 'audit').info('b');
    expect(lines.map((l) => duplicateKeys(l))).toEqual([[], []]);
    expect(lines.map((l) => (JSON.parse(l) as { service: string }).service)).toEqual(['scribe', 'audit']);
  });

  it('adds the ids of the current request or record to every line, never twice and never outside the context', () => {
    const { lines, sink } = capture();
    const log = createLogger({ service: 'test', destination: sink });
    runWithLogContext({ requestId: 'r-1' }, () => {
      log.info('before the tenant is known');
      annotateLogContext({ tenantId: 't-1', correlationId: 'c-1' });
      log.info('after');
      log.child({ tenantId: 't-1' }).info({ correlationId: 'c-2' }, 'bound and explicit');
    });
    log.info('outside');
    expect(lines.map((l) => duplicateKeys(l))).toEqual([[], [], [], []]);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({ requestId: 'r-1' });
    expect(parsed[0]).not.toHaveProperty('tenantId');
    expect(parsed[1]).toMatchObject({ requestId: 'r-1', tenantId: 't-1', correlationId: 'c-1' });
    expect(parsed[2]).toMatchObject({ requestId: 'r-1', tenantId: 't-1', correlationId: 'c-2' });
    expect(parsed[3]).not.toHaveProperty('requestId');
  });
});
