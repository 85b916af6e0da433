#!/bin/sh
# make bench: how ollama-doctor compares with what users do by hand.
# Part 1 (bench/bench.py, in an empty network namespace: `unshare -rn`):
#   startup, round trip and scaling (N = 16, 256, 1000) against curl on
#   loopback, served by bench/fast_ollama. OD_BEFORE=path/to/older/binary
#   adds that build beside it; REPS, DELAY_MS, SIZES=16,256,1000 tune it.
# Part 2 (root only: network namespaces, tests/scenario/lib.sh): 8 candidates
#   in a namespace scene, 2 of them black-holed by DROP, then the same with no
#   black hole, against a sequential loop of `curl --connect-timeout`: the
#   median wall time of each, the ratio, and the doctor's peak RSS.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/scenario/lib.sh"
OD=${OD:-$ROOT/build/ollama-doctor}
REPS=${REPS:-5}
T_MS=${T_MS:-2000}
SERVER=$ROOT/build/bench/fast_ollama

if unshare -rn true 2>/dev/null; then
    unshare -rn sh -c 'ip link set lo up 2>/dev/null || true; exec "$@"' sh \
        python3 "$ROOT/bench/bench.py" --doctor "$OD" --server "$SERVER" --reps "${REPS_1:-7}" \
        --delay "${DELAY_MS:-50}" --sizes "${SIZES:-16,256,1000}" ${OD_BEFORE:+--before "$OD_BEFORE"} || exit 1
else
    echo "bench: part 1 skipped: no empty network namespace here (unshare -rn)"
fi
echo
[ "$(id -u)" = 0 ] || { echo "bench: part 2 skipped: needs root (network namespaces)"; exit 0; }
topo_up || exit 1
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 >/dev/null || exit 1
ollama_at ol 0.0.0.0 11434 >/dev/null || exit 1
ollama_at ol2 0.0.0.0 11435 >/dev/null || exit 1
in_host iptables -A INPUT -p tcp --dport 9001:9002 -j DROP

OK="172.18.0.1:11434 172.17.0.1:11434 192.168.50.10:11434 172.18.0.1:11435 172.17.0.1:11435 192.168.50.10:11436"
HOLES="172.17.0.1:9001 192.168.50.10:9002"

now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

run_doctor() { # list
    list=$(echo "$1" | tr ' ' ',')
    t0=$(now_ms)
    in_ctr "$OD" --vantage container --json -t "$T_MS" --candidates "$list" >"$W/b.json" 2>/dev/null
    echo $(( $(now_ms) - t0 ))
}
run_curl() { # list
    t0=$(now_ms)
    for c in $1; do
        in_ctr curl -s -o /dev/null --noproxy '*' --connect-timeout "$(echo "$T_MS" | awk '{print $1/1000}')" "http://$c/"
    done
    echo $(( $(now_ms) - t0 ))
}

report() { # label list
    d=$(for i in $(seq "$REPS"); do run_doctor "$2"; done | median)
    rss=$(jq '.context.run.max_rss_kb' "$W/b.json")
    inner=$(jq '.context.run.elapsed_ms' "$W/b.json")
    c=$(for i in $(seq "$REPS"); do run_curl "$2"; done | median)
    printf '%-34s doctor %6s ms (in-process %s ms, peak RSS %s KB)   curl loop %6s ms   ratio %s\n' \
        "$1" "$d" "$inner" "$rss" "$c" "$(awk -v a="$c" -v b="$d" 'BEGIN {printf "%.1fx", a / (b > 0 ? b : 1)}')"
}

echo "ollama-doctor bench: $REPS repetitions, medians, timeout $T_MS ms, $(nproc) cores"
report "8 candidates, 2 black-holed" "$OK $HOLES"
report "6 candidates, no black hole" "$OK"
echo "target: black holes within $T_MS ms + 10% ($(( T_MS * 11 / 10 )) ms); no black hole under 50 ms; RSS under 16384 KB"
