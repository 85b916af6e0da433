#!/bin/sh
# The rule set as data: `rules lint` on broken sets prints exact
# file:line:col messages and exits 2; the built-in set is clean; `rules list`;
# --rules DIR. No root, no network (the one check run uses --candidates on
# loopback and stops at the rules).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OD_BIN=${OD_BIN:-$ROOT/build/asan/ollama-doctor}
cd "$ROOT" || exit 1
W=$(mktemp -d /tmp/od-rules.XXXXXX)
trap 'rm -rf "$W"' EXIT
TAPN=0 FAILS=0
ok() {
    desc=$1; shift
    TAPN=$((TAPN + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $TAPN - $desc"; else
        echo "not ok $TAPN - $desc"; FAILS=$((FAILS + 1))
        sed 's/^/# /' "$W/out" | head -20
    fi
}

for d in tests/rules/lint/*/; do
    d=${d%/}
    { "$OD_BIN" rules lint "$d"; echo "rc=$?"; } >"$W/out" 2>&1
    ok "rules lint $(basename "$d"): exact messages and exit status" diff -u "$d/expected.txt" "$W/out"
done

"$OD_BIN" rules lint >"$W/out" 2>&1
ok "the built-in rule set lints clean" grep -q 'no problems (built-in set)' "$W/out"
"$OD_BIN" rules lint rules >"$W/out" 2>&1
ok "rules/ lints clean as a directory too" grep -q 'no problems (rules)' "$W/out"

"$OD_BIN" rules list >"$W/out" 2>&1
for id in localhost-inside-container loopback-only-bind host-port-refused ollama-not-running \
    host-docker-internal-unresolved service-name-unresolved firewall-blocks proxy-intercepts \
    wrong-base-url-path missing-scheme tls-to-plain-http not-ollama host-header-rejected \
    ollama-exposed dify-plugin-not-ready read-timeout-model-load ipv6-localhost model-not-found \
    model-type-mismatch; do
    ok "rules list has $id" grep -q "^$id " "$W/out"
done

"$OD_BIN" --rules tests/rules/lint/missing-fix --candidates 127.0.0.1:1 --json >"$W/out" 2>"$W/err"
rc=$?
ok "--rules with a broken set: exit 2, error JSON, messages on stderr" \
    sh -c "[ $rc -eq 2 ] && jq -e '.error.code == \"rules\"' $W/out && grep -q 'nofix.json:3:3' $W/err"
"$OD_BIN" --rules tests/rules/lint/good --candidates 127.0.0.1:1 --json -t 500 >"$W/out" 2>"$W/err"
ok "--rules with another set is used instead of the built-in one" jq -e '.findings == []' "$W/out"
"$OD_BIN" rules lint /nonexistent >"$W/out" 2>&1
rc=$?
ok "rules lint of a missing directory: exit 2, says why" sh -c "[ $rc -eq 2 ] && grep -q 'cannot open the rules directory' $W/out"
"$OD_BIN" --rules tests/rules/lint/not-object --candidates 127.0.0.1:1 --json -t 500 >"$W/out" 2>"$W/err"
rc=$?
ok "--rules with a non-object rule file after a good one: exit 2 and file:line:col, no crash" \
    sh -c "[ $rc -eq 2 ] && jq -e '.error.code == \"rules\"' $W/out && grep -q 'b-array.json:1:1: a rule file holds one JSON object' $W/err"
"$OD_BIN" --rules tests/rules/rank-extremes --candidates 127.0.0.1:1 --json -t 500 >"$W/out" 2>"$W/err"
ok "ranks at the ends of int: ordered without overflow" \
    jq -e '[.findings[].id] == ["rank-low", "rank-high", "rank-huge"]' "$W/out"
mkdir "$W/empty"
"$OD_BIN" rules lint "$W/empty" >"$W/out" 2>&1
rc=$?
ok "rules lint of an empty directory: exit 2, says so" sh -c "[ $rc -eq 2 ] && grep -q 'no \*.json rule files here' $W/out"
"$OD_BIN" rules frob >"$W/out" 2>&1
rc=$?
ok "rules with a bad verb is a usage error" sh -c "[ $rc -eq 2 ] && grep -q \"expected 'rules list\" $W/out"

echo "1..$TAPN"
[ "$FAILS" -eq 0 ]
