import { auditMigrations } from '@medicdraft/audit/internals';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { migrate, outboxMigrations, type AdminDatabase } from '@medicdraft/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROBE_OK, probeFailed, unprobed } from '../gates/gate-inputs.js';
import { evaluateGates } from '../gates/evaluate-gates.js';
import { DEFAULT_TENANT } from '../settings/tenant-settings.js';
import { probeAuditGuards } from './audit-guards.probe.js';

describe("probeAuditGuards (the audit gate's append-only evidence) on the real audit migrations", () => {
  let pglite: PgliteHandle;
  let audit: AdminDatabase;
  let readiness: AdminDatabase;
  const sql = (text: string) => audit.admin((tx) => tx.query(text));

  beforeEach(async () => {
    pglite = await openPglite();
    audit = createPgliteDatabase({ pglite, schema: 'audit', role: 'medicdraft_audit' });
    readiness = createPgliteDatabase({ pglite, schema: 'readiness', role: 'medicdraft_readiness' });
    await migrate(readiness, { schema: 'readiness', role: 'medicdraft_readiness', migrations: [] });
  });
  afterEach(async () => {
    await pglite.close();
  });
  const migrateAudit = () =>
    migrate(audit, {
      schema: 'audit',
      role: 'medicdraft_audit',
      migrations: [...outboxMigrations('audit', 'medicdraft_audit'), ...auditMigrations()],
    });

  it('no audit schema in this database: not_configured (nothing to prove here)', async () => {
    expect(await probeAuditGuards(readiness)).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('as migrated: triggers enabled and no rewrite or key-registration grant for the service role', async () => {
    await migrateAudit();
    expect(await probeAuditGuards(readiness)).toEqual(PROBE_OK);
  });

  it.each([
    ['the append-only trigger dropped', 'DROP TRIGGER events_append_only ON audit.events'],
    ['a trigger disabled', 'ALTER TABLE audit.checkpoints DISABLE TRIGGER checkpoints_no_truncate'],
    ['UPDATE granted to the service role', 'GRANT UPDATE ON audit.events TO medicdraft_audit'],
    ['key registration granted back to the service role', 'GRANT INSERT ON audit.signing_keys TO medicdraft_audit'],
  ])('%s: misconfigured, and the audit gate is no longer ready on the next probe round', async (_name, change) => {
    await migrateAudit();
    await sql(change);
    const outcome = await probeAuditGuards(readiness);
    expect(outcome).toEqual(probeFailed('misconfigured'));
    const env = {
      configured: {
        AWS_REGION: true,
        AWS_HEALTHSCRIBE_INPUT_BUCKET: true,
        AWS_HEALTHSCRIBE_OUTPUT_BUCKET: true,
        AWS_HEALTHSCRIBE_KMS_KEY_ARN: true,
        AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: true,
        AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: true,
      },
      databaseConfigured: true,
      productionAuthConfigured: true,
      demoStorageOnly: false,
    };
    const probes = {
      ...Object.fromEntries(Object.keys(unprobed()).map((k) => [k, PROBE_OK])),
      auditTablesAppendOnly: outcome,
    } as ReturnType<typeof unprobed>;
    const gate = evaluateGates({ settings: DEFAULT_TENANT.settings, env, probes, auditHealthy: true }).gates.audit;
    expect(gate.status).toBe('planned');
    expect(gate.evidence).toContainEqual({ code: 'audit_tables_append_only', ok: false, value: false });
  });
});
