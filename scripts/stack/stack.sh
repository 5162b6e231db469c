#!/usr/bin/env bash
# Local infrastructure for integration/e2e tests without Docker: Kafka 3.9 (KRaft; one node, or
# three with STACK_KAFKA_BROKERS=3), PostgreSQL with PgBouncer in front of it, Redis and moto, all
# bound to 127.0.0.1 on fixed high ports.
#
#   bash scripts/stack/stack.sh up      # start what is not running, wait until every service answers
#   bash scripts/stack/stack.sh down    # stop everything (idempotent)
#   bash scripts/stack/stack.sh status  # one line per service; exit 1 if any is down
#   bash scripts/stack/stack.sh stop kafka   # stop one service for a fault drill; `up` restarts it
#                                            # (kafka|kafka-N|postgres|pgbouncer|redis|moto)
#   bash scripts/stack/stack.sh kill kafka-2 # SIGKILL one Kafka node (a crash, not a shutdown)
#   bash scripts/stack/stack.sh start kafka-2 # start one Kafka node and wait until it serves
#
# STACK_KAFKA_BROKERS=3 (default 1) runs three combined broker+controller nodes on 29092/29094/29096
# (controllers on 29093/29095/29097); node 1 alone is the default single-node stack. The node count
# is part of the storage stamp: switching between 1 and 3 wipes the Kafka data (test data only).
# Every command acts on the node count it is given, so run `down` with the same STACK_KAFKA_BROKERS
# as `up` (down also stops any node it finds running).
#
# State and logs live in <repo>/.stack/ (logs in .stack/logs/). Binaries come from
# scripts/install-deps.sh; Kafka jars from the shared cache (scripts/stack/fetch-kafka.sh).
# Ports here must match packages/platform/src/testing/stack-config.ts.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state="$repo/.stack"
logs="$state/logs"

# Below the kernel's ephemeral range (32768-60999): a port in it can be held, now and then, by some
# outgoing connection's local end, and the listener then fails with "address already in use".
readonly KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 PG_PORT=25432 PGBOUNCER_PORT=26432 REDIS_PORT=26379 MOTO_PORT=25000
readonly PG_SUPERUSER=medicdraft_admin PG_PASSWORD=medicdraft PG_DATABASE=medicdraft
# Kafka principals of this throwaway stack (SASL/SCRAM-SHA-256). The admin is the super user that
# tests and the ACL command use; each service has its own user, named medicdraft-<service>, whose
# password is "<service>-stack-secret". Must match packages/platform/src/testing/stack-config.ts.
readonly KAFKA_ADMIN_USER=medicdraft-admin KAFKA_ADMIN_PASSWORD=admin-stack-secret
readonly KAFKA_SERVICES="gateway ingest scribe narrative audit readiness"
# Used only between the node's broker and controller halves (SASL/PLAIN on the controller port).
readonly KAFKA_CONTROLLER_USER=medicdraft-controller KAFKA_CONTROLLER_PASSWORD=controller-stack-secret
# Seconds to wait for each service to become ready; Kafka's JVM is slow on a busy 2-core CI box.
KAFKA_TIMEOUT="${STACK_KAFKA_TIMEOUT:-180}"
KAFKA_NODES="${STACK_KAFKA_BROKERS:-1}"
[[ "$KAFKA_NODES" == 1 || "$KAFKA_NODES" == 3 ]] || { echo "[stack] ERROR: STACK_KAFKA_BROKERS must be 1 or 3" >&2; exit 2; }
SERVICE_TIMEOUT="${STACK_SERVICE_TIMEOUT:-60}"

say() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive <pidfile> <cmdline-substring>: the pidfile names a live process that is really ours
# (guards against a recycled pid after a reboot or a deleted process).
pid_alive() {
  local pid
  [[ -s "$1" ]] || return 1
  pid="$(<"$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Read into a variable, not piped into `grep -q`: with pipefail, grep quitting early can fail the pipe.
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$2"* ]]
}

