#!/bin/sh
# --container against a fake Docker Engine (tests/fake/fake_docker.py) that
# answers shapes a real dockerd does not: Podman's compatible API, old
# engines, socket proxies, broken daemons. The tool must never crash on them,
# must never put unchecked text into an Engine API path, and must copy only
# bounded fields of the answer into the report. Root (--container enters a
# namespace); the target is a sleep in its own empty network namespace
# (unshare -n) and the only candidate is 127.0.0.1:1, so nothing is sent
# anywhere.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip_all "needs root (--container)"
command -v unshare >/dev/null 2>&1 || skip_all "needs unshare"
command -v python3 >/dev/null 2>&1 && command -v jq >/dev/null 2>&1 || skip_all "needs python3 and jq"
trap cleanup EXIT INT TERM

unshare -n sleep 120 &
TPID=$!
PIDS="$PIDS $TPID"
sleep 0.1

SOCK=$W/docker.sock
LOG=$W/requests.log
# engine ARGS...: (re)start the fake with these answers
engine() {
    stop eng
    rm -f "$LOG"
    start eng "" python3 "$FAKE/fake_docker.py" --socket "$SOCK" --log "$LOG" "$@"
}
# Overrides lib.sh's start: this test has no namespaces of its own.
start() {
    sname=$1; shift 2
    : >"$W/$sname.out"
    "$@" >"$W/$sname.out" 2>"$W/$sname.err" &
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
# combined ARGS...: the doctor on the host against the fake engine
combined() {
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
        DOCKER_HOST="unix://$SOCK" "$OD_BIN" --json -t 300 --candidates 127.0.0.1:1 "$@" \
        >"$W/out.json" 2>"$W/err.txt"
    RC=$?
}
j() { printf '%s\n' "$2" >"$W/$1.json"; }
no_crash() { ! grep -qE 'AddressSanitizer|runtime error|Segmentation' "$W/err.txt"; }
one_json() { jq -s 'length == 1' "$W/out.json" | grep -q true; }

good='{"Id":"0123456789abcdef0123","Name":"/app-1","State":{"Running":true,"Status":"running","Pid":'$TPID'},
 "Config":{"Image":"langgenius/dify-plugin-daemon:0.1","Env":["PATH=/bin",7,{"x":1}],
           "Labels":{"com.docker.compose.service":"plugin_daemon"}},
 "HostConfig":{"NetworkMode":"bridge","ExtraHosts":["host.docker.internal:host-gateway",[["nested"]],{"a":1}]},
 "NetworkSettings":{"Networks":{"n1":{"IPAddress":"172.18.0.3","Gateway":"172.18.0.1"},"n2":7}}}'

# --- inspect answers of unexpected shapes -----------------------------------
j nopid '{"State":{"Running":true}}'
engine --inspect app=$W/nopid.json || exit 1
combined --container app
ok "inspect without State.Pid: exit 3 with one clear line, no crash" \
    sh -c "[ $RC -eq 3 ] && grep -q 'no State.Pid' $W/err.txt && jq -e '.error.code == \"io\"' $W/out.json"
ok "inspect without State.Pid: no sanitizer report" no_crash

for shape in '[]' 'null' '"x"' '{"State":[]}' '{"State":{"Running":"yes","Pid":5}}' \
    '{"State":{"Running":true,"Pid":"123"}}' '{"State":{"Running":true,"Pid":-1}}' \
    '{"State":{"Running":true,"Pid":1e30}}' '{"State":{"Running":true,"Pid":1.5}}' 'not json at all'; do
    j shape "$shape"
    engine --inspect app=$W/shape.json || exit 1
    combined --container app
    ok "inspect $shape: exit 2 or 3 with a message, one JSON document, no crash" \
        sh -c "[ $RC -eq 2 -o $RC -eq 3 ] && [ -s $W/err.txt ] && jq -e '.error' $W/out.json"
    ok "inspect $shape: no sanitizer report" no_crash
done

