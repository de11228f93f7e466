#!/usr/bin/env bash
# Extracts every tr() string into translations/helpdesk_{ko,en}.ts (the same lupdate command the
# translations_up_to_date test runs). Translate what it marks unfinished, e.g. in Qt Linguist.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lupdate="${LUPDATE:-$(command -v lupdate-qt6 || command -v lupdate || echo /usr/lib/qt6/bin/lupdate)}"
cmake -DLUPDATE="$lupdate" -DSOURCE_DIR="$root" -DOUT_DIR="$root/translations" \
      -P "$root/cmake/UpdateTranslations.cmake"
grep -c 'type="unfinished"' "$root"/translations/*.ts || true