# stop_pid <name> <pidfile> <cmdline-substring> <seconds>: SIGTERM, wait, SIGKILL as last resort.
stop_pid() {
  local name="$1" pidfile="$2" pattern="$3" limit="$4" pid i
  if ! pid_alive "$pidfile" "$pattern"; then rm -f "$pidfile"; say "$name: not running"; return 0; fi
  pid="$(<"$pidfile")"
  say "$name: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < limit * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; say "$name: stopped"; return 0; }
    sleep 0.2
  done
  say "$name: still alive after ${limit}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# wait_for <name> <seconds> <logfile> <alive-check> <command...>: poll until the command succeeds;
# give up early when the alive-check (e.g. "is the process still there?") fails.
wait_for() {
  local name="$1" limit="$2" logfile="$3" alive="$4" start=$SECONDS next=5
  shift 4
  until "$@" >/dev/null 2>&1; do
    # Looked at twice, 0.5 s apart: while the launcher shell execs the server, /proc/<pid>/cmdline can
    # read empty for a moment, and a loaded box once failed a CI run on that ("moto exited during
    # startup" with an empty log, the same pid alive and stopped at teardown).
    if ! "$alive" && ! { sleep 0.5 && "$alive"; }; then
      printf '[stack] ERROR: %s exited during startup. Last lines of %s:\n' "$name" "$logfile" >&2
      tail -n 25 "$logfile" >&2 2>/dev/null || true
      die "$name failed to start; full log: $logfile"
    fi
    if ((SECONDS - start >= limit)); then
      printf '[stack] ERROR: %s not ready after %ss. Last lines of %s:\n' "$name" "$limit" "$logfile" >&2
      tail -n 25 "$logfile" >&2 2>/dev/null || true
      die "$name failed to start; full log: $logfile"
    fi
    if ((SECONDS - start >= next)); then say "$name: still waiting ($((SECONDS - start))s)..."; next=$((next + 10)); fi
    sleep 0.5
  done
}

refuse_foreign_port() {
  port_open "$2" && die "$1: port 127.0.0.1:$2 is already used by a process this script did not start ($(port_owner "$2")). Stop it or free the port."
  return 0
}
port_owner() { command -v ss >/dev/null && ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -n1 || echo "unknown owner"; }

# The launcher shell writes the pidfile right after the fork; wait for it so alive-checks are meaningful.
await_pidfile() {
  local i
  for ((i = 0; i < 100; i++)); do [[ -s "$1" ]] && return 0; sleep 0.1; done
  die "no pidfile $1 after 10s"
}

# Rotate a log so each start begins with a clean file but the previous run stays inspectable.
fresh_log() { [[ -f "$1" ]] && mv -f "$1" "$1.1"; : >"$1"; }

# ---------------------------------------------------------------- Kafka
# Node n (1-based) listens on KAFKA_PORT + 2(n-1) and its controller on the port after it. Node 1
# keeps the single-node paths (.stack/kafka, logs/kafka.log); nodes 2 and 3 use kafka-2, kafka-3.
kafka_libs=""
node_dir() { if (($1 == 1)); then echo "$state/kafka"; else echo "$state/kafka-$1"; fi; }
node_pid() { echo "$(node_dir "$1")/kafka.pid"; }
node_log() { if (($1 == 1)); then echo "$logs/kafka.log"; else echo "$logs/kafka-$1.log"; fi; }
node_port() { echo $((KAFKA_PORT + 2 * ($1 - 1))); }
node_controller_port() { echo $((KAFKA_CONTROLLER_PORT + 2 * ($1 - 1))); }
kafka_dir="$(node_dir 1)"
# Every node that may be running (for down/status, whatever STACK_KAFKA_BROKERS says now).
all_nodes() { local n; for n in 1 2 3; do if ((n <= KAFKA_NODES)) || [[ -s "$(node_pid "$n")" ]]; then echo "$n"; fi; done; }
nodes() { seq 1 "$KAFKA_NODES"; }

# Short-lived Kafka CLI classes (storage format, readiness probe); bounded so a hung probe cannot stall `up`.
kafka_java() {
  timeout 120 java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$here/tools-log4j.properties" -cp "$kafka_libs/*" "$@"
}
need_kafka_libs() {
  [[ -n "$kafka_libs" ]] && return 0
  command -v java >/dev/null || die "java not found; run scripts/install-deps.sh"
  kafka_libs="$(bash "$here/fetch-kafka.sh")" || die "could not obtain the Kafka jars (see scripts/stack/fetch-kafka.sh)"
}
node_running() { pid_alive "$(node_pid "$1")" kafka.Kafka; }
kafka_running() { local n; for n in $(nodes); do node_running "$n" || return 1; done; }
kafka_ports_open() { local n; for n in $(nodes); do port_open "$(node_port "$n")" || return 1; done; }
# A metadata round trip through the client port: TCP alone is open before the broker is unfenced.
# With three nodes every one must be registered and unfenced before the cluster counts as up.
node_metadata_ok() {
  local out
  port_open "$(node_port "$1")" || return 1
  out="$(kafka_java kafka.admin.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$(node_port "$1")" \
    --command-config "$kafka_dir/admin-client.properties")" || return 1
  (($(grep -c '^127\.0\.0\.1:' <<<"$out") >= KAFKA_NODES))
}
# The node answers and the cluster lists it (registered and unfenced), whether or not its peers are up.
node_serving() {
  port_open "$(node_port "$1")" || return 1
  kafka_java kafka.admin.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$(node_port "$1")" \
    --command-config "$kafka_dir/admin-client.properties" | grep -q "^127\.0\.0\.1:$(node_port "$1") "
}

# Every SCRAM user the storage is formatted with; a change means the storage must be formatted again.
kafka_scram_args() {
  local svc
  printf -- '--add-scram\nSCRAM-SHA-256=[name=%s,password=%s]\n' "$KAFKA_ADMIN_USER" "$KAFKA_ADMIN_PASSWORD"
  for svc in $KAFKA_SERVICES; do printf -- '--add-scram\nSCRAM-SHA-256=[name=medicdraft-%s,password=%s-stack-secret]\n' "$svc" "$svc"; done
}
# The node count is part of it: a node formatted for another quorum could never join this one.
kafka_auth_stamp() {
  local nodes_part=""
  ((KAFKA_NODES == 1)) || nodes_part=" nodes=$KAFKA_NODES"
  printf 'scram-sha-256 standard-authorizer %s %s%s\n' "$KAFKA_ADMIN_USER" "$KAFKA_SERVICES" "$nodes_part"
}

kafka_quorum_voters() {
  local n voters=""
  for n in $(nodes); do voters+="${voters:+,}$n@127.0.0.1:$(node_controller_port "$n")"; done
  echo "$voters"
}

kafka_render_config() {
  local n="$1" dir rf=1 isr=1
  dir="$(node_dir "$n")"
  if ((KAFKA_NODES >= 3)); then rf=3; isr=2; fi
  sed -e "s|@KAFKA_PORT@|$(node_port "$n")|g" -e "s|@KAFKA_CONTROLLER_PORT@|$(node_controller_port "$n")|g" \
    -e "s|@KAFKA_NODE_ID@|$n|g" -e "s|@KAFKA_QUORUM_VOTERS@|$(kafka_quorum_voters)|g" \
    -e "s|@KAFKA_REPLICATION_FACTOR@|$rf|g" -e "s|@KAFKA_MIN_ISR@|$isr|g" \
    -e "s|@KAFKA_DATA_DIR@|$dir/data|g" \
    -e "s|@KAFKA_ADMIN_USER@|$KAFKA_ADMIN_USER|g" -e "s|@KAFKA_ADMIN_PASSWORD@|$KAFKA_ADMIN_PASSWORD|g" \
    -e "s|@KAFKA_CONTROLLER_USER@|$KAFKA_CONTROLLER_USER|g" -e "s|@KAFKA_CONTROLLER_PASSWORD@|$KAFKA_CONTROLLER_PASSWORD|g" \
    "$here/server.properties.template" >"$dir/server.properties"
  # A crashed node must be noticed in seconds, not after the defaults' 9 s, or the failover drills
  # measure Kafka's patience rather than the services: a broker is fenced 3 s after its last
  # heartbeat, a new controller elected 2 s after the last one went quiet. Still loose enough for
  # three JVMs on a busy 2-core box.
  if ((KAFKA_NODES >= 3)); then
    cat >>"$dir/server.properties" <<EOF

# Three-node failover tuning (stack.sh, STACK_KAFKA_BROKERS=3).
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
controller.quorum.election.timeout.ms=1000
controller.quorum.fetch.timeout.ms=2000
unclean.leader.election.enable=false
num.io.threads=2
EOF
  else
    # One node has no one to fail over to: fencing itself because its own heartbeat to its own
    # controller came late (a busy 2-core box after a restart) only leaves every partition without
    # a leader, and the clients see "not the leader" and "not the coordinator" for minutes.
    cat >>"$dir/server.properties" <<EOF

# Single-node tuning (stack.sh): a late heartbeat to itself must not fence the only broker.
broker.session.timeout.ms=60000
EOF
  fi
  cat >"$kafka_dir/admin-client.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_ADMIN_USER" password="$KAFKA_ADMIN_PASSWORD";
EOF
  chmod 600 "$dir/server.properties" "$kafka_dir/admin-client.properties"
}

# Storage formatted by an older version of this script (no SCRAM users) or for another node count
# holds only test data: every node's storage is wiped and formatted again.
kafka_drop_stale_storage() {
  local n
  [[ -f "$kafka_dir/data/meta.properties" ]] || return 0
  [[ "$(cat "$kafka_dir/auth.stamp" 2>/dev/null)" == "$(kafka_auth_stamp)" ]] && return 0
  say "kafka: storage was formatted for other users or another node count; wiping it (test data only)"
  for n in 1 2 3; do rm -rf "$(node_dir "$n")/data"; done
  rm -f "$kafka_dir/auth.stamp" "$kafka_dir/cluster.id"
}

node_start() {
  local n="$1" dir pid log
  local -a heap
  dir="$(node_dir "$n")"; pid="$(node_pid "$n")"; log="$(node_log "$n")"
  if node_running "$n"; then say "kafka-$n: already running (pid $(<"$pid"))"; return 0; fi
  rm -f "$pid"
  refuse_foreign_port "kafka-$n" "$(node_port "$n")"
  refuse_foreign_port "kafka-$n-controller" "$(node_controller_port "$n")"
  mkdir -p "$dir/data"
  kafka_render_config "$n"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    say "kafka-$n: formatting KRaft storage with SCRAM users (first start)"
    local -a scram
    mapfile -t scram < <(kafka_scram_args)
    kafka_java kafka.tools.StorageTool format -t "$(<"$kafka_dir/cluster.id")" \
      -c "$dir/server.properties" --ignore-formatted "${scram[@]}" >>"$logs/kafka-format.log" 2>&1 \
      || die "kafka-$n: storage format failed; see $logs/kafka-format.log"
  fi
  fresh_log "$log"
  # Three JVMs share the 2-core box with everything else: half the single node's heap each.
  if ((KAFKA_NODES >= 3)); then heap=(-Xms128m -Xmx256m); else heap=(-Xms256m -Xmx512m); fi
  say "kafka-$n: starting on 127.0.0.1:$(node_port "$n") (log: $log)"
  # setsid: the broker must outlive the shell (and its process group) that ran `up`.
  # The inner shell writes its own pid then execs java, so the pidfile is the JVM's pid.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pid" \
    java "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$here/log4j.properties" \
    -cp "$kafka_libs/*" kafka.Kafka "$dir/server.properties" \
    >>"$log" 2>&1 </dev/null 8>&- &
  await_pidfile "$pid"
}

kafka_start() {
  local n
  need_kafka_libs
  kafka_drop_stale_storage
  mkdir -p "$kafka_dir"
  [[ -s "$kafka_dir/cluster.id" ]] || kafka_java kafka.tools.StorageTool random-uuid >"$kafka_dir/cluster.id"
  for n in $(nodes); do node_start "$n"; done
  kafka_auth_stamp >"$kafka_dir/auth.stamp"
}

# wait_for's alive-check takes no arguments: the node being waited for is a global.
waiting_node=1
waiting_node_running() { node_running "$waiting_node"; }
kafka_wait() {
  local start=$SECONDS
  need_kafka_libs
  for waiting_node in $(nodes); do
    wait_for "kafka-$waiting_node (tcp $(node_port "$waiting_node"))" "$KAFKA_TIMEOUT" "$(node_log "$waiting_node")" \
      waiting_node_running port_open "$(node_port "$waiting_node")"
  done
  for waiting_node in $(nodes); do
    wait_for "kafka-$waiting_node (metadata)" "$KAFKA_TIMEOUT" "$(node_log "$waiting_node")" \
      waiting_node_running node_metadata_ok "$waiting_node"
  done
  say "kafka: $KAFKA_NODES node(s) ready (${SECONDS}s since script start, $((SECONDS - start))s waiting)"
}

node_stop() { stop_pid "kafka-$1" "$(node_pid "$1")" kafka.Kafka 90; }
# All nodes at once: stopped one by one, the last ones lose their quorum and wait for a controller
# that never answers. Whatever is still alive after 30 s is killed (test data only).
kafka_stop() {
  local n pid i alive
  local -a pids=()
  for n in $(all_nodes); do
    if node_running "$n"; then pid="$(<"$(node_pid "$n")")"; say "kafka-$n: stopping (pid $pid)"; kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid")
    else say "kafka-$n: not running"; fi
    rm -f "$(node_pid "$n")"
  done
  for ((i = 0; i < 150; i++)); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || { ((${#pids[@]} == 0)) || say "kafka: stopped"; return 0; }
    sleep 0.2
  done
  say "kafka: still alive after 30s, sending SIGKILL"
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
# A crash, not a shutdown: no controlled leadership hand-over, no clean log close.
node_kill() {
  local pid
  if ! node_running "$1"; then say "kafka-$1: not running"; return 0; fi
  pid="$(<"$(node_pid "$1")")"
  say "kafka-$1: SIGKILL (pid $pid)"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(node_pid "$1")"
}

# ---------------------------------------------------------------- PostgreSQL
pg_bin="${PG_BIN:-}"
if [[ -z "$pg_bin" ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
fi
# Postgres refuses to run as root: as root we run it as the `postgres` OS user, otherwise as ourselves.
if ((EUID == 0)); then pg_user=postgres; else pg_user="$(id -un)"; fi
runuser_bin="$(command -v runuser || echo /usr/sbin/runuser)"
as_pg() {
  if ((EUID == 0)); then (cd / && "$runuser_bin" -u "$pg_user" -- "$@"); else "$@"; fi
}
# The postgres user must be able to reach its data dir; a repo under a 0700 home is not reachable,
# so then the cluster lives under /var/tmp (keyed by repo path) and .stack/postgres links to it.
pg_root="$state/postgres"
pg_root_fallback="/var/tmp/medicdraft-stack-$(printf '%s' "$repo" | sha256sum | cut -c1-12)/postgres"
pg_resolve_root() {
  if [[ -L "$pg_root" ]]; then pg_root="$(readlink -f "$pg_root")"; return 0; fi
  [[ -d "$pg_root" ]] && return 0
  mkdir -p "$state"
  if ((EUID != 0)) || as_pg test -x "$state"; then
    mkdir -p "$pg_root"
  else
    mkdir -p "$pg_root_fallback"
    ln -sfn "$pg_root_fallback" "$pg_root"
    say "postgres: $state is not reachable by the postgres user; cluster lives in $pg_root_fallback"
    pg_root="$pg_root_fallback"
  fi
}
pg_data() { echo "$pg_root/data"; }
pg_sock() { echo "$pg_root/run"; }
pg_log="$logs/postgres.log"

pg_running() { [[ -f "$(pg_data)/PG_VERSION" ]] && as_pg "$pg_bin/pg_ctl" -D "$(pg_data)" status >/dev/null 2>&1; }
pg_ready() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres; }
pg_psql() { "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_sock)" -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"; }

pg_init() {
  local pwfile
  say "postgres: initdb ($pg_bin, data in $(pg_data))"
  mkdir -p "$(pg_data)" "$(pg_sock)"
  [[ $EUID -eq 0 ]] && chown -R "$pg_user:" "$pg_root"
  chmod 700 "$(pg_data)"
  pwfile="$pg_root/.pwfile"
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  [[ $EUID -eq 0 ]] && chown "$pg_user:" "$pwfile"
  # Local socket is trusted (only this machine's users; the socket dir is ours); TCP needs the password.
  as_pg "$pg_bin/initdb" -D "$(pg_data)" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
    >>"$logs/postgres-initdb.log" 2>&1 || { rm -f "$pwfile"; die "postgres: initdb failed; see $logs/postgres-initdb.log"; }
  rm -f "$pwfile"
  printf "\ninclude_if_exists = 'medicdraft.conf'\n" >>"$(pg_data)/postgresql.conf"
}

pg_write_conf() {
  # Rewritten on every start so ports and paths always match this script.
  cat >"$(pg_data)/medicdraft.conf" <<EOF
# Written by scripts/stack/stack.sh on each start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$(pg_sock)'
max_connections = 200
# Test-only speedups: durability is traded for speed. A crash of this throwaway cluster may corrupt
# it (then: stack.sh down; rm -rf .stack). Never copy these three settings to a real deployment.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  [[ $EUID -eq 0 ]] && chown "$pg_user:" "$(pg_data)/medicdraft.conf"
  return 0
}

pg_start() {
  [[ -n "$pg_bin" && -x "$pg_bin/pg_ctl" ]] || die "postgres: server binaries not found under /usr/lib/postgresql/*/bin; run scripts/install-deps.sh"
  pg_resolve_root
  if pg_running; then say "postgres: already running"; return 0; fi
  refuse_foreign_port postgres "$PG_PORT"
  [[ -f "$(pg_data)/PG_VERSION" ]] || pg_init
  mkdir -p "$(pg_sock)"
  pg_write_conf
  if [[ $EUID -eq 0 ]]; then
    chown "$pg_user:" "$(pg_sock)"
    # The server appends to its log file: it needs the file, not the (root-owned) logs dir.
    if as_pg test -x "$logs"; then
      [[ -L "$pg_log" ]] && rm -f "$pg_log"
    else
      ln -sfn "$pg_root/postgres.log" "$pg_log"; pg_log="$pg_root/postgres.log"
    fi
    touch "$pg_log" && chown "$pg_user:" "$pg_log"
  fi
  chmod 755 "$(pg_sock)"
  say "postgres: starting on 127.0.0.1:$PG_PORT (log: $logs/postgres.log)"
  as_pg "$pg_bin/pg_ctl" -D "$(pg_data)" -l "$pg_log" -w -t "$SERVICE_TIMEOUT" start >/dev/null 8>&- \
    || { tail -n 25 "$pg_log" >&2 || true; die "postgres failed to start; full log: $pg_log"; }
}

pg_wait() {
  wait_for postgres "$SERVICE_TIMEOUT" "$pg_log" pg_running pg_ready
  if [[ "$(pg_psql -d postgres -tAc "select 1 from pg_database where datname = '$PG_DATABASE'")" != 1 ]]; then
    say "postgres: creating database $PG_DATABASE"
    pg_psql -d postgres -c "create database $PG_DATABASE"
  fi
  # The login the tests use: password over TCP.
  PGPASSWORD="$PG_PASSWORD" "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d "$PG_DATABASE" \
    -tAc 'select 1' >/dev/null || die "postgres: TCP login as $PG_SUPERUSER failed; see $pg_log"
  say "postgres: ready"
}

pg_stop() {
  if [[ -e "$pg_root" ]] && pg_resolve_root && [[ -n "$pg_bin" ]] && pg_running; then
    say "postgres: stopping"
    as_pg "$pg_bin/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 stop >/dev/null
    say "postgres: stopped"
  else
    say "postgres: not running"
  fi
}

# ---------------------------------------------------------------- PgBouncer
# Transaction pooling in front of Postgres, on its own port. The services' DATABASE_URL may point
# here (the e2e and topology tiers do); LISTEN and the operator tools use Postgres directly (see
# docs/operations.md, "Connection pooling"). Any database name is passed through (`*`), so the
# per-test databases need no configuration. PgBouncer refuses to run as root: like Postgres it runs
# as the postgres user, with its files beside the cluster.
pgb_bin="${PGBOUNCER_BIN:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}"
pgb_dir() { echo "$pg_root/pgbouncer"; }
pgb_pid() { echo "$(pgb_dir)/pgbouncer.pid"; }
pgb_log="$logs/pgbouncer.log"
pgb_running() { pid_alive "$(pgb_pid)" pgbouncer; }
pgb_ready() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=3 "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$PGBOUNCER_PORT" -U "$PG_SUPERUSER" \
    -d "$PG_DATABASE" -tAc 'select 1' >/dev/null 2>&1
}

