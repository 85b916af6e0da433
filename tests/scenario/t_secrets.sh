#!/bin/sh
# Planted canary secrets never reach any output: text, JSON, Markdown, the
# bundle, usage errors. They sit in a --url, --candidates, OLLAMA_HOST, proxy
# variables with and without a scheme and with unencoded '#', '/', '?' and
# blanks in the password; part 2 (root) plants them in a target process's
# environment (--pid), as a container's would be. Everything probed is on
# loopback (refused at once) or inside an empty network namespace.
. "$(dirname "$0")/lib.sh"
trap 'cleanup' EXIT INT TERM
for t in jq tar; do
    command -v "$t" >/dev/null 2>&1 || skip_all "needs $t"
done

# Each canary names where it was planted; grep -i canary finds any of them.
ENVS="OLLAMA_HOST=http://ollama:CANARY-OH-1@127.0.0.1:11434
HTTP_PROXY=proxyuser:CANARY-PX-2@127.0.0.1:3
https_proxy=http://u:CANARY#PX-3@127.0.0.1:3
ALL_PROXY=http://u:CANARY/PX?4@127.0.0.1:3
all_proxy=http://u:CANARY PX 5@127.0.0.1:3"
run_fmt() { # run_fmt FILE ARGS...: the doctor with the canaries, stdout to FILE
    f=$1; shift
    # shellcheck disable=SC2086
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
        "$(echo "$ENVS" | sed -n 1p)" "$(echo "$ENVS" | sed -n 2p)" "$(echo "$ENVS" | sed -n 3p)" \
        "$(echo "$ENVS" | sed -n 4p)" "$(echo "$ENVS" | sed -n 5p)" \
        "$OD_BIN" "$@" >"$f" 2>"$W/err.txt"
    RC=$?
}
URL=http://user:CANARY-URL-6@127.0.0.1:1
CAND=cuser:CANARY-CAND-7@127.0.0.1:2
clean() { ! grep -rqi canary "$@"; }

run_fmt "$W/out.json" --json -t 300 -u "$URL" --candidates "$CAND"
ok "json: exit 1, a report" sh -c "[ $RC -eq 1 ] && jq -e '.verdict' $W/out.json"
ok "json: no canary anywhere (stdout, stderr)" clean "$W/out.json" "$W/err.txt"
ok "json: the --url is shown with REDACTED credentials" jqt '.context.urls == ["http://REDACTED@127.0.0.1:1"] and .probes[0].candidate == "http://REDACTED@127.0.0.1:1"'
ok "json: the candidate without a scheme too" jqt '[.probes[].candidate] | index("REDACTED@127.0.0.1:2") != null'
ok "json: OLLAMA_HOST raw, url and host without the password" \
    jqt '.context.ollama_host.raw == "http://REDACTED@127.0.0.1:11434" and .context.ollama_host.host == "REDACTED@127.0.0.1" and .context.ollama_host.port == 11434'
ok "json: proxy variables shown redacted (no scheme, '#', '/', '?', blanks)" \
    jqt '.context.proxy.HTTP_PROXY == "REDACTED@127.0.0.1:3" and .context.proxy.https_proxy == "http://REDACTED@127.0.0.1:3" and .context.proxy.ALL_PROXY == "http://REDACTED@127.0.0.1:3" and .context.proxy.all_proxy == "http://REDACTED@127.0.0.1:3"'
ok "json: the probe's proxy url is redacted" jqt '[.probes[].proxy.url // empty] | all(test("REDACTED"))'
run_fmt "$W/out.txt" -v -t 300 -u "$URL" --candidates "$CAND" --color never
ok "text: no canary" clean "$W/out.txt" "$W/err.txt"
ok "text: the URL is there, redacted" grep -q 'http://REDACTED@127.0.0.1:1' "$W/out.txt"
run_fmt "$W/out.md" --format markdown -t 300 -u "$URL" --candidates "$CAND"
ok "markdown: no canary" clean "$W/out.md" "$W/err.txt"
mkdir -p "$W/b"
run_fmt "$W/out.b" bundle -t 300 -u "$URL" --candidates "$CAND" -o "$W/b/x.tar.gz"
ok "bundle: written" sh -c "[ $RC -le 1 ] && tar -xzf $W/b/x.tar.gz -C $W/b"
ok "bundle: no canary in any file (reports, environment, manifest argv)" clean "$W/b" "$W/out.b" "$W/err.txt"
ok "bundle: report.json is JSON" sh -c "jq -e . $W/b/ollama-doctor-bundle-*/report.json >/dev/null"
ok "bundle: environment shows the proxies redacted" \
    sh -c "grep -qx 'HTTP_PROXY=REDACTED@127.0.0.1:3' $W/b/*/facts/environment.txt && grep -qx 'OLLAMA_HOST=http://REDACTED@127.0.0.1:11434' $W/b/*/facts/environment.txt"

# usage errors quote the value only redacted
for bad in 'http://u:CANARY#x@127.0.0.1:1' 'http://u:CANARY/x@127.0.0.1:99999' 'http://u:CANARY@127.0.0.1:99999' \
    'u:CANARY@[::1'; do
    run_fmt "$W/out.json" --json -u "$bad"
    ok "usage error for a --url with credentials: exit 2, no canary" sh -c "[ $RC -eq 2 ] && jq -e '.error.code == \"usage\"' $W/out.json && ! grep -qi canary $W/out.json $W/err.txt"
