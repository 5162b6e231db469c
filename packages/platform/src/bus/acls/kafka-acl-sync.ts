import kafkajs, {
  type AclEntry,
  type AclOperationTypes as AclOperation,
  type AclResourceTypes as AclResource,
  type Admin,
  type ResourcePatternTypes as ResourcePattern,
} from 'kafkajs';
import { toBusError } from '../kafka-client.js';
import { aclKey, type KafkaAcl } from './kafka-acls.js';

// kafkajs is CommonJS and Node's named-export detection stops before these enums: read them off the default export.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const OPERATION: Record<KafkaAcl['operation'], AclOperation> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  create: AclOperationTypes.CREATE,
  describe: AclOperationTypes.DESCRIBE,
  delete: AclOperationTypes.DELETE,
};
const RESOURCE: Record<KafkaAcl['resourceType'], AclResource> = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP };
const PATTERN: Record<KafkaAcl['pattern'], ResourcePattern> = {
  literal: ResourcePatternTypes.LITERAL,
  prefixed: ResourcePatternTypes.PREFIXED,
};

function toEntry(acl: KafkaAcl): AclEntry {
  return {
    principal: acl.principal,
    host: '*',
    operation: OPERATION[acl.operation],
    permissionType: AclPermissionTypes.ALLOW,
    resourceType: RESOURCE[acl.resourceType],
    resourceName: acl.resource,
    resourcePatternType: PATTERN[acl.pattern],
  };
}

function fromEntry(e: AclEntry): KafkaAcl | undefined {
  const find = <K extends string, V>(table: Record<K, V>, value: V) => (Object.keys(table) as K[]).find((k) => table[k] === value);
  const operation = find(OPERATION, e.operation);
  const resourceType = find(RESOURCE, e.resourceType);
  const pattern = find(PATTERN, e.resourcePatternType);
  if (operation === undefined || resourceType === undefined || pattern === undefined) return undefined;
  return { principal: e.principal, resourceType, pattern, resource: e.resourceName, operation };
}

export interface AclSyncResult {
  created: KafkaAcl[];
  /** ACLs of the managed principals under the prefix that the registry no longer grants. */
  deleted: KafkaAcl[];
}

/**
 * Makes the broker's ACLs of the given principals, under `topicPrefix`, equal `wanted`: creates
 * the missing ones (CreateAcls is idempotent) and, with `prune`, deletes the ones the registry no
 * longer grants (e.g. a service that stopped consuming a topic). ACLs of other principals, or
 * outside the prefix, are never touched. Needs a super user (or ALTER on the cluster).
 */
export async function syncKafkaAcls(
  admin: Admin,
  wanted: readonly KafkaAcl[],
  opts: { topicPrefix: string; prune: boolean },
): Promise<AclSyncResult> {
  try {
    const principals = [...new Set(wanted.map((a) => a.principal))];
    const existing: KafkaAcl[] = [];
    for (const principal of principals) {
      const described = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      });
      for (const resource of described.resources) {
        for (const acl of resource.acls) {
          const parsed = fromEntry({ ...resource, ...acl });
          if (parsed !== undefined && parsed.resource.startsWith(opts.topicPrefix)) existing.push(parsed);
        }
      }
    }
    const have = new Set(existing.map(aclKey));
    const want = new Set(wanted.map(aclKey));
    const created = wanted.filter((a) => !have.has(aclKey(a)));
    const deleted = opts.prune ? existing.filter((a) => !want.has(aclKey(a))) : [];
    if (created.length > 0) await admin.createAcls({ acl: created.map(toEntry) });
    if (deleted.length > 0) await admin.deleteAcls({ filters: deleted.map(toEntry) });
    return { created, deleted };
  } catch (err) {
    throw toBusError(err);
  }
}

/** Removes every ACL `acls` lists (a test run's prefixed grants, when it is torn down). */
export async function deleteKafkaAcls(admin: Admin, acls: readonly KafkaAcl[]): Promise<void> {
  if (acls.length === 0) return;
  try {
    await admin.deleteAcls({ filters: acls.map(toEntry) });
  } catch (err) {
    throw toBusError(err);
  }
}
