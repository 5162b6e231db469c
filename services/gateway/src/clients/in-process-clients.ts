import type { RunningService } from '@medicdraft/platform';
import type { IngestClient } from './ingest-client.port.js';
import { createInProcessIngestClient, type InProcessIntake } from './ingest-inprocess-client.js';
import type { ReadinessClient } from './readiness-client.port.js';
import { createInProcessReadinessClient, type InProcessReadiness } from './readiness-clients.js';

function isIntakeHost(s: unknown): s is { intake: InProcessIntake } {
  const intake = (s as { intake?: Partial<InProcessIntake> } | undefined)?.intake;
  return typeof intake?.acceptAudio === 'function' && typeof intake.acceptText === 'function' && typeof intake.get === 'function';
}

function isReadiness(s: unknown): s is InProcessReadiness {
  const r = s as Partial<InProcessReadiness> | undefined;
  return typeof r?.readiness === 'function' && typeof r.updateSettings === 'function' && typeof r.setPhiMode === 'function';
}

/**
 * Embedded mode: the gateway's ingest and readiness clients, bound in process to the services
 * already started in the same process (by name). Resolved lazily, per call, so the gateway may
 * be constructed in the same starter list; a missing service fails the call loudly.
 */
export function inProcessClients(started: readonly (readonly [string, RunningService])[]): { ingest: IngestClient; readiness: ReadinessClient } {
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
  return {
    ingest: {
      uploadAudio: (w, b) => ingest().uploadAudio(w, b),
      submitText: (w, t) => ingest().submitText(w, t),
      get: (t, id) => ingest().get(t, id),
      list: (t, f) => ingest().list(t, f),
      reprocess: (w, id) => ingest().reprocess(w, id),
      remove: (w, id) => ingest().remove(w, id),
    },
    readiness: {
      readiness: (t) => readiness().readiness(t),
      updateSettings: (a, t, p) => readiness().updateSettings(a, t, p),
      setPhiMode: (a, t, m) => readiness().setPhiMode(a, t, m),
    },
  };
}
