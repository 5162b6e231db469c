import { AppError } from '@medicdraft/platform';

/**
 * The backing service does not offer this operation yet (or its internal route answered 404):
 * 503 `not_available`. Retrying later is right — the route exists in the public API.
 */
export class NotAvailableError extends AppError {
  constructor(what: string) {
    super('not_available', `${what} is not available yet`, { status: 503, retryable: true });
  }
}
