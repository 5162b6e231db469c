import type { EnrolmentDelivery, EnrolmentMessage } from '../enrolment/enrolment-delivery.port.js';

/** Tests: keeps every enrolment message (the user's inbox) so a test can act as the recipient. */
export function createMemoryEnrolmentDelivery(): EnrolmentDelivery & { sent: EnrolmentMessage[] } {
  const sent: EnrolmentMessage[] = [];
  return {
    kind: 'memory',
    sent,
    async deliver(message) {
      sent.push({ ...message });
    },
    async close() {},
  };
}