pgb_write_conf() {
  local dir
  dir="$(pgb_dir)"
  mkdir -p "$dir"
  # The one login of this stack; PgBouncer answers SCRAM itself and logs in to Postgres with it.
  printf '"%s" "%s"\n' "$PG_SUPERUSER" "$PG_PASSWORD" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
; Written by scripts/stack/stack.sh on each start; edits are overwritten.
[databases]
* = host=127.0.0.1 port=$PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
pidfile = $(pgb_pid)
logfile = $pgb_log
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
; Server connections per (database, user): the per-test databases each get a pool of their own.
default_pool_size = 20
; Within the default 1024 open files: every client and server connection is one.
max_client_conn = 500
server_reset_query =
server_check_delay = 5
server_connect_timeout = 5
; A killed server connection (Postgres restart) is retried, not handed out.
server_login_retry = 1
; A client waiting for a server connection (Postgres down) gets an error after 10 s instead of the
; default 120 s, so a request fails closed with a 503 rather than hanging while Postgres is away.
query_wait_timeout = 10
ignore_startup_parameters = extra_float_digits,options
log_connections = 0
log_disconnections = 0
EOF
  chmod 600 "$dir/userlist.txt" "$dir/pgbouncer.ini"
  ((EUID == 0)) && chown -R "$pg_user:" "$dir"
  return 0
}

