#!/bin/sh
# ollama-doctor bundle: canary secrets planted in proxy URLs, environment
# variables, a --url, a docker inspect and an Ollama-side file must not
# appear anywhere in the archive; manifest checksums and sizes must match the
# files; an existing file is never overwritten without --force.
#
# Part 1 needs no root: the only probes go to --candidates on loopback
# (127.0.0.1:1, refused at once; the planted proxy is on loopback too).
# Part 2 (root) builds lib.sh's namespaces with a fake Ollama and a fake Docker
# Engine API on a unix socket, and bundles from the host with --container, so
# docker inspect, /api/version, /api/tags and /api/ps are collected.
. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$W"' EXIT
case $OD_BIN in /*) ;; *) OD_BIN=$PWD/$OD_BIN ;; esac # part 1 runs it from another directory too

for t in jq tar sha256sum; do
    command -v "$t" >/dev/null 2>&1 || skip_all "needs $t"
done

CANARY_ENV="HTTP_PROXY=http://canaryuser:CANARY-PW-1@127.0.0.1:3128 http_proxy=http://canaryuser:CANARY-PW-1b@127.0.0.1:3128 OPENAI_API_KEY=CANARY-KEY-2 MY_SECRET_TOKEN=CANARY-3 DB_PASSWORD=CANARY-4"

bundle() { # bundle ARGS... : stdout in $W/out.txt, stderr in $W/err.txt, status in $RC
    # shellcheck disable=SC2086
    env $CANARY_ENV "$OD_BIN" bundle -t 500 --candidates 127.0.0.1:1 "$@" >"$W/out.txt" 2>"$W/err.txt"
    RC=$?
}

# unpack ARCHIVE: into $W/x (fresh); $B is the bundle's top directory
unpack() {
    rm -rf "$W/x" && mkdir -p "$W/x" && tar -xzf "$1" -C "$W/x" && B=$(ls -d "$W"/x/ollama-doctor-bundle-*) && [ -d "$B" ]
}

no_canary() { ! grep -rqi canary "$W/x"; }

# Every file in the manifest exists with that size and sha256; every file in
# the archive (but the manifest) is in the manifest.
manifest_matches() {
    m=$B/manifest.json
    jq -r '.files[] | "\(.sha256)  \(.name)"' "$m" >"$W/sums" || return 1
    (cd "$B" && sha256sum --quiet -c "$W/sums") || return 1
    jq -r '.files[] | "\(.name) \(.size)"' "$m" | while read -r name size; do
        [ "$(wc -c <"$B/$name" | tr -d ' ')" = "$size" ] || exit 1
    done || return 1
    (cd "$B" && find . -type f ! -name manifest.json | sed 's|^\./||' | sort) >"$W/have"
    jq -r '.files[].name' "$m" | sort >"$W/listed"
    cmp -s "$W/have" "$W/listed"
}

# --- part 1: no root ---------------------------------------------------------
bundle -o "$W/a.tar.gz"
ok "bundle: exit 1, the check's status (unreachable)" rc_is 1
ok "bundle: says where it wrote the bundle" grep -q "^Wrote $W/a.tar.gz (" "$W/out.txt"
ok "bundle: lists what it holds (manifest, reports, facts)" sh -c "grep -q 'manifest.json' $W/out.txt && grep -q 'report.md' $W/out.txt && grep -q 'facts/environment.txt' $W/out.txt"
ok "bundle: a gzip'd tar with one top directory" unpack "$W/a.tar.gz"
ok "bundle: no canary secret anywhere in the archive" no_canary
ok "bundle: manifest checksums and sizes match the files" manifest_matches
ok "bundle: manifest has tool, argv, UTC times" jq -e '.tool.name == "ollama-doctor" and (.argv | index("bundle")) and (.started_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and (.finished_at | test("Z$")) and ([.files[].truncated | type] | unique == ["boolean"])' "$B/manifest.json"
ok "bundle: report in JSON, Markdown and text" sh -c "jq -e '.verdict == \"unreachable\"' $B/report.json && head -n1 $B/report.md | grep -q '^# ollama-doctor report' && grep -q 'Ollama is not reachable' $B/report.txt"
ok "bundle: the text report has no colour codes" sh -c "! grep -q \"$(printf '\033')\" $B/report.txt"
ok "bundle: facts files (hosts, resolv.conf, routes, uname, interfaces)" sh -c "[ -f $B/facts/hosts ] && [ -f $B/facts/resolv.conf ] && [ -f $B/facts/route ] && [ -s $B/facts/uname.txt ] && jq -e 'type == \"array\"' $B/facts/interfaces.json"
ok "bundle: environment: secrets by name listed as REDACTED" sh -c "grep -qx 'OPENAI_API_KEY=REDACTED' $B/facts/environment.txt && grep -qx 'MY_SECRET_TOKEN=REDACTED' $B/facts/environment.txt && grep -qx 'DB_PASSWORD=REDACTED' $B/facts/environment.txt"
ok "bundle: environment: proxy kept with its credentials redacted" grep -qx 'HTTP_PROXY=http://REDACTED@127.0.0.1:3128' "$B/facts/environment.txt"
ok "bundle: environment: variables off the allow-list left out" sh -c "! grep -q '^PATH=' $B/facts/environment.txt && ! grep -q '^HOME=' $B/facts/environment.txt"
ok "bundle: IP addresses are kept" grep -q '127.0.0.1' "$B/report.json"
ok "bundle: what is missing is said (Ollama's API without a Base URL)" jq -e '[.skipped[].name] | index("ollama/tags.json")' "$B/manifest.json"

SUM=$(sha256sum "$W/a.tar.gz")
bundle -o "$W/a.tar.gz"
ok "bundle: an existing file is not overwritten: exit 2, says so" sh -c "[ $RC -eq 2 ] && grep -q 'already exists' $W/err.txt && grep -q -- '--force' $W/err.txt"
ok "bundle: ... and the file is unchanged" sh -c "[ \"\$(sha256sum $W/a.tar.gz)\" = \"$SUM\" ]"
printf 'not a bundle\n' >"$W/a.tar.gz"
bundle -o "$W/a.tar.gz" --force
ok "bundle: --force overwrites it" sh -c "[ $RC -eq 1 ] && tar -tzf $W/a.tar.gz | grep -q manifest.json"
ok "bundle: --force leaves no temporary file behind" sh -c "[ \$(ls $W | grep -c '^a.tar.gz') -eq 1 ]"
bundle -o "$W/nosuchdir/b.tar.gz"
ok "bundle: an output in a missing directory: exit 2" sh -c "[ $RC -eq 2 ] && grep -q 'cannot create' $W/err.txt"
bundle -o "$W"
ok "bundle: a directory as output: exit 2" sh -c "[ $RC -eq 2 ] && grep -q 'is a directory' $W/err.txt"

# -o never replaces anything but a regular file: not a FIFO, a device, a
# symbolic link (nor what it points to).
mkfifo "$W/fifo"
bundle -o "$W/fifo" --force
ok "bundle: -o FIFO --force: exit 2, one line, the FIFO stays" \
    sh -c "[ $RC -eq 2 ] && grep -q 'is not a regular file' $W/err.txt && [ -p $W/fifo ] && [ ! -s $W/out.txt ]"
printf 'keep me\n' >"$W/target"
ln -s "$W/target" "$W/link"
bundle -o "$W/link" --force
ok "bundle: -o SYMLINK --force: exit 2, the link and its target untouched" \
    sh -c "[ $RC -eq 2 ] && grep -q 'is a symbolic link' $W/err.txt && [ -L $W/link ] && grep -qx 'keep me' $W/target"
ln -s "$W/nowhere" "$W/dangling"
bundle -o "$W/dangling"
ok "bundle: -o DANGLING-SYMLINK: exit 2, nothing created where it points" \
    sh -c "[ $RC -eq 2 ] && grep -q 'is a symbolic link' $W/err.txt && [ ! -e $W/nowhere ]"
if [ "$(id -u)" = 0 ] && mknod "$W/full" c 1 7 2>/dev/null; then
    bundle -o "$W/full" --force
    ok "bundle: -o DEVICE --force: exit 2, still a device" sh -c "[ $RC -eq 2 ] && [ -c $W/full ]"
    rm -f "$W/full"
fi
ok "bundle: no temporary file left next to refused outputs" sh -c "! ls $W | grep -q 'XXXXXX\|\.[A-Za-z0-9]\{6\}$'"

mkdir -p "$W/cwd"
(cd "$W/cwd" && env $CANARY_ENV "$OD_BIN" bundle -t 500 --candidates 127.0.0.1:1 --json >"$W/out.json" 2>"$W/err.txt")
RC=$?
ok "bundle: default name ollama-doctor-bundle-<UTC>.tar.gz in the current directory" sh -c "ls $W/cwd | grep -Eq '^ollama-doctor-bundle-[0-9]{8}T[0-9]{6}Z\.tar\.gz$'"
ok "bundle --json: one JSON document with the listing" jq -se 'length == 1' "$W/out.json"
ok "bundle --json: its fields" jq -e '(.bundle | test("^ollama-doctor-bundle-")) and ([.files[].name] | index("manifest.json") and index("report.json")) and .verdict == "unreachable" and .exit == 1' "$W/out.json"

rm -f "$W/out.json"

# The bundle is collected within the run's deadline: Ollama answers the check
# but hangs on /api/tags and /api/ps, which the bundle asks for; the first
# waits what is left of the deadline, the second is cut short, saying so, and
# the run ends by 1.1 x -t plus its writing (before: one -t for each).
FAST=$ROOT/build/bench/fast_ollama
if [ -x "$FAST" ]; then
    PORT=$((40000 + $$ % 20000))
    "$FAST" "$PORT" 0 /api/tags /api/ps &
    SLOW=$!
    sleep 0.3
    t0=$(date +%s%N)
    "$OD_BIN" bundle -t 800 --vantage host --candidates "127.0.0.1:$PORT" -o "$W/late.tar.gz" >"$W/out.txt" 2>"$W/err.txt"
    RC=$? ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    kill "$SLOW" 2>/dev/null
    ok "bundle, Ollama hanging on tags and ps: written" sh -c "[ $RC -le 1 ] && [ -s $W/late.tar.gz ]"
    unpack "$W/late.tar.gz" || B=$W/none
    ok "... the last one cut short by the run's deadline, and it says so" jq -e \
        '[.skipped[] | select(.name == "ollama/ps.json") | .reason | test("deadline")] == [true]' "$B/manifest.json"
    ok "... ended in $ms ms: within 1.1 x -t and the writing (under sanitizers)" [ "$ms" -lt 1400 ]
else
    TAPN=$((TAPN + 1))
    echo "ok $TAPN - bundle under the run's deadline # SKIP no $FAST (make test builds it)"
fi

# --- part 2: namespaces, fake Ollama, fake Docker Engine (root) ---------------
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1 ||
    ! ip netns add "od-probe-$$" 2>/dev/null; then
    TAPN=$((TAPN + 1))
    echo "ok $TAPN - bundle with --container, fake Ollama and Docker # SKIP needs root and network namespaces"
    echo "1..$TAPN"
    [ "$FAILS" -eq 0 ]
    exit
fi
ip netns del "od-probe-$$"
topo_up || skip_all "could not build the namespaces"
ollama_at ol 0.0.0.0 11434 || exit 1

# The "container": a process in the ctr netns, as Docker's would be.
ip netns exec "$C" sleep 300 &
APP=$!
PIDS="$PIDS $APP"

# A fake Docker Engine API: /_ping and one container's inspect, with canaries
# in Env, Labels and Cmd.
cat >"$W/fake_docker.py" <<'PY'
import json, os, socket, socketserver, sys
from http.server import BaseHTTPRequestHandler
sock, pid = sys.argv[1], int(sys.argv[2])
INSPECT = {
    "Id": "0123456789abcdef0123456789abcdef", "Name": "/docker-plugin_daemon-1",
    "State": {"Running": True, "Status": "running", "Pid": pid},
    "Config": {"Image": "langgenius/dify-plugin-daemon:0.1.0-local",
               "Env": ["OPENAI_API_KEY=CANARY-DOCKER-5", "HTTP_PROXY=http://u:CANARY-DOCKER-6@172.18.0.1:3128",
                       "NO_PROXY=localhost,172.17.0.1", "PLUGIN_DAEMON_KEY=CANARY-DOCKER-7", "DB_HOST=db"],
               "Cmd": ["serve", "--password=CANARY-DOCKER-8"],
               "Labels": {"com.docker.compose.service": "plugin_daemon", "com.example.api_token": "CANARY-DOCKER-9"}},
    "HostConfig": {"NetworkMode": "docker_default", "ExtraHosts": None},
    "NetworkSettings": {"Networks": {"docker_default": {"IPAddress": "172.18.0.2", "Gateway": "172.18.0.1"}}},
}
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def reply(self, code, body):
        b = body.encode()
        self.send_response(code)
        self.send_header("Api-Version", "1.41")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)
    def do_GET(self):
        p = self.path
        if p == "/_ping":
            return self.reply(200, "OK")
        if p.startswith("/v1.41/containers/") and p.endswith("/json"):
            name = p[len("/v1.41/containers/"):-len("/json")]
            if name in ("docker-plugin_daemon-1", INSPECT["Id"][:12], INSPECT["Id"]):
                return self.reply(200, json.dumps(INSPECT))
        self.reply(404, json.dumps({"message": "No such container"}))
    def address_string(self): return "unix"
class S(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
if os.path.exists(sock): os.unlink(sock)
s = S(sock, H)
print("ready", flush=True)
s.serve_forever()
PY
start docker "$H" python3 "$W/fake_docker.py" "$W/docker.sock" "$APP" || exit 1

# The container's hosts file, larger than the per-file cap (2 MiB): kept head,
# cut at a line (the bundle takes the vantage's facts files: the target's).
python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('127.0.0.1 localhost\n')
    for i in range(120000): f.write('10.%d.%d.%d host-%d.example\n' % (i >> 16 & 255, i >> 8 & 255, i & 255, i))
" "/etc/netns/$C/hosts"

ip netns exec "$H" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" \
    UBSAN_OPTIONS="$UBSAN_OPTIONS" DOCKER_HOST="unix://$W/docker.sock" $CANARY_ENV \
    "$OD_BIN" bundle --container docker-plugin_daemon-1 -t 800 \
    -u http://canaryuser:CANARY-URL-10@172.18.0.1:11434 -o "$W/c.tar.gz" >"$W/out.txt" 2>"$W/err.txt"
RC=$?
ok "container bundle: written, exit 0 or 1" sh -c "[ $RC -le 1 ] && grep -q '^Wrote' $W/out.txt"
ok "container bundle: unpacks" unpack "$W/c.tar.gz"
ok "container bundle: the report was made inside the container" jq -e '.context.target.kind == "container" and .context.target.name == "docker-plugin_daemon-1"' "$B/report.json"
ok "container bundle: docker inspect collected" jq -e '.Name == "/docker-plugin_daemon-1"' "$B/host/docker-inspect.json"
ok "container bundle: inspect Env values redacted (names kept), proxy address kept" jq -e '.Config.Env == ["OPENAI_API_KEY=REDACTED", "HTTP_PROXY=http://REDACTED@172.18.0.1:3128", "NO_PROXY=localhost,172.17.0.1", "PLUGIN_DAEMON_KEY=REDACTED", "DB_HOST=REDACTED"]' "$B/host/docker-inspect.json"
ok "container bundle: Ollama /api/version, /api/tags, /api/ps fetched from the Base URL" sh -c "jq -e '.version' $B/ollama/version.json && jq -e '.models | length > 0' $B/ollama/tags.json && jq -e '.models | type == \"array\"' $B/ollama/ps.json"
ok "container bundle: no canary secret anywhere (env, proxy, --url, inspect Env, Cmd, Labels)" no_canary
ok "container bundle: manifest checksums and sizes match the files" manifest_matches
ok "container bundle: the big hosts file is cut to the cap at a line, marked truncated" \
    sh -c "jq -e '.files[] | select(.name == \"facts/hosts\") | .truncated == true and .size <= 2097152 and .size > 2000000' $B/manifest.json && [ \"\$(tail -c 1 $B/facts/hosts | od -An -c | tr -d ' ')\" = '\\n' ]"
ok "container bundle: the other files are not truncated" jq -e '[.files[] | select(.name != "facts/hosts") | .truncated] | all(. == false)' "$B/manifest.json"
ok "container bundle: manifest caps recorded" jq -e '.caps.file_bytes == 2097152 and .caps.total_bytes == 20971520' "$B/manifest.json"
# Host extras from a fake systemctl and journalctl: a private mount namespace
# puts them over /usr/sbin, the first directory od_runcmd looks in.
if command -v unshare >/dev/null 2>&1; then
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"/etc/netns/$H/hosts"
    mkdir -p "$W/fakebin"
    printf '#!/bin/sh\nprintf "Id=ollama.service\\nActiveState=active\\nEnvironment=OLLAMA_HOST=0.0.0.0:11434 HF_TOKEN=CANARY-SYSTEMD-11\\n"\n' >"$W/fakebin/systemctl"
    cat >"$W/fakebin/journalctl" <<'SH'
#!/bin/sh
awk 'BEGIN {
    pad = sprintf("%150s", ""); gsub(/ /, ".", pad)
    for (i = 0; i < 14000; i++)
        printf "Nov 24 23:10:%02d host ollama[812]: line %06d %s Authorization: Bearer CANARY-JOURNAL-12\n", i % 60, i, pad
    print "Nov 24 23:11:00 host ollama[812]: LAST-LINE-MARKER"
}'
SH
    chmod +x "$W/fakebin/systemctl" "$W/fakebin/journalctl"
    ip netns exec "$H" unshare -m sh -c 'mount --bind "$0" /usr/sbin && exec "$@"' "$W/fakebin" \
        env -i PATH=/usr/bin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" $CANARY_ENV \
        NO_PROXY=127.0.0.1 "$OD_BIN" bundle --vantage host -t 800 --candidates 127.0.0.1:11434 -o "$W/d.tar.gz" >"$W/out.txt" 2>"$W/err.txt"
    RC=$?
    ok "host bundle: written, unpacks" sh -c "[ $RC -le 1 ] && grep -q '^Wrote' $W/out.txt"
    unpack "$W/d.tar.gz"
    ok "host bundle: systemctl show collected, Environment secret redacted" sh -c "grep -q 'OLLAMA_HOST=0.0.0.0:11434 HF_TOKEN=REDACTED' $B/host/systemctl-show-ollama.txt"
    ok "host bundle: the long journal keeps its end, cut at a line, marked truncated" \
        sh -c "jq -e '.files[] | select(.name == \"host/journal-ollama.txt\") | .truncated == true and .size <= 2097152' $B/manifest.json && tail -n 1 $B/host/journal-ollama.txt | grep -q LAST-LINE-MARKER && head -n 1 $B/host/journal-ollama.txt | grep -q '^Nov 24 23:1'"
    ok "host bundle: listeners and Ollama's API collected" sh -c "jq -e '.listeners | length > 0' $B/host/listeners.json && jq -e .version $B/ollama/version.json"
    ok "host bundle: no canary secret anywhere (journal, systemd, env)" no_canary
    ok "host bundle: manifest checksums and sizes match the files" manifest_matches
fi
finish
