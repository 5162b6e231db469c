import type { ScribeFailureReason } from '@medicdraft/contracts';
import { AppError } from '@medicdraft/platform';

/** A failed engine call, classified: `reason` is what the provider sees, `retryable` drives backoff. */
export class ScribeEngineError extends AppError {
  readonly reason: ScribeFailureReason;

  constructor(reason: ScribeFailureReason, message: string, opts: { retryable: boolean; cause?: unknown }) {
    super(`scribe_${reason}`, message, { status: 503, retryable: opts.retryable, cause: opts.cause });
    this.reason = reason;
  }
}

/** Anything an engine threw, as a ScribeEngineError (unknown errors count as retryable outages). */
export function asScribeEngineError(err: unknown): ScribeEngineError {
  if (err instanceof ScribeEngineError) return err;
  return new ScribeEngineError('engine_unavailable', 'scribe engine call failed', { retryable: true, cause: err });
}
