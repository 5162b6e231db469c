import { NARRATIVE_TEMPLATES, type NarrativeTemplate } from '@medicdraft/contracts';
import { AppError, ValidationError, type Queryable } from '@medicdraft/platform';
import { BUILTIN_TEMPLATES } from './builtin-templates.js';
import { TemplateDefinitionSchema, type TemplateDefinition, type VersionedTemplate } from './template-definition.js';

/** Seeds the built-in formats as version 1 for the transaction's tenant (idempotent). */
export async function seedBuiltinTemplates(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query(
    `INSERT INTO templates (tenant_id, name, version, definition, builtin)
     SELECT $1, name, 1, definition, true FROM unnest($2::text[], $3::jsonb[]) AS t(name, definition)
     ON CONFLICT (tenant_id, name, version) DO NOTHING`,
    [tenantId, [...NARRATIVE_TEMPLATES], NARRATIVE_TEMPLATES.map((n) => JSON.stringify(BUILTIN_TEMPLATES[n]))],
  );
}

async function latest(tx: Queryable, name: NarrativeTemplate): Promise<(VersionedTemplate & { builtin: boolean }) | null> {
  const { rows } = await tx.query<{ version: number; definition: unknown; builtin: boolean }>(
    'SELECT version, definition, builtin FROM templates WHERE name = $1 ORDER BY version DESC LIMIT 1',
    [name],
  );
  const row = rows[0];
  if (!row) return null;
  const parsed = TemplateDefinitionSchema.safeParse(typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition);
  if (!parsed.success)
    throw new AppError('template_invalid', `stored template ${name} v${row.version} is invalid`, { retryable: false, deadLetter: true });
  return { version: row.version, definition: parsed.data, builtin: row.builtin };
}

/** The built-in definition as stored (parsed, so key order and defaults match a stored row). */
const builtinAsStored = (name: NarrativeTemplate) => JSON.stringify(TemplateDefinitionSchema.parse(BUILTIN_TEMPLATES[name]));

/**
 * The tenant's current version of a template, inside the caller's `withTenant` transaction.
 * The built-ins are seeded on first use, so every tenant has all four formats at version 1.
 * When a built-in changes (a new required element), a tenant whose latest version is still an
 * older built-in gets the new one as its next version: stored versions are never rewritten, so
 * every narrative keeps the rules it was composed with. A tenant's own edits are left alone.
 */
export async function currentTemplate(tx: Queryable, tenantId: string, name: NarrativeTemplate): Promise<VersionedTemplate> {
  const found = await latest(tx, name);
  if (found && !(found.builtin && JSON.stringify(found.definition) !== builtinAsStored(name)))
    return { version: found.version, definition: found.definition };
  if (found) {
    // Two consumers may revise at once: the second insert is a no-op and both read the same row.
    await tx.query(
      'INSERT INTO templates (tenant_id, name, version, definition, builtin) VALUES ($1, $2, $3, $4, true) ' +
        'ON CONFLICT (tenant_id, name, version) DO NOTHING',
      [tenantId, name, found.version + 1, builtinAsStored(name)],
    );
  } else {
    await seedBuiltinTemplates(tx, tenantId);
  }
  const seeded = await latest(tx, name);
  if (!seeded) throw new AppError('template_missing', `template ${name} could not be seeded`);
  return { version: seeded.version, definition: seeded.definition };
}

/** Stores an edited definition as the next version (versions are immutable); returns it. */
export async function saveTemplateVersion(tx: Queryable, tenantId: string, definition: TemplateDefinition): Promise<VersionedTemplate> {
  const parsed = TemplateDefinitionSchema.safeParse(definition);
  if (!parsed.success) throw new ValidationError('template definition is invalid');
  const current = await currentTemplate(tx, tenantId, parsed.data.name);
  const version = current.version + 1;
  await tx.query('INSERT INTO templates (tenant_id, name, version, definition, builtin) VALUES ($1, $2, $3, $4, false)', [
    tenantId,
    parsed.data.name,
    version,
    JSON.stringify(parsed.data),
  ]);
  return { version, definition: parsed.data };
}

/** One stored version of a template (the one a narrative version was composed with). */
export async function templateAt(tx: Queryable, name: NarrativeTemplate, version: number): Promise<TemplateDefinition> {
  const { rows } = await tx.query<{ definition: unknown }>('SELECT definition FROM templates WHERE name = $1 AND version = $2', [
    name,
    version,
  ]);
  const raw = rows[0]?.definition;
  const parsed = TemplateDefinitionSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  if (!parsed.success) throw new AppError('template_missing', `template ${name} v${version} is missing or invalid`);
  return parsed.data;
}
