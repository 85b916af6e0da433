#!/bin/sh
# The three ways in (README "Where to run it"), each documented one-liner run
# as written against a real Docker Engine (docker_lib.sh), with a Dify-like
# app container built FROM scratch (no shell, no /tmp, no rm: only /sleep)
# whose environment sets HTTP_PROXY to a proxy that refuses Ollama:
#
#   a. copy-in: docker cp to /ollama-doctor + docker exec; /tmp and rm do not
#      exist; a read-only root refuses docker cp, a writable volume does not
#   b. the sidecar image (make image): --network container:APP, alone (the
#      app's environment unknown, said in context.app_env), with --pid
#      container:APP and with the Docker socket (the app's HTTP_PROXY read and
#      evaluated), a read-only app, the app's extra_hosts, bundle into a
#      mounted directory (and refused without one)
#   c. from the host: the static binary with --container APP
#
# Needs root, dockerd and a static build (make static; built here if missing).
#
# Network: every run of the binary is confined to the netns $D that
# docker_lib.sh builds (lo and what dockerd creates, no route out): inside
# containers of the dockerd started there (docker exec, docker run), or on
# that "Docker host" itself through in_d (ip netns exec $D). The check after
# docker_up refuses to go on if $D has a default route.
. "$(dirname "$0")/docker_lib.sh"
docker_need

STATIC=$ROOT/build/ollama-doctor-static
IMG=ollama-doctor
if [ ! -x "$STATIC" ] && ! timeout "${OD_STATIC_TIMEOUT:-1500}" make -C "$ROOT" static >"$W/make-static.log" 2>&1; then
    echo "# make static failed: $(tail -n 3 "$W/make-static.log" | tr '\n' ' ')"
    if grep -q "building the tool failed" "$W/make-static.log"; then
        echo "not ok 1 - the static build of the tool itself (its libraries built)"
        exit 1
    fi
    skip_all "no static binary (make static failed)"
fi
readelf -l "$STATIC" | grep -q INTERP && skip_all "build/ollama-doctor-static is not static"

docker_up || { echo "not ok 1 - docker_up"; exit 1; }
if [ -n "$(in_d ip route show default)" ] || [ -n "$(in_d ip -6 route show default)" ]; then
    echo "not ok 1 - the netns $D has a default route: the binary could reach the real network"
    exit 1
fi

# od_run NAME -- DOCKER-ARGS...: a docker command; its stdout in out.json, stderr in err.txt, RC
od_run() {
    docker "$@" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
}
has_id() { jq -e --arg id "$1" '[.findings[].id] | index($id) != null' "$W/out.json"; }
no_id() { jq -e --arg id "$1" '[.findings[].id] | index($id) == null' "$W/out.json"; }
err_has() { grep -q -- "$1" "$W/err.txt"; }

# --- the scene ----------------------------------------------------------------------
# a FROM scratch image: one static program, /sleep (busybox by another name)
mkdir -p "$W/scratch"
cp /bin/busybox "$W/scratch/sleep"
tar -C "$W/scratch" -c . | docker import -c 'ENTRYPOINT ["/sleep"]' -c 'CMD ["3600"]' - od-scratch >/dev/null
docker network create docker_default >/dev/null
start ol "$D" python3 "$FAKE/fake_ollama.py" --bind 0.0.0.0 --port 11434 || { echo "not ok - fake Ollama"; finish; exit 1; }
start px "$D" python3 "$FAKE/fake_proxy.py" --bind 172.18.0.1 --port 3128 --mode deny || { echo "not ok - fake proxy"; finish; exit 1; }
PROXY=http://172.18.0.1:3128
docker run -d --name app --network docker_default -e HTTP_PROXY=$PROXY od-scratch >/dev/null
docker volume create odvol >/dev/null
docker run -d --name app-ro --read-only -v odvol:/data --network docker_default -e HTTP_PROXY=$PROXY od-scratch >/dev/null
docker run -d --name app-eh --network docker_default --add-host host.docker.internal:host-gateway od-scratch >/dev/null
phase "scene"
ok "scene: the app image has no shell, no /tmp, no rm" sh -c "! $DOCKER_CLI exec app /bin/sh -c true && ! $DOCKER_CLI exec app ls /tmp"
ok "scene: three apps running" sh -c "[ \"\$($DOCKER_CLI ps -q | wc -l)\" -eq 3 ]"

