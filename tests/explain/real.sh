#!/bin/sh
# TAP runner for the real-world explain corpus (tests/explain/real/*.txt, see
# README.md there): every block is piped into `ollama-doctor explain --json -`
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
#   REAL_MIN_tune, REAL_MIN_heldout   thresholds in per cent (90, 85: a floor, not the goal)
#   REAL_UPDATE=1   rewrite real/known-misses.txt from this run's misses
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
    rm -f "$tmp"/*.meta "$tmp"/*.txt
    split_corpus "$file" "$tmp" || exit 1
    total=0 good=0 nonconn_bad=0 stale=0
    listed=
    case $name in tune | heldout) [ -r "$known" ] && listed=1 ;; esac
    while [ -f "$tmp/$((total + 1)).meta" ]; do
        total=$((total + 1))
        meta=$tmp/$total.meta
        field() { sed -n "s/^$1:[[:space:]]*//p" "$meta" | head -n 1 | sed 's/[[:space:]]*$//'; }
        want=$(field expect-first)
        whost=$(field expect-host | tr "[:upper:]" "[:lower:]") # a host name is case-insensitive; input.host is lower case
        wport=$(field expect-port)
        desc=$(sed -n 's/^#[[:space:]]*//p' "$meta" | head -n 1)
        n=$((n + 1))
        offline "$OD_BIN" explain --json - <"$tmp/$total.txt" >"$tmp/out" 2>"$tmp/err"
        if ! got=$(jq -r "$filter" "$tmp/out" 2>/dev/null) || [ -z "$got" ]; then
            echo "not ok $n - $name: $desc # got no JSON: $(head -n 1 "$tmp/err")"
            failed=$((failed + 1))
            continue
        fi
        first=$(printf '%s\n' "$got" | cut -f 1)
        ghost=$(printf '%s\n' "$got" | cut -f 3)
        gport=$(printf '%s\n' "$got" | cut -f 4)
        errors=$(printf '%s\n' "$got" | cut -f 5)
        above_info=$(printf '%s\n' "$got" | cut -f 6)
        bad=
        if [ "$want" = none ]; then
            [ "$above_info" = 0 ] || bad="$bad first=$first"
        else
            [ "$first" = "$want" ] || bad="$bad first=$first"
        fi
        [ -z "$whost" ] || [ "$ghost" = "$whost" ] || bad="$bad host=$ghost (want $whost)"
        [ -z "$wport" ] || [ "$gport" = "$wport" ] || bad="$bad port=$gport (want $wport)"
        case $want in
        not-a-connectivity-error)
            if [ "$errors" != 0 ]; then
                nonconn_bad=$((nonconn_bad + 1))
                bad="$bad (an error finding for a text that is not a connectivity error)"
            fi ;;
        esac
        if [ -z "$bad" ]; then
            good=$((good + 1))
            echo "ok $n - $name: $desc"
            if [ -n "$listed" ] && grep -Fxq "$name: $desc" "$known"; then
                stale=$((stale + 1))
                echo "# now passes, still in known-misses.txt: $name: $desc"
            fi
        elif [ -n "$listed" ] && ! grep -Fxq "$name: $desc" "$known"; then
            echo "not ok $n - $name: $desc # a new miss (not in known-misses.txt): want $want, got$bad"
            failed=$((failed + 1))
        else
            echo "not ok $n - $name: $desc # TODO want $want, got$bad"
        fi
        [ -z "$bad" ] || [ -z "${REAL_UPDATE:-}" ] || echo "$name: $desc" >>"$tmp/known.new"
    done
    pct=$(awk -v g=$good -v t=$total 'BEGIN { printf "%.1f", t ? 100 * g / t : 0 }')
    eval "min=\${REAL_MIN_$name:-}"
    [ -n "$min" ] || case $name in tune) min=90 ;; *) min=85 ;; esac # floors under the measured 90.5 % and 91.6 % (the goal is 95 on unseen text: issue 9); tune grows with each blind set, whose judgement misses stay visible as TODO, and known-misses.txt guards every case one by one
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