pgb_start() {
  [[ -x "$pgb_bin" ]] || die "pgbouncer not found; run scripts/install-deps.sh"
  pg_resolve_root
  if pgb_running; then say "pgbouncer: already running (pid $(<"$(pgb_pid)"))"; return 0; fi
  rm -f "$(pgb_pid)"
  refuse_foreign_port pgbouncer "$PGBOUNCER_PORT"
  mkdir -p "$(pgb_dir)"
  # The postgres user appends to the log: it needs the file (or, out of its reach, a link to one beside the cluster).
  if ((EUID == 0)); then
    if as_pg test -x "$logs"; then
      [[ -L "$pgb_log" ]] && rm -f "$pgb_log"
    else
      ln -sfn "$(pgb_dir)/pgbouncer.log" "$pgb_log"; pgb_log="$(pgb_dir)/pgbouncer.log"
    fi
    touch "$pgb_log" && chown "$pg_user:" "$pgb_log"
  fi
  pgb_write_conf
  say "pgbouncer: starting on 127.0.0.1:$PGBOUNCER_PORT, transaction pooling (log: $logs/pgbouncer.log)"
  as_pg "$pgb_bin" -d -q "$(pgb_dir)/pgbouncer.ini" 8>&- || die "pgbouncer failed to start; see $pgb_log"
  await_pidfile "$(pgb_pid)"
}
pgb_wait() { wait_for pgbouncer "$SERVICE_TIMEOUT" "$pgb_log" pgb_running pgb_ready; say "pgbouncer: ready"; }
# SIGINT is PgBouncer's immediate shutdown: clients lose their connections, as in a crash of the pooler.
pgb_stop() {
  [[ -e "$pg_root" ]] || { say "pgbouncer: not running"; return 0; }
  pg_resolve_root
  local pid
  if ! pgb_running; then rm -f "$(pgb_pid)"; say "pgbouncer: not running"; return 0; fi
  pid="$(<"$(pgb_pid)")"
  say "pgbouncer: stopping (pid $pid)"
  kill -INT "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(pgb_pid)"
  say "pgbouncer: stopped"
}

