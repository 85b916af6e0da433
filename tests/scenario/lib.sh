# Scenario harness: a "host" and a "ctr" network namespace joined by a veth,
# both with no route out, fakes started inside them, and TAP assertions on
# the doctor's JSON. Source it from tests/scenario/t_*.sh.
#
#   host netns ($H)                         ctr netns ($C)
#     br-app (bridge) 172.18.0.1/16
#       veth-h  <------------------->  eth0 172.18.0.2/16, default via 172.18.0.1
#     docker0 (bridge) 172.17.0.1/16
#     lan0    (bridge) 192.168.50.10/24
# add_ns NAME BRIDGE ADDR/PREFIX GATEWAY joins one more namespace (another
# container on br-app, another machine on lan0).
#
# Every private address exists only inside these namespaces (DEVELOPERS.md,
# network safety). Everything started is stopped by PID, namespaces and
# /etc/netns/<name>/ are removed on exit.

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
OD_BIN=${OD_BIN:-$ROOT/build/asan/ollama-doctor}
FAKE=$ROOT/tests/fake
TAPN=0
FAILS=0
PIDS=""
NAME=$(basename "$0" .sh)
H=odh$$
C=odc$$
W=$(mktemp -d "/tmp/od-$NAME.XXXXXX")

ok() { # ok DESCRIPTION COMMAND...  (passes when COMMAND exits 0)
    desc=$1; shift
    TAPN=$((TAPN + 1))
    if "$@" >/dev/null 2>&1; then
        echo "ok $TAPN - $desc"
    else
        echo "not ok $TAPN - $desc"
        FAILS=$((FAILS + 1))
        [ -s "$W/out.json" ] && echo "# exit $RC; report: $(jq -c '{verdict, findings: [.findings[]? | "\(.severity):\(.id)"], base: .recommendation.base_url, probes: [.probes[] | {candidate, class, dns: .dns.status, tcp: [.attempts[] | .tcp, .errno, .http.status?]}]}' "$W/out.json" 2>/dev/null || head -c 600 "$W/out.json")"
        [ -s "$W/err.txt" ] && echo "# stderr: $(head -c 2000 "$W/err.txt" | tr '\n' ' ')"
    fi
}

skip_all() {
    echo "ok 1 - $NAME # SKIP $*"
    exit 0
}

need_root() {
    [ "$(id -u)" = 0 ] || skip_all "needs root (network namespaces)"
    for t in ip iptables python3 jq; do
        command -v "$t" >/dev/null 2>&1 || skip_all "needs $t"
    done
    ip netns add "od-probe-$$" 2>/dev/null || skip_all "cannot create network namespaces here"
    ip netns del "od-probe-$$"
}

EXTRA_NS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    # add_ns runs inside $(...) too, where EXTRA_NS is lost: its file is not
    for ns in $EXTRA_NS $(cat "$W/extra_ns" 2>/dev/null); do ip netns del "$ns" 2>/dev/null; rm -rf "/etc/netns/$ns"; done
    ip netns del "$C" 2>/dev/null
    ip netns del "$H" 2>/dev/null
    rm -rf "/etc/netns/$C" "/etc/netns/$H" "$W"
}

# add_ns NAME BRIDGE ADDR/PREFIX GATEWAY: one more namespace ($NAME$$) on a
# bridge of the host ($H), e.g. another container on br-app or another
# machine on lan0. Prints the namespace's name.
add_ns() {
    ns=$1$$ br=$2 addr=$3 gw=$4
    ip netns add "$ns" || return 1
    EXTRA_NS="$EXTRA_NS $ns"
    echo "$ns" >>"$W/extra_ns"
    ip netns exec "$ns" ip link set lo up
    ip link add "v-$1" netns "$H" type veth peer name eth0 netns "$ns" || return 1
    in_host ip link set "v-$1" master "$br" up
    ip netns exec "$ns" ip addr add "$addr" dev eth0
    ip netns exec "$ns" ip link set eth0 up
    [ -n "$gw" ] && ip netns exec "$ns" ip route add default via "$gw"
    echo "$ns"
}

# jq over the last report: jqt FILTER  (true when the filter yields true)
jqt() { jq -e "$1" "$W/out.json"; }

