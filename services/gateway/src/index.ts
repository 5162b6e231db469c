export { loadGatewayConfig, type GatewayConfig } from './config.js';
export {
  startGatewayService,
  GATEWAY_ROLE,
  GATEWAY_SCHEMA,
  DEFAULT_AUTH,
  DEFAULT_ENROLMENT,
  DEFAULT_LIMITS,
  type GatewayServiceDeps,
  type GatewayAuthSettings,
} from './service.js';
export type { SeedTenant } from './identity/seed-users.js';
/** RFC 6238 code of a TOTP secret at an instant (e2e and tooling sign in as the seeded MFA users). */
export { totpAt } from './identity/totp.js';
export type { EnrolmentDelivery, EnrolmentMessage } from './enrolment/enrolment-delivery.port.js';
export { createMaildropEnrolmentDelivery } from './enrolment/maildrop-enrolment-delivery.js';
export { createSmtpEnrolmentDelivery } from './enrolment/smtp-enrolment-delivery.js';
