#!/bin/sh
# Build hygiene: the embedded rule set follows the rule files, removals
# included (build/gen/rules.list records which files there are), and nothing
# is regenerated when nothing changed. Runs make on a scratch rules folder
# and build directory; no root, no network.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d /tmp/od-build.XXXXXX)
trap 'rm -rf "$W"' EXIT
TAPN=0 FAILS=0
ok() {
    desc=$1; shift
    TAPN=$((TAPN + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $TAPN - $desc"; else
        echo "not ok $TAPN - $desc"; FAILS=$((FAILS + 1)); sed 's/^/# /' "$W/make.out" | tail -5
    fi
}
command -v make >/dev/null 2>&1 || { echo "ok 1 - build # SKIP needs make"; exit 0; }
mkdir -p "$W/rules"
cp "$ROOT/rules/ollama-not-running.json" "$ROOT/rules/model-not-found.json" "$W/rules/"
gen() { make -s -C "$ROOT" BUILD="$W/build" RULES_DIR="$W/rules" "$W/build/gen/rules_builtin.c" >"$W/make.out" 2>&1; }

gen
ok "two rule files: two embedded" sh -c "[ \$(grep -c '^    {\"$W/rules/' $W/build/gen/rules_builtin.c) -eq 2 ]"
before=$(stat -c %Y "$W/build/gen/rules_builtin.c")
sleep 1
gen
ok "nothing changed: not regenerated" sh -c "[ \$(stat -c %Y $W/build/gen/rules_builtin.c) -eq $before ]"
rm "$W/rules/model-not-found.json"
gen
ok "a rule file removed: the embedded set follows" sh -c "[ \$(grep -c '^    {\"$W/rules/' $W/build/gen/rules_builtin.c) -eq 1 ] && ! grep -q model-not-found $W/build/gen/rules_builtin.c"
cp "$ROOT/rules/missing-scheme.json" "$W/rules/"
gen
ok "a rule file added: embedded" grep -q missing-scheme "$W/build/gen/rules_builtin.c"
echo "1..$TAPN"
[ "$FAILS" -eq 0 ]