# ---------------------------------------------------------------- Redis
redis_dir="$state/redis"
redis_pid="$redis_dir/redis.pid"
redis_log="$logs/redis.log"
redis_running() { pid_alive "$redis_pid" redis-server; }
redis_ready() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

redis_start() {
  command -v redis-server >/dev/null || die "redis-server not found; run scripts/install-deps.sh"
  if redis_running; then say "redis: already running (pid $(<"$redis_pid"))"; return 0; fi
  rm -f "$redis_pid"
  refuse_foreign_port redis "$REDIS_PORT"
  mkdir -p "$redis_dir"
  say "redis: starting on 127.0.0.1:$REDIS_PORT (log: $redis_log)"
  # No persistence: test data is throwaway and fork-for-save would only add latency.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$redis_dir" --pidfile "$redis_pid" --logfile "$redis_log" 8>&- \
    || die "redis failed to start; see $redis_log"
  # The daemon writes its pidfile after forking: without it the alive-check would call a starting redis dead.
  await_pidfile "$redis_pid"
}
redis_wait() { wait_for redis "$SERVICE_TIMEOUT" "$redis_log" redis_running redis_ready; say "redis: ready"; }

# SIGTERM is redis' own graceful shutdown (nothing to save: persistence is off).
redis_stop() { stop_pid redis "$redis_pid" redis-server 20; }

