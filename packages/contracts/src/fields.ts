import { z } from 'zod';

/**
 * Field schemas shared by event payloads and control messages.
 *
 * Contract: no schema here accepts free text. Every string is a UUID, a digest, an enum or a
 * tightly patterned identifier, so an event can never carry PHI (transcript text, names, audio),
 * and `json-schema.unit.test.ts` walks the generated JSON Schemas to keep it that way.
 */

/** Lower-case hex SHA-256 digest (64 chars). */
export const SHA256_HEX_PATTERN = /^[a-f0-9]{64}$/;
export const Sha256HexSchema = z.string().regex(SHA256_HEX_PATTERN).describe('Lower-case hex SHA-256 digest');

/**
 * `incidentKey`: the tenant-keyed HMAC-SHA256 of an ePCR incident number (platform `incidentKey`),
 * lower-case hex. The incident number itself never travels in an event.
 */
export const IncidentKeySchema = z.string().regex(SHA256_HEX_PATTERN).describe('Tenant-keyed HMAC-SHA256 of an incident number, hex');

/** A UUID (RFC 9562 layout). Used for every entity id minted by the system. */
export const UuidSchema = z.uuid();

/** Id of a dictation; also the Kafka key of every dictation-scoped event. */
export const DictationIdSchema = UuidSchema.describe('Dictation id (uuid)');
/** Id of a user (provider, QA, admin, owner). Never an e-mail address or a name. */
export const UserIdSchema = UuidSchema.describe('User id (uuid)');
/** Id of one narrative (stable across its versions). */
export const NarrativeIdSchema = UuidSchema.describe('Narrative id (uuid)');

/** A positive version counter (narratives, templates, references, settings). */
export const VersionNumberSchema = z.int().min(1);
/** A count of things (segments, sentences, bytes). */
export const CountSchema = z.int().min(0);

/**
 * One path segment of an object key: letters, digits, `.`, `_`, `-`, not starting with `.`
 * (so `.` and `..` segments are impossible). Keys are built by the storage layer as
 * `{tenantId}/{yyyy}/{mm}/{dd}/{dictationId}/…`, or returned by HealthScribe as `{jobName}/…`.
 */
export const OBJECT_KEY_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,15}$/;

/** Logical buckets, as HealthScribe has them: `input` holds source media and dictation text, `output` HealthScribe output. */
export const OBJECT_BUCKETS = ['input', 'output'] as const;
export const ObjectBucketSchema = z.enum(OBJECT_BUCKETS);
export type ObjectBucket = z.infer<typeof ObjectBucketSchema>;

/**
 * An opaque reference to a stored object. The bucket is logical (`input`/`output`); the physical
 * bucket name lives in configuration only, so events never reveal it.
 */
export const ObjectRefSchema = z
  .strictObject({
    bucket: ObjectBucketSchema,
    key: z.string().max(1024).regex(OBJECT_KEY_PATTERN),
  })
  .describe('Reference to a stored object (logical bucket + key)');
export type ObjectRef = z.infer<typeof ObjectRefSchema>;

/** A HealthScribe job name, as validated by the real API (healthscribe-api.md §1.8). */
export const JOB_NAME_PATTERN = /^[0-9a-zA-Z._-]{1,200}$/;
export const JobNameSchema = z.string().regex(JOB_NAME_PATTERN).describe('HealthScribe job name');

/**
 * A short machine code or slug chosen by the system (route ids, reference ids, key ids):
 * lower-case letter first, then lower-case letters, digits, `.`, `_`, `:`, `-`; at most 64 chars.
 * Upper case and spaces are excluded on purpose so names cannot slip through as codes.
 */
export const CODE_PATTERN = /^[a-z][a-z0-9._:-]{0,63}$/;
export const CodeSchema = z.string().regex(CODE_PATTERN);

/** A decimal Kafka offset (as kafkajs reports it: a string, possibly beyond 2^53). */
export const OFFSET_PATTERN = /^(?:0|[1-9][0-9]{0,18})$/;
export const OffsetSchema = z.string().regex(OFFSET_PATTERN);

/** An ISO-8601 UTC timestamp (`Z` suffix, optional fraction). */
export const TimestampSchema = z.iso.datetime();
