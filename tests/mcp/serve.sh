#!/bin/sh
# serve.sh OD_BIN FAKE_PY PORT [mcp options]: meant to run in a fresh, empty
# network namespace (unshare -n): bring up lo, start the fake Ollama on
# 127.0.0.1:PORT, then serve `ollama-doctor mcp` on this stdin/stdout. The
# fake is stopped (by PID) when the server ends.
set -u
od=$1 fake=$2 port=$3
shift 3
ip link set lo up || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/od-mcp-serve.XXXXXX") || exit 1
python3 "$fake" --bind 127.0.0.1 --port "$port" >"$tmp/out" 2>"$tmp/err" </dev/null &
fp=$!
trap 'kill "$fp" 2>/dev/null; wait "$fp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 143' TERM INT HUP
i=0
while ! grep -q '^ready' "$tmp/out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 "$fp" 2>/dev/null; then
        echo "serve.sh: the fake Ollama did not start: $(cat "$tmp/err")" >&2
        exit 1
    fi
    sleep 0.05
done
"$od" mcp "$@"
