import { migrate, outboxMigrations, type AdminDatabase } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { SCRIBE_ROLE, SCRIBE_SCHEMA, scribeMigrations } from '../jobs/job-migrations.js';

/** A fresh in-process Postgres with the scribe schema migrated (outbox and jobs), for the job-store tests. */
export async function openJobsDatabase(): Promise<{ pglite: PgliteHandle; db: AdminDatabase }> {
  const pglite = await openPglite();
  const db = createPgliteDatabase({ pglite, schema: SCRIBE_SCHEMA, role: SCRIBE_ROLE });
  await migrate(db, {
    schema: SCRIBE_SCHEMA,
    role: SCRIBE_ROLE,
    migrations: [...outboxMigrations(SCRIBE_SCHEMA, SCRIBE_ROLE), ...scribeMigrations()],
  });
  return { pglite, db };
}
