import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface BedrockClientOptions {
  region: string | undefined;
  /** Endpoint override (the Bedrock emulator on the stack); unset = the regional AWS endpoint. */
  endpoint?: string | undefined;
  maxAttempts: number;
}

/**
 * The Bedrock Runtime client. Against AWS (https) it keeps the SDK's HTTP/2 handler; against a
 * cleartext `http://` endpoint (the emulator) it uses HTTP/1.1, which the service accepts too,
 * since a cleartext HTTP/2 server cannot also answer HTTP/1.1 clients on the same port.
 */
export function createBedrockClient(opts: BedrockClientOptions): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    maxAttempts: opts.maxAttempts,
    ...(opts.region === undefined ? {} : { region: opts.region }),
    ...(opts.endpoint === undefined ? {} : { endpoint: opts.endpoint }),
    ...(opts.endpoint?.startsWith('http://') ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}
