#!/bin/sh
# End to end with a real Docker Engine (docker_lib.sh): a Dify-like compose
# network and plugin_daemon container, the fake Ollama on the Docker host, and
# the doctor run (1) inside the container (the static binary, docker cp +
# docker exec), (2) on the host against the container (--container, --pid).
#
#   a. bind 127.0.0.1 -> host-port-refused from inside; 0.0.0.0 -> ok
#   b. host.docker.internal without / with --add-host ...:host-gateway
#   c. DROP in the host's INPUT -> firewall-blocks within timeout + 10 %
#   d. the combined vantage: --container NAME|auto, --pid
#   e. errors: no such container, no engine socket, a stopped container
. "$(dirname "$0")/docker_lib.sh"
docker_need

PD=docker-plugin_daemon-1
GW=od-hostgw
docker_ctr_binary
docker_up || { echo "not ok 1 - docker_up"; exit 1; }

ollama_on_host() { # ollama_on_host BIND
    stop ol
    start ol "$D" python3 "$FAKE/fake_ollama.py" --bind "$1" --port 11434
}

# --- the scene: Dify's compose network and plugin_daemon ----------------------------
docker network create docker_default >/dev/null
docker run -d --name "$PD" --network docker_default \
    --label com.docker.compose.project=docker --label com.docker.compose.service=plugin_daemon \
    --label com.docker.compose.container-number=1 --label com.docker.compose.oneoff=False \
    od-busybox sleep 3600 >/dev/null
docker run -d --name "$GW" --network docker_default --add-host host.docker.internal:host-gateway \
    od-busybox sleep 3600 >/dev/null
docker run -d --name od-stopped --network docker_default od-busybox sleep 3600 >/dev/null
docker stop -t 0 od-stopped >/dev/null
PD_PID=$(docker inspect -f '{{.State.Pid}}' "$PD")
for c in "$PD" "$GW"; do od_install "$c"; done
phase "containers"

ok "engine: overlay2 or vfs storage, in its own netns" sh -c "[ \"\$($DOCKER_CLI info --format '{{.Driver}}')\" = '$DOCKER_STORAGE' ]"
ok "docker_default is 172.18.0.0/16, gateway 172.18.0.1" sh -c "[ \"\$($DOCKER_CLI network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' docker_default)\" = '172.18.0.0/16 172.18.0.1' ]"
ok "plugin_daemon carries the compose labels" sh -c "[ \"\$($DOCKER_CLI inspect -f '{{index .Config.Labels \"com.docker.compose.project\"}}/{{index .Config.Labels \"com.docker.compose.service\"}}' $PD)\" = docker/plugin_daemon ]"
ok "plugin_daemon is running with a host PID" sh -c "[ '$PD_PID' -gt 1 ]"
ok "/.dockerenv exists in the container" docker exec "$PD" ls /.dockerenv
ok "its /proc/1/cgroup says /docker/<id> like a real engine's" sh -c "$DOCKER_CLI exec $PD cat /proc/1/cgroup | grep -q ':/od$$/docker/'"
docker cp /bin/busybox "$PD:/tmp/echo"
ok "docker cp + docker exec of a static program" sh -c "[ \"\$($DOCKER_CLI exec $PD /tmp/echo cp-exec-ok)\" = cp-exec-ok ]"
ok "the container's resolver is the embedded DNS" sh -c "$DOCKER_CLI exec $PD cat /etc/resolv.conf | grep -q '^nameserver 127.0.0.11'"
ok "host-gateway maps host.docker.internal to docker0 in the second container" sh -c "$DOCKER_CLI exec $GW cat /etc/hosts | grep -Eq '^172\.17\.0\.1[[:space:]]+host\.docker\.internal'"
ok "no such entry in plugin_daemon" sh -c "! $DOCKER_CLI exec $PD cat /etc/hosts | grep -q host.docker.internal"
ok "od-stopped is not running" sh -c "[ \"\$($DOCKER_CLI inspect -f '{{.State.Running}}' od-stopped)\" = false ]"