# ---------------------------------------------------------------- moto
moto_dir="$state/moto"
moto_pid="$moto_dir/moto.pid"
moto_log="$logs/moto.log"
moto_bin() {
  local cached="${MEDICDRAFT_CACHE:-$HOME/.cache/medicdraft}/moto-venv/bin/moto_server"
  if [[ -n "${MOTO_SERVER:-}" ]]; then echo "$MOTO_SERVER"
  elif [[ -x "$cached" ]]; then echo "$cached"
  else command -v moto_server || return 1
  fi
}
moto_running() { pid_alive "$moto_pid" moto_server; }
# /moto-api/data.json serialises every stored resource and answers 500 once some exist
# (seen after the S3 multipart tests), so readiness asks for the static dashboard instead.
moto_ready() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MOTO_PORT/moto-api/"; }

moto_start() {
  local bin
  bin="$(moto_bin)" || die "moto_server not found; run scripts/install-deps.sh"
  if moto_running; then say "moto: already running (pid $(<"$moto_pid"))"; return 0; fi
  rm -f "$moto_pid"
  refuse_foreign_port moto "$MOTO_PORT"
  mkdir -p "$moto_dir"
  fresh_log "$moto_log"
  say "moto: starting on 127.0.0.1:$MOTO_PORT (log: $moto_log)"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$moto_pid" \
    "$bin" -H 127.0.0.1 -p "$MOTO_PORT" >>"$moto_log" 2>&1 </dev/null 8>&- &
  await_pidfile "$moto_pid"
}
moto_wait() {
  command -v curl >/dev/null || die "curl not found; run scripts/install-deps.sh"
  wait_for moto "$SERVICE_TIMEOUT" "$moto_log" moto_running moto_ready
  say "moto: ready"
}

