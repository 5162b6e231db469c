// Types of the browser modules (checked by tsconfig.ui.json; never served: only .js, .css and
// .svg are assets). The API shapes are what the screens read — tolerant readers that ignore
// fields they do not know — not the server's full schemas.
import type { UiVocabulary } from '../ui-vocabulary.js';

export type Vocabulary = UiVocabulary;

/** What `h` and `mount` accept as content: nodes, text, nested lists; null, undefined and false draw nothing. */
export type Child = Node | string | number | null | undefined | false | Child[];

/** `GET /v1/me` and a successful sign-in. */
export interface Me {
  user: { id: string; tenantId: string; role: string; email?: string };
  permissions: string[];
  csrfToken: string;
}

/** What a screen that anyone may open gets from the router. */
export interface PublicContext {
  main: HTMLElement;
  vocabulary: Vocabulary;
  /** The route's captured path segments. */
  params: string[];
  navigate(to: string, replace?: boolean): void;
  flash(text: string, kind?: 'info' | 'error'): void;
  can(permission: string): boolean;
  landing(): string;
  signedIn(me: Me): void;
  refreshChrome(): void;
}

/** What a screen behind sign-in gets: the session as well. */
export interface ViewContext extends PublicContext {
  me: Me;
}

export interface Dictation {
  dictationId: string;
  providerId: string;
  kind: string;
  format: string;
  synthetic: boolean;
  status: string;
  /** Why a dictation failed or is halted, in fixed words chosen by the server. */
  statusMessage?: string;
  providerName?: string;
  /** On a new dictation's answer: true when it is the one the same content already made (a resend). */
  deduplicated?: boolean;
  sizeBytes: number;
  createdAt: string;
}

export interface DictationPage {
  dictations?: Dictation[];
  nextCursor?: string | null;
}

export interface Sentence {
  text: string;
  source?: string;
  evidence?: string[];
}

export interface NarrativeDoc {
  version: number;
  template?: string;
  text?: string;
  copyable?: boolean;
  /** The ESO text's length against the ePCR narrative field's limit. */
  copyLimit?: { chars: number; maxChars: number };
  sections?: { key: string; title: string; sentences?: Sentence[] }[];
  segments?: { id: string; text: string }[];
  missing?: { element: string; prompt: string }[];
  /** A note on how the draft was made; its evidence is the sentences it is about. */
  reviewNotes?: { note: string; evidence?: string[] }[];
  /** The MIST hand-off (null on versions drafted before hand-offs existed). */
  handoff?: Record<'mechanism' | 'injuries' | 'signs' | 'treatment', { text: string; evidence: string[] }[]> | null;
}

export type CopyFormat = 'eso_plain_text' | 'nemsis_enarrative_xml' | 'mist_handoff_text';

export interface EditDistanceStats {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  histogram: { le: number; count: number }[];
}

export interface EditDistanceReport {
  since: string;
  overall: EditDistanceStats;
  byTemplate: (EditDistanceStats & { template: string; templateVersion: number })[];
  byDrafter: (EditDistanceStats & { engine: string; engineVersion: string; drafter: string; promptVersion: string | null })[];
  byProvider: (EditDistanceStats & { providerId: string; providerEmail: string | null })[];
}

export interface ReadinessView {
  tenant: { displayName: string };
  phiMode: string;
  phiModeLabel: string;
  headline: string;
  blockers: string[];
  halted: boolean;
  readyCount: number;
  gateCount: number;
  gates: Gate[];
  requiredEnv: { name: string; configured: boolean; requirement: string; description: string }[];
  controls: { category: string; title: string; status: string; requirement: string; enforcement: string }[];
  authReadiness: { title: string; summary: CheckedLine; items: CheckedLine[] };
  securityControls: {
    title: string;
    items: { id: string; category: string; title: string; status: string; requirement: string; implementation: string }[];
  };
  dataClasses: { title: string; items: { title: string; examples: string }[] };
  resources: {
    title: string;
    items: { id: string; provider: string; title: string; status: string; purpose: string; checklist: CheckedLine[] }[];
  };
  boundaries: {
    title: string;
    items: { id: string; title: string; status: string; allowed: CheckedLine[]; blocked: CheckedLine[]; notes?: string[] }[];
  };
  closingStatement: string;
}