# --- Ollama bound to 127.0.0.1 on the Docker host -----------------------------
ollama_on_host 127.0.0.1 || { echo "not ok - fake Ollama did not start"; finish; exit 1; }
ok "scene: 127.0.0.1 bind refuses the container at once (busybox nc)" sh -c "! $DOCKER_CLI exec $PD nc -w 1 172.18.0.1 11434 </dev/null"

# a. from inside the container
doctor_in "$PD" --json -t 1000
cok "a: loopback bind, inside plugin_daemon: exit 1" rc_is 1
cok "a: host-port-refused" has_id host-port-refused
cok "a: vantage container, detected" jqt '.vantage == "container" and .context.vantage_source == "detected"'
cok "a: runtime docker from /.dockerenv" jqt '.context.container.runtime == "docker" and (.context.container.markers | index("/.dockerenv") != null)'
cok "a: the gateway is the compose network's 172.18.0.1" jqt '[.context.gateways[] | select(.family == "ipv4")][0].address == "172.18.0.1"'
phase "a (127.0.0.1)"

# d. the combined vantage from the Docker host. The host's sockets: the contract
# said .context.host.listeners; the build puts them in .context.listeners
# (facts.md's field) next to .context.host.listener_owners: either is accepted.
doctor_on_host -- --container "$PD" --json -t 1000
ok "d: --container: vantage container" jqt '.vantage == "container"'
ok "d: --container: target kind container, its name and host PID" jqt ".context.target.kind == \"container\" and (.context.target.name | ltrimstr(\"/\")) == \"$PD\" and .context.target.pid == $PD_PID"
ok "d: --container: recognised as Dify's plugin_daemon" jqt '.context.target.app == "dify" and .context.target.service == "plugin_daemon"'
ok "d: --container: the host's listener 127.0.0.1:11434, scope loopback" jqt '[(.context.host.listeners // .context.listeners)[] | select(.address == "127.0.0.1" and .port == 11434 and .scope == "loopback")] | length == 1'
ok "d: --container: findings start with loopback-only-bind" jqt '.findings[0].id == "loopback-only-bind"'
ok "d: --container: host-port-refused is suppressed by the root cause" no_id host-port-refused
ok "d: --container: exit 1" rc_is 1
doctor_on_host -- --container auto --json -t 1000
ok "d: --container auto picks Dify's plugin_daemon" jqt ".context.target.kind == \"container\" and (.context.target.name | ltrimstr(\"/\")) == \"$PD\" and .context.target.service == \"plugin_daemon\""
ok "d: --container auto: loopback-only-bind" jqt '.findings[0].id == "loopback-only-bind"'
doctor_on_host -- --pid "$PD_PID" --json -t 1000
ok "d: --pid: vantage container, kind pid (or container), the PID" jqt ".vantage == \"container\" and (.context.target.kind == \"pid\" or .context.target.kind == \"container\") and .context.target.pid == $PD_PID"
ok "d: --pid: loopback-only-bind, no host-port-refused" jqt '.findings[0].id == "loopback-only-bind" and ([.findings[].id] | index("host-port-refused") == null)'
phase "d (127.0.0.1)"

# --- Ollama on all interfaces --------------------------------------------------
ollama_on_host 0.0.0.0 || { echo "not ok - fake Ollama did not start"; finish; exit 1; }
ok "scene: 0.0.0.0 bind answers the container at the gateway (busybox nc)" sh -c "(printf 'GET / HTTP/1.0\r\n\r\n'; sleep 0.5) | $DOCKER_CLI exec -i $PD nc -w 2 172.18.0.1 11434 | grep -q 'Ollama is running'"
ok "scene: ... and at docker0's 172.17.0.1" sh -c "(printf 'GET / HTTP/1.0\r\n\r\n'; sleep 0.5) | $DOCKER_CLI exec -i $PD nc -w 2 172.17.0.1 11434 | grep -q 'Ollama is running'"

doctor_in "$PD" --json -t 1000
cok "a: 0.0.0.0 bind: verdict ok" jqt '.verdict == "ok"'
cok "a: Base URL is the gateway or docker0" jqt '.recommendation.base_url == "http://172.18.0.1:11434" or .recommendation.base_url == "http://172.17.0.1:11434"'
cok "a: exit 0" rc_is 0
phase "a (0.0.0.0)"

