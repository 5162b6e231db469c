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
 * `copy_edit_distances`: one row per copied version (the first copy of it), the normalised edit
 * distance from the first draft and the labels it is reported by; numbers and ids only.
 * `review_steps`: the QA review of each dictation's narrative as its steps in order (comment,
 * return, resubmit, approve); the state is derived from them. A comment's text (PHI) is an
 * encrypted object like the content; the row holds its ref, the severity and the anchor.
 */
export function narrativeMigrations(): Migration[] {
  const templates = qualified(NARRATIVE_SCHEMA, 'templates');
  const narratives = qualified(NARRATIVE_SCHEMA, 'narratives');
  const reject = qualified(NARRATIVE_SCHEMA, 'reject_change');
  const distances = qualified(NARRATIVE_SCHEMA, 'copy_edit_distances');
  const reviewSteps = qualified(NARRATIVE_SCHEMA, 'review_steps');
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
    {
      // How far the copied text is from the first draft: a number per copied version and the
      // labels it is grouped by (no text). Immutable like the versions it points at.
      id: '0003_copy_edit_distances',
      sql: `
CREATE TABLE ${distances} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  narrative_id uuid NOT NULL,
  version int NOT NULL,
  dictation_id uuid NOT NULL,
  first_version int NOT NULL CHECK (first_version >= 1 AND first_version <= version),
  template text NOT NULL,
  template_version int NOT NULL,
  engine text NOT NULL,
  engine_version text NOT NULL,
  drafter text NOT NULL,
  prompt_version text,
  provider_id uuid NOT NULL,
  distance double precision NOT NULL CHECK (distance >= 0 AND distance <= 1),
  copied_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, narrative_id, version),
  FOREIGN KEY (tenant_id, narrative_id, version) REFERENCES ${narratives} (tenant_id, narrative_id, version)
);
CREATE INDEX copy_edit_distances_by_time ON ${distances} (tenant_id, copied_at);
${tenantTable(NARRATIVE_SCHEMA, 'copy_edit_distances', NARRATIVE_ROLE, { appendOnly: true })}
CREATE TRIGGER copy_edit_distances_immutable BEFORE UPDATE OR DELETE ON ${distances} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER copy_edit_distances_no_truncate BEFORE TRUNCATE ON ${distances} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();
`,
    },
    {
      // The QA review loop: append-only steps; the state is the fold of them (qa/qa-review-machine.ts).
      id: '0004_review_steps',
      sql: `
CREATE TABLE ${reviewSteps} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  dictation_id uuid NOT NULL,
  seq int NOT NULL CHECK (seq >= 1),
  narrative_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('commented', 'returned', 'resubmitted', 'approved')),
  version int NOT NULL CHECK (version >= 1),
  actor_id uuid NOT NULL,
  actor_role text NOT NULL,
  created_at timestamptz NOT NULL,
  comment_id uuid,
  severity text CHECK (severity IN ('info', 'minor', 'major', 'critical')),
  anchor jsonb,
  text_bucket text,
  text_key text,
  PRIMARY KEY (tenant_id, dictation_id, seq),
  CHECK ((action = 'commented') = (comment_id IS NOT NULL AND severity IS NOT NULL AND anchor IS NOT NULL AND text_key IS NOT NULL)),
  FOREIGN KEY (tenant_id, narrative_id, version) REFERENCES ${narratives} (tenant_id, narrative_id, version)
);
${tenantTable(NARRATIVE_SCHEMA, 'review_steps', NARRATIVE_ROLE, { appendOnly: true })}
CREATE TRIGGER review_steps_immutable BEFORE UPDATE OR DELETE ON ${reviewSteps} FOR EACH ROW EXECUTE FUNCTION ${reject}();
CREATE TRIGGER review_steps_no_truncate BEFORE TRUNCATE ON ${reviewSteps} FOR EACH STATEMENT EXECUTE FUNCTION ${reject}();
`,
    },
  ];
}
