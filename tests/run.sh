#!/bin/sh
# Runs every suite and prints one closing line "N passed, M failed, K skipped".
#   unit:     the cmocka binaries given as arguments (TAP output)
#   js:       the official ollama JavaScript client against the fake server
#   checksrc: functions src/ must not call (sprintf, strcat, strcpy, atoi, ...)
#   fuzz:     each libFuzzer target in build/fuzz/ for a few seconds (skipped without clang)
#   explain:  tests/explain/corpus.txt, pasted errors -> parsed input and finding ids
#   scenario: tests/scenario/*.sh, network-namespace scenarios (root only)
# Every suite speaks TAP ("ok", "not ok", "# SKIP"); a suite that exits
# non-zero without a failing line counts as one failure.
cd "$(dirname "$0")/.." || exit 3
export OD_BIN="${OD_BIN:-$PWD/build/asan/ollama-doctor}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0 fail=0 skip=0
log=$(mktemp) || exit 3
trap 'rm -f "$log"' EXIT

run_suite() { # name command...
    name=$1; shift
    t0=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    p=$(grep -cE '^ok ' "$log" | tr -d ' ')
    s=$(grep -cE '^ok .*# ?SKIP' "$log" | tr -d ' ')
    f=$(grep -cE '^not ok ' "$log" | tr -d ' ')
    p=$((p - s))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name exited with status $rc" >>"$log"
    fi
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
    printf '%-34s %3d passed %3d failed %3d skipped  (%ss)\n' "$name" "$p" "$f" "$s" "$(( $(date +%s) - t0 ))"
    if [ "$f" -gt 0 ] || [ -n "$VERBOSE" ]; then
        sed 's/^/    | /' "$log"
    else
        grep -E '^ok .*# ?SKIP' "$log" | sed 's/^/    | /'
    fi
}

for bin in "$@"; do
    run_suite "unit/$(basename "$bin")" "$bin"
done
run_suite "checksrc" sh tests/checksrc.sh
run_suite "fuzz/smoke" sh tests/fuzz/smoke.sh
run_suite "js/client_check" sh tests/js/run.sh
run_suite "explain/corpus" sh tests/explain/run.sh
for t in tests/scenario/t_*.sh; do
    [ -f "$t" ] || continue
    run_suite "scenario/$(basename "$t" .sh)" sh "$t"
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
