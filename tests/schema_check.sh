#!/bin/sh
# Every path of the reports the scenario tests produced must be a fact rules
# may read (`ollama-doctor rules paths`, schema.c) and be documented in
# docs/facts.md. Reports come from $OD_REPORTS (tests/run.sh sets it and the
# scenario harness copies each report there). TAP.
here=$(cd "$(dirname "$0")" && pwd) || exit 1
root=$(cd "$here/.." && pwd) || exit 1
OD_BIN=${OD_BIN:-$root/build/asan/ollama-doctor}
dir=${OD_REPORTS:-}
if [ -z "$dir" ] || [ -z "$(ls "$dir" 2>/dev/null)" ]; then
    echo "ok 1 - report paths # SKIP no reports collected (the scenario tests need root)"
    exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$OD_BIN" rules paths >"$tmp/known" || { echo "not ok 1 - rules paths failed"; exit 1; }
# every leaf path of every check report, arrays as [], one per line
for f in "$dir"/*.json; do
    jq -r 'select(type == "object" and has("probes") and has("situation"))
           | paths(scalars) | map(if type == "number" then "[]" else . end)
           | reduce .[] as $k (""; if $k == "[]" then . + "[]" elif . == "" then $k else . + "." + $k end)' \
        "$f" 2>/dev/null
done | sort -u >"$tmp/paths"
n=$(wc -l <"$tmp/paths" | tr -d ' ')
reports=$(ls "$dir" | wc -l | tr -d ' ')
# keys that vary, named <...> in facts.md and .* in schema.c
dyn="context.proxy context.sources context.host.systemd context.host.docker_proxies"
bad_lint="" bad_doc=""
while read -r p; do
    case $p in findings*|verdict|error*) exempt=1 ;; *) exempt=0 ;; esac
    parent=""
    for d in $dyn; do
        case $p in "$d".*) parent=$d ;; esac
    done
    if [ -n "$parent" ]; then
        grep -qxF "$parent.*" "$tmp/known" || [ $exempt = 1 ] || bad_lint="$bad_lint $p"
        grep -qF "\`.$parent.<" "$root/docs/facts.md" || bad_doc="$bad_doc $p"
        continue
    fi
    [ $exempt = 1 ] || grep -qxF "$p" "$tmp/known" || bad_lint="$bad_lint $p"
    # the proxied attempt is documented with the attempts it is shaped like
    doc=$(echo "$p" | sed 's/^probes\[\]\.proxy\.attempt\./probes[].attempts[]./')
    grep -qF "\`.$doc\`" "$root/docs/facts.md" || bad_doc="$bad_doc $p"
done <"$tmp/paths"
echo "# $n distinct paths in $reports reports"
if [ -z "$bad_lint" ]; then echo "ok 1 - every report path is a fact rules may read (rules paths)"; else echo "not ok 1 - unknown to rules lint:$bad_lint"; fi
if [ -z "$bad_doc" ]; then echo "ok 2 - every report path is documented in docs/facts.md"; else echo "not ok 2 - undocumented:$bad_doc"; fi
echo "1..2"
[ -z "$bad_lint$bad_doc" ]
