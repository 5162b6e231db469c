#!/usr/bin/env bash
# `npm run test:topology`: the production-topology drills (e2e/src/*.topology.test.ts) on the
# three-broker Kafka (STACK_KAFKA_BROKERS=3) with PgBouncer in front of Postgres. The single-node
# stack, if running, is stopped first (same ports), and the three-broker one is stopped on exit.
# Switching node counts wipes Kafka's test data (scripts/stack/stack.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export STACK_KAFKA_BROKERS=3
start=$SECONDS

bash scripts/stack/stack.sh down
# Empty Kafka storage, as on a fresh clone: earlier runs' topics would only slow the brokers' start.
rm -rf .stack/kafka/data .stack/kafka-2/data .stack/kafka-3/data
trap 'bash scripts/stack/stack.sh down' EXIT
bash scripts/stack/stack.sh up
# The drills run the built services (a no-op when nothing changed since the last build).
npx turbo run build --output-logs=errors-only
(cd e2e && npx vitest run --config ../vitest.topology.config.ts)
printf '[topology] drills passed in %ss (stack start included)\n' "$((SECONDS - start))"
