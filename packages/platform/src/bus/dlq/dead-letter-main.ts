#!/usr/bin/env node
import { loadKafkaAclsConfig } from '../acls/kafka-acls-config.js';
import { createKafkaEventBus } from '../kafka-event-bus.js';
import { runDeadLetterCommand } from './dead-letter-command.js';

// The operator's dead-letter command, run as the admin principal (only the admin may read DLQ topics).
const config = loadKafkaAclsConfig();
const bus = createKafkaEventBus({ ...config, clientId: 'medicdraft-dlq', retry: { retries: 3 } });
try {
  process.exitCode = await runDeadLetterCommand(bus, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
} finally {
  await bus.close();
}
