export { loadEmbeddedConfig, type EmbeddedConfig } from './config.js';
export { startEmbeddedServices, type EmbeddedDeps } from './embedded-services.js';
/** The embedded mode's enrolment-link folder (DATA_DIR/mail); tools that start the embedded services use it too. */
export { createMaildropEnrolmentDelivery } from '@medicdraft/gateway';
