/** A named probe of a real dependency (Kafka metadata, `SELECT 1`, Redis PING, …). */
export interface DependencyCheck {
  name: string;
  check: () => Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'failed' | 'timeout'>;
}

/**
 * Runs every check concurrently with a timeout. Failure reasons are reduced to a status word:
 * driver error messages can echo connection strings, so they never reach the HTTP response.
 */
export async function runDependencyChecks(checks: readonly DependencyCheck[], timeoutMs = 2_000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([
        check().then(
          () => 'ok' as const,
          () => 'failed' as const,
        ),
        timeout,
      ]);
      clearTimeout(timer);
      return [name, outcome] as const;
    }),
  );
  return { ready: results.every(([, s]) => s === 'ok'), checks: Object.fromEntries(results) };
}
