export * from './stack-config.js';
export * from '../db/testing/pg-test-database.js';