# ---------------------------------------------------------------- commands
lock() {
  mkdir -p "$logs" && chmod 755 "$state" "$logs"
  # fd 8 holds the lock; every daemon is started with 8>&- or it would keep the lock after we exit.
  exec 8>"$state/stack.lock"
  flock -w 300 8 || die "another stack.sh is still running (lock $state/stack.lock)"
}

# The stack's INCIDENT_KEY_SECRET (ingest and gateway key ePCR incident numbers with it): made once
# per stack from /dev/urandom, kept in .stack/ (mode 600) and read by stack-config.ts, so every
# service process of a run gets the same one and per-incident reports work.
incident_key_file="$state/incident-key.secret"
ensure_incident_key() {
  [[ -s "$incident_key_file" ]] && return 0
  mkdir -p "$state"
  (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$incident_key_file.tmp")
  mv -f "$incident_key_file.tmp" "$incident_key_file"
}

cmd_up() {
  lock
  ensure_incident_key
  if kafka_running && pg_resolve_root && pg_running && pgb_running && redis_running && moto_running \
      && kafka_ports_open && pg_ready && pgb_ready && redis_ready && moto_ready; then
    say "already running (kafka :$KAFKA_PORT ($KAFKA_NODES node(s)), postgres :$PG_PORT, pgbouncer :$PGBOUNCER_PORT," \
      "redis :$REDIS_PORT, moto :$MOTO_PORT)"
    return 0
  fi
  # Kafka's JVM boots slowest, so it starts first and is waited for last.
  kafka_start
  pg_start; pg_wait
  pgb_start; pgb_wait
  redis_start; redis_wait
  moto_start; moto_wait
  kafka_wait
  say "up: all services ready in ${SECONDS}s (state and logs: $state)"
}

cmd_down() {
  lock
  stop_pid moto "$moto_pid" moto_server 15
  redis_stop
  kafka_stop
  pgb_stop
  pg_stop
  say "down: all services stopped"
}

# One service down (fault drills: `stop kafka`, then `up` brings it back on the same data).
cmd_stop() {
  lock
  case "${1:-}" in
    kafka) kafka_stop ;;
    kafka-[123]) node_stop "${1#kafka-}" ;;
    postgres) pg_stop ;;
    pgbouncer) pgb_stop ;;
    redis) redis_stop ;;
    moto) stop_pid moto "$moto_pid" moto_server 15 ;;
    *) echo "usage: $0 stop kafka|kafka-N|postgres|pgbouncer|redis|moto" >&2; exit 2 ;;
  esac
}
# One Kafka node back (the two-broker drill brings back one of two): started, waited for until it serves.
cmd_start() {
  lock
  case "${1:-}" in
    kafka-[123])
      waiting_node="${1#kafka-}"
      need_kafka_libs
      node_start "$waiting_node"
      wait_for "kafka-$waiting_node (serving)" "$KAFKA_TIMEOUT" "$(node_log "$waiting_node")" waiting_node_running node_serving "$waiting_node"
      say "kafka-$waiting_node: serving"
      ;;
    *) echo "usage: $0 start kafka-N" >&2; exit 2 ;;
  esac
}
cmd_kill() {
  lock
  case "${1:-}" in
    kafka-[123]) node_kill "${1#kafka-}" ;;
    *) echo "usage: $0 kill kafka-N" >&2; exit 2 ;;
  esac
}
status_line() { printf '%-9s %-8s 127.0.0.1:%s%s\n' "$1" "$2" "$3" "${4:+  ($4)}"; }

