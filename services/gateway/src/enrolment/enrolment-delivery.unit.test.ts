import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { enrolmentDeliveryContract } from './enrolment-delivery.contract.js';
import { createMaildropEnrolmentDelivery } from './maildrop-enrolment-delivery.js';
import { createSmtpEnrolmentDelivery } from './smtp-enrolment-delivery.js';

const FROM = 'MedicDraft <no-reply@medicdraft.invalid>';

enrolmentDeliveryContract('maildrop folder', async () => {
  const root = await mkdtemp(join(tmpdir(), 'medicdraft-maildrop-'));
  const dir = join(root, 'mail');
  const delivery = createMaildropEnrolmentDelivery({ dir, from: FROM });
  return {
    delivery,
    async received() {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.eml'));
      return Promise.all(
        names.map(async (n) => {
          // Readable by the owner alone: the link is a credential until it is used.
          if (((await stat(join(dir, n))).mode & 0o077) !== 0) throw new Error(`${n} is readable by others`);
          const raw = await readFile(join(dir, n), 'utf8');
          return { to: [/^To: (.+)$/m.exec(raw)![1]!.trim()], raw };
        }),
      );
    },
    async close() {
      await delivery.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

enrolmentDeliveryContract('SMTP relay', async () => {
  const got: { to: string[]; raw: string }[] = [];
  // A real SMTP server on loopback (no TLS, no auth: a local relay).
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        got.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const delivery = createSmtpEnrolmentDelivery({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: FROM });
  return {
    delivery,
    received: async () => got,
    async close() {
      await delivery.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
