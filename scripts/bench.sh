#!/usr/bin/env bash
# Runs the benchmarks and prints their tables. Full size by default (1,000,000 tickets, about
# 5,000,000 messages); the seeded database is kept and reused between runs.
#   scripts/bench.sh                 # 1M tickets in build/bench/1m.sqlite
#   scripts/bench.sh --tickets 20000 # a quick run
#   BENCH_DB=/path/db.sqlite scripts/bench.sh   # an existing database
#   BENCH_DB=/path/copy.sqlite WORKSPACE_ARGS=--migrate scripts/bench.sh   # an older copy
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tickets=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --tickets) tickets="$2"; shift 2 ;;
    *) echo "usage: $0 [--tickets N]" >&2; exit 1 ;;
  esac
done
"$root/scripts/install-deps.sh" >/dev/null
cmake --preset default >/dev/null
cmake --build --preset default --target bench_storage bench_workspace bench_report helpdesk-cli
mkdir -p "$root/build/bench"
db="${BENCH_DB:-$root/build/bench/seed-$tickets.sqlite}"
if [ ! -f "$db" ]; then
  echo "== seeding $tickets tickets into $db"
  TIMEFORMAT="seed: %R s wall, %U s user"
  time "$root/build/bin/helpdesk-cli" --db "$db" seed --tickets "$tickets" --json
fi
echo "== storage benchmark"
"$root/build/bin/bench_storage" --db "$db"
echo "== agent workspace benchmark (main window, ticket list, filters, jumps, memory)"
# Refuses a database whose schema is older than this build's (opening would migrate it); pass
# a copy with WORKSPACE_ARGS=--migrate.
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" \
  "$root/build/bin/bench_workspace" --db "$db" ${WORKSPACE_ARGS:-}
echo "== chat import benchmark (1,000,000-line KakaoTalk export)"
cmake --build --preset default --target bench_import >/dev/null
"$root/build/bin/bench_import" --lines "${IMPORT_LINES:-1000000}"
echo "== notify benchmark (push over HTTP -> another desktop's notifier, WebSocket)"
cmake --build --preset default --target bench_notify >/dev/null
"$root/build/bin/bench_notify" --rounds "${NOTIFY_ROUNDS:-1000}"
echo "== sync benchmark (first sync of 100,000 tickets, 10,000 pushed changes, 50 clients)"
cmake --build --preset default --target bench_sync helpdesk-server >/dev/null
# Seeds its own 100k base once (kept), and works on a copy each run.
"$root/build/bin/bench_sync" --tickets "${SYNC_TICKETS:-100000}" --ops "${SYNC_OPS:-10000}" \
  --db "$root/build/bench/sync-${SYNC_TICKETS:-100000}.sqlite"
if url="$("$root/scripts/pg-test.sh" start 2>/dev/null)"; then
  echo "== the same sync benchmark with the server on PostgreSQL (the seed copied in first)"
  HELPDESK_TEST_PG="$url" "$root/build/bin/bench_sync" --tickets "${SYNC_TICKETS:-100000}" \
    --ops "${SYNC_OPS:-10000}" --db "$root/build/bench/sync-${SYNC_TICKETS:-100000}.sqlite" \
    --server-db pg
fi
echo "== reporting benchmark (facts and rollups, dashboard, from scratch)"
# Last: it builds the report tables in the database and makes --changes edits through
# TicketStore before timing an incremental refresh.
"$root/build/bin/bench_report" --db "$db" --changes "${REPORT_CHANGES:-1000}"
