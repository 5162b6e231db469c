import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mutateDraft } from './adversarial-draft.js';
import { Script, type Behaviour, type LeafBehaviour } from './behaviours.js';
import { faithfulDraft } from './faithful-draft.js';
import { readDraftRequest, type ModelDraft } from './model-draft.js';
import { isErrorType, ServiceError, writeError, writeJson, type Reply } from './rest-json-errors.js';

/** The part of an HTTP/1.1 or HTTP/2 (compat) request the emulator reads. */
interface Incoming extends AsyncIterable<unknown> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface BedrockEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Model ids this account may use; others answer AccessDeniedException. Default: any. */
  models?: readonly string[];
  /** Reject unsigned requests like AWS does (default true); the signature itself is not verified. */
  requireSignature?: boolean;
}

/** One call as the emulator saw it (no prompt text: the log is safe to print). */
export interface CallLogEntry {
  operation: 'Converse' | 'CountTokens';
  modelId: string;
  at: string;
  behaviour: LeafBehaviour['kind'] | 'denied' | 'invalid';
  segmentCount: number;
}

export interface BedrockEmulator {
  /** Endpoint for `new BedrockRuntimeClient({ endpoint: url, … })`. */
  readonly url: string;
  readonly port: number;
  /** Behaviours of the next Converse calls, in order. */
  script(...behaviours: Behaviour[]): void;
  /** Behaviour of every call once the scripted ones are used up (initially faithful). */
  setDefault(behaviour: Behaviour): void;
  calls(): CallLogEntry[];
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const ROUTE = /^\/model\/([^/]+)\/(converse|count-tokens)$/;

async function readBody(req: Incoming): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ServiceError('ValidationException', 'Input is too long for requested model.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface ConverseBody {
  messages?: Array<{ role?: string; content?: Array<{ text?: string }> }>;
  toolConfig?: { tools?: Array<{ toolSpec?: { name?: string } }> };
}

function parseBody(text: string): ConverseBody {
  try {
    const v = JSON.parse(text === '' ? '{}' : text) as unknown;
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
    return v as ConverseBody;
  } catch {
    throw new ServiceError('ValidationException', 'Malformed input request, please reformat your input and try again.');
  }
}

/**
 * Starts the Bedrock Runtime emulator: restJson1 `POST /model/{modelId}/converse` and
 * `/count-tokens`, as the AWS SDK sends them (SigV4-signed), and `/_emulator/` control routes
 * (`POST script`, `PUT default`, `GET calls`, `POST reset`). The model's answer is a tool call
 * whose input is drafted from the `<dictation>` block of the request by the scripted behaviour.
 */
export async function startBedrockEmulator(opts: BedrockEmulatorOptions = {}): Promise<BedrockEmulator> {
  const script = new Script();
  const log: CallLogEntry[] = [];
  const foreign: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function converse(res: Reply, requestId: string, modelId: string, body: ConverseBody): Promise<void> {
    const prompt = (body.messages ?? []).flatMap((m) => (m.content ?? []).map((c) => c.text ?? '')).join('\n');
    const request = readDraftRequest(prompt);
    const toolName = body.toolConfig?.tools?.[0]?.toolSpec?.name;
    const entry: CallLogEntry = {
      operation: 'Converse',
      modelId,
      at: new Date().toISOString(),
      behaviour: 'invalid',
      segmentCount: request?.segments.length ?? 0,
    };
    log.push(entry);
    if (!Array.isArray(body.messages) || body.messages.length === 0)
      throw new ServiceError('ValidationException', 'A conversation must start with a user message.');
    let behaviour = script.next();
    entry.behaviour = behaviour.kind === 'delay' ? behaviour.then.kind : behaviour.kind;
    if (behaviour.kind === 'delay') {
      await wait(behaviour.ms);
      behaviour = behaviour.then;
    }
    const leaf: LeafBehaviour = behaviour;
    if (leaf.kind === 'error') throw new ServiceError(leaf.errorType, leaf.message ?? `Emulated ${leaf.errorType}.`);
    if (leaf.kind === 'malformed' && leaf.variant === 'cut_off_body') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': requestId });
      res.end('{"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":');
      return;
    }
    const usage = { inputTokens: Math.ceil(prompt.length / 4), outputTokens: 0, totalTokens: 0 };
    const answer = (content: unknown[], stopReason: string) => {
      usage.outputTokens = Math.ceil(JSON.stringify(content).length / 4);
      usage.totalTokens = usage.inputTokens + usage.outputTokens;
      writeJson(res, requestId, { output: { message: { role: 'assistant', content } }, stopReason, usage, metrics: { latencyMs: 1 } });
    };
    if (leaf.kind === 'malformed' && leaf.variant === 'text_only')
      return answer([{ text: 'Here is the narrative you asked for.' }], 'end_turn');
    if (leaf.kind === 'malformed')
      return answer([{ toolUse: { toolUseId: randomUUID(), name: toolName, input: { sections: 'see above' } } }], 'tool_use');
    if (request === undefined)
      throw new ServiceError('ValidationException', 'The emulated model found no <dictation> block to draft from.');
    let draft: ModelDraft = faithfulDraft(request, leaf.seed);
    if (leaf.kind === 'mutated') draft = mutateDraft(draft, request, leaf.mutation, leaf.seed, foreign)?.draft ?? draft;
    foreign.push(...request.segments.map((s) => s.text));
    foreign.splice(0, Math.max(0, foreign.length - 500));
    answer([{ toolUse: { toolUseId: randomUUID(), name: toolName, input: draft } }], 'tool_use');
  }

