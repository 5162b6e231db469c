// Preload for `BENCH_NODE_OPTIONS="--import <abs path>/bench/pipeline/cpu-profile-preload.mjs"`:
// samples the CPU of a service process (1 ms interval) and writes `<service>-<pid>.cpuprofile`
// into BENCH_PROFILE_DIR (default /tmp/medicdraft-profiles) when it exits. Node refuses
// `--cpu-prof` inside NODE_OPTIONS, hence the inspector session.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname, join } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    const dir = process.env['BENCH_PROFILE_DIR'] || '/tmp/medicdraft-profiles';
    const service = basename(dirname(dirname(process.argv[1] ?? 'unknown')));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${service}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
