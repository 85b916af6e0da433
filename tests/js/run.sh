#!/bin/sh
# Real-client likeness check: runs the official `ollama` npm client (client_check.mjs)
# against tests/fake/fake_ollama.py on 127.0.0.1 with a free port.  Prints TAP.
# Works from any directory.  Exit status: 0 all passed (or skipped), 1 otherwise.
set -u
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
root=$(CDPATH= cd -- "$here/../.." && pwd) || exit 1

if ! command -v node >/dev/null 2>&1; then
    echo "ok 1 - js client check # SKIP node not found"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 - js client check # SKIP python3 not found"
    exit 0
fi
if [ ! -f "$here/node_modules/ollama/package.json" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "ok 1 - js client check # SKIP npm not found"
        exit 0
    fi
    why=$(sh "$root/tests/npm_ci.sh" "$here")
    rc=$?
    [ "$rc" -eq 2 ] && { echo "ok 1 - js client check # SKIP $why"; exit 0; }
    if [ "$rc" -ne 0 ] || [ ! -f "$here/node_modules/ollama/package.json" ]; then
        echo "1..1"
        echo "not ok 1 - js client check # npm could not install the ollama client"
        exit 1
    fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ollama-js-check.XXXXXX") || exit 1
fake_pid=""
cleanup() {
    if [ -n "$fake_pid" ]; then
        kill "$fake_pid" 2>/dev/null
        wait "$fake_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

python3 "$root/tests/fake/fake_ollama.py" --bind 127.0.0.1 --port 0 \
    --pidfile "$tmp/pid" >"$tmp/out" 2>"$tmp/err" &
fake_pid=$!

port=""
tries=0
while [ $tries -lt 100 ]; do
    port=$(sed -n 's/^ready \([0-9][0-9]*\)$/\1/p' "$tmp/out")
    [ -n "$port" ] && break
    if ! kill -0 "$fake_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
    tries=$((tries + 1))
done
if [ -z "$port" ]; then
    echo "1..1"
    echo "not ok 1 - js client check # fake_ollama.py did not start: $(tr '\n' ' ' <"$tmp/err" | cut -c1-300)"
    exit 1
fi

node "$here/client_check.mjs" "$port"
rc=$?
exit $rc
