import { z } from 'zod';
import { MUTATIONS } from './adversarial-draft.js';
import { ERROR_TYPES } from './rest-json-errors.js';

/**
 * What the emulated model does with one Converse call. `faithful` and `mutated` draft from the
 * dictation in the request (never from anything else the emulator knows); `malformed` answers
 * without a usable tool call (prose only, a tool input of the wrong shape, or a cut-off HTTP
 * body); `error` answers with an AWS error type; `delay` waits before doing `then` (a timeout
 * for a client with a shorter bound).
 */
const Leaf = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('faithful'), seed: z.int().default(1) }),
  z.strictObject({ kind: z.literal('mutated'), mutation: z.enum(MUTATIONS), seed: z.int().default(1) }),
  z.strictObject({ kind: z.literal('malformed'), variant: z.enum(['text_only', 'wrong_shape', 'cut_off_body']) }),
  z.strictObject({
    kind: z.literal('error'),
    errorType: z.enum(Object.keys(ERROR_TYPES) as [keyof typeof ERROR_TYPES, ...(keyof typeof ERROR_TYPES)[]]),
    message: z.string().max(500).optional(),
  }),
]);
export const BehaviourSchema = z.union([Leaf, z.strictObject({ kind: z.literal('delay'), ms: z.int().min(0).max(600_000), then: Leaf })]);
export type Behaviour = z.input<typeof BehaviourSchema>;
export type ParsedBehaviour = z.output<typeof BehaviourSchema>;
export type LeafBehaviour = z.output<typeof Leaf>;

/** A queue of scripted behaviours for the next calls, then the default for every later call. */
export class Script {
  private queue: ParsedBehaviour[] = [];
  private fallback: ParsedBehaviour = { kind: 'faithful', seed: 1 };

  push(...behaviours: Behaviour[]): void {
    this.queue.push(...behaviours.map((b) => BehaviourSchema.parse(b)));
  }
  setDefault(b: Behaviour): void {
    this.fallback = BehaviourSchema.parse(b);
  }
  next(): ParsedBehaviour {
    return this.queue.shift() ?? this.fallback;
  }
  clear(): void {
    this.queue = [];
    this.fallback = { kind: 'faithful', seed: 1 };
  }
}
