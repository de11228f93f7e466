#!/usr/bin/env bash
# Renders docs/screenshots/{list,ticket,composer-reply,composer-note,newticket,dashboard}-{ko,en}.png
# and the dashboard's A4 PDF export as report-a4-{ko,en}-{1,2}.png from demo data at 1280x800
# under Xvfb (needs xvfb and fonts-noto-cjk: scripts/install-deps.sh; pdftoppm from poppler-utils
# for the PDF pages).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/docs/screenshots"
cmake --preset default -S "$root" >/dev/null
cmake --build "$root/build" --target helpdesk_screenshots
for lang in ko en; do
  HELPDESK_DATA_DIR="$(mktemp -d)" xvfb-run -a -s "-screen 0 1400x900x24" \
    "$root/build/bin/helpdesk_screenshots" --lang "$lang" --out "$out"
  if command -v pdftoppm >/dev/null; then
    pdftoppm -r 80 -png "$out/report-a4-$lang.pdf" "$out/report-a4-$lang"
  else
    echo "pdftoppm not found (apt-get install poppler-utils): PDF pages not rendered" >&2
  fi
  rm -f "$out/report-a4-$lang.pdf"
done
