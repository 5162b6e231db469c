/** The AWS KMS adapter of the key-service port (loads the AWS KMS SDK). */
export * from './keys/kms-key-service.js';
