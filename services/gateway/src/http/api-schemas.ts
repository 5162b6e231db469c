import {
  CopyFormatSchema,
  DictationCursorSchema,
  DictationStatusSchema,
  EditDistanceReportSchema,
  DictationViewSchema,
  INCIDENT_NUMBER_PATTERN,
  PhiModeSchema,
  StorableDateTimeSchema,
  storableJsonObject,
  storableText,
  REFERENCE_ID_PATTERN,
  ReferenceKindSchema,
  RoleSchema,
  TenantIdSchema,
  PERMISSIONS,
  QaReviewStateSchema,
} from '@medicdraft/contracts';
import { z } from 'zod';
import { canonicalEmail } from '../identity/email.js';
import { NewPasswordSchema } from '../identity/password-policy.js';

/** The one error body of every failure: `{error: code, message}`, never internals. */
export const ErrorSchema = z.object({ error: z.string(), message: z.string() }).meta({ id: 'Error' });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorSchema]));
/** Failures every authenticated tenant route can answer. */
export const GUARDED_ERRORS = errors(400, 401, 403, 404, 429, 503);

// Every free-text field goes through `storableText()` and every free JSON document through
// `storableJsonObject()`: a value Postgres would refuse must be the client's 400, not a 500.

export const TenantParams = z.object({ t: TenantIdSchema });
export const DictationParams = z.object({ t: TenantIdSchema, id: z.uuid() });
export const ReferenceParams = z.object({ t: TenantIdSchema, kind: ReferenceKindSchema, name: z.string().regex(REFERENCE_ID_PATTERN) });
export const ProofParams = z.object({ t: TenantIdSchema, eventId: z.uuid() });

/** An e-mail as typed; the handler sees its canonical form (NFKC, trimmed, lower case). */
const TypedEmail = storableText().min(3).max(320).transform(canonicalEmail);
const TotpCode = storableText().max(16);
/** A single-use enrolment token: 32 random bytes, base64url. */
const EnrolmentToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const LoginBody = z
  .strictObject({
    tenant: TenantIdSchema,
    email: TypedEmail,
    password: storableText().min(1).max(1024),
    totp: TotpCode.optional(),
    /** Replaces a one-time password (the answer was 403 `password_change_required`). */
    newPassword: NewPasswordSchema.optional(),
  })
  .refine((b) => b.newPassword === undefined || b.newPassword !== b.password, {
    message: 'the new password must differ from the one-time password',
    path: ['newPassword'],
  });
export const OidcLoginBody = z.strictObject({ tenant: TenantIdSchema, idToken: storableText().min(10).max(16_384) });

export const SessionUserSchema = z.object({
  id: z.uuid(),
  tenantId: TenantIdSchema,
  role: RoleSchema,
  email: z.string().optional(),
  method: z.enum(['password', 'oidc']),
  mfa: z.boolean(),
});
export const SessionInfoSchema = z
  .object({
    user: SessionUserSchema,
    permissions: z.array(z.enum(PERMISSIONS)),
    csrfToken: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionInfo' });

/**
 * The ingest API's dictation view, plus the name the gateway knows its provider by (`providerName`:
 * the user's e-mail address, the one name a gateway user has; absent when the user no longer exists).
 */
export const DictationSchema = DictationViewSchema.extend({ providerName: z.string().optional() }).meta({ id: 'Dictation' });
/**
 * The answer to a new dictation. `deduplicated: true`: the same provider sent the same content
 * (same sha256) within the intake's window (`INGEST_DEDUPE_WINDOW_MS`), so this is the dictation
 * already stored; nothing new was created and no second transcription job starts.
 */
export const CreatedDictationSchema = DictationSchema.extend({ deduplicated: z.boolean() }).meta({ id: 'CreatedDictation' });
/** The answer to a reprocess request: the dictation and the number of the attempt it started (2, 3, …). */
export const ReprocessSchema = z.object({ dictation: DictationSchema, attempt: z.int().min(2) }).meta({ id: 'Reprocess' });
export const DictationPageSchema = z
  .object({ dictations: DictationSchema.array(), nextCursor: z.string().optional() })
  .meta({ id: 'DictationPage' });
/** An optional ePCR incident number (1–40 letters, digits, `-`, `_`, `/`); events carry only its keyed hash. */
export const IncidentNumberSchema = z
  .string()
  .trim()
  .regex(INCIDENT_NUMBER_PATTERN, 'incident number: 1-40 letters, digits, "-", "_", "/"');
/** A correction of a dictation's incident number: the number and why (kept by ingest; never shown back or sent in events). */
export const IncidentCorrectionBody = z
  .strictObject({ incidentNumber: IncidentNumberSchema, reason: z.string().trim().min(1).max(500) })
  .meta({ id: 'IncidentCorrection' });
export const TextDictationBody = z.strictObject({
  text: storableText().min(1),
  synthetic: z.literal(true),
  incidentNumber: IncidentNumberSchema.optional(),
});

export const NarrativeSchema = z.looseObject({ dictationId: z.uuid(), narrativeId: z.uuid(), version: z.int() }).meta({ id: 'Narrative' });
export const NarrativePatchBody = z.strictObject({
  baseVersion: z.int().min(1),
  text: storableText().min(1).max(20_000).optional(),
  resolutions: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/), storableText().max(2_000)).optional(),
});
export const CopyBody = z.strictObject({ version: z.int().min(1).optional(), format: CopyFormatSchema.optional() });
/** A copy: the text (plain text, or XML for `nemsis_enarrative_xml`), its format, length in characters and sha256. */
export const CopySchema = z
  .object({ text: z.string(), version: z.int(), format: CopyFormatSchema, length: z.int().min(0), sha256: z.string() })
  .meta({ id: 'NarrativeCopy' });

