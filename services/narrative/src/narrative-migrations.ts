import { parkingMigrations, qualified, tenantTable, type Migration } from '@medicdraft/platform';

export const NARRATIVE_SCHEMA = 'narrative';
export const NARRATIVE_ROLE = 'medicdraft_narrative';

/**
 * `templates`: one row per tenant, template name and version; the built-in formats are seeded as
 * version 1 for a tenant on first use, and an admin edit adds a version. `narratives`: one row
 * per narrative version, recording the scribe engine, composer version and template version it
 * was made with. The narrative content itself (PHI) is an encrypted object; rows hold its ref and
 * digest only. Both tables are immutable twice over: the role may only SELECT and INSERT, and a
 * trigger rejects UPDATE, DELETE and TRUNCATE even for the schema owner. A new version is a new row.
 */
export function narrativeMigrations(): Migration[] {
  const templates = qualified(NARRATIVE_SCHEMA, 'templates');
  const narratives = qualified(NARRATIVE_SCHEMA, 'narratives');
  const reject = qualified(NARRATIVE_SCHEMA, 'reject_change');
  return [
    ...parkingMigrations(NARRATIVE_SCHEMA, NARRATIVE_ROLE),
    {
      id: '0001_templates_and_narratives',
      sql: `
CREATE TABLE ${templates} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  name text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  builtin boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name, version)
);
${tenantTable(NARRATIVE_SCHEMA, 'templates', NARRATIVE_ROLE, { appendOnly: true })}
CREATE TABLE ${narratives} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  narrative_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  dictation_id uuid NOT NULL,
  template text NOT NULL,
  template_version int NOT NULL,
  engine text NOT NULL,
  engine_version text NOT NULL,
  source_event_id uuid NOT NULL,
  content_bucket text NOT NULL,
  content_key text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
  sentence_count int NOT NULL CHECK (sentence_count >= 0),
  missing_elements text[] NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, narrative_id, version),
  UNIQUE (tenant_id, dictation_id, version),
  FOREIGN KEY (tenant_id, template, template_version) REFERENCES ${templates} (tenant_id, name, version)
);
CREATE INDEX narratives_by_dictation ON ${narratives} (tenant_id, dictation_id, version DESC);
${tenantTable(NARRATIVE_SCHEMA, 'narratives', NARRATIVE_ROLE, { appendOnly: true })}
CREATE FUNCTION ${reject}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'narrative versions and templates are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER templates_immutable BEFORE UPDATE OR DELETE ON ${templates} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER templates_no_truncate BEFORE TRUNCATE ON ${templates} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();
CREATE TRIGGER narratives_immutable BEFORE UPDATE OR DELETE ON ${narratives} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER narratives_no_truncate BEFORE TRUNCATE ON ${narratives} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();
`,
    },
    {
      // Lineage of generated versions (drafter, model id, prompt version, verifier counts; no text).
      id: '0002_narrative_drafting_lineage',
      sql: `ALTER TABLE ${narratives} ADD COLUMN drafting jsonb;`,
    },
  ];
}
