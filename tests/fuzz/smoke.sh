#!/bin/sh
# Fuzz smoke: every libFuzzer target in build/fuzz/ (make fuzz, built by make
# test when clang with libFuzzer is there) runs for FUZZ_SECONDS (default 2)
# over its seed corpus, tests/fuzz/corpus/<parser>/. TAP, one line per target
# with its executions; a crash, a sanitizer report or a broken property is a
# failure that prints the report and keeps the input. Without the targets the
# suite is skipped. Longer runs: FUZZ_SECONDS=300 sh tests/fuzz/smoke.sh
# The test run uses a fixed seed (FUZZ_SEED, default 1) so that it explores
# the same inputs each time; FUZZ_SEED=0 lets libFuzzer pick one (a hunt).
cd "$(dirname "$0")/../.." || exit 3
SECS=${FUZZ_SECONDS:-2}
KEEP=${FUZZ_KEEP:-/tmp/od-fuzz-crashes}
set -- build/fuzz/fuzz_*
if [ ! -x "$1" ]; then
    echo "ok 1 - fuzz smoke # SKIP no fuzz targets (make fuzz needs clang with libFuzzer: Debian clang, libclang-rt-*-dev)"
    exit 0
fi
W=$(mktemp -d /tmp/od-fuzz.XXXXXX) || exit 3
trap 'rm -rf "$W"' EXIT
TAPN=0 FAILS=0
for bin in "$@"; do
    name=${bin##*/fuzz_}
    TAPN=$((TAPN + 1))
    mkdir -p "$W/$name"
    seeds=tests/fuzz/corpus/$name
    [ -d "$seeds" ] || seeds=""
    # shellcheck disable=SC2086
    "$bin" -seed="${FUZZ_SEED:-1}" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$W/$name/" "$W/$name" $seeds >"$W/$name.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$W/$name.log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        echo "ok $TAPN - fuzz_$name: ${runs:-?} executions in ${SECS}s, 0 crashes"
    else
        FAILS=$((FAILS + 1))
        echo "not ok $TAPN - fuzz_$name: exit $rc after ${runs:-?} executions"
        grep -a -E 'property broken|ERROR|runtime error|SUMMARY|#[0-9]+ in ' "$W/$name.log" | head -n 12 | sed 's/^/#   /'
        mkdir -p "$KEEP"
        for c in "$W/$name"/crash-* "$W/$name"/leak-* "$W/$name"/timeout-* "$W/$name"/oom-*; do
            [ -f "$c" ] && cp "$c" "$KEEP/$name-${c##*/}" && echo "#   input kept: $KEEP/$name-${c##*/}"
        done
    fi
done
echo "1..$TAPN"
[ "$FAILS" -eq 0 ]