/** A line of the readiness screen with its live state: `passed`, `failed` or `not_checked` (by the system). */
export interface CheckedLine {
  text: string;
  state: string;
  stateLabel: string;
  evidence?: string;
}

export interface Gate {
  id: string;
  title: string;
  status: string;
  summary: string;
  evidence: { ok: boolean; text: string }[];
  nextAction: string;
}

export interface Reference {
  kind: string;
  name: string;
  version: number;
  createdAt: string;
  sha256: string;
  content: unknown;
}

export interface Enrolment {
  email: string;
  role: string;
  tenantId: string;
  expiresAt: string;
  totpRequired: boolean;
  totpSecret?: string;
  totpUri?: string;
}

/** An emergency-access grant as its holder sees it. */
export interface BreakGlassGrant {
  grantId: string;
  dictationId: string;
  minutes: number;
  createdAt: string;
  expiresAt: string;
}

/** The owners' break-glass report. */
export interface BreakGlassReport {
  sinceDays: number;
  grants: (BreakGlassGrant & {
    userId: string;
    userName: string | null;
    reason: string;
    state: 'active' | 'expired' | 'revoked';
    revokedAt: string | null;
    accesses: { routeCode: string; accessedAt: string }[];
  })[];
}

/** One record of `GET …/audit/search` (and the access report): the audit record plus the actor's display name. */
export interface AuditEntry {
  seq: number;
  eventId: string;
  type: string;
  occurredAt: string;
  actor: { type: string; id: string; role: string | null };
  actorName: string | null;
  resourceIds: Record<string, string>;
  sourceAddress: string | null;
  outcome: string;
  outcomeDetail: string | null;
  hash: string;
}

/** `GET …/audit/verify`. */
export interface AuditVerifyStatus {
  ok: boolean;
  verifiedAt: string;
  records: number;
  lastSeq: number;
  anchored: number;
  unanchored: number;
  witness: string | null;
  verdicts: { kind: string; seq?: number; detail: string }[];
}

/** `GET …/audit/checkpoints/latest`. */
export interface AuditCheckpoint {
  treeSize: number;
  rootHash: string;
  keyId: string;
  issuedAt: string;
}

/** `GET …/audit/reports/period`. */
export interface AuditPeriodReport {
  fileName: string;
  pdfBase64: string;
  sha256: string;
  signatureBase64: string;
  keyId: string;
  publicKeyPem: string;
}

/** `GET …/audit/reports/disclosures`. */
export interface AuditDisclosureReport {
  accountable: number;
  note: string;
  entries: {
    occurredAt: string;
    type: string;
    actorId: string;
    actorName: string | null;
    recipient: string;
    basis: string;
    accountable: boolean;
  }[];
}

/** `GET /v1/tenants/:t/users`: a user as the user screen shows it (never a credential). */
export interface TenantUser {
  id: string;
  email: string;
  displayName: string | null;
  role: string;
  mfaEnrolled: boolean;
  enrolled: boolean;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** The data classes usage counts bytes of. */
export type UsageDataClass = 'audio_recording' | 'dictation_text' | 'transcript' | 'clinical_document' | 'narrative';

/** Bytes of one data class in one month: written and deleted in it, stored at its end. */
export interface UsageStorage {
  written: number;
  deleted: number;
  stored: number;
}

/** One month of `GET /v1/tenants/:t/usage`. */
export interface UsageMonth {
  month: string;
  dictations: { total: number; audio: number; text: number };
  healthscribe: { jobs: number; audioSeconds: number; jobsWithoutDuration: number };
  syntheticJobs: number;
  reprocessing: { retranscriptions: number; redrafts: number };
  storage: Record<UsageDataClass, UsageStorage>;
  llmDrafts: { requested: number; used: number };
}
