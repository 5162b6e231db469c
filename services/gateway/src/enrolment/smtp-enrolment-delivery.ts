import { createTransport } from 'nodemailer';
import type { EnrolmentDelivery } from './enrolment-delivery.port.js';
import { enrolmentMail } from './enrolment-mail.js';

/**
 * Enrolment links by SMTP (the agency's relay, or Amazon SES's SMTP interface), through
 * nodemailer. `url` is `smtp://` or `smtps://` with optional credentials; STARTTLS is required
 * unless the URL says `?requireTLS=false` (loopback relays, tests).
 */
export function createSmtpEnrolmentDelivery(opts: { url: string; from: string }): EnrolmentDelivery {
  const transport = createTransport(opts.url);
  return {
    kind: 'smtp',
    async deliver(message) {
      await transport.sendMail(enrolmentMail(message, opts.from));
    },
    async close() {
      transport.close();
    },
  };
}