# --- a. copy-in ---------------------------------------------------------------------------
echo "# a: docker cp ollama-doctor-static app:/ollama-doctor && docker exec app /ollama-doctor ..."
od_run cp "$STATIC" app:/ollama-doctor
ok "a: docker cp to /ollama-doctor (the root exists in every image)" [ "$RC" -eq 0 ]
od_run exec app /ollama-doctor --json -t 1000
ok "a: docker exec app /ollama-doctor: one JSON report" jq -e '.schema_version == 1' "$W/out.json"
ok "a: the app's own environment (app_env self): its HTTP_PROXY is evaluated" jqt '.context.app_env.source == "self" and .context.proxy.HTTP_PROXY != null'
ok "a: proxy-intercepts, verdict unreachable, exit 1 (what the app sees)" sh -c "[ $RC -eq 1 ] && jq -e '.verdict == \"unreachable\" and ([.findings[].id] | index(\"proxy-intercepts\") != null)' '$W/out.json'"
od_run cp "$STATIC" app:/tmp/ollama-doctor
echo "# a: docker cp to /tmp: $(head -n 1 "$W/err.txt")"
ok "a: /tmp does not exist in a scratch image (docker cp there fails)" [ "$RC" -ne 0 ]
od_run exec app rm /ollama-doctor
echo "# a: docker exec app rm: $(tr "\n" " " <"$W/err.txt")"
ok "a: no rm in a scratch image (the file stays in the container's writable layer)" [ "$RC" -ne 0 ]
od_run diff app
ok "a: docker diff shows the one file added, nothing else" sh -c "grep -qx 'A /ollama-doctor' '$W/out.json' && [ \"\$(wc -l <'$W/out.json')\" -eq 1 ]"
docker rm -f app >/dev/null
docker run -d --name app --network docker_default -e HTTP_PROXY=$PROXY od-scratch >/dev/null
od_run exec app /ollama-doctor --version
ok "a: recreating the container removes it" [ "$RC" -ne 0 ]
# a read-only root: docker cp refuses; a writable volume of the app works
od_run cp "$STATIC" app-ro:/ollama-doctor
echo "# a: read-only root: $(head -n 1 "$W/err.txt")"
ok "a: read-only root: docker cp is refused (rootfs is marked read-only)" sh -c "[ $RC -ne 0 ] && grep -qi 'read-only' '$W/err.txt'"
od_run inspect -f '{{range .Mounts}}{{if .RW}}{{.Destination}}{{end}}{{end}}' app-ro
ok "a: read-only root: docker inspect lists the writable mount /data" sh -c "[ \"\$(cat '$W/out.json')\" = /data ]"
od_run cp "$STATIC" app-ro:/data/ollama-doctor
ok "a: read-only root: docker cp into the writable volume works" [ "$RC" -eq 0 ]
od_run exec app-ro /data/ollama-doctor --json -t 1000
ok "a: ... and runs there, with the app's environment" jqt '.context.app_env.source == "self" and ([.findings[].id] | index("proxy-intercepts") != null)'
phase "a (copy-in)"

# --- b. the sidecar image --------------------------------------------------------------------
make -C "$ROOT" --no-print-directory image IMAGE=$IMG DOCKER="$DOCKER_CLI" >"$W/make-image.log" 2>&1
RC=$?
echo "# b: make image: $(tail -n 2 "$W/make-image.log" | tr '\n' ' ')"
ok "b: make image builds $IMG:latest" sh -c "[ $RC -eq 0 ] && $DOCKER_CLI image inspect $IMG:latest >/dev/null"
ok "b: the image: OLLAMA_DOCTOR_SIDECAR=1, WORKDIR /out, ENTRYPOINT /ollama-doctor" sh -c "$DOCKER_CLI image inspect -f '{{json .Config}}' $IMG:latest | jq -e '(.Env | index(\"OLLAMA_DOCTOR_SIDECAR=1\") != null) and .WorkingDir == \"/out\" and .Entrypoint == [\"/ollama-doctor\"]'"
echo "# b: image layers $($DOCKER_CLI image inspect -f '{{len .RootFS.Layers}}' $IMG:latest), size $($DOCKER_CLI image inspect -f '{{.Size}}' $IMG:latest) bytes; the binary $(wc -c <"$STATIC") bytes"
ok "b: FROM scratch: the binary and /out, nothing else (size)" sh -c "[ \"\$($DOCKER_CLI image inspect -f '{{len .RootFS.Layers}}' $IMG:latest)\" -le 2 ] && [ \"\$($DOCKER_CLI image inspect -f '{{.Size}}' $IMG:latest)\" -lt \$((\$(wc -c <'$STATIC') + 65536)) ]"

if [ -f "$ROOT/build/ollama-doctor-static-arm64" ] && [ "$(dpkg --print-architecture)" != arm64 ]; then
    make -C "$ROOT" --no-print-directory image ARCH=arm64 IMAGE=$IMG DOCKER="$DOCKER_CLI" >"$W/make-image.log" 2>&1
    RC=$?
    sed "s/^/# make image ARCH=arm64: /" "$W/make-image.log" | tail -n 3
    ok "b: make image ARCH=arm64: $IMG:latest-arm64 for linux/arm64 (Apple Silicon, Raspberry Pi)" sh -c "[ $RC -eq 0 ] && [ \"\$($DOCKER_CLI image inspect -f '{{.Os}}/{{.Architecture}}' $IMG:latest-arm64)\" = linux/arm64 ]"
else
    TAPN=$((TAPN + 1)); echo "ok $TAPN - b: make image ARCH=arm64 # SKIP no build/ollama-doctor-static-arm64 (make static ARCH=arm64)"
