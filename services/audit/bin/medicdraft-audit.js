#!/usr/bin/env node
// The file npm links as the `medicdraft-audit` bin at install time, before any build (a link to a
// file that does not exist yet is not made); the program is compiled to dist/ by the build.
try {
  await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('/dist/cli/')) throw err;
  process.stderr.write('medicdraft-audit: not built yet; run `npm run build` first\n');
  process.exitCode = 1;
}
