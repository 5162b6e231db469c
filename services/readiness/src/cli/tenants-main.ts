#!/usr/bin/env node
import { loadTenantsCliConfig } from './tenants-cli-config.js';
import { runTenantsCli } from './tenants-cli.js';

// `medicdraft-tenants` (bin of @medicdraft/readiness): the operator's tenant provisioning.
const config = loadTenantsCliConfig();
process.exitCode = await runTenantsCli(process.argv.slice(2), {
  readinessUrl: config.readinessUrl,
  out: process.stdout,
  err: process.stderr,
});
