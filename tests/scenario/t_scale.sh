#!/bin/sh
# Many endpoints, and one attempt's steps: the probe engine (dial.c, xfer.c).
# Runs in an empty network namespace of its own (unshare -rn: loopback only,
# no root needed), against bench/fast_ollama listening on every address there.
#   - 1000 endpoints that answer: every one is found, the run stays linear
#     in memory (release build: peak RSS under 24 MB; the sanitized build's
#     is not a measure of the tool), and the JSON, the text and the Markdown
#     tables hold them all;
#   - 300 endpoints that are refused and 300 that answer, mixed: each is
#     classified by what it is, none lost behind a queue;
#   - an endpoint whose answers come 600 ms late: GET / and /api/version run
#     side by side once connected, so the attempt costs one late answer, not
#     two (elapsed under 2 x 600 ms).
. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$W"' EXIT
FAST=$ROOT/build/bench/fast_ollama
REL=$ROOT/build/ollama-doctor
[ -x "$FAST" ] || skip_all "no $FAST (make test builds it)"
command -v jq >/dev/null 2>&1 || skip_all "needs jq"
unshare -rn true 2>/dev/null || skip_all "no empty network namespace here (unshare -rn)"

# addrs N: 127.1.x.y, N of them, comma-separated with :PORT
addrs() { awk -v n="$1" -v p="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s127.1.%d.%d:%d", (i ? "," : ""), int(i / 250), i % 250 + 1, p }'; }

# in_ns SCRIPT: run sh SCRIPT in a fresh empty network namespace
in_ns() { unshare -rn sh -c 'ip link set lo up 2>/dev/null; exec sh "$0"' "$1"; }

cat >"$W/many.sh" <<EOF
"$FAST" 11434 & S=\$!
sleep 0.3
"$REL" --candidates "$(addrs 1000 11434)" --json -t 5000 >"$W/many.json" 2>"$W/many.err"
"$OD_BIN" --candidates "$(addrs 1000 11434)" --format markdown -t 5000 >"$W/many.md" 2>/dev/null
"$OD_BIN" --candidates "$(addrs 1000 11434)" -t 5000 >"$W/many.txt" 2>/dev/null
"$OD_BIN" --candidates "$(addrs 300 11434),$(addrs 300 11999 | sed 's/127\.1\./127.2./g')" --json -t 5000 >"$W/mixed.json" 2>"$W/mixed.err"
kill \$S; wait \$S 2>/dev/null
"$FAST" 11435 600 & S=\$!
sleep 0.3
"$OD_BIN" --candidates 127.0.0.1:11435 --json -t 3000 >"$W/late.json" 2>"$W/late.err"
kill \$S; wait \$S 2>/dev/null
EOF
in_ns "$W/many.sh"

ok "1000 endpoints: every one answered as Ollama" \
    jq -e '(.probes | length) == 1000 and ([.probes[] | select(.class == "ok")] | length) == 1000' "$W/many.json"
ok "1000 endpoints: peak RSS under 24 MB (release build)" jq -e '.context.run.max_rss_kb < 24576' "$W/many.json"
ok "1000 endpoints: no deadline hit" jq -e '.context.run.deadline_hit == false' "$W/many.json"
ok "1000 endpoints: every one in the Markdown table and the text table (nothing cut)" sh -c \
    "[ \$(grep -c '^| \`127\.1\.' $W/many.md) -eq 1000 ] && [ \$(grep -c '^ *127\.1\.[0-9]*\.[0-9]*:11434 ' $W/many.txt) -eq 1000 ]"
ok "600 mixed: 300 refused, 300 Ollama, each by what it is" \
    jq -e '([.probes[] | select(.class == "ok")] | length) == 300 and ([.probes[] | select(.attempts[0].tcp == "refused")] | length) == 300' "$W/mixed.json"
ok "late answers: GET / and /api/version both recorded" \
    jq -e '.probes[0].attempts[0].http.status == 200 and .probes[0].attempts[0].http.version != null' "$W/late.json"
ok "late answers: side by side, one late answer's time (elapsed < 1200 ms)" \
    jq -e '.context.run.elapsed_ms < 1200' "$W/late.json"

echo "1..$TAPN"
[ "$FAILS" -eq 0 ]