fi
echo "# b: docker run --rm --network container:app $IMG --json"
od_run run --rm --network container:app $IMG --json -t 1000
ok "b: sidecar alone: app_env unknown, the note names HTTP_PROXY and how to read it" jqt '.context.app_env.source == "unknown" and (.context.app_env.note | test("HTTP_PROXY") and test("--pid container:APP") and test("docker.sock"))'
ok "b: sidecar alone: it cannot see the app's proxy (verdict ok: the caveat is what tells)" jqt '.verdict == "ok" and .context.proxy.HTTP_PROXY == null'
ok "b: sidecar alone: the app's network (gateway 172.18.0.1)" jqt '[.context.gateways[] | select(.family == "ipv4")][0].address == "172.18.0.1"'
echo "# b: docker run --rm --network container:app --pid container:app $IMG --json"
od_run run --rm --network container:app --pid container:app $IMG --json -t 1000
ok "b: --pid container:app: app_env process (PID 1's environment)" jqt '.context.app_env.source == "process"'
ok "b: --pid container:app: the app's HTTP_PROXY evaluated: proxy-intercepts, unreachable" jqt '.context.proxy.HTTP_PROXY != null and .verdict == "unreachable" and ([.findings[].id] | index("proxy-intercepts") != null)'
echo "# b: docker run --rm --network container:app -v /var/run/docker.sock:/var/run/docker.sock:ro $IMG --json"
od_run run --rm --network container:app -v "$DOCKER_SOCK:/var/run/docker.sock:ro" $IMG --json -t 1000
ok "b: Docker socket mounted: app_env engine-api, container app" jqt '.context.app_env.source == "engine-api" and .context.app_env.container == "app"'
ok "b: Docker socket mounted: proxy-intercepts, unreachable" jqt '.verdict == "unreachable" and ([.findings[].id] | index("proxy-intercepts") != null)'
od_run run --rm --network container:app-ro $IMG --json -t 1000
ok "b: a read-only app: the sidecar needs nothing in it" jqt '.schema_version == 1 and .vantage == "container"'
od_run run --rm --network container:app-eh $IMG --json -t 1000 -u http://host.docker.internal:11434
ok "b: the app's extra_hosts: host.docker.internal from the shared /etc/hosts, ok" jqt '[.probes[] | select(.candidate == "http://host.docker.internal:11434")][0] | .dns.source == "hosts" and .class == "ok"'
mkdir -p "$W/out"
echo "# b: docker run --rm --network container:app -v \"\$PWD:/out\" $IMG bundle"
od_run run --rm --network container:app -v "$W/out:/out" $IMG bundle -t 1000
ok "b: bundle into the mounted directory: exit 0 or 1, the file on the host" sh -c "[ $RC -le 1 ] && ls '$W/out'/ollama-doctor-bundle-*.tar.gz"
ok "b: ... a gzip'd tar with manifest.json" sh -c "tar -tzf '$W'/out/ollama-doctor-bundle-*.tar.gz | grep -q '/manifest.json$'"
od_run run --rm --network container:app $IMG bundle -t 1000
echo "# b: bundle without a mount: $(head -n 1 "$W/err.txt")"
ok "b: bundle without a mount: refused (exit 2), says it would be lost and how to mount" sh -c "[ $RC -eq 2 ] && grep -q 'lost' '$W/err.txt' && grep -q -- '-v' '$W/err.txt'"
# MCP for an agent, through docker's own stdio: the sidecar, and docker exec -i
MCP_IN='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"check","arguments":{"timeout":1000}}}'
printf '%s\n' "$MCP_IN" | docker run --rm -i --network container:app --pid container:app $IMG mcp >"$W/out.json" 2>"$W/err.txt"
ok "b: MCP over docker run -i (sidecar): the check tool's report, proxy-intercepts" sh -c "[ \"\$(wc -l <'$W/out.json')\" -eq 2 ] && tail -n 1 '$W/out.json' | jq -e '.id == 2 and .result.isError == false and .result.structuredContent.context.app_env.source == \"process\" and ([.result.structuredContent.findings[].id] | index(\"proxy-intercepts\") != null)'"
printf '%s\n' "$MCP_IN" | docker exec -i app-ro /data/ollama-doctor mcp >"$W/out.json" 2>"$W/err.txt"
ok "b: MCP over docker exec -i (inside the app): the check tool's report" sh -c "tail -n 1 '$W/out.json' | jq -e '.id == 2 and .result.structuredContent.context.app_env.source == \"self\"'"
phase "b (sidecar)"

# --- c. from the host: the static binary with --container ------------------------------------
echo "# c: sudo ./ollama-doctor-static --container app --json (on the Docker host)"
in_d env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DOCKER_HOST="unix://$DOCKER_SOCK" "$STATIC" --container app --json -t 1000 \
    >"$W/out.json" 2>"$W/err.txt"
RC=$?
ok "c: --container app: the probes ran in the app's network, target app" jqt '.vantage == "container" and (.context.target.name | ltrimstr("/")) == "app"'
ok "c: --container app: app_env engine-api, proxy-intercepts" jqt '.context.app_env.source == "engine-api" and ([.findings[].id] | index("proxy-intercepts") != null)'
ok "c: exit 1 (problems)" rc_is 1
phase "c (host)"

stop px
stop ol
finish
