#!/bin/sh
# Runs every suite and prints one closing line "N passed, M failed, K skipped".
#   unit:     the cmocka binaries given as arguments (TAP output)
#   js:       the official ollama JavaScript client against the fake server
#   mcp:      `ollama-doctor mcp` driven by the official MCP TypeScript SDK client
#   checksrc: functions src/ must not call (sprintf, strcat, strcpy, atoi, ...)
#   fuzz:     each libFuzzer target in build/fuzz/ for a few seconds (skipped without clang)
#   explain:  tests/explain/corpus.txt, pasted errors -> parsed input and finding ids
#             (once as written, once wrapped: line ends, colours, quotes, entities);
#             tests/explain/real/*.txt, real pastes -> the first finding, accuracy per file
#   render:   tests/render/expected/*.md well-formed as cmark-gfm renders them
#             (the renderings themselves: unit/test_render)
#   scenario: tests/scenario/*.sh, network-namespace scenarios (root only)
# Network: this script runs no binary itself; the suites that run $OD_BIN keep
# it off the real network: explain and the MCP client start it in an empty
# network namespace (`unshare -rn` / `unshare -n`: tests/explain/lib.sh,
# tests/mcp/run.sh), a check there has `--candidates` limited to loopback, and
# the scenarios build their own topologies in namespaces (`ip netns`).
# `tests/run.sh --only SCRIPT...` runs just those suite scripts (make static-test).
# Every suite speaks TAP ("ok", "not ok", "# SKIP"); a suite that exits
# non-zero without a failing line counts as one failure.
cd "$(dirname "$0")/.." || exit 3
export OD_BIN="${OD_BIN:-$PWD/build/asan/ollama-doctor}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0 fail=0 skip=0
log=$(mktemp) || exit 3
OD_REPORTS=$(mktemp -d) || exit 3
export OD_REPORTS
trap 'rm -f "$log"; rm -rf "$OD_REPORTS"' EXIT

run_suite() { # name command...
    name=$1; shift
    t0=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    p=$(grep -cE '^ok ' "$log" | tr -d ' ')
    s=$(grep -cE '^ok .*# ?SKIP' "$log" | tr -d ' ')
    f=$(grep -E '^not ok ' "$log" | grep -cvE '# ?TODO' | tr -d ' ') # TAP: "not ok ... # TODO" does not fail
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

if [ "${1:-}" = --only ]; then
    shift
    for t in "$@"; do
        run_suite "$(basename "$(dirname "$t")")/$(basename "$t" .sh)" sh "$t"
    done
    echo "$pass passed, $fail failed, $skip skipped"
    [ "$fail" -eq 0 ]
    exit
fi

for bin in "$@"; do
    run_suite "unit/$(basename "$bin")" "$bin"
done
run_suite "checksrc" sh tests/checksrc.sh
run_suite "fuzz/smoke" sh tests/fuzz/smoke.sh
run_suite "js/client_check" sh tests/js/run.sh
run_suite "mcp/sdk_client" sh tests/mcp/run.sh
run_suite "explain/corpus" sh tests/explain/run.sh
run_suite "explain/wrapped" env EXPLAIN_WRAP=1 sh tests/explain/run.sh
run_suite "explain/real" sh tests/explain/real.sh
if command -v cmark-gfm >/dev/null 2>&1; then
    run_suite "render/markdown" python3 tests/render/md_check.py
else
    run_suite "render/markdown" echo "ok 1 - render/markdown # SKIP needs cmark-gfm"
fi
for t in tests/scenario/t_*.sh; do
    [ -f "$t" ] || continue
    run_suite "scenario/$(basename "$t" .sh)" sh "$t"
done
run_suite "schema/report-paths" sh tests/schema_check.sh

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
