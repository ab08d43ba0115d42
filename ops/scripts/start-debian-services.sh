#!/usr/bin/env bash
# Starts the Debian-packaged PostgreSQL and Redis when they are installed but stopped (CI
# containers have no systemd), then waits until both answer on 127.0.0.1. Safe to run again:
# whatever already runs is left alone. Called from .ci/run; see docs/running.md.
#
# Usage: start-debian-services.sh [--skip-missing]
#   A service that is not installed is an error naming what to apt-get install, unless
#   --skip-missing is given: then it is only reported and left to the embedded default.
set -euo pipefail

skip_missing=false
case "${1:-}" in
  '') ;;
  --skip-missing) skip_missing=true ;;
  *)
    echo "usage: $0 [--skip-missing]" >&2
    exit 2
    ;;
esac

readonly WAIT_SECONDS=30
readonly REDIS_PORT=6379

say() { printf '[start-debian-services] %s\n' "$*"; }
fail() {
  printf '[start-debian-services] ERROR: %s\n' "$*" >&2
  exit 1
}

installed() { command -v "$1" >/dev/null 2>&1 && command -v "$2" >/dev/null 2>&1; }
redis_answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" == PONG ]]; }

# --- What is installed? Name the packages to install rather than failing on a missing command.
use_postgres=true
use_redis=true
missing_packages=()
installed pg_ctlcluster pg_isready || { use_postgres=false; missing_packages+=(postgresql); }
installed redis-server redis-cli || { use_redis=false; missing_packages+=(redis-server); }
if ((${#missing_packages[@]} > 0)); then
  hint="apt-get update && apt-get install -y ${missing_packages[*]}"
  [[ $skip_missing == true ]] || fail "not installed: ${missing_packages[*]}. Install with: $hint"
  say "not installed, skipped: ${missing_packages[*]} (to install: $hint)"
fi

# --- PostgreSQL: every cluster under /etc/postgresql/<version>/<name>.
start_postgres() {
  clusters=()
  for conf in /etc/postgresql/*/*/postgresql.conf; do
    [[ -e "$conf" ]] || continue
    dir=${conf%/postgresql.conf}
    clusters+=("$(basename "$(dirname "$dir")") $(basename "$dir")")
  done
  if ((${#clusters[@]} == 0)); then
    versions=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    fail "PostgreSQL is installed but no cluster exists under /etc/postgresql. Create one with: pg_createcluster ${versions:-<version>} main"
  fi
  for cluster in "${clusters[@]}"; do
    read -r version name <<<"$cluster"
    # status exits 0 when running, 3 when stopped; anything else is a real problem, which start reports.
    if pg_ctlcluster "$version" "$name" status >/dev/null 2>&1; then
      say "PostgreSQL $version/$name already running"
    else
      say "starting PostgreSQL $version/$name"
      pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start ||
        fail "could not start PostgreSQL $version/$name (see /var/log/postgresql/postgresql-$version-$name.log)"
    fi
  done
}

# --- Redis: start one on 6379 unless something already answers there.
start_redis() {
  if redis_answers; then
    say "Redis already answering on 127.0.0.1:$REDIS_PORT"
  else
    say "starting redis-server on 127.0.0.1:$REDIS_PORT"
    mkdir -p /var/lib/redis /var/log/redis || fail "cannot create /var/lib/redis or /var/log/redis (run as root)"
    # "-::1": also listen on IPv6 loopback when the machine has it, without failing when not.
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log ||
      fail "could not start redis-server (see /var/log/redis/ci.log)"
  fi
}

if [[ $use_postgres == false && $use_redis == false ]]; then
  say "nothing to start"
  exit 0
fi
if [[ $use_postgres == true ]]; then start_postgres; fi
if [[ $use_redis == true ]]; then start_redis; fi

# --- Wait, bounded, until both answer (a skipped service counts as ready).
deadline=$((SECONDS + WAIT_SECONDS))
pg_ready=$([[ $use_postgres == true ]] && echo false || echo true)
redis_ready=$([[ $use_redis == true ]] && echo false || echo true)
while :; do
  [[ $pg_ready == true ]] || ! pg_isready -h 127.0.0.1 -q || pg_ready=true
  [[ $redis_ready == true ]] || ! redis_answers || redis_ready=true
  if [[ $pg_ready == true && $redis_ready == true ]]; then
    say "ready on 127.0.0.1:$([[ $use_postgres == false ]] || echo ' PostgreSQL')$([[ $use_redis == false ]] || echo ' Redis')"
    exit 0
  fi
  ((SECONDS < deadline)) || break
  sleep 1
done
[[ $pg_ready == true ]] ||
  fail "PostgreSQL does not answer on 127.0.0.1 after ${WAIT_SECONDS}s (pg_isready -h 127.0.0.1; see /var/log/postgresql/)"
fail "Redis does not answer PING on 127.0.0.1:$REDIS_PORT after ${WAIT_SECONDS}s (see /var/log/redis/ci.log)"
