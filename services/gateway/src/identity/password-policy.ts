import { storableText } from '@medicdraft/contracts';

/**
 * A password a user chooses (enrolment, first sign-in): 12 to 1,024 characters, as NIST SP
 * 800-63B advises (length, no composition rules). Compared and hashed exactly as typed.
 */
export const NewPasswordSchema = storableText().min(12, 'a password needs at least 12 characters').max(1024);
