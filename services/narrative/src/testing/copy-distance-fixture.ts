import { randomUUID } from 'node:crypto';
import type { CopyDistanceRow } from '../review/copy-distance.repository.js';

/** One recorded copy of a fresh narrative (version 2 of a DRAATT draft by the rules), `distance` from its first draft. */
export function copyDistanceRow(distance: number, over: Partial<CopyDistanceRow> = {}): CopyDistanceRow {
  return {
    tenantId: 't-1',
    narrativeId: randomUUID(),
    version: 2,
    dictationId: randomUUID(),
    firstVersion: 1,
    template: 'DRAATT',
    templateVersion: 1,
    engine: 'synthetic',
    engineVersion: '1.4.1',
    drafter: 'deterministic',
    promptVersion: null,
    providerId: randomUUID(),
    distance,
    copiedAt: '2026-12-01T10:00:00.000Z',
    ...over,
  };
}
