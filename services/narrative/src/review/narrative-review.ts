import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import {
  type DeidentifiedExport,
  hasPermission,
  type CopyFormat,
  type EditDistanceReport,
  type NarrativeCopy,
  type NarrativeElementCode,
  type NarrativeView,
  type Role,
  TOPIC,
  toRecord,
} from '@medicdraft/contracts';
import {
  appendToOutbox,
  buildEvent,
  ForbiddenError,
  type Clock,
  type Database,
  type GateView,
  type IdGenerator,
  type Logger,
  NotFoundError,
  type ObjectStore,
  PhiModeDisabledError,
  PipelineHaltedError,
} from '@medicdraft/platform';
import { exportDeidentified } from '../export/deidentified-export.js';
import { insertNextVersion, listVersions, staleVersion, type NarrativeVersionRow } from '../narrative.repository.js';
import { templateAt } from '../templates/template.repository.js';
import { copyText, NARRATIVE_TEXT_FORMATS } from '../export/copy-text.js';
import { latestCopyDistancesSince, recordCopyDistance, type CopyDistanceRow } from './copy-distance.repository.js';
import { normalisedEditDistance } from './draft-edit-distance.js';
import { editDistanceReport } from './edit-distance-report.js';
import { esoPlainText } from './eso-text.js';
import { readContent, type NarrativeContent } from './narrative-content.js';
import { applyChange, type NarrativeChange } from './narrative-edit.js';

/** Who acts (established and authorised by the gateway; ids only). */
export interface ReviewActor {
  tenantId: string;
  userId: string;
  role: Role;
  /** The client's address as the gateway saw it: the events the request causes carry it. */
  sourceAddress?: string;
}

/** The envelope's `sourceAddress` of an event the actor's request causes (absent when the gateway named none). */
export const sourceOfActor = (actor: ReviewActor): { sourceAddress?: string } =>
  actor.sourceAddress === undefined ? {} : { sourceAddress: actor.sourceAddress };

export type { NarrativeCopy, NarrativeView } from '@medicdraft/contracts';

export interface NarrativeReviewDeps {
  db: Database;
  objects: ObjectStore;
  gates: GateView;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
  /** Longest ESO text a copy may produce (the ePCR narrative field's limit). */
  copyMaxChars: number;
  /** Told each newly recorded copy distance (metrics). */
  onCopyDistance?: (row: CopyDistanceRow) => void;
}

/** How far back the edit-distance report looks without `sinceDays`. */
export const DEFAULT_REPORT_DAYS = 90;

export type NarrativeReview = ReturnType<typeof createNarrativeReview>;

/**
 * Review of a dictation's narrative: view a version, edit/resolve into a new immutable version
 * (optimistic `baseVersion`, `narrative.edited` through the outbox), copy (ESO text, NEMSIS
 * eNarrative.01, MIST hand-off), and the edit-distance report of copied narratives. Each re-checks the
 * tenant's gate (a HealthScribe narrative is PHI: PHI mode; any needs an unhalted tenant).
 * `narrative.viewed` / `narrative.copied` are the gateway's events: it makes them durable before
 * it shows the result (audit before action), so nothing here publishes them.
 */
