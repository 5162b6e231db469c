#!/usr/bin/env node
import { z } from 'zod';
import { startBedrockEmulator } from '../emulator-server.js';

/** `bedrock-emulator`: runs the emulator as a process for the stack and e2e tests. */
const Env = z.object({
  BEDROCK_EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  BEDROCK_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(25200),
  /** Comma-separated model ids the emulated account may use; unset = any. */
  BEDROCK_EMULATOR_MODELS: z.string().optional(),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  console.error(`bedrock-emulator: invalid configuration\n${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const env = parsed.data;
const models = env.BEDROCK_EMULATOR_MODELS?.split(',')
  .map((m) => m.trim())
  .filter(Boolean);
const emulator = await startBedrockEmulator({
  host: env.BEDROCK_EMULATOR_HOST,
  port: env.BEDROCK_EMULATOR_PORT,
  ...(models === undefined ? {} : { models }),
});
console.log(JSON.stringify({ msg: 'bedrock emulator listening', url: emulator.url }));

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
