import type { Role } from '@medicdraft/contracts';

/** A single-use enrolment link on its way to the user it was made for. */
export interface EnrolmentMessage {
  tenantId: string;
  /** The user's canonical e-mail address: the only recipient. */
  to: string;
  role: Role;
  purpose: 'create' | 'reset';
  /** `<public url>/enrol#tenant=…&token=…`: the token sits in the fragment, which browsers never send to a server. */
  link: string;
  token: string;
  expiresAt: Date;
}

/**
 * Carries an enrolment link to the user, and to nobody else: the admin or owner who created or
 * reset the user never sees it (the API answers only that a link was sent). Implementations own
 * their transport and must not log the link or the token. `deliver` resolves once the message is
 * handed to the transport (SMTP server accepted it, file written); it rejects when that failed.
 */
export interface EnrolmentDelivery {
  /** Short name for logs and readiness (`smtp`, `maildrop`, …). */
  readonly kind: string;
  deliver(message: EnrolmentMessage): Promise<void>;
  close(): Promise<void>;
}