export function createNarrativeReview(deps: NarrativeReviewDeps) {
  async function load(tenantId: string, dictationId: string, version?: number) {
    const versions = await deps.db.withTenant(tenantId, (tx) => listVersions(tx, dictationId));
    const latest = versions[0];
    const row = version === undefined ? latest : versions.find((v) => v.version === version);
    if (latest === undefined || row === undefined)
      throw new NotFoundError(latest === undefined ? 'narrative not found' : 'narrative version not found');
    const gate = deps.gates.decide(tenantId, { phi: row.engine === 'healthscribe' });
    if (!gate.allowed) throw gate.reason === 'phi_mode_disabled' ? new PhiModeDisabledError() : new PipelineHaltedError();
    return { row, versions, latest: latest.version, content: await readContent(deps.objects, row.contentRef) };
  }

  /**
   * Records how far the copied version is from the first draft: the narrative's first generated
   * version (version 1: every later version is an edit or a redraft of the dictation), both in
   * the ESO rendering, so a version copied as drafted is 0 whatever its punctuation. Once per
   * copied version; numbers and ids only.
   */
  async function recordDistance(
    actor: ReviewActor,
    copied: NarrativeVersionRow,
    content: NarrativeContent,
    versions: NarrativeVersionRow[],
  ) {
    const first = versions.at(-1) ?? copied;
    const draft = first.version === copied.version ? content : await readContent(deps.objects, first.contentRef);
    const row: CopyDistanceRow = {
      tenantId: actor.tenantId,
      narrativeId: copied.narrativeId,
      version: copied.version,
      dictationId: copied.dictationId,
      firstVersion: first.version,
      template: first.template,
      templateVersion: first.templateVersion,
      engine: first.engine,
      engineVersion: first.engineVersion,
      drafter: first.drafting?.drafter ?? 'unknown',
      promptVersion: first.drafting?.promptVersion ?? null,
      providerId: actor.userId,
      distance: normalisedEditDistance(esoPlainText(draft.sections), esoPlainText(content.sections)),
      copiedAt: new Date(deps.clock()).toISOString(),
    };
    if (await deps.db.withTenant(actor.tenantId, (tx) => recordCopyDistance(tx, row))) deps.onCopyDistance?.(row);
  }

  const viewOf = (row: NarrativeVersionRow, latest: number, c: NarrativeContent): NarrativeView => ({
    dictationId: row.dictationId,
    narrativeId: row.narrativeId,
    version: row.version,
    latestVersion: latest,
    template: row.template,
    templateVersion: row.templateVersion,
    engine: row.engine,
    engineVersion: row.engineVersion,
    createdAt: row.createdAt,
    sha256: row.sha256,
    sections: c.sections,
    missing: c.missing,
    resolved: c.resolved,
    segments: c.segments,
    reviewNotes: c.reviewNotes,
    handoff: c.handoff ?? null,
    text: c.text,
    copyable: c.missing.length === 0,
    copyLimit: { chars: esoPlainText(c.sections).length, maxChars: deps.copyMaxChars },
  });

  return {
    /** The latest version, or `version`; 404 when the dictation has no narrative (yet) or no such version. */
    async view(actor: ReviewActor, dictationId: string, version?: number): Promise<NarrativeView> {
      const { row, latest, content } = await load(actor.tenantId, dictationId, version);
      return viewOf(row, latest, content);
    },

    /** A new version from the latest one; 409 `version_conflict` unless `baseVersion` is the latest. */
    async edit(actor: ReviewActor, dictationId: string, change: NarrativeChange & { baseVersion: number }): Promise<NarrativeView> {
      const { row: base, latest, content } = await load(actor.tenantId, dictationId);
      if (change.baseVersion !== latest) throw staleVersion(latest);
      const template = await deps.db.withTenant(actor.tenantId, (tx) => templateAt(tx, base.template, base.templateVersion));
      const { content: next, resolved } = applyChange(content, template, change);
      const eventId = deps.newId();
      // Content first, under a key fixed by the edit's event id; removed again if the commit fails.
      const contentRef = { ...base.contentRef, key: `${posix.dirname(base.contentRef.key)}/${eventId}.json` };
      const sha256 = createHash('sha256').update(next.text, 'utf8').digest('hex');
      const stored = await deps.objects.put(contentRef, Buffer.from(JSON.stringify(next), 'utf8'), { contentType: 'application/json' });
      const missingElements = next.missing.map((m) => m.element);
      const sentenceCount = next.sections.reduce((n, s) => n + s.sentences.length, 0);
      const createdAt = new Date(deps.clock()).toISOString();
      let version: number;
      try {
        version = await deps.db.withTenant(actor.tenantId, async (tx) => {
          const v = await insertNextVersion(
            tx,
            { ...base, sourceEventId: eventId, contentRef, sha256, sentenceCount, missingElements, createdAt },
            change.baseVersion,
          );
          const edited = buildEvent(
            TOPIC.NARRATIVE_EDITED,
            {
              tenantId: actor.tenantId,
              actor: { type: 'user', id: actor.userId, role: actor.role },
              correlationId: dictationId,
              ...sourceOfActor(actor),
              payload: {
                dictationId,
                narrativeId: base.narrativeId,
                previousVersion: change.baseVersion,
                version: v,
                resolvedElements: resolved,
                missingElements,
                sha256,
                contentRef: { bucket: contentRef.bucket, key: contentRef.key },
                contentBytes: stored.size,
              },
            },
            { clock: deps.clock, newId: () => eventId },
          );
          await appendToOutbox(tx, [toRecord(edited)]);
          return v;
        });
      } catch (err) {
        await deps.objects.delete(contentRef).catch(() => undefined);
        throw err;
      }
      deps.logger.info(
        { dictationId, narrativeId: base.narrativeId, version, resolvedCount: resolved.length, openCount: missingElements.length },
        'narrative edited',
      );
      return viewOf(
        {
          ...base,
          version,
          sourceEventId: eventId,
          contentRef,
          sha256,
          sentenceCount,
          missingElements: missingElements as NarrativeElementCode[],
          createdAt,
        },
        version,
        next,
      );
    },

    /**
     * The latest version in `format` (`version`, when given, must still be the latest: the
     * provider copies what they reviewed). 409 `unresolved_elements` while prompts are open (the
     * narrative formats). A narrative copy also records its distance from the first draft.
     */
    async copy(actor: ReviewActor, dictationId: string, version?: number, format: CopyFormat = 'eso_plain_text'): Promise<NarrativeCopy> {
      const { row, versions, latest, content } = await load(actor.tenantId, dictationId);
      if (version !== undefined && version !== latest) throw staleVersion(latest);
      const copied = copyText(format, content, deps.copyMaxChars);
      if (NARRATIVE_TEXT_FORMATS.has(format)) await recordDistance(actor, row, content, versions);
      deps.logger.info(
        { dictationId, narrativeId: row.narrativeId, version: row.version, format, length: copied.length },
        'narrative copy made',
      );
      return { dictationId, narrativeId: row.narrativeId, version: row.version, format, ...copied };
    },

    /** The distribution of copy distances of the tenant over the last `sinceDays` days (numbers and ids only). */
    async editDistances(actor: ReviewActor, sinceDays = DEFAULT_REPORT_DAYS): Promise<EditDistanceReport> {
      const since = new Date(deps.clock() - sinceDays * 86_400_000).toISOString();
      const rows = await deps.db.withTenant(actor.tenantId, (tx) => latestCopyDistancesSince(tx, since));
      return editDistanceReport(rows, since);
    },

    /**
     * The tenant's latest narratives de-identified (HIPAA Safe Harbor) for analytics: owners only,
     * re-checked here because the export leaves the PHI boundary. 200 newest unless `limit`.
     */
    async exportDeidentified(actor: ReviewActor, limit = 200): Promise<DeidentifiedExport> {
      if (!hasPermission(actor.role, 'tenant:manage')) throw new ForbiddenError('only an owner may export narratives');
      const result = await exportDeidentified(deps, actor.tenantId, limit);
      deps.logger.info({ narratives: result.narratives.length, redactions: result.redactions }, 'narratives exported de-identified');
      return result;
    },
  };
}
