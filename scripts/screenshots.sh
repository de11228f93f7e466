#!/usr/bin/env bash
# Renders docs/screenshots/{list,ticket,composer-reply,composer-note,newticket}-{ko,en}.png from
# demo data at 1280x800 under Xvfb (needs xvfb and fonts-noto-cjk: scripts/install-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cmake --preset default -S "$root" >/dev/null
cmake --build "$root/build" --target helpdesk_screenshots
for lang in ko en; do
  HELPDESK_DATA_DIR="$(mktemp -d)" xvfb-run -a -s "-screen 0 1400x900x24" \
    "$root/build/bin/helpdesk_screenshots" --lang "$lang" --out "$root/docs/screenshots"
done
