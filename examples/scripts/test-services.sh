#!/usr/bin/env bash
# Redis and PostgreSQL for the store tests, from Debian's packages, on 127.0.0.1 only.
#
#   bash examples/scripts/test-services.sh install   # apt-get update + install (root)
#   eval "$(bash examples/scripts/test-services.sh start)"   # starts both, prints the env to export
#   bash examples/scripts/test-services.sh stop      # stops both, leaves no process
#
# Data lives under $GRAFT_SERVICES_DIR (default /tmp/graft-test-services) and is thrown away.
# The tests read GRAFT_TEST_REDIS_URL and GRAFT_TEST_POSTGRES_URL.
set -euo pipefail
DIR="${GRAFT_SERVICES_DIR:-/tmp/graft-test-services}"
REDIS_PORT="${GRAFT_REDIS_PORT:-6391}"
PG_PORT="${GRAFT_PG_PORT:-5441}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"

install() {
  if command -v redis-server >/dev/null && [ -n "$PG_BIN" ]; then echo "redis-server and postgresql already installed" >&2; return; fi
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server postgresql >&2
}

start() {
  mkdir -p "$DIR"
  # Redis: no persistence, loopback only.
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
      --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR" >&2
  fi
  # PostgreSQL: a throwaway cluster owned by the postgres user, trust auth on loopback.
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  local data="$DIR/pg"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chown postgres:postgres "$DIR" "$data" 2>/dev/null || true
    runuser -u postgres -- "$PG_BIN/initdb" -D "$data" -U postgres -A trust >"$DIR/initdb.log" 2>&1
  fi
  if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -l "$DIR/pg.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$data -c fsync=off -c max_connections=200" start >&2
  fi
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null
  echo "export GRAFT_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
  echo "export GRAFT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
}

stop() {
  if [ -f "$DIR/redis.pid" ]; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
  fi
  if [ -n "$PG_BIN" ] && [ -f "$DIR/pg/PG_VERSION" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
