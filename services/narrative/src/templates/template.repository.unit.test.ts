import { randomUUID } from 'node:crypto';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { type AdminDatabase } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA } from '../narrative-migrations.js';
import { startNarrativeFixture, type NarrativeFixture } from '../testing/narrative-fixture.js';
import { BUILTIN_TEMPLATES } from './builtin-templates.js';
import { currentTemplate, saveTemplateVersion } from './template.repository.js';

describe('template repository: built-in revisions', { timeout: 60_000 }, () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  let f: NarrativeFixture;
  beforeAll(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: NARRATIVE_SCHEMA, role: NARRATIVE_ROLE });
    f = await startNarrativeFixture({ db }); // runs the migrations
  });
  afterAll(async () => {
    await f?.close();
  });

  const older = { ...BUILTIN_TEMPLATES.DRAATT, required: BUILTIN_TEMPLATES.DRAATT.required.filter((r) => r.element !== 'dispatch_time') };
  const seedOlder = (tenantId: string) =>
    db.withTenant(tenantId, (tx) =>
      tx.query('INSERT INTO templates (tenant_id, name, version, definition, builtin) VALUES ($1, $2, 1, $3, true)', [
        tenantId,
        'DRAATT',
        JSON.stringify(older),
      ]),
    );

  it('requires the dispatch time in DRAATT', () => {
    expect(BUILTIN_TEMPLATES.DRAATT.required.map((r) => r.element)).toContain('dispatch_time');
  });

  it('seeds a new tenant with the current built-in as version 1', async () => {
    const t = `t-${randomUUID().slice(0, 8)}`;
    const v = await db.withTenant(t, (tx) => currentTemplate(tx, t, 'DRAATT'));
    expect(v.version).toBe(1);
    expect(v.definition).toEqual(BUILTIN_TEMPLATES.DRAATT);
  });

  it('adds a revised built-in as the next version when the tenant still uses an older built-in (versions stay immutable)', async () => {
    const t = `t-${randomUUID().slice(0, 8)}`;
    await seedOlder(t);
    const v = await db.withTenant(t, (tx) => currentTemplate(tx, t, 'DRAATT'));
    expect(v.version).toBe(2);
    expect(v.definition).toEqual(BUILTIN_TEMPLATES.DRAATT);
    const again = await db.withTenant(t, (tx) => currentTemplate(tx, t, 'DRAATT'));
    expect(again.version).toBe(2);
    const rows = await db.withTenant(t, (tx) =>
      tx.query<{ version: number; builtin: boolean }>('SELECT version, builtin FROM templates WHERE name = $1 ORDER BY version', [
        'DRAATT',
      ]),
    );
    expect(rows.rows).toEqual([
      { version: 1, builtin: true },
      { version: 2, builtin: true },
    ]);
  });

  it("leaves a tenant's own edited template alone", async () => {
    const t = `t-${randomUUID().slice(0, 8)}`;
    await seedOlder(t);
    const own = await db.withTenant(t, (tx) => saveTemplateVersion(tx, t, { ...older, vitalsFullSet: ['bp', 'hr'] }));
    const v = await db.withTenant(t, (tx) => currentTemplate(tx, t, 'DRAATT'));
    expect(v).toEqual(own);
  });
});