# b. host.docker.internal
doctor_in "$PD" --json -t 1000 -u http://host.docker.internal:11434
cok "b: no extra_hosts: host-docker-internal-unresolved" has_id host-docker-internal-unresolved
cok "b: the embedded DNS said NXDOMAIN (through the host's resolver)" jqt '[.probes[] | select(.candidate == "http://host.docker.internal:11434")][0].dns.status == "nxdomain"'
doctor_in "$GW" --json -t 1000 -u http://host.docker.internal:11434
cok "b: --add-host host-gateway: the URL probe is ok" jqt '[.probes[] | select(.candidate == "http://host.docker.internal:11434")][0].class == "ok"'
cok "b: ... resolved from /etc/hosts to docker0" jqt '[.probes[] | select(.candidate == "http://host.docker.internal:11434")][0].dns | .source == "hosts" and .addresses[0] == "172.17.0.1"'
cok "b: ... and no host-docker-internal-unresolved" no_id host-docker-internal-unresolved
phase "b"

# d. with 0.0.0.0
doctor_on_host -- --container "$PD" --json -t 1000
ok "d: 0.0.0.0 bind, --container: verdict ok" jqt '.verdict == "ok"'
ok "d: ollama-exposed is a warning" jqt '[.findings[] | select(.id == "ollama-exposed")][0].severity == "warning"'
ok "d: the host's listener has scope all" jqt '[(.context.host.listeners // .context.listeners)[] | select(.port == 11434 and .scope == "all")] | length >= 1'
# a bundle from the host with the container's view: Ollama's API is fetched
# where the host reaches it, not through the container's Base URL
in_d env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
    DOCKER_HOST="unix://$DOCKER_SOCK" "$OD_BIN" bundle --container "$PD" -t 1000 -u http://host.docker.internal:11434 \
    -o "$W/b.tar.gz" >"$W/bundle.txt" 2>"$W/err.txt"
RC=$?
mkdir -p "$W/b" && tar -C "$W/b" -xzf "$W/b.tar.gz" 2>/dev/null
ok "d: bundle --container with a URL the host cannot resolve: Ollama's version, tags and ps collected" \
    sh -c "[ $RC -le 1 ] && jq -e .version $W/b/*/ollama/version.json && jq -e .models $W/b/*/ollama/tags.json"
ok "d: ... and the container's inspect" sh -c "jq -e '.Name == \"/$PD\"' $W/b/*/host/docker-inspect.json"
phase "d (0.0.0.0)"

# c. a firewall on the Docker host (Docker's own chains are FORWARD and nat;
# traffic to the host's own addresses crosses INPUT)
in_d iptables -I INPUT -p tcp --dport 11434 -j DROP
doctor_in "$PD" --json -t 1000
cok "c: DROP in INPUT: firewall-blocks" has_id firewall-blocks
cok "c: the gateway times out" jqt '[.probes[] | select(.origin == "gateway")][0].class == "timeout"'
cok "c: the run ends within timeout + 10 %" jqt '.context.run.elapsed_ms <= 1100 + 30'
in_d iptables -D INPUT -p tcp --dport 11434 -j DROP
phase "c"

# --- e. errors -----------------------------------------------------------------------
doctor_on_host -- --container nosuch --json -t 1000
say_msg
ok "e: --container nosuch: exit 2 or 3" rc_in 2 3
ok "e: ... a one-line message naming the container" msg_has nosuch
doctor_on_host DOCKER_HOST="unix://$W/nosuch/docker.sock" -- --container "$PD" --json -t 1000
say_msg
ok "e: no engine socket: exit 2 (the set-up, said in one line)" rc_in 2
ok "e: ... the message names the socket" msg_has "$W/nosuch/docker.sock"
doctor_on_host -- --container od-stopped --json -t 1000
say_msg
ok "e: stopped container: exit 2 or 3" rc_in 2 3
ok "e: ... the message says it is not running" msg_has "not running"
phase "e"

stop ol
finish
