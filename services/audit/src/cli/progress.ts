/** Progress on stderr (stdout carries the result): a line at most every second, and a final one. */
export function createProgress(label: string, stream: NodeJS.WritableStream = process.stderr) {
  const started = Date.now();
  let last = started;
  let count = 0;
  const line = () => {
    const secs = (Date.now() - started) / 1000;
    stream.write(`${label}: ${count} records, ${secs.toFixed(1)} s, ${Math.round(count / Math.max(secs, 0.001))}/s\n`);
  };
  return {
    tick(n = 1) {
      count += n;
      // Per record (Kafka) the clock is read every 1024 records; per page (n > 1) at every call.
      if ((n > 1 || (count & 1023) === 0) && Date.now() - last >= 1000) {
        last = Date.now();
        line();
      }
    },
    done: line,
  };
}
