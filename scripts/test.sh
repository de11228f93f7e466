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
ctest --preset "$preset"
