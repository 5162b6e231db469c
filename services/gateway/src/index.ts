export { loadGatewayConfig, type GatewayConfig } from './config.js';
export { startGatewayService, GATEWAY_ROLE, GATEWAY_SCHEMA, type GatewayServiceDeps } from './service.js';
