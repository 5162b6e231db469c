import { JOB_NAME_PATTERN } from '@medicdraft/contracts';
import { ValidationError } from '@medicdraft/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^md-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-a([1-9][0-9]{0,5})$/;

/**
 * The HealthScribe job name of one attempt at a dictation: `md-<dictationId>-a<attempt>`.
 * Deterministic, so a worker that crashed after StartMedicalScribeJob and a worker that resumes
 * send the same name and the second gets ConflictException (= adopt), never a second job. Job
 * names are unique per AWS account and visible in its console, so the name carries only the
 * dictation uuid (no tenant name, no PHI); lower-case so it never depends on how the id was typed.
 * At most 47 characters, well inside the API's 1–200 and `^[0-9a-zA-Z._-]+`.
 */
export function healthscribeJobName(dictationId: string, attempt: number): string {
  if (!UUID.test(dictationId)) throw new ValidationError('dictation id must be a uuid');
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > 999_999)
    throw new ValidationError('attempt must be an integer from 1 to 999999');
  const name = `md-${dictationId.toLowerCase()}-a${attempt}`;
  if (!JOB_NAME_PATTERN.test(name)) throw new ValidationError('derived job name does not satisfy the HealthScribe pattern');
  return name;
}

/** The dictation and attempt a job name was derived from; undefined for names this service did not make. */
export function parseHealthscribeJobName(name: string): { dictationId: string; attempt: number } | undefined {
  const m = NAME.exec(name);
  return m?.[1] && m[2] ? { dictationId: m[1], attempt: Number(m[2]) } : undefined;
}
