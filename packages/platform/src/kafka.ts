/** The Kafka adapter of the event bus, its client factory and the ACL tooling (loads kafkajs). */
export * from './bus/kafka-event-bus.js';
export { createKafkaClient, type KafkaClientOptions } from './bus/kafka-client.js';
export * from './bus/acls/kafka-acls.js';
export * from './bus/acls/kafka-acl-sync.js';
