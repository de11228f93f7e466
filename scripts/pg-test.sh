#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: `scripts/pg-test.sh start` makes (once) and starts a
# cluster in build/pgtest listening on 127.0.0.1 only, and prints its URL for HELPDESK_TEST_PG;
# `scripts/pg-test.sh stop` stops it, `status` says whether it runs. Trust authentication on
# loopback: never use it for data.
# As root the cluster runs as the postgres user (PostgreSQL refuses to run as root), in
# /tmp/helpdesk-pgtest (the checkout may be in a folder that user cannot enter).
# HELPDESK_PG_TEST_DIR and HELPDESK_PG_TEST_PORT (default 55439) move it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
default_dir="$root/build/pgtest"
if [ "$(id -u)" = 0 ]; then default_dir=/tmp/helpdesk-pgtest; fi
dir="${HELPDESK_PG_TEST_DIR:-$default_dir}"
port="${HELPDESK_PG_TEST_PORT:-55439}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test: PostgreSQL's server is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
        start >/dev/null || { tail -n 20 "$dir/data/server.log" >&2; exit 1; }
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  status)
    [ -f "$dir/data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|status|stop" >&2
    exit 2
    ;;
esac
