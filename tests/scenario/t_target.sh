#!/bin/sh
# The combined vantage without Docker: run on the "host" netns and probe from
# the "ctr" netns with --netns NAME or --pid PID (its hosts, resolv.conf and
# environment), while host facts (listeners and their owner) come from the host.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1
# host mode: the tool runs in the host netns and enters the ctr netns itself
hostmode() {
    ip netns exec "$H" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" \
        UBSAN_OPTIONS="$UBSAN_OPTIONS" "$OD_BIN" --json -t 800 "$@" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    keep_report
}
ids() { jq -c '[.findings[].id]' "$W/out.json"; }

ollama_at ol 127.0.0.1 11434 || exit 1
hostmode --netns "$C"
ok "--netns: probes ran inside the ctr (vantage container, target netns)" jqt '.vantage == "container" and .context.target.kind == "netns" and .context.vantage_source == "target"'
ok "--netns: the ctr's own gateway and hosts file were used" jqt '.context.gateways[0].address == "172.18.0.1" and (.context.sources | has("/etc/netns/'"$C"'/hosts"))'
ok "--netns: host listener 127.0.0.1:11434 (loopback) from the host side" jqt '.context.listeners == [{"family":"ipv4","address":"127.0.0.1","port":11434,"scope":"loopback","inode":.context.listeners[0].inode}]'
ok "--netns: the listener's owner process is named" jqt '.context.host.listener_owners[0].comm | test("python")'
ok "--netns: loopback-only-bind is the root cause, host-port-refused suppressed" sh -c "[ \"\$(jq -c '[.findings[].id]' $W/out.json)\" = '[\"loopback-only-bind\",\"host-docker-internal-unresolved\"]' ]"

ip netns exec "$C" env -i HTTP_PROXY=http://172.18.0.1:3128 NO_PROXY=172.17.0.1 sleep 60 &
APP=$!
PIDS="$PIDS $APP"
sleep 0.2
hostmode --pid "$APP"
ok "--pid: target kind pid with its PID" jqt ".context.target.kind == \"pid\" and .context.target.pid == $APP"
ok "--pid: the process's proxy environment is the app's" jqt '.context.proxy.HTTP_PROXY == "http://172.18.0.1:3128"'
ok "--pid: NO_PROXY from the process keeps 172.17.0.1 direct" jqt '[.probes[] | select(.candidate == "172.17.0.1")][0].proxy == null'
ok "--pid: gateway probe goes through the (absent) proxy" jqt '[.probes[] | select(.origin == "gateway")][0].class == "proxy-error"'
stop ol

hostmode --netns "$C"
ok "Ollama stopped: ollama-not-running from the combined vantage" jqt '.findings[0].id == "ollama-not-running" and ([.findings[].id] | index("host-port-refused") == null)'

ollama_at ol :: 11434 || exit 1
hostmode --netns "$C" --host-ip 192.168.50.10
ok "all interfaces: verdict ok, exposure warning from the host's listener" jqt '.verdict == "ok" and ([.findings[].id] == ["ollama-exposed"])'
ok "all interfaces: exit 0" rc_is 0

hostmode --netns nosuch-ns
ok "--netns of a missing namespace: exit 2, says so" sh -c "[ $RC -eq 2 ] && grep -q \"no network namespace 'nosuch-ns'\" $W/err.txt && jq -e '.error.code == \"usage\"' $W/out.json"
hostmode --pid 999999
ok "--pid of a missing process: exit 2" sh -c "[ $RC -eq 2 ] && grep -q 'no process 999999' $W/err.txt"
hostmode --pid 1 --netns "$C"
ok "--pid with --netns: exit 2" sh -c "[ $RC -eq 2 ] && grep -q 'only one of' $W/err.txt"
if command -v setpriv >/dev/null 2>&1; then
    ip netns exec "$H" setpriv --reuid=65534 --regid=65534 --clear-groups "$OD_BIN" --netns "$C" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    ok "not root: exit 2 with a clear message" sh -c "[ $RC -eq 2 ] && grep -q 'needs root' $W/err.txt"
fi
ip netns exec "$H" env -i PATH=/usr/bin:/bin DOCKER_HOST=unix://$W/nosock "$OD_BIN" --container x >"$W/out.json" 2>"$W/err.txt"
RC=$?
ok "--container with no Docker socket: exit 2, one line naming the socket and what to check" sh -c "[ $RC -eq 2 ] && [ \$(wc -l <$W/err.txt) -eq 1 ] && grep -q 'no Docker Engine socket at $W/nosock: is Docker running? (or set DOCKER_HOST' $W/err.txt"
: >"$W/dead.sock"
ip netns exec "$H" env -i PATH=/usr/bin:/bin DOCKER_HOST=unix://$W/dead.sock "$OD_BIN" --container x >"$W/out.json" 2>"$W/err.txt"
RC=$?
ok "--container with a socket nothing answers on: exit 2, one line" sh -c "[ $RC -eq 2 ] && [ \$(wc -l <$W/err.txt) -eq 1 ] && grep -q 'no Docker Engine answers at $W/dead.sock: is Docker running' $W/err.txt"
finish
