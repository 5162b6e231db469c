/** The part of an HTTP/1.1 or HTTP/2 (compat) response the emulator writes through. */
export interface Reply {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(body?: string): unknown;
  readonly headersSent: boolean;
}

/**
 * Error types of the Bedrock Runtime model (`ThrottlingException` etc. of the JS v3 client) with
 * the HTTP status the model declares for each, plus the front end's answer to an unsigned
 * request. restJson1: the SDK picks the error class from the `x-amzn-errortype` header (anything
 * after `:` is ignored) and reads `message` from the body.
 */
export const ERROR_TYPES = {
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ServiceQuotaExceededException: 400,
  ServiceUnavailableException: 503,
  ModelTimeoutException: 408,
  ModelNotReadyException: 429,
  ModelErrorException: 424,
  InternalServerException: 500,
  ValidationException: 400,
  MissingAuthenticationTokenException: 403,
} as const;
export type ErrorType = keyof typeof ERROR_TYPES;

export function isErrorType(value: unknown): value is ErrorType {
  return typeof value === 'string' && Object.hasOwn(ERROR_TYPES, value);
}

export class ServiceError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export function writeError(res: Reply, requestId: string, err: ServiceError): void {
  const body = JSON.stringify({ message: err.message });
  res.writeHead(ERROR_TYPES[err.type], {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': `${err.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  });
  res.end(body);
}

export function writeJson(res: Reply, requestId: string, payload: unknown, status = 200): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
  res.end(body);
}
