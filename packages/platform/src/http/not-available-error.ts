import { AppError } from '../errors.js';

/**
 * The backing service does not offer this operation (its internal route answered 404, or no
 * client is wired): 503 `not_available`. Retrying later is right — the public route exists.
 */
export class NotAvailableError extends AppError {
  constructor(what: string) {
    super('not_available', `${what} is not available yet`, { status: 503, retryable: true });
  }
}
