/** The Redis adapter of the coordination port (loads ioredis). */
export * from './coordination/redis-coordination.js';
