import { TENANT_ID_PATTERN } from '@medicdraft/contracts';
import { qualified, quoteIdent, tenantTable, type Migration } from '@medicdraft/platform';

export const GATEWAY_SCHEMA = 'gateway';
export const GATEWAY_ROLE = 'medicdraft_gateway';

/**
 * - `tenants`: the tenants users can sign in to. Not a tenant table (login must find the tenant
 *   before any tenant is set); rows are the department's public name only.
 * - `users`: local identities (argon2id hash, optional TOTP secret, the last TOTP step used so a
 *   code cannot be replayed). RLS forced; the e-mail is unique per tenant, stored lower-cased.
 * - `enrolments`: single-use links with which a user sets its own password (and TOTP key);
 *   only the token's SHA-256 is stored, with its expiry and how it ended.
 * - `references`: admin-managed templates, protocols and rules, one immutable row per version
 *   (append-only grants), RLS forced. The gateway publishes `admin.reference.updated` for each.
 * - `break_glass_grants`: emergency access of one user to one dictation until `expires_at` (or an
 *   owner's revocation), with the reason the user typed (free text, treated as PHI: it is kept
 *   here only and shown only in the owners' report). `break_glass_accesses`: every request served
 *   under a grant (append-only).
 */
export function gatewayMigrations(schema = GATEWAY_SCHEMA, role = GATEWAY_ROLE): Migration[] {
  const r = quoteIdent(role);
  return [
    {
      id: '0001_gateway_identity_references',
      sql: `
CREATE TABLE ${qualified(schema, 'tenants')} (
  id text PRIMARY KEY CHECK (id ~ '${TENANT_ID_PATTERN.source}'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON ${qualified(schema, 'tenants')} TO ${r};
CREATE TABLE ${qualified(schema, 'users')} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  id uuid NOT NULL,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  role text NOT NULL CHECK (role IN ('provider', 'qa', 'admin', 'owner')),
  password_hash text NOT NULL,
  totp_secret text,
  totp_last_step bigint NOT NULL DEFAULT 0,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email)
);
${tenantTable(schema, 'users', role)}
CREATE TABLE ${qualified(schema, 'references')} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  kind text NOT NULL CHECK (kind IN ('template', 'protocol', 'rule')),
  name text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  sha256 text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, name, version)
);
${tenantTable(schema, 'references', role, { appendOnly: true })}
`,
    },
    {
      // Users set their own password (enrolment link, or a forced change at the first sign-in of a
      // demo user); nobody who creates or resets a user ever learns a credential of it.
      id: '0002_gateway_enrolment',
      sql: `
ALTER TABLE ${qualified(schema, 'users')} ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE ${qualified(schema, 'users')} ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
CREATE TABLE ${qualified(schema, 'enrolments')} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  token_sha256 text NOT NULL CHECK (token_sha256 ~ '^[a-f0-9]{64}$'),
  user_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('create', 'reset')),
  totp_secret text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('used', 'superseded')),
  PRIMARY KEY (tenant_id, token_sha256),
  FOREIGN KEY (tenant_id, user_id) REFERENCES ${qualified(schema, 'users')} (tenant_id, id)
);
CREATE INDEX ON ${qualified(schema, 'enrolments')} (tenant_id, user_id) WHERE ended_at IS NULL;
${tenantTable(schema, 'enrolments', role)}
`,
    },
    {
      id: '0003_gateway_break_glass',
      sql: `
CREATE TABLE ${qualified(schema, 'break_glass_grants')} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  dictation_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 500),
  minutes int NOT NULL CHECK (minutes BETWEEN 1 AND 240),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  revoked_at timestamptz,
  revoked_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES ${qualified(schema, 'users')} (tenant_id, id)
);
CREATE INDEX ON ${qualified(schema, 'break_glass_grants')} (tenant_id, user_id, dictation_id, expires_at);
CREATE INDEX ON ${qualified(schema, 'break_glass_grants')} (tenant_id, created_at);
${tenantTable(schema, 'break_glass_grants', role)}
CREATE TABLE ${qualified(schema, 'break_glass_accesses')} (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  grant_id uuid NOT NULL,
  event_id uuid NOT NULL,
  route_code text NOT NULL,
  accessed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, event_id),
  FOREIGN KEY (tenant_id, grant_id) REFERENCES ${qualified(schema, 'break_glass_grants')} (tenant_id, id)
);
CREATE INDEX ON ${qualified(schema, 'break_glass_accesses')} (tenant_id, grant_id, accessed_at);
${tenantTable(schema, 'break_glass_accesses', role, { appendOnly: true })}
`,
    },
    {
      // When each user last signed in (any method), for the user screen; a time, never an address.
      id: '0004_gateway_last_sign_in',
      sql: `ALTER TABLE ${qualified(schema, 'users')} ADD COLUMN last_sign_in_at timestamptz;`,
    },
    {
      // The name people read in lists and access reports ("Dana Whitfield, EMT-P"); null: the e-mail stands in.
      id: '0005_gateway_user_display_name',
      sql: `ALTER TABLE ${qualified(schema, 'users')} ADD COLUMN display_name text
  CHECK (display_name IS NULL OR (length(display_name) BETWEEN 1 AND 120 AND display_name !~ '[[:cntrl:]]'));`,
    },
  ];
}
