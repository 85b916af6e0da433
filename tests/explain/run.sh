#!/bin/sh
# TAP runner for the explain corpus: every block of corpus.txt is piped into
# `ollama-doctor explain --batch` (lib.sh) and its expect-* lines are checked with jq.
#   OD_BIN          the binary (default: build/asan/ollama-doctor in the repo)
#   EXPLAIN_CORPUS  another corpus file (default: corpus.txt next to this script)
#   EXPLAIN_NO_IDS  set to skip the expect-ids checks (parser only)
#   REAL_JOBS       how many cases explain runs at once (default: the CPUs)
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

total=$(split_corpus "$corpus" "$tmp") || exit 1
echo "1..$total"
[ "$total" -gt 0 ] || { echo "Bail out! no cases in $corpus"; exit 1; }

# One tab-separated line from the JSON: kind, host, port, errno, ids; null as "".
filter='[.input.error_kind // "", .input.host // "", (.input.port // "" | tostring),
         .input.errno // "", ([.findings[]?.id] | join(" ")), .input.platform.name // ""] | join("\t")'

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

suffix=txt
if [ -n "${EXPLAIN_WRAP:-}" ]; then
    suffix=in i=0
    while [ "$i" -lt "$total" ]; do
        i=$((i + 1))
        wrap "$i" <"$tmp/$i.txt" >"$tmp/$i.in"
    done
fi
explain_cases "$tmp" "$total" "$suffix" "$filter" >"$tmp/got" || { echo "Bail out! could not run $OD_BIN (or a sanitizer reported: see stderr)"; exit 1; }
i=0
while [ "$i" -lt "$total" ]; do
    i=$((i + 1))
    iconv -f UTF-8 -t UTF-8 "$tmp/$i.out" >/dev/null 2>&1 || echo "$i"
done >"$tmp/not-utf8"

# expect-FIELD's value has its blanks squeezed: the ids are compared as one
# space-separated string.
awk -v dir="$tmp" -v total="$total" -v wrapped="${EXPLAIN_WRAP:-}" -v no_ids="${EXPLAIN_NO_IDS:-}" "$meta_awk"'
BEGIN {
    load(dir "/got")
    while ((getline line < (dir "/not-utf8")) > 0) notutf8[line + 0] = 1
    nf = split("kind host port errno ids platform", names, " ")
    for (i = 1; i <= total; i++) {
        c = comment(i) (wrapped ? " (wrapped " i % 5 ")" : "")
        if (!(i in got) || got[i] == "") { print "not ok " i " - " c " # got no JSON " err(i); failed++; continue }
        split(got[i], g, "\t")
        bad = (i in notutf8) ? " output that is not UTF-8" : ""
        for (k = 1; k <= nf; k++) {
            if ((names[k] == "ids" && no_ids) || !has(i, "expect-" names[k])) continue
            w = field(i, "expect-" names[k]); gsub(/[ \t]+/, " ", w)
            if (g[k] != w) bad = bad " " names[k] "=\"" g[k] "\" (want \"" w "\")"
        }
        if (bad != "") { print "not ok " i " - " c " # got" bad; failed++ } else print "ok " i " - " c
    }
    if (failed) { print "# " failed " of " total " failed"; exit 1 }
}'
