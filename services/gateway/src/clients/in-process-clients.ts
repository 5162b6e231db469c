import type { RunningService } from '@medicdraft/platform';
import type { AuditClient } from './audit-client.port.js';
import { createInProcessAuditClient, type InProcessAuditQuery } from './audit-clients.js';
import type { IngestClient } from './ingest-client.port.js';
import { createInProcessIngestClient, type InProcessIntake } from './ingest-inprocess-client.js';
import type { NarrativeClient } from './narrative-client.port.js';
import { createInProcessNarrativeClient, type InProcessNarrativeReview } from './narrative-inprocess-client.js';
import type { ReadinessClient } from './readiness-client.port.js';
import { createInProcessReadinessClient, type InProcessReadiness } from './readiness-clients.js';

function isIntakeHost(s: unknown): s is { intake: InProcessIntake } {
  const intake = (s as { intake?: Partial<InProcessIntake> } | undefined)?.intake;
  return (
    typeof intake?.acceptAudio === 'function' &&
    typeof intake.acceptText === 'function' &&
    typeof intake.get === 'function' &&
    typeof intake.list === 'function' &&
    typeof intake.remove === 'function'
  );
}

function isAuditHost(s: unknown): s is { query: InProcessAuditQuery } {
  const query = (s as { query?: Partial<InProcessAuditQuery> } | undefined)?.query;
  return typeof query?.list === 'function' && typeof query.latestCheckpoint === 'function' && typeof query.proof === 'function';
}

function isNarrativeHost(s: unknown): s is { review: InProcessNarrativeReview } {
  const review = (s as { review?: Partial<InProcessNarrativeReview> } | undefined)?.review;
  return typeof review?.view === 'function' && typeof review.edit === 'function' && typeof review.copy === 'function';
}

function isReadiness(s: unknown): s is InProcessReadiness {
  const r = s as Partial<InProcessReadiness> | undefined;
  return (
    typeof r?.readiness === 'function' &&
    typeof r.updateSettings === 'function' &&
    typeof r.setPhiMode === 'function' &&
    typeof r.registerTenant === 'function'
  );
}

/**
 * Embedded mode: the gateway's ingest, readiness, narrative and audit clients, bound in process to the services
 * already started in the same process (by name). Resolved lazily, per call, so the gateway may
 * be constructed in the same starter list; a missing service fails the call loudly.
 */
export function inProcessClients(started: readonly (readonly [string, RunningService])[]): {
  ingest: IngestClient;
  readiness: ReadinessClient;
  narrative: NarrativeClient;
  audit: AuditClient;
} {
  const find = (name: string) => started.find(([n]) => n === name)?.[1];
  const ingest = () => {
    const s = find('ingest');
    if (!isIntakeHost(s)) throw new Error('embedded: the ingest service (with its intake) must start before the gateway');
    return createInProcessIngestClient(s.intake);
  };
  const readiness = () => {
    const s = find('readiness');
    if (!isReadiness(s)) throw new Error('embedded: the readiness service must start before the gateway');
    return createInProcessReadinessClient(s);
  };
  const audit = () => {
    const s = find('audit');
    if (!isAuditHost(s)) throw new Error('embedded: the audit service (with its query) must start before the gateway');
    return createInProcessAuditClient(s.query);
  };
  const narrative = () => {
    const s = find('narrative');
    if (!isNarrativeHost(s)) throw new Error('embedded: the narrative service must start before the gateway');
    return createInProcessNarrativeClient(s.review);
  };
  return {
    narrative: {
      view: (a, id, v) => narrative().view(a, id, v),
      edit: (a, id, c) => narrative().edit(a, id, c),
      copy: (a, id, v) => narrative().copy(a, id, v),
    },
    ingest: {
      uploadAudio: (w, b) => ingest().uploadAudio(w, b),
      submitText: (w, t) => ingest().submitText(w, t),
      get: (t, id) => ingest().get(t, id),
      list: (t, f) => ingest().list(t, f),
      reprocess: (w, id) => ingest().reprocess(w, id),
      remove: (w, id) => ingest().remove(w, id),
    },
    audit: {
      list: (t, p) => audit().list(t, p),
      latestCheckpoint: (t) => audit().latestCheckpoint(t),
      proof: (t, id) => audit().proof(t, id),
    },
    readiness: {
      readiness: (t) => readiness().readiness(t),
      updateSettings: (a, t, p) => readiness().updateSettings(a, t, p),
      setPhiMode: (a, t, m) => readiness().setPhiMode(a, t, m),
      provisionTenant: (tenant) => readiness().provisionTenant(tenant),
    },
  };
}
