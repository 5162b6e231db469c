import { describe, expect, it } from 'vitest';
import type { EnrolmentDelivery, EnrolmentMessage } from './enrolment-delivery.port.js';

/** What a delivered message looked like to its recipient: the raw RFC 5322 text. */
export interface DeliveryUnderTest {
  delivery: EnrolmentDelivery;
  /** Every message the transport handed on, as received (SMTP DATA, file content). */
  received(): Promise<{ to: string[]; raw: string }[]>;
  close(): Promise<void>;
}

const message = (over: Partial<EnrolmentMessage> = {}): EnrolmentMessage => ({
  tenantId: 'south-metro-fire',
  to: 'new.medic@example.invalid',
  role: 'provider',
  purpose: 'create',
  link: 'https://medicdraft.example/enrol#tenant=south-metro-fire&token=' + 'A'.repeat(43),
  token: 'A'.repeat(43),
  expiresAt: new Date('2026-12-05T08:00:00.000Z'),
  ...over,
});

/** The EnrolmentDelivery contract: one message per link, to the user only, carrying the link and its expiry. */
export function enrolmentDeliveryContract(name: string, open: () => Promise<DeliveryUnderTest>): void {
  describe(`EnrolmentDelivery contract: ${name}`, { timeout: 30_000 }, () => {
    it('hands one message to the user alone, with the link and its expiry', async () => {
      const d = await open();
      try {
        await d.delivery.deliver(message());
        const got = await d.received();
        expect(got).toHaveLength(1);
        expect(got[0]!.to).toEqual(['new.medic@example.invalid']);
        // The body may be quoted-printable: undo soft line breaks and =XX escapes.
        const raw = got[0]!.raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        expect(raw).toContain(`token=${'A'.repeat(43)}`);
        expect(raw).toContain('2026-12-05T08:00:00.000Z');
        expect(raw).toMatch(/^Subject: Set up your MedicDraft account$/m);
      } finally {
        await d.close();
      }
    });

    it('keeps messages apart and says when a sign-in was reset', async () => {
      const d = await open();
      try {
        await d.delivery.deliver(message({ to: 'a@example.invalid' }));
        await d.delivery.deliver(
          message({
            to: 'b@example.invalid',
            purpose: 'reset',
            token: 'B'.repeat(43),
            link: `https://x.example/enrol#tenant=t&token=${'B'.repeat(43)}`,
          }),
        );
        const got = await d.received();
        expect(got.map((m) => m.to[0]).sort()).toEqual(['a@example.invalid', 'b@example.invalid']);
        const b = got.find((m) => m.to[0] === 'b@example.invalid')!;
        expect(b.raw).toMatch(/^Subject: Set a new MedicDraft password$/m);
        expect(b.raw).not.toContain('A'.repeat(43));
      } finally {
        await d.close();
      }
    });
  });
}
