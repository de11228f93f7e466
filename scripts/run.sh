#!/usr/bin/env bash
# Builds the desktop client and starts it on its embedded SQLite database (the data folder, or
# --db PATH). Extra arguments go to helpdesk, e.g. ./scripts/run.sh --lang ko
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"
cmake --preset default
cmake --build --preset default --target helpdesk helpdesk-cli
exec "$root/build/bin/helpdesk" "$@"