  async function handleApi(req: Incoming, res: Reply, path: string, text: string): Promise<void> {
    const requestId = randomUUID();
    try {
      const route = ROUTE.exec(path);
      if (req.method !== 'POST' || !route) throw new ServiceError('ResourceNotFoundException', 'Unknown operation.');
      if (opts.requireSignature !== false && !String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
        throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      const modelId = decodeURIComponent(route[1] ?? '');
      const operation = route[2] === 'converse' ? 'Converse' : 'CountTokens';
      if (opts.models !== undefined && !opts.models.includes(modelId)) {
        log.push({ operation, modelId, at: new Date().toISOString(), behaviour: 'denied', segmentCount: 0 });
        throw new ServiceError('AccessDeniedException', "You don't have access to the model with the specified model ID.");
      }
      const body = parseBody(text);
      if (operation === 'CountTokens') {
        log.push({ operation, modelId, at: new Date().toISOString(), behaviour: 'faithful', segmentCount: 0 });
        writeJson(res, requestId, { inputTokens: Math.max(1, Math.ceil(text.length / 4)) });
        return;
      }
      await converse(res, requestId, modelId, body);
    } catch (err) {
      if (!res.headersSent)
        writeError(
          res,
          requestId,
          err instanceof ServiceError ? err : new ServiceError('InternalServerException', 'Internal server error.'),
        );
    }
  }

  const control = {
    script: (...b: Behaviour[]) => script.push(...b),
    setDefault: (b: Behaviour) => script.setDefault(b),
    calls: () => log.map((e) => ({ ...e })),
    reset: () => {
      script.clear();
      log.length = 0;
      foreign.length = 0;
    },
  };

  function handleControl(req: Incoming, res: Reply, path: string, text: string): void {
    try {
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (req.method === 'POST' && path === '/_emulator/script') control.script(...((body['behaviours'] as Behaviour[]) ?? []));
      else if (req.method === 'PUT' && path === '/_emulator/default') control.setDefault(body as Behaviour);
      else if (req.method === 'POST' && path === '/_emulator/reset') control.reset();
      else if (req.method === 'GET' && path === '/_emulator/calls') return writeJson(res, randomUUID(), { calls: control.calls() });
      else return writeJson(res, randomUUID(), { error: 'not_found' }, 404);
      writeJson(res, randomUUID(), { ok: true });
    } catch (err) {
      writeJson(
        res,
        randomUUID(),
        { error: 'invalid_control_request', detail: err instanceof Error ? err.message.slice(0, 500) : '' },
        400,
      );
    }
  }

  const handle = (req: Incoming, res: Reply) => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    readBody(req)
      .then((text) => (path.startsWith('/_emulator/') ? handleControl(req, res, path, text) : handleApi(req, res, path, text)))
      .catch((err: unknown) => {
        if (!res.headersSent)
          writeError(
            res,
            randomUUID(),
            err instanceof ServiceError ? err : new ServiceError('InternalServerException', 'Internal server error.'),
          );
      });
  };
  // HTTP/1.1: the Bedrock endpoint accepts it, and node's HTTP/2 server cannot share a cleartext
  // port with HTTP/1.1 clients; services give the SDK its HTTP/1.1 handler for an http:// endpoint.
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  return {
    ...control,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { isErrorType };
