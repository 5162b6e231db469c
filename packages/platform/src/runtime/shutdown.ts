import type { Logger } from 'pino';

/**
 * Ordered, idempotent shutdown, so a SIGTERM loses nothing in flight: steps run in the order they
 * were added — register "stop intake" first, then "drain", then "close clients". A failing step is
 * logged and the rest still run. `run` returns the same promise to every caller.
 */
export interface Shutdown {
  add(name: string, step: () => Promise<void> | void): void;
  run(reason: string): Promise<void>;
  /** SIGTERM/SIGINT run the steps then exit 0; an uncaught error runs them and exits 1. */
  installSignalHandlers(): void;
}

export function createShutdown(log: Logger, opts: { timeoutMs?: number; exit?: (code: number) => void } = {}): Shutdown {
  const steps: { name: string; step: () => Promise<void> | void }[] = [];
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | undefined;

  const run = (reason: string): Promise<void> => {
    running ??= (async () => {
      log.info({ reason }, 'shutting down');
      for (const { name, step } of steps) {
        try {
          await step();
        } catch (err) {
          log.error({ err, step: name }, 'shutdown step failed');
        }
      }
      log.info('shutdown complete');
    })();
    return running;
  };

  const runThenExit = (reason: string, code: number) => {
    const timer = setTimeout(() => {
      log.error({ reason }, 'shutdown timed out');
      exit(code || 1);
    }, opts.timeoutMs ?? 25_000);
    timer.unref();
    void run(reason).finally(() => exit(code));
  };

  return {
    add: (name, step) => void steps.push({ name, step }),
    run,
    installSignalHandlers() {
      process.once('SIGTERM', () => runThenExit('SIGTERM', 0));
      process.once('SIGINT', () => runThenExit('SIGINT', 0));
      process.once('uncaughtException', (err) => {
        log.fatal({ err }, 'uncaught exception');
        runThenExit('uncaughtException', 1);
      });
      process.once('unhandledRejection', (err) => {
        log.fatal({ err }, 'unhandled rejection');
        runThenExit('unhandledRejection', 1);
      });
    },
  };
}
