#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine needs to build and test MedicDraft without Docker:
#   apt:   postgresql, pgbouncer, redis-server, openjdk-17-jre-headless, maven, espeak-ng, sox, curl, prometheus (for promtool)
#   PyPI:  moto[server] (pinned) in a venv under the cache dir, unless a 5.2.x moto_server is on PATH
#   Maven: Kafka 3.9.x broker + tools jars into ${MEDICDRAFT_CACHE:-$HOME/.cache/medicdraft}/kafka-libs
# Idempotent: anything already present is skipped (no apt call at all then), and `apt-get update`
# runs at most once. Node.js (>= 20) is expected to be installed already; it is only checked.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MEDICDRAFT_CACHE:-$HOME/.cache/medicdraft}"
readonly MOTO_VERSION=5.2.1    # any installed 5.2.x is accepted; a fresh install gets exactly this
moto_venv="$cache/moto-venv"
total_start=$SECONDS

say() { printf '[install-deps] %s\n' "$*"; }
die() { printf '[install-deps] ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

sudo=()
if ((EUID != 0)); then
  have sudo || die "not root and no sudo: cannot install system packages"
  sudo=(sudo)
fi

# ------------------------------------------------------------------ what is missing?
pkgs=()
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || pkgs+=(postgresql)
# The stack's transaction-pooling PgBouncer (in /usr/sbin, often not on a user's PATH).
have pgbouncer || [[ -x /usr/sbin/pgbouncer ]] || pkgs+=(pgbouncer)
have redis-server && have redis-cli || pkgs+=(redis-server)
have java || pkgs+=(openjdk-17-jre-headless)
have mvn || pkgs+=(maven)
have espeak-ng || pkgs+=(espeak-ng)
have chromium || pkgs+=(chromium)   # headless browser for the gateway UI e2e (playwright-core)
have sox || pkgs+=(sox)
have curl || pkgs+=(curl ca-certificates)
have openssl || pkgs+=(openssl)   # the signed audit report is checked with stock OpenSSL, as an outside auditor would
have setsid && have flock || pkgs+=(util-linux)   # runuser (in /usr/sbin) is util-linux too
# promtool checks and unit-tests deploy/observability's alert rules. Debian's prometheus package ships it (~19 MB, no service is
# started: see policy-rc.d below); building it from the Go module proxy downloads over 1 GB of modules and takes minutes.
have promtool || pkgs+=(prometheus)

moto_version_ok() { [[ "$("$1" -c 'import moto; print(moto.__version__)' 2>/dev/null)" == 5.2.* ]]; }
moto_source=""
if [[ -f "$moto_venv/.complete" ]] && moto_version_ok "$moto_venv/bin/python"; then
  moto_source="cache venv $moto_venv"
elif have moto_server && have python3 && moto_version_ok python3; then
  moto_source="$(command -v moto_server) (python3 on PATH)"
fi
# The fallback installs moto into a venv: Debian's own python3 is "externally managed" (PEP 668).
if [[ -z "$moto_source" ]] && ! { have python3 && python3 -c 'import ensurepip, venv' 2>/dev/null; }; then
  pkgs+=(python3 python3-venv)
fi

# ------------------------------------------------------------------ apt (only when needed)
if ((${#pkgs[@]})); then
  have apt-get || die "missing ${pkgs[*]} and apt-get is not available; install them by hand"
  say "apt: installing ${pkgs[*]}"
  step=$SECONDS
  # Debian-slim images lack this dir and openjdk's postinst then fails.
  "${sudo[@]}" mkdir -p /usr/share/man/man1
  # Keep apt from starting the distro's own postgres/pgbouncer/redis services: stack.sh runs its own on other ports.
  policy_added=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
    trap '"${sudo[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  if [[ -n "$policy_added" ]]; then "${sudo[@]}" rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  say "apt: done in $((SECONDS - step))s"
else
  say "apt: nothing to install (postgres, pgbouncer, redis, java, maven, espeak-ng, chromium, sox, curl, promtool present)"
fi

# ------------------------------------------------------------------ moto
if [[ -n "$moto_source" ]]; then
  say "moto: present ($moto_source)"
else
  step=$SECONDS
  say "moto: installing moto[server]==$MOTO_VERSION into $moto_venv"
  rm -rf "$moto_venv"
  mkdir -p "$cache"
  python3 -m venv "$moto_venv"
  "$moto_venv/bin/python" -m pip install -q --disable-pip-version-check --no-input \
    "moto[server]==$MOTO_VERSION"
  moto_version_ok "$moto_venv/bin/python" || die "moto install in $moto_venv did not produce moto 5.2.x"
  touch "$moto_venv/.complete"
  say "moto: done in $((SECONDS - step))s"
fi

# ------------------------------------------------------------------ Kafka jars
step=$SECONDS
libs="$(bash "$here/stack/fetch-kafka.sh")"
say "kafka: jars for $(<"$libs/.complete") in $libs ($((SECONDS - step))s)"

# ------------------------------------------------------------------ node (checked, not installed)
if have node; then
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  ((node_major >= 20)) || die "Node.js >= 20 required, found $(node -v)"
else
  die "Node.js >= 20 is required and not installed"
fi

say "ready in $((SECONDS - total_start))s: node $(node -v), $(java -version 2>&1 | head -n1), $(redis-server --version | cut -d' ' -f1-3), postgres $(ls /usr/lib/postgresql | sort -V | tail -n1)"
