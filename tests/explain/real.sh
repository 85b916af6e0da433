#!/bin/sh
# TAP runner for the real-world explain corpus (tests/explain/real/*.txt, see
# README.md there): every block is piped into `ollama-doctor explain --batch`
# and checked against its expect-first (the id that must come first; `none`:
# no finding above info), expect-host and expect-port.
#
# A case that misses is `not ok ... # TODO` (TAP: an expected failure that does
# not fail the suite); the suite's own test points are the accuracy of each
# file against its threshold, and that no case whose text is not a
# connectivity error (expect-first not-a-connectivity-error) gets an
# error-severity finding (`none` only says the text does not decide: it
# counts against accuracy, not here). Prints "# tune: 171/180 (95.0 %)" per file.
#
# For tune.txt and heldout.txt the misses are also checked one by one against
# real/known-misses.txt: a case missed that is not listed fails (a regression,
# whatever the percentage), and a listed case that now passes fails too until
# the list is updated (REAL_UPDATE=1 rewrites it from this run), so the list
# stays the exact set of today's misses.
#   OD_BIN          the binary (default: build/asan/ollama-doctor in the repo)
#   REAL_FILES      the corpus files (default: tune.txt heldout.txt here)
#   REAL_MIN_tune, REAL_MIN_heldout   thresholds in per cent (85, 85: a floor, not the goal)
#   REAL_UPDATE=1   rewrite real/known-misses.txt from this run's misses
#   REAL_JOBS       how many cases explain runs at once (default: the CPUs)
# No root; no network (explain makes no request, and runs in an empty
# network namespace where unshare allows: lib.sh).
here=$(cd "$(dirname "$0")" && pwd) || exit 1
root=$(cd "$here/../.." && pwd) || exit 1
OD_BIN=${OD_BIN:-$root/build/asan/ollama-doctor}
files=${REAL_FILES:-"$here/real/tune.txt $here/real/heldout.txt"}
. "$here/lib.sh"

command -v jq >/dev/null 2>&1 || { echo "Bail out! jq is not installed"; exit 1; }
[ -x "$OD_BIN" ] || { echo "Bail out! no executable at $OD_BIN (run make)"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# first id, its severity, host, port, and whether any finding is an error
filter='[(.findings[0].id // "none"), (.findings[0].severity // ""), (.input.host // ""),
         (.input.port // "" | tostring),
         ([.findings[] | select(.severity == "error")] | length | tostring),
         ([.findings[] | select(.severity != "info")] | length | tostring)] | join("\t")'

known=$here/real/known-misses.txt
[ -z "${REAL_UPDATE:-}" ] || : >"$tmp/known.new"
n=0 failed=0 summary=""
for file in $files; do
    name=$(basename "$file" .txt)
    [ -r "$file" ] || { echo "Bail out! cannot read $file"; exit 1; }
    rm -f "$tmp"/*.meta "$tmp"/*.txt "$tmp"/*.out "$tmp"/*.err "$tmp"/*.rc "$tmp"/batch.*
    total=$(split_corpus "$file" "$tmp") || exit 1
    listed=
    case $name in tune | heldout) [ -r "$known" ] && listed=1 ;; esac
    explain_cases "$tmp" "$total" txt "$filter" >"$tmp/got" || { echo "Bail out! could not run $OD_BIN (or a sanitizer reported: see stderr)"; exit 1; }
    # One line of TAP per case, then the counts as shell assignments in $tmp/counts.
    awk -v dir="$tmp" -v total="$total" -v name="$name" -v n="$n" -v listed="$listed" \
        -v known="$known" -v update="${REAL_UPDATE:-}" "$meta_awk"'
    BEGIN {
        load(dir "/got")
        if (listed) while ((getline line < known) > 0) isknown[line] = 1
        for (i = 1; i <= total; i++) {
            n++
            want = field(i, "expect-first"); whost = tolower(field(i, "expect-host")) # input.host is lower case
            wport = field(i, "expect-port"); key = name ": " comment(i)
            if (!(i in got) || got[i] == "") { print "not ok " n " - " key " # got no JSON " err(i); failed++; continue }
            split(got[i], g, "\t") # first, severity, host, port, errors, findings above info
            bad = ""
            if (want == "none" ? g[6] != "0" : g[1] != want) bad = bad " first=" g[1]
            if (whost != "" && g[3] != whost) bad = bad " host=" g[3] " (want " whost ")"
            if (wport != "" && g[4] != wport) bad = bad " port=" g[4] " (want " wport ")"
            if (want == "not-a-connectivity-error" && g[5] != "0") {
                nonconn_bad++; bad = bad " (an error finding for a text that is not a connectivity error)"
            }
            if (bad == "") {
                good++; print "ok " n " - " key
                if (listed && (key in isknown)) { stale++; print "# now passes, still in known-misses.txt: " key }
                continue
            }
            if (listed && !(key in isknown)) {
                print "not ok " n " - " key " # a new miss (not in known-misses.txt): want " want ", got" bad; failed++
            } else print "not ok " n " - " key " # TODO want " want ", got" bad
            if (update) print key >> (dir "/known.new")
        }
        printf "n=%d good=%d nonconn_bad=%d stale=%d new_failed=%d\n", n, good, nonconn_bad, stale, failed > (dir "/counts")
    }' || exit 1
    . "$tmp/counts"
    failed=$((failed + new_failed))
    pct=$(awk -v g=$good -v t=$total 'BEGIN { printf "%.1f", t ? 100 * g / t : 0 }')
    eval "min=\${REAL_MIN_$name:-}"
    [ -n "$min" ] || case $name in tune) min=85 ;; *) min=85 ;; esac # floors under the measured 85.7 % and 93.7 % (the goal is 95 on unseen text: issue 9); tune grows with each blind set (97 % of it now, measured at 70 % on first sight), whose judgement misses stay visible as TODO, and known-misses.txt guards every case one by one (round 116 moved the tune floor from 90 to 89, round 117 to 88, round 119 to 87, round 121 to 86, round 127 to 85, when their sets joined)
    summary="$summary# $name: $good/$total ($pct %)
"
    n=$((n + 1))
    if awk -v p="$pct" -v m="$min" 'BEGIN { exit !(p >= m) }'; then
        echo "ok $n - $name accuracy $good/$total ($pct %) >= $min %"
    else
        echo "not ok $n - $name accuracy $good/$total ($pct %) < $min %"
        failed=$((failed + 1))
    fi
    if [ -n "$listed" ]; then
        n=$((n + 1))
        if [ "$stale" -eq 0 ]; then
            echo "ok $n - $name: known-misses.txt lists no case that passes"
        else
            echo "not ok $n - $name: $stale cases in known-misses.txt now pass (REAL_UPDATE=1 sh $0 rewrites the list)"
            failed=$((failed + 1))
        fi
    fi
    n=$((n + 1))
    if [ "$nonconn_bad" -eq 0 ]; then
        echo "ok $n - $name: no error finding for a text that is not a connectivity error"
    else
        echo "not ok $n - $name: $nonconn_bad texts that are not connectivity errors got an error finding"
        failed=$((failed + 1))
    fi
done
printf '%s' "$summary"
if [ -n "${REAL_UPDATE:-}" ]; then
    sort "$tmp/known.new" >"$known" && echo "# wrote $(wc -l <"$known") lines to $known"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