/** The narrative service's edit-distance report; each provider group also names the user's e-mail (null once deleted). */
export const EditDistanceReportPublicSchema = EditDistanceReportSchema.extend({
  byProvider: z.array(EditDistanceReportSchema.shape.byProvider.element.extend({ providerEmail: z.string().nullable() })),
}).meta({ id: 'EditDistanceReport' });
export const EditDistanceQuery = z.strictObject({ sinceDays: z.coerce.number().int().min(1).max(3_650).optional() });

export const ReadinessSchema = z
  .looseObject({
    tenant: z.object({ id: TenantIdSchema, displayName: z.string() }),
    phiMode: z.string(),
    readyCount: z.int(),
    gateCount: z.int(),
  })
  .meta({ id: 'Readiness' });
export const SettingsBody = storableJsonObject();
export const PhiModeBody = z.strictObject({ mode: PhiModeSchema });

export const ReferenceSchema = z
  .object({
    kind: ReferenceKindSchema,
    name: z.string(),
    version: z.int(),
    sha256: z.string(),
    content: z.unknown(),
    createdAt: z.string(),
  })
  .meta({ id: 'Reference' });
/** Canonical JSON and the digest walk `content` recursively: its depth is bounded here first. */
export const ReferenceBody = z.strictObject({ content: storableJsonObject() });

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    /** The name people read (lists, access reports); null when none was given (the e-mail stands in). */
    displayName: z.string().nullable(),
    role: RoleSchema,
    mfaEnrolled: z.boolean(),
    enrolled: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.string(),
    /** When the user last signed in (any method); null before the first sign-in. */
    lastSignInAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export const UserParams = z.object({ t: TenantIdSchema, id: z.uuid() });
/** A person's name as shown to others: trimmed, 1–120 characters, no control characters. */
const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}]+$/u);
export const CreateUserBody = z.strictObject({
  email: TypedEmail.pipe(z.email().max(254)),
  role: RoleSchema,
  displayName: DisplayName.optional(),
});
export const ChangeRoleBody = z.strictObject({ role: RoleSchema });
/** The answer to a create or reset: the user and that a link went to the user's own address; never the link. */
export const EnrolmentSentSchema = z
  .object({
    user: UserSchema,
    enrolment: z.object({ expiresAt: z.iso.datetime(), delivered: z.boolean() }),
  })
  .meta({ id: 'EnrolmentSent' });
export const EnrolmentBody = z.strictObject({ tenant: TenantIdSchema, token: EnrolmentToken });
export const EnrolmentCompleteBody = z.strictObject({
  tenant: TenantIdSchema,
  token: EnrolmentToken,
  password: NewPasswordSchema,
  totp: TotpCode.optional(),
});
export const EnrolmentInfoSchema = z
  .object({
    tenantId: TenantIdSchema,
    email: z.string(),
    role: RoleSchema,
    purpose: z.enum(['create', 'reset']),
    expiresAt: z.iso.datetime(),
    totpRequired: z.boolean(),
    totpSecret: z.string().optional(),
    totpUri: z.string().optional(),
  })
  .meta({ id: 'EnrolmentInfo' });

export const AuditPageQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Event types, comma-separated (e.g. `narrative.viewed,narrative.copied`). */
  type: z
    .string()
    .regex(/^[a-z]+(\.[a-z]+)+(,[a-z]+(\.[a-z]+)+)*$/)
    .max(1_000)
    .optional(),
  from: StorableDateTimeSchema.optional(),
  to: StorableDateTimeSchema.optional(),
});
export const DictationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: DictationCursorSchema.optional(),
  status: DictationStatusSchema.optional(),
  /** The QA review state of the dictation's narrative (not_started, in_review, returned, resubmitted, approved). */
  reviewState: QaReviewStateSchema.optional(),
});
export const LooseObject = z.looseObject({});