# --- container lists of unexpected shapes (--container auto) ----------------
for list in '[{"Names":[""],"Image":"langgenius/dify-plugin-daemon:0.1"}]' \
    '[{"Names":"x","Image":"langgenius/dify-plugin-daemon:0.1"}]' \
    '[{"Names":[7],"Image":"langgenius/dify-plugin-daemon:0.1"}]' \
    '[{"Names":["/../../_ping#"],"Image":"langgenius/dify-plugin-daemon:0.1"}]' \
    '[7, "x", null, []]' '{}' '{"Names":["/a"]}' 'garbage'; do
    j list "$list"
    engine --list "$W/list.json" || exit 1
    combined --container auto
    ok "list $list: exit 2 or 3, nothing picked, no crash" \
        sh -c "[ $RC -eq 2 -o $RC -eq 3 ] && jq -e '.error' $W/out.json >/dev/null"
    ok "list $list: no sanitizer report" no_crash
    ok "list $list: no inspect request with an unchecked name" sh -c "! grep -q '/containers/[^/]*/json' $LOG"
done

# --- a good answer with extra junk: only the report's fields, bounded -------
j good "$good"
j list '[{"Names":["/app-1"],"Image":"langgenius/dify-plugin-daemon:0.1","Labels":{"com.docker.compose.service":"plugin_daemon"}}]'
engine --list "$W/list.json" --inspect app-1="$W/good.json" || exit 1
combined --container auto
ok "auto: picks app-1 and probes from its namespace" \
    jqt '.context.target.name == "app-1" and .context.target.pid == '"$TPID"' and .context.target.service == "plugin_daemon"'
ok "auto: extra_hosts keeps only strings" jqt '.context.target.docker.extra_hosts == ["host.docker.internal:host-gateway"]'
ok "auto: networks keep name/ip/gateway strings" \
    jqt '.context.target.docker.networks == [{"name":"n1","ip":"172.18.0.3","gateway":"172.18.0.1"},{"name":"n2","ip":"","gateway":""}]'
ok "auto: stdout is one JSON document" one_json

# an ExtraHosts nested as deep as cJSON parses: the report stays shallow
python3 -c "
import json, sys
d = json.loads(sys.argv[1]); x = 'deep'
for _ in range(990): x = [x]
d['HostConfig']['ExtraHosts'] = [x, 'a:1.2.3.4']
print(json.dumps(d))" "$good" >"$W/deep.json"
engine --inspect app-1="$W/deep.json" || exit 1
combined --container app-1
ok "deep ExtraHosts: the report is readable by jq and Python" \
    sh -c "jq -e '.context.target.docker.extra_hosts == [\"a:1.2.3.4\"]' $W/out.json && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' $W/out.json"

# --- names that go into the API path ---------------------------------------
engine --inspect app-1="$W/good.json" || exit 1
combined --container /app-1
ok "--container /app-1 (as docker inspect prints it): found, exit 1 (nothing listens)" \
    sh -c "[ $RC -eq 1 ] && jq -e '.context.target.name == \"app-1\"' $W/out.json"
ok "--container /app-1: the API path has no second slash" grep -qx '/v1.41/containers/app-1/json' "$LOG"
rm -f "$LOG"
combined --container '../../_ping#'
ok "--container ../../_ping#: exit 2 at option parsing" \
    sh -c "[ $RC -eq 2 ] && grep -q 'is not a container name or ID' $W/err.txt"
ok "--container ../../_ping#: no request reached the engine" sh -c "[ ! -s $LOG ]"
for bad in 'a/b' 'a b' '%2F_ping' '-x' '.x' 'a?b' ''; do
    combined --container "$bad"
    ok "--container '$bad': exit 2" sh -c "[ $RC -eq 2 ] && [ ! -s $LOG ]"
done

# an Api-Version header that is not a version never reaches the path
engine --api-version '../../_ping#' --inspect app-1="$W/good.json" || exit 1
combined --container app-1
ok "garbage Api-Version: the default v1.41 is used in the path" grep -qx '/v1.41/containers/app-1/json' "$LOG"
engine --api-version '1.43' --inspect app-1="$W/good.json" || exit 1
combined --container app-1
ok "Api-Version 1.43 is spoken back" grep -qx '/v1.43/containers/app-1/json' "$LOG"

finish
