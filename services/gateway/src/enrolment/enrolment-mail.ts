import { ROLE_INFO } from '@medicdraft/contracts';
import type { EnrolmentMessage } from './enrolment-delivery.port.js';

/** The e-mail every transport sends: plain text, the link, its expiry, and what to do if unexpected. */
export function enrolmentMail(m: EnrolmentMessage, from: string) {
  const what =
    m.purpose === 'create' ? `A MedicDraft account (${ROLE_INFO[m.role].title}) was created for you` : 'Your MedicDraft sign-in was reset';
  return {
    from,
    to: m.to,
    subject: m.purpose === 'create' ? 'Set up your MedicDraft account' : 'Set a new MedicDraft password',
    text: [
      `${what} under the organization "${m.tenantId}".`,
      '',
      'Open this link to choose your password (and add the authenticator app if your role needs one):',
      m.link,
      '',
      `The link works once and expires at ${m.expiresAt.toISOString()}.`,
      'If you did not expect this message, ignore it and tell your MedicDraft administrator.',
    ].join('\n'),
  };
}
