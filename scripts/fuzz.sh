#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan; the "fuzz" preset in build-fuzz) and runs
# each for SECONDS (default 60) on its corpus. The seeds in tests/fuzz/corpus/<name>/ are copied
# into build-fuzz/corpus-<name>/, which keeps what the fuzzer found from run to run; crashes,
# timeouts and leaks land in build-fuzz/artifacts-<name>/ and fail the script.
#   scripts/fuzz.sh          # 60 s per target
#   scripts/fuzz.sh 20       # a quick run
#   FUZZ_JOBS=1 scripts/fuzz.sh   # build with one compiler process (default 2)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
case "$seconds" in
  ''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
targets=(kakao channeltalk csv searchquery)
build="$root/build-fuzz"

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is needed (apt install clang libclang-rt-dev)" >&2; exit 2; }
cmake --preset fuzz >/dev/null
cmake --build "$build" --parallel "${FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8

findings=0
summary=()
for t in "${targets[@]}"; do
  corpus="$build/corpus-$t"
  artifacts="$build/artifacts-$t"
  log="$build/fuzz-$t.log"
  mkdir -p "$corpus" "$artifacts"
  cp -n "$root/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null || true
  before=$(find "$artifacts" -type f | wc -l)
  echo "== fuzz_$t: ${seconds}s on $corpus"
  rc=0
  "$build/bin/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=25 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || rc=$?
  after=$(find "$artifacts" -type f | wc -l)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(find "$corpus" -type f | wc -l)
  if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
    findings=$((findings + 1))
    newest=$(ls -t "$artifacts" 2>/dev/null | head -1)
    verdict="FINDING (exit $rc): ${newest:+$artifacts/$newest}; see $log"
    grep -E "ERROR: |runtime error|invariant violated|deadly signal|Timeout|out-of-memory" "$log" \
      | head -5 | sed 's/^/    /' || true
  else
    verdict="no crash"
  fi
  summary+=("$(printf '%-18s %12s execs %8s exec/s %6s corpus  %s' "fuzz_$t" "${runs:-?}" "${rate:-?}" "$units" "$verdict")")
done

echo "== summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
[ "$findings" -eq 0 ] || { echo "fuzz.sh: $findings target(s) with findings" >&2; exit 1; }
