import { z } from 'zod';

/** One seeded demo user as the gateway logs it (`demoCredential`), once, when it creates the user. */
const DemoSignInSchema = z.object({
  tenant: z.string(),
  email: z.string(),
  role: z.string(),
  oneTimePassword: z.string(),
  totpKey: z.string().optional(),
  totpUri: z.string().optional(),
});
export type DemoSignIn = z.infer<typeof DemoSignInSchema>;

const LogLineSchema = z.object({
  demoCredential: DemoSignInSchema.optional().catch(undefined),
  address: z.string().optional().catch(undefined),
  msg: z.string().optional().catch(undefined),
});

/**
 * Watches the process's JSON log lines for what a person needs to sign in: the demo users the
 * gateway created at this start, and the address the service listens on.
 */
export function createDemoSignInTap() {
  const seen: DemoSignIn[] = [];
  let address: string | undefined;
  return {
    see(line: string): void {
      if (!line.includes('"demoCredential"') && !line.includes('"service started"')) return;
      let parsed;
      try {
        parsed = LogLineSchema.safeParse(JSON.parse(line));
      } catch {
        return;
      }
      if (!parsed.success) return;
      if (parsed.data.demoCredential !== undefined) seen.push(parsed.data.demoCredential);
      if (parsed.data.msg === 'service started' && parsed.data.address !== undefined) address ??= parsed.data.address;
    },
    signIns: (): readonly DemoSignIn[] => seen,
    address: () => address,
  };
}

/** The demo sign-ins as one framed block (or, on a later start, where they were shown). */
export function formatDemoSignIns(signIns: readonly DemoSignIn[], url: string): string {
  const tenant = signIns[0]?.tenant;
  const lines =
    signIns.length === 0
      ? [
          `Open ${url}.`,
          'The demo users were created, and their sign-ins printed at the first start of this DATA_DIR.',
          'To start over with new demo users, stop MedicDraft and delete DATA_DIR.',
        ]
      : [
          `Open ${url} and sign in to tenant ${tenant ?? ''} as one of:`,
          '',
          ...table([
            ['role', 'email', 'one-time password', 'TOTP key'],
            ...signIns.map((s) => [s.role, s.email, s.oneTimePassword, s.totpKey ?? '']),
          ]),
          '',
          'Each password works once: the first sign-in sets the user’s own.',
          'Users with a TOTP key also need a code: add the key to an authenticator app.',
          'These sign-ins are printed once and stored nowhere else.',
        ];
  return frame('Demo sign-ins', lines);
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('   ')}`);
}

function frame(title: string, lines: readonly string[]): string {
  const width = Math.max(title.length + 4, ...lines.map((l) => l.length)) + 2;
  const top = `┌─ ${title} ${'─'.repeat(width - title.length - 3)}┐`;
  const body = lines.map((l) => `│ ${l.padEnd(width - 2)} │`);
  return ['', top, ...body, `└${'─'.repeat(width)}┘`, ''].join('\n');
}
