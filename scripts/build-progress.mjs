#!/usr/bin/env node
// `npm start`'s build step: `turbo run build` with one line per package instead of silence (the
// first start compiles every workspace, about a minute) or turbo's five lines of npm banners per
// package. Compiler errors are printed in full when the build fails. Plain Node, no dependencies:
// it runs before anything in the repository is built.
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const TASK_LINE = /^(\S+?):build: ?(.*)$/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const out = (line) => process.stdout.write(`${line}\n`);

/** Output of each package's build (npm's banner lines dropped), printed only if the build fails. */
const logs = new Map();
const turboLines = [];
let compiled = 0;
let cached = 0;

out('Building MedicDraft (the first start compiles every package, about a minute; later starts reuse the cache)');
const turbo = spawn('turbo', ['run', 'build', '--output-logs=new-only', '--ui=stream', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'pipe'],
  // The repository's own turbo, also when this script is run without npm.
  env: { ...process.env, PATH: `${fileURLToPath(new URL('../node_modules/.bin', import.meta.url))}${delimiter}${process.env.PATH ?? ''}` },
  shell: process.platform === 'win32',
});
for (const stream of [turbo.stdout, turbo.stderr]) {
  createInterface({ input: stream }).on('line', (raw) => {
    const line = raw.replace(ANSI, '');
    const task = TASK_LINE.exec(line);
    if (task === null) return void (line.trim() === '' || turboLines.push(line));
    const [, pkg, text] = task;
    if (/^cache hit/.test(text)) {
      cached++;
    } else if (/^cache (miss|bypass)/.test(text)) {
      compiled++;
      out(`  [${seconds().padStart(5)}] building ${pkg}`);
    } else if (text.trim() !== '' && !text.startsWith('> ')) {
      logs.set(pkg, [...(logs.get(pkg) ?? []), text]);
    }
  });
}
turbo.on('error', (err) => {
  out(`could not run turbo (${err.message}); run \`npm install\` first`);
  process.exit(1);
});
turbo.on('close', (code) => {
  if (code === 0) {
    out(`Built in ${seconds()}: ${compiled} compiled, ${cached} from cache.`);
    return;
  }
  for (const [pkg, lines] of logs) out([`\n${pkg}:`, ...lines].join('\n'));
  out(['', ...turboLines].join('\n'));
  out(`Build failed after ${seconds()}.`);
  process.exit(code ?? 1);
});
