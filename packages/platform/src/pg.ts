/** The PostgreSQL adapter of the database port (loads pg). */
export * from './db/pg-database.js';
export * from './db/pg-connection-errors.js';
