export { loadEmbeddedConfig, type EmbeddedConfig } from './config.js';
export { startEmbeddedServices, type EmbeddedDeps } from './embedded-services.js';
