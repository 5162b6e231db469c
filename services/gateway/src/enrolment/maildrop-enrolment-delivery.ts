import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { EnrolmentDelivery } from './enrolment-delivery.port.js';
import { enrolmentMail } from './enrolment-mail.js';

/**
 * Enrolment links as RFC 5322 messages in a directory (one `.eml` file each, readable by the
 * machine's owner only): the embedded mode's mail pickup folder, which a local MTA can also
 * drain. Whoever runs the process can read it — on a single-user demo that is the person
 * enrolling; a shared deployment uses SMTP.
 */
export function createMaildropEnrolmentDelivery(opts: { dir: string; from: string; clock?: () => number }): EnrolmentDelivery {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const clock = opts.clock ?? Date.now;
  return {
    kind: 'maildrop',
    async deliver(message) {
      const { message: raw } = await composer.sendMail(enrolmentMail(message, opts.from));
      await mkdir(opts.dir, { recursive: true, mode: 0o700 });
      const name = `${new Date(clock()).toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      await writeFile(join(opts.dir, name), raw as Buffer, { mode: 0o600, flag: 'wx' });
    },
    async close() {
      composer.close();
    },
  };
}
