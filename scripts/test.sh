#!/usr/bin/env bash
# Builds everything and runs every test: the README's test command. In CI (CI=true) warnings are
# errors. Installs missing build dependencies first (Debian/Ubuntu; see README for others).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"
preset=default
if [ "${CI:-}" = "true" ]; then preset=ci; fi
cmake --preset "$preset"
cmake --build --preset "$preset"
# The server suites run a second time on PostgreSQL (the *_pg tests): on HELPDESK_TEST_PG when
# set, else on a throwaway cluster started here. In CI a missing PostgreSQL is an error.
if [ -z "${HELPDESK_TEST_PG:-}" ]; then
  running_before=false
  if "$root/scripts/pg-test.sh" status 2>/dev/null; then running_before=true; fi
  if url="$("$root/scripts/pg-test.sh" start)"; then
    export HELPDESK_TEST_PG="$url"
    # Stopped at the end only when started here (another run may be using it).
    if [ "$running_before" = false ]; then trap '"$root/scripts/pg-test.sh" stop' EXIT; fi
  elif [ "${CI:-}" = "true" ]; then
    echo "test.sh: PostgreSQL could not be started for the *_pg tests" >&2
    exit 1
  else
    echo "test.sh: no PostgreSQL; the *_pg tests are skipped" >&2
  fi
fi
ctest --preset "$preset"
