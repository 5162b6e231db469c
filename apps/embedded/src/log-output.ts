import pino, { type DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { createDemoSignInTap, formatDemoSignIns } from './demo-sign-ins.js';

export type LogFormat = 'auto' | 'pretty' | 'json';

export interface LogOutput {
  /** The logger's destination; undefined: the platform's JSON lines on stdout. */
  destination: DestinationStream | undefined;
  /** After start-up (and at exit if start-up failed): the demo sign-ins as one block, in pretty mode. */
  printSignIns(): void;
}

/**
 * Where the embedded process's logs go. JSON lines (one object per line, what log shippers and
 * the tests read) unless a person watches: `auto` is pretty when stdout is a terminal. Pretty
 * output is written synchronously so the sign-in block lands after the lines before it; it hides
 * the demo credentials from the log lines and shows them together in that block instead.
 */
export function createLogOutput(opts: { format: LogFormat; isTty: boolean; write?: (text: string) => void }): LogOutput {
  if (opts.format === 'json' || (opts.format === 'auto' && !opts.isTty)) return { destination: undefined, printSignIns: () => undefined };
  const stdout = opts.write === undefined ? pino.destination({ fd: 1, sync: true }) : undefined;
  const write = opts.write ?? ((text: string) => void stdout?.write(text));
  const pretty = prettyFactory({
    colorize: opts.isTty,
    ignore: 'pid,hostname,service,demoCredential',
    messageFormat: '{if service}{service}: {end}{msg}',
    translateTime: 'SYS:HH:MM:ss',
  });
  const tap = createDemoSignInTap();
  let printed = false;
  const printSignIns = () => {
    if (printed) return;
    printed = true;
    const address = tap.address()?.replace(/\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::1?\])(?=:)/, '//localhost');
    write(formatDemoSignIns(tap.signIns(), address ?? 'the address above'));
  };
  // Start-up failed after the users were created: their only copy must still reach the screen.
  process.once('exit', () => {
    if (tap.signIns().length > 0) printSignIns();
  });
  return {
    destination: {
      write(line: string) {
        tap.see(line);
        write(pretty(line));
      },
    },
    printSignIns,
  };
}