cmd_status() {
  local down=0 n name
  for n in $(all_nodes); do
    # Node 1 is "kafka", as in the single-node stack.
    if ((n == 1)); then name=kafka; else name="kafka-$n"; fi
    if node_running "$n" && port_open "$(node_port "$n")"; then status_line "$name" running "$(node_port "$n")" "pid $(<"$(node_pid "$n")")"
    else status_line "$name" stopped "$(node_port "$n")"; down=1; fi
  done
  if [[ -d "$pg_root" ]] && pg_resolve_root && [[ -n "$pg_bin" ]] && pg_running && pg_ready; then
    status_line postgres running "$PG_PORT" "data $(pg_data)"
  else status_line postgres stopped "$PG_PORT"; down=1; fi
  if [[ -d "$pg_root" ]] && pgb_running && pgb_ready; then status_line pgbouncer running "$PGBOUNCER_PORT" "pid $(<"$(pgb_pid)")"
  else status_line pgbouncer stopped "$PGBOUNCER_PORT"; down=1; fi
  if redis_running && redis_ready; then status_line redis running "$REDIS_PORT" "pid $(<"$redis_pid")"
  else status_line redis stopped "$REDIS_PORT"; down=1; fi
  if moto_running && moto_ready; then status_line moto running "$MOTO_PORT" "pid $(<"$moto_pid")"
  else status_line moto stopped "$MOTO_PORT"; down=1; fi
  return "$down"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  stop) cmd_stop "${2:-}" ;;
  kill) cmd_kill "${2:-}" ;;
  start) cmd_start "${2:-}" ;;
  *) echo "usage: $0 up|down|status|stop <service>|kill kafka-N|start kafka-N" >&2; exit 2 ;;
esac
