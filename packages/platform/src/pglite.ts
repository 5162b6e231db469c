/** The PGlite adapter of the database port: embedded mode and unit tests (loads PGlite). */
export * from './db/pglite-database.js';
