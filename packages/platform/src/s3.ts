/** The S3 adapter of the object-store port (loads the AWS S3 SDK). */
export * from './objects/s3-object-store.js';
