import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, type GatewayHarness } from '../testing/gateway-harness.js';

/** Sends `request` on a fresh connection and resets it at once, before any answer. */
async function sendAndAbort(port: number, request: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(request);
      socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('a client that closes its socket right after sending', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let port: number;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    h = await startGatewayHarness({ logger: createLogger({ service: 'gateway-abort-test', level: 'info', destination: sink }) });
    const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
    port = Number(new URL(address).port);
  });
  afterAll(async () => h?.close());

  it('is not an error: nothing is logged at error level and the gateway keeps answering', async () => {
    const requests = [
      `GET /v1/tenants/${TENANT_A.id}/readiness HTTP/1.1\r\nHost: x\r\n\r\n`,
      'GET /v1/me HTTP/1.1\r\nHost: x\r\n\r\n',
      `POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ` +
        `60\r\n\r\n{"tenant":"${TENANT_A.id}","email":"a@b.c","password":"x"}`,
    ];
    for (let i = 0; i < 30; i++) await sendAndAbort(port, requests[i % requests.length]!);
    await new Promise((r) => setTimeout(r, 200));
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    expect((await h.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
  });
});
