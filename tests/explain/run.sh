#!/bin/sh
# TAP runner for the explain corpus: every block of corpus.txt is piped into
# `ollama-doctor explain --json -` and its expect-* lines are checked with jq.
#   OD_BIN          the binary (default: build/asan/ollama-doctor in the repo)
#   EXPLAIN_CORPUS  another corpus file (default: corpus.txt next to this script)
#   EXPLAIN_NO_IDS  set to skip the expect-ids checks (parser only)
#   EXPLAIN_WRAP=1  wrap each text the way travelling does before piping it
#                   (case N gets wrapper N mod 5: Windows line ends, terminal
#                   colours, a forum quote, HTML entities, a code block's
#                   indent): the answer must not change
# No root; no network (explain makes no request, and runs in an empty
# network namespace where unshare allows: lib.sh). Every output must be UTF-8.
# Exit status 1 when any case fails.
here=$(cd "$(dirname "$0")" && pwd) || exit 1
root=$(cd "$here/../.." && pwd) || exit 1
OD_BIN=${OD_BIN:-$root/build/asan/ollama-doctor}
corpus=${EXPLAIN_CORPUS:-$here/corpus.txt}
. "$here/lib.sh"

command -v jq >/dev/null 2>&1 || { echo "Bail out! jq is not installed"; exit 1; }
[ -x "$OD_BIN" ] || { echo "Bail out! no executable at $OD_BIN (run make)"; exit 1; }
[ -r "$corpus" ] || { echo "Bail out! cannot read $corpus"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

split_corpus "$corpus" "$tmp" || exit 1

total=0
while [ -f "$tmp/$((total + 1)).meta" ]; do
    total=$((total + 1))
done
echo "1..$total"
[ "$total" -gt 0 ] || { echo "Bail out! no cases in $corpus"; exit 1; }

# has FIELD / want FIELD: whether case $meta names expect-FIELD, and its value
# (blanks squeezed, as the ids are compared as one space-separated string).
has() { grep -q "^expect-$1:" "$meta"; }
want() { sed -n "s/^expect-$1:[[:space:]]*//p" "$meta" | head -n 1 | tr -s ' \t' '  ' | sed 's/ *$//'; }

# One tab-separated line from the JSON: kind, host, port, errno, ids; null as "".
filter='[.input.error_kind // "", .input.host // "", (.input.port // "" | tostring),
         .input.errno // "", ([.findings[]?.id] | join(" "))] | join("\t")'

# wrap N: case N's text on stdin, wrapped by wrapper N mod 5, on stdout
esc=$(printf '\033')
wrap() {
    case $(($1 % 5)) in
    0) sed 's/$/\r/' ;;
    1) sed "s/^/$esc[1;31m/; s/\$/$esc[0m/" ;;
    2) sed 's/^/> /' ;;
    3) sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'"; s/'/\\&#39;/g" ;;
    4) sed 's/^/    /' ;;
    esac
}

failed=0
i=0
while [ "$i" -lt "$total" ]; do
    i=$((i + 1))
    meta=$tmp/$i.meta
    comment=$(sed -n 's/^#[[:space:]]*//p' "$meta" | head -n 1)
    if [ -n "${EXPLAIN_WRAP:-}" ]; then
        wrap "$i" <"$tmp/$i.txt" >"$tmp/in" && comment="$comment (wrapped $((i % 5)))"
    else
        cp "$tmp/$i.txt" "$tmp/in"
    fi
    offline "$OD_BIN" explain --json - <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if ! got=$(jq -r "$filter" "$tmp/out" 2>/dev/null) || [ -z "$got" ]; then
        echo "not ok $i - $comment # got no JSON (exit $rc): $(head -n 1 "$tmp/err")"
        failed=$((failed + 1))
        continue
    fi
    bad=
    iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 || bad=" output that is not UTF-8"
    col=0
    for field in kind host port errno ids; do
        col=$((col + 1))
        [ "$field" = ids ] && [ -n "$EXPLAIN_NO_IDS" ] && continue
        has "$field" || continue
        g=$(printf '%s\n' "$got" | cut -f "$col")
        [ "$g" = "$(want "$field")" ] || bad="$bad $field=\"$g\" (want \"$(want "$field")\")"
    done
    if [ -n "$bad" ]; then
        echo "not ok $i - $comment # got$bad"
        failed=$((failed + 1))
    else
        echo "ok $i - $comment"
    fi
done
[ "$failed" -eq 0 ] || { echo "# $failed of $total failed"; exit 1; }
exit 0
