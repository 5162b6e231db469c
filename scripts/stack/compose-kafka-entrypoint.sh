#!/usr/bin/env bash
# Entry point of the `kafka` container in docker-compose.yml (apache/kafka image): formats the KRaft
# storage with the SCRAM users of the local stack before the image's own start script runs (which
# then finds the storage formatted and leaves it), and supplies the listeners' JAAS settings from
# the password variables, so they are not spelled out in the compose file. Same principals as
# scripts/stack/stack.sh: medicdraft-admin (super user) and medicdraft-<service>.
set -euo pipefail

: "${CLUSTER_ID:?}" "${KAFKA_LOG_DIRS:?}" "${MEDICDRAFT_KAFKA_ADMIN_PASSWORD:?}" "${MEDICDRAFT_KAFKA_CONTROLLER_PASSWORD:?}"
services=(gateway ingest scribe narrative audit readiness)

scram=(--add-scram "SCRAM-SHA-256=[name=medicdraft-admin,password=$MEDICDRAFT_KAFKA_ADMIN_PASSWORD]")
for s in "${services[@]}"; do
  var="MEDICDRAFT_KAFKA_PASSWORD_${s^^}"
  scram+=(--add-scram "SCRAM-SHA-256=[name=medicdraft-$s,password=${!var:?$var is not set}]")
done

format_props="$(mktemp)"
cat >"$format_props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:29093
controller.listener.names=CONTROLLER
listeners=CONTROLLER://localhost:29093
log.dirs=$KAFKA_LOG_DIRS
PROPS
/opt/kafka/bin/kafka-storage.sh format -t "$CLUSTER_ID" -c "$format_props" --ignore-formatted "${scram[@]}"
rm -f "$format_props"

admin_jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"medicdraft-admin\" password=\"$MEDICDRAFT_KAFKA_ADMIN_PASSWORD\";"
export KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___256_SASL_JAAS_CONFIG="$admin_jaas"
export KAFKA_LISTENER_NAME_EXTERNAL_SCRAM___SHA___256_SASL_JAAS_CONFIG="$admin_jaas"
export KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"medicdraft-controller\" password=\"$MEDICDRAFT_KAFKA_CONTROLLER_PASSWORD\" user_medicdraft-controller=\"$MEDICDRAFT_KAFKA_CONTROLLER_PASSWORD\";"

# For the healthcheck (kafka-topics.sh --command-config).
umask 077
cat >/tmp/admin-client.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=$admin_jaas
PROPS
exec /etc/kafka/docker/run
