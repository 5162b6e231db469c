import type { ServerResponse } from 'node:http';

/**
 * Error types the emulator answers with. The first five are the Transcribe model's own
 * (`src/models/errors.ts` of the JS v3 client); the others are what the AWS front end returns before
 * a request reaches the service (bad JSON, unknown target, no signature, IAM denial), which the SDK
 * surfaces as a plain `TranscribeServiceException` carrying that name.
 */
export const ERROR_TYPES = {
  BadRequestException: { status: 400, fault: 'client' },
  ConflictException: { status: 400, fault: 'client' },
  LimitExceededException: { status: 400, fault: 'client' },
  NotFoundException: { status: 400, fault: 'client' },
  InternalFailureException: { status: 500, fault: 'server' },
  SerializationException: { status: 400, fault: 'client' },
  UnknownOperationException: { status: 400, fault: 'client' },
  MissingAuthenticationTokenException: { status: 403, fault: 'client' },
  AccessDeniedException: { status: 400, fault: 'client' },
} as const;
export type ErrorType = keyof typeof ERROR_TYPES;

export function isErrorType(value: unknown): value is ErrorType {
  return typeof value === 'string' && Object.hasOwn(ERROR_TYPES, value);
}

/** A service-side rejection; `message` is what the real service would put in `Message`. */
export class ServiceError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * Writes an error the way AWS JSON 1.1 services do: the shape name in the body's `__type` and in
 * `x-amzn-ErrorType` (Coral appends `:<url>` to the header; SDKs strip it), the text in `Message`.
 * HTTP codes: 400 for client faults and 500 for InternalFailure per the Transcribe API reference;
 * the SDK picks the error class from `__type`, never from the status.
 */
export function writeAwsJsonError(res: ServerResponse, requestId: string, err: ServiceError): void {
  const { status } = ERROR_TYPES[err.type];
  const body = JSON.stringify({ __type: err.type, Message: err.message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': `${err.type}:http://internal.amazon.com/coral/com.amazonaws.transcribe/`,
  });
  res.end(body);
}

export function writeAwsJson(res: ServerResponse, requestId: string, payload: unknown): void {
  const body = JSON.stringify(payload ?? {});
  res.writeHead(200, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}
