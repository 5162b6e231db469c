import { isAppError } from '../../errors.js';
import type { EventBus } from '../event-bus.port.js';
import { formatDeadLetter, readDeadLetters, redriveDeadLetters } from './dead-letter-tool.js';

export const DLQ_USAGE = `usage: medicdraft-dlq list <group> [--reason CODE]
       medicdraft-dlq redrive <group> (--offset N | --reason CODE | --all)
  list     one line per record in dlq.<group>: offset, reason, origin, event type and id, tenant (never the value)
  redrive  publish the chosen records back to their original topic (after the cause is fixed; repeatable:
           consumers dedupe on event ids)
`;

/** Runs one command; returns the exit status (0 done, 1 failed, 2 usage). */
export async function runDeadLetterCommand(bus: EventBus, args: readonly string[], print: (line: string) => void): Promise<number> {
  const [command, group, ...rest] = args;
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const reason = flag('--reason');
  const offset = flag('--offset');
  const all = rest.includes('--all');
  const usable =
    group !== undefined &&
    /^[a-z][a-z0-9.-]*$/.test(group) &&
    ((command === 'list' && offset === undefined && !all) ||
      (command === 'redrive' && [reason, offset, all ? 'all' : undefined].filter((x) => x !== undefined).length === 1));
  if (!usable) {
    print(DLQ_USAGE);
    return 2;
  }
  try {
    const letters = (await readDeadLetters(bus, group)).filter(
      (l) => (reason === undefined || l.summary.reason === reason) && (offset === undefined || l.record.offset === offset),
    );
    if (command === 'list') {
      for (const l of letters) print(formatDeadLetter(l.summary));
      print(`${letters.length} dead letters in dlq.${group}${reason === undefined ? '' : ` with reason ${reason}`}`);
      return 0;
    }
    const sent = await redriveDeadLetters(bus, group, letters);
    print(`redrove ${sent} of ${letters.length} dead letters from dlq.${group} to their original topics`);
    return 0;
  } catch (err) {
    print(`medicdraft-dlq: ${isAppError(err) ? `${err.code}: ${err.message}` : 'failed'}`);
    return 1;
  }
}
