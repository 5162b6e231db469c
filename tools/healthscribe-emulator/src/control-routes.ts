import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ERROR_TYPES, type ErrorType } from './aws-json-errors.js';
import { OPERATIONS, type Operation } from './fault-plan.js';
import type { JobLogEntry, JobStats } from './job-book.js';
import { RegistrationSchema, type MediaScript } from './media-registry.js';
import type { JobTiming } from './scribe-operations.js';

/** What the control routes drive; the programmatic emulator handle exposes the same. */
export interface EmulatorControl {
  jobLog(): { jobs: JobLogEntry[]; stats: JobStats };
  register(sha256: string, script: MediaScript): void;
  failRequests(operation: Operation, errorType: ErrorType, count: number, message?: string): void;
  failNextJobs(count: number, failureReason: string): void;
  setTiming(timing: Partial<JobTiming>): JobTiming;
  reset(): void;
}

const RequestFaultSchema = z.strictObject({
  operation: z.enum(OPERATIONS).default('StartMedicalScribeJob'),
  errorType: z.enum(Object.keys(ERROR_TYPES) as [ErrorType, ...ErrorType[]]),
  count: z.int().min(1).default(1),
  message: z.string().min(1).optional(),
});
const JobFaultSchema = z.strictObject({ count: z.int().min(1).default(1), failureReason: z.string().min(1) });
const TimingSchema = z.strictObject({ queuedMs: z.int().min(0).optional(), inProgressMs: z.int().min(0).optional() });

function send(res: ServerResponse, status: number, payload?: unknown): void {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Test-facing HTTP routes under `/_emulator/` (never part of the AWS API):
 * - `GET  /_emulator/jobs`            job log + stats (concurrency high-water marks)
 * - `POST /_emulator/media`           `{sha256, text}` | `{sha256, transcript, clinicalDocument}` | `{sha256, failureReason}`
 * - `POST /_emulator/faults/requests` `{operation?, errorType, count?, message?}`: next calls answer that error
 * - `POST /_emulator/faults/jobs`     `{count?, failureReason}`: next accepted jobs end FAILED
 * - `PUT  /_emulator/timing`          `{queuedMs?, inProgressMs?}`
 * - `POST /_emulator/reset`           forget jobs, log, registrations and faults
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: unknown,
  control: EmulatorControl,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (route) {
      case 'GET /_emulator/healthz':
        return send(res, 200, { ok: true });
      case 'GET /_emulator/jobs':
        return send(res, 200, control.jobLog());
      case 'POST /_emulator/media': {
        const { sha256, ...script } = RegistrationSchema.parse(body);
        control.register(sha256, script as MediaScript);
        return send(res, 204);
      }
      case 'POST /_emulator/faults/requests': {
        const f = RequestFaultSchema.parse(body);
        control.failRequests(f.operation, f.errorType, f.count, f.message);
        return send(res, 204);
      }
      case 'POST /_emulator/faults/jobs': {
        const f = JobFaultSchema.parse(body);
        control.failNextJobs(f.count, f.failureReason);
        return send(res, 204);
      }
      case 'PUT /_emulator/timing':
        return send(res, 200, control.setTiming(TimingSchema.parse(body)));
      case 'POST /_emulator/reset':
        control.reset();
        return send(res, 204);
      default:
        return send(res, 404, { error: 'not_found', message: `no control route ${route}` });
    }
  } catch (err) {
    if (err instanceof z.ZodError) return send(res, 400, { error: 'invalid_request', message: z.prettifyError(err) });
    throw err;
  }
}
