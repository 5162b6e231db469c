/** Hosting a service as a process and serving its internal API: fastify apps, the ops listener, the ordered shutdown (loads fastify). */
export * from './runtime/http-errors.js';
export * from './runtime/http-server.js';
export * from './runtime/service-process.js';
export * from './http/internal-api-server.js';