in_host() { ip netns exec "$H" "$@"; }
in_ctr() { ip netns exec "$C" "$@"; }

topo_up() {
    trap cleanup EXIT INT TERM
    ip netns add "$H" && ip netns add "$C" || return 1
    mkdir -p "/etc/netns/$C" "/etc/netns/$H"
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"/etc/netns/$C/hosts"
    printf 'nameserver 172.18.0.1\n' >"/etc/netns/$C/resolv.conf"
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"/etc/netns/$H/hosts"
    printf 'nameserver 127.0.0.1\n' >"/etc/netns/$H/resolv.conf"
    in_host ip link set lo up
    in_ctr ip link set lo up
    in_host ip link add br-app type bridge
    in_host ip addr add 172.18.0.1/16 dev br-app
    in_host ip link set br-app up
    ip link add veth-h netns "$H" type veth peer name eth0 netns "$C" || return 1
    in_host ip link set veth-h master br-app up
    in_host ip link add docker0 type bridge
    in_host ip addr add 172.17.0.1/16 dev docker0
    in_host ip link set docker0 up
    in_host ip link add lan0 type bridge
    in_host ip addr add 192.168.50.10/24 dev lan0
    in_host ip link set lan0 up
    in_ctr ip addr add 172.18.0.2/16 dev eth0
    in_ctr ip link set eth0 up
    in_ctr ip route add default via 172.18.0.1
}

# start NAME NETNS COMMAND... : run in the background, wait for its "ready" line.
start() {
    sname=$1 ns=$2; shift 2
    : >"$W/$sname.out" # never read a "ready" left by an earlier instance of the same name
    ip netns exec "$ns" "$@" >"$W/$sname.out" 2>"$W/$sname.err" &
    pid=$!
    PIDS="$PIDS $pid"
    eval "PID_$sname=$pid"
    i=0
    while ! grep -q '^ready' "$W/$sname.out" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "# $sname did not start: $(cat "$W/$sname.err")"
            return 1
        fi
        sleep 0.05
    done
}

stop() { # stop NAME: SIGTERM, then SIGKILL (said on stdout) after 5 s
    eval "pid=\$PID_$1"
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
            i=$((i + 1))
            sleep 0.05
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "# $1 (pid $pid) ignored SIGTERM for 5 s: killed"
            kill -9 "$pid" 2>/dev/null
        fi
        wait "$pid" 2>/dev/null
    fi
    eval "PID_$1="
}

ollama_at() { # ollama_at NAME BIND PORT [fake args...]
    n=$1 b=$2 p=$3; shift 3
    start "$n" "$H" python3 "$FAKE/fake_ollama.py" --bind "$b" --port "$p" "$@"
}

# doctor [ENV=VALUE ...] -- ARGS : run from the ctr netns as a container would.
# The report lands in $W/out.json, stderr in $W/err.txt, exit status in $RC.
doctor_env() {
    envs=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
    [ "$1" = "--" ] && shift
    # shellcheck disable=SC2086
    ip netns exec "$C" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" \
        UBSAN_OPTIONS="$UBSAN_OPTIONS" $envs "$OD_BIN" --vantage container --json "$@" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    keep_report
}
doctor() { doctor_env -- "$@"; }

# The same from the host netns (host vantage).
doctor_host() {
    ip netns exec "$H" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" \
        UBSAN_OPTIONS="$UBSAN_OPTIONS" "$OD_BIN" --vantage host --json "$@" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    keep_report
}

rc_is() { [ "$RC" -eq "$1" ]; }

# keep_report: a copy of the last report for tests/schema_check.sh (run.sh
# sets OD_REPORTS); call it after every run of the doctor.
KEPT=0
keep_report() {
    [ -n "$OD_REPORTS" ] && [ -s "$W/out.json" ] || return 0
    KEPT=$((KEPT + 1))
    cp "$W/out.json" "$OD_REPORTS/$NAME-$$-$KEPT.json" 2>/dev/null
    return 0
}

# probe ORIGIN-or-CANDIDATE: a jq path to that probe
pclass() { # pclass CANDIDATE CLASS
    jqt "[.probes[] | select(.candidate == \"$1\")][0].class == \"$2\""
}

finish() {
    echo "1..$TAPN"
    [ "$FAILS" -eq 0 ]
}
