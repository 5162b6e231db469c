import { Writable } from 'node:stream';

/**
 * The keys of a raw JSON log line that occur more than once at the same level of nesting.
 * `JSON.parse` keeps only the last of duplicated keys, so a line must be scanned as text to see
 * them; log shippers disagree about which value wins.
 */
export function duplicateKeys(line: string): string[] {
  const duplicates = new Set<string>();
  const stack: Set<string>[] = [];
  // After `{` or `,` inside an object, the next string is a key.
  let expectKey = false;
  let inObject: boolean[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\') {
          raw += line.slice(j, j + 2);
          j += 2;
        } else raw += line[j++];
      }
      if (expectKey && inObject[inObject.length - 1] === true) {
        const keys = stack[stack.length - 1]!;
        if (keys.has(raw)) duplicates.add(raw);
        keys.add(raw);
      }
      expectKey = false;
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      inObject = [...inObject, true];
      expectKey = true;
    } else if (c === '[') {
      inObject = [...inObject, false];
    } else if (c === '}') {
      stack.pop();
      inObject = inObject.slice(0, -1);
    } else if (c === ']') {
      inObject = inObject.slice(0, -1);
    } else if (c === ',') {
      expectKey = inObject[inObject.length - 1] === true;
    }
  }
  return [...duplicates];
}

/**
 * A log destination for tests that keeps every raw line written to it (a logger writes one JSON
 * line per call, possibly several per chunk), so a test can scan them as text.
 */
export function lineSink(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  return { lines, sink };
}
