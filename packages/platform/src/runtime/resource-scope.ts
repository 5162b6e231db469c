/**
 * A resource and the one way to release it. Every factory of something a host must release
 * (a client, a pool, a connection) hands back this pair, so the host never writes a close list.
 */
export interface Owned<T> {
  resource: T;
  close(): Promise<void>;
}

/** The pair for a resource that closes itself (a bus, a database pool, a coordination client). */
export function owned<T extends { close(): Promise<void> }>(resource: T): Owned<T> {
  return { resource, close: () => resource.close() };
}

/** Registers an opened resource under a name for the logs and returns the resource itself. */
export type Use = <T>(name: string, resource: Owned<T>) => T;

export interface ResourceScope {
  use: Use;
  /**
   * Closes every resource in reverse order of opening (what was opened last may depend on what was
   * opened first). A failing close is reported and the rest still close; idempotent.
   */
  close(onError?: (name: string, err: unknown) => void): Promise<void>;
}

export function createResourceScope(): ResourceScope {
  const opened: { name: string; close(): Promise<void> }[] = [];
  return {
    use(name, resource) {
      opened.push({ name, close: () => resource.close() });
      return resource.resource;
    },
    async close(onError) {
      for (let r = opened.pop(); r !== undefined; r = opened.pop()) {
        try {
          await r.close();
        } catch (err) {
          onError?.(r.name, err);
        }
      }
    },
  };
}
