#!/usr/bin/env bash
# Fails when a C++ file differs from .clang-format. With --fix, rewrites the files instead.
# Checks the files changed against BASE (default: the previous commit) and, when that cannot be
# determined (a shallow or fresh clone), every tracked C++ file.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fix=0
[ "${1:-}" = "--fix" ] && fix=1
cf="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$cf" ]; then
  echo "check-format: clang-format not found" >&2
  exit 1
fi
base="${BASE:-HEAD~1}"
if git rev-parse -q --verify "$base" >/dev/null 2>&1 && [ "${ALL:-0}" != 1 ]; then
  mapfile -t files < <(git diff --name-only --diff-filter=ACMR "$base" -- '*.cpp' '*.h' '*.h.in')
else
  # tracked and new (untracked, not ignored) files alike
  mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h')
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "check-format: no C++ files changed"
  exit 0
fi
if [ $fix = 1 ]; then
  "$cf" -i "${files[@]}"
  echo "check-format: formatted ${#files[@]} files"
else
  "$cf" --dry-run --Werror "${files[@]}"
  echo "check-format: ${#files[@]} files follow .clang-format"
fi
