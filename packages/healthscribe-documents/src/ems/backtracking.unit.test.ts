import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts } from '../index.js';

// A pattern that can split the same words in exponentially many ways never returns on the line
// that defeats it, so the service stalls on one dictation. The lines run in a child process with a
// deadline far above their cost (milliseconds): what fails here is a hang, not a slow machine.
const DEADLINE_MS = 60_000;

function classifiesWithin(lines: string[]): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const script = `
    const { createSyntheticDocuments } = await import('@medicdraft/healthscribe-documents');
    for (const line of ${JSON.stringify(lines)}) createSyntheticDocuments(line);`;
  const r = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: import.meta.dirname,
    encoding: 'utf8',
    timeout: DEADLINE_MS,
    killSignal: 'SIGKILL',
  });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

describe('no catastrophic backtracking on speech-recognition text', () => {
  it(
    'reads an arrival "at" spelled-out clock words followed by a long run-on line',
    () => {
      const run = classifiesWithin([
        'arrived at seven fifty two patient sitting on the couch in tripod position',
        'we arrived at twenty three oh five found the patient lying on the kitchen floor next to the stove unable to stand up',
      ]);
      expect(run.signal, 'killed at the deadline: a pattern backtracks without end').toBeNull();
      expect(run.status, run.stderr).toBe(0);
    },
    DEADLINE_MS + 10_000,
  );

  it('takes a facility word at the destination only as a whole word after whole words ("arrived at … her" is no hospital)', () => {
    const phase = (line: string) => classifySegment('s1', line, extractEmsFacts([{ id: 's1', content: line }]));
    expect(phase('arrived at seven fifty two patient sitting with her')).toBe('arrival');
    expect(phase("Arrived at St. Luke's ED at 1432, report to the charge nurse")).toBe('transport');
    expect(phase('Arrived at Mercy Hospital, care transferred')).toBe('transport');
  });
});