done
run_fmt "$W/out.json" --json --candidates 'x:CANARY?y@127.0.0.1:1'
ok "usage error for --candidates with credentials: no canary" sh -c "[ $RC -eq 2 ] && ! grep -qi canary $W/out.json $W/err.txt"

# A password longer than the buffers a value is kept in: stripped before any cut
LONG=$(printf '%0600d' 0)
env -i PATH=/usr/bin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
    HTTP_PROXY="http://user:CANARY-LONG-$LONG@127.0.0.1:3" OLLAMA_HOST="http://o:CANARY-LONG-$LONG@127.0.0.1:11434" \
    "$OD_BIN" --json -t 300 --candidates 127.0.0.1:1 >"$W/out.json" 2>"$W/err.txt"
RC=$?
ok "a 600-byte proxy password: no canary, the proxy attempt says the value is too long" \
    sh -c "[ $RC -le 1 ] && ! grep -qi canary $W/out.json $W/err.txt && jq -e '.probes[0].proxy.attempt.error | test(\"too long|longer\")' $W/out.json"

# Docker's proxies in ~/.docker/config.json (host vantage), also of odd shapes
mkdir -p "$W/home/.docker"
printf '%s\n' '{"proxies": {"default": ["x", 7], "7": 7, "other": {"httpProxy": "u:CANARY-DK-10@127.0.0.1:3", "noProxy": "a"}}}' \
    >"$W/home/.docker/config.json"
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$W/home" ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
    "$OD_BIN" --vantage host --json -t 300 --candidates 127.0.0.1:1 >"$W/out.json" 2>"$W/err.txt"
RC=$?
ok "host vantage, odd ~/.docker/config.json proxies: a report, no crash" sh -c "[ $RC -le 1 ] && [ ! -s $W/err.txt ]"
ok "host vantage: Docker's proxy shown redacted, no canary" \
    sh -c "jq -e '.context.host.docker_proxies[\"other.httpProxy\"] == \"REDACTED@127.0.0.1:3\"' $W/out.json && ! grep -qi canary $W/out.json"

# --- part 2: a target process's environment (root) ----------------------------
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1; then
    TAPN=$((TAPN + 1))
    echo "ok $TAPN - canaries in a target's environment # SKIP needs root and unshare"
    finish
    exit
fi
env -i PATH=/usr/bin:/bin OLLAMA_HOST=http://o:CANARY-CTR-8@127.0.0.1:11434 HTTPS_PROXY=p:CANARY-CTR-9@127.0.0.1:3 \
    http_proxy='http://p:CANARY#CTR@127.0.0.1:3' unshare -n sleep 120 &
APP=$!
PIDS="$PIDS $APP"
sleep 0.2
for fmt in "--json" "--format markdown" "-v --color never"; do
    # shellcheck disable=SC2086
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
        "$OD_BIN" --pid "$APP" -t 300 --candidates 127.0.0.1:1 $fmt >"$W/out.x" 2>"$W/err.txt"
    RC=$?
    ok "--pid, $fmt: the target's OLLAMA_HOST and proxies carry no canary" sh -c "[ $RC -le 1 ] && ! grep -qi canary $W/out.x $W/err.txt"
done
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
    "$OD_BIN" --pid "$APP" -t 300 --candidates 127.0.0.1:1 --json >"$W/out.json" 2>"$W/err.txt"
ok "--pid: the target's values are there, redacted" \
    jqt '.context.ollama_host.raw == "http://REDACTED@127.0.0.1:11434" and .context.proxy.HTTPS_PROXY == "REDACTED@127.0.0.1:3" and .context.proxy.http_proxy == "http://REDACTED@127.0.0.1:3"'

# The Ollama unit's Environment (a fake systemctl over /usr/sbin in a private
# mount namespace, the first place od_runcmd looks) in check's own output.
mkdir -p "$W/fakebin"
printf '#!/bin/sh\nprintf "LoadState=loaded\\nEnvironment=OLLAMA_HOST=http://o:CANARY-SD-11@0.0.0.0:11434 HF_TOKEN=CANARY-SD-12 HTTPS_PROXY=p:CANARY-SD-13@127.0.0.1:3\\n"\n' \
    >"$W/fakebin/systemctl"
chmod +x "$W/fakebin/systemctl"
for fmt in "--json" "--format markdown" "-v --color never"; do
    # shellcheck disable=SC2086
    unshare -m sh -c 'mount --bind "$0" /usr/sbin && exec "$@"' "$W/fakebin" \
        env -i PATH=/usr/bin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
        "$OD_BIN" --vantage host -t 300 --candidates 127.0.0.1:1 $fmt >"$W/out.x" 2>"$W/err.txt"
    RC=$?
    ok "host vantage, $fmt: the unit's Environment carries no canary" sh -c "[ $RC -le 1 ] && ! grep -qi canary $W/out.x $W/err.txt"
done
unshare -m sh -c 'mount --bind "$0" /usr/sbin && exec "$@"' "$W/fakebin" env -i PATH=/usr/bin:/bin \
    "$OD_BIN" --vantage host -t 300 --candidates 127.0.0.1:1 --json >"$W/out.json" 2>"$W/err.txt"
ok "host vantage: the unit's Environment is shown, redacted" \
    jqt '.context.host.systemd.Environment == "OLLAMA_HOST=http://REDACTED@0.0.0.0:11434 HF_TOKEN=REDACTED HTTPS_PROXY=REDACTED@127.0.0.1:3"'
finish
