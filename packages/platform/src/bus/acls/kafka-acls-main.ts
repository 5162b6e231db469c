#!/usr/bin/env node
import { isAppError } from '../../errors.js';
import { createKafkaClient } from '../kafka-client.js';
import { syncKafkaAcls } from './kafka-acl-sync.js';
import { formatAcl, kafkaAclsFor, principalsFromTemplate } from './kafka-acls.js';
import { loadKafkaAclsConfig } from './kafka-acls-config.js';

const USAGE = `usage: medicdraft-kafka-acls print|apply [--prune]
  print    list the ACLs the topic registry grants (nothing is sent to Kafka)
  apply    create the missing ones on the cluster, as the admin principal in KAFKA_SASL_*
  --prune  with apply: also delete ACLs of the service principals under KAFKA_TOPIC_PREFIX that the registry no longer grants
`;

// The operator's ACL command: generated from the topic registry in @medicdraft/contracts.
const [command, ...flags] = process.argv.slice(2);
const prune = flags.includes('--prune');
if ((command !== 'print' && command !== 'apply') || flags.some((f) => f !== '--prune')) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const config = loadKafkaAclsConfig();
const acls = kafkaAclsFor({ topicPrefix: config.topicPrefix, principalFor: principalsFromTemplate(config.principalTemplate) });
if (command === 'print') {
  for (const acl of acls) process.stdout.write(`${formatAcl(acl)}\n`);
} else {
  const admin = createKafkaClient({ ...config, clientId: 'medicdraft-kafka-acls', retry: { retries: 3 } }).admin();
  try {
    await admin.connect();
    const result = await syncKafkaAcls(admin, acls, { topicPrefix: config.topicPrefix, prune });
    for (const acl of result.created) process.stdout.write(`created ${formatAcl(acl)}\n`);
    for (const acl of result.deleted) process.stdout.write(`deleted ${formatAcl(acl)}\n`);
    process.stdout.write(
      `${acls.length} ACLs granted by the registry; ${result.created.length} created, ${result.deleted.length} deleted\n`,
    );
  } catch (err) {
    process.stderr.write(`medicdraft-kafka-acls: ${isAppError(err) ? `${err.code}: ${err.message}` : 'failed'}\n`);
    process.exitCode = 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
