import { ServiceError, type ErrorType } from './aws-json-errors.js';

export const OPERATIONS = ['StartMedicalScribeJob', 'GetMedicalScribeJob', 'ListMedicalScribeJobs', 'DeleteMedicalScribeJob'] as const;
export type Operation = (typeof OPERATIONS)[number];

const DEFAULT_MESSAGES: Partial<Record<ErrorType, string>> = {
  LimitExceededException:
    'You have sent too many requests or your input file is too long. Wait before retrying your request, or use a smaller ' +
    'file and retry your request.',
  InternalFailureException: 'There was an internal error. Check the error message, correct the issue, and try your request again.',
  AccessDeniedException: 'User is not authorized to perform this action.',
};

interface RequestFault {
  type: ErrorType;
  remaining: number;
  message: string;
}

/**
 * Injected faults, consumed in order: the next N calls of an operation answer an error type
 * (each HTTP attempt counts, so SDK-level retries use them up too), and the next N accepted jobs
 * end FAILED with a given reason instead of producing outputs.
 */
export class FaultPlan {
  private readonly requestFaults = new Map<Operation, RequestFault[]>();
  private readonly jobFailures: { remaining: number; reason: string }[] = [];

  failRequests(operation: Operation, type: ErrorType, count: number, message?: string): void {
    const queue = this.requestFaults.get(operation) ?? [];
    queue.push({ type, remaining: count, message: message ?? DEFAULT_MESSAGES[type] ?? `Injected ${type}` });
    this.requestFaults.set(operation, queue);
  }

  failJobs(count: number, reason: string): void {
    this.jobFailures.push({ remaining: count, reason });
  }

  takeRequestFault(operation: Operation): ServiceError | undefined {
    const queue = this.requestFaults.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return new ServiceError(head.type, head.message);
  }

  takeJobFailure(): string | undefined {
    const head = this.jobFailures[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.jobFailures.shift();
    return head.reason;
  }

  clear(): void {
    this.requestFaults.clear();
    this.jobFailures.length = 0;
  }
}
