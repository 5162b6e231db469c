import { randomUUID } from 'node:crypto';

/**
 * Injected so tests can freeze time (no test waits on the wall clock). Returns epoch milliseconds.
 */
export type Clock = () => number;
/** Injected so tests can predict ids. Returns a UUID. */
export type IdGenerator = () => string;

export const systemClock: Clock = () => Date.now();
export const randomId: IdGenerator = () => randomUUID();
