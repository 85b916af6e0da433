#!/bin/sh
# The MCP server against the official MCP TypeScript SDK client
# (@modelcontextprotocol/sdk, pinned in package.json / package-lock.json):
# client_check.mjs lists the tools, explains the seed error, runs a check and
# a bundle on loopback inside an empty network namespace (serve.sh: the fake
# Ollama on 127.0.0.1:11434 there), makes bad calls and checks that the
# server still answers. Prints TAP; the session is in the TAP comments.
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 1
root=$(CDPATH='' cd -- "$here/../.." && pwd) || exit 1
od=${OD_BIN:-$root/build/asan/ollama-doctor}

for t in node python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "ok 1 - mcp client check # SKIP $t not found"; exit 0; }
done
[ -x "$od" ] || { echo "1..1"; echo "not ok 1 - mcp client check # no $od (make test builds it)"; exit 1; }
if [ ! -f "$here/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
    command -v npm >/dev/null 2>&1 || { echo "ok 1 - mcp client check # SKIP npm not found"; exit 0; }
    why=$(sh "$root/tests/npm_ci.sh" "$here")
    rc=$?
    [ "$rc" -eq 2 ] && { echo "ok 1 - mcp client check # SKIP $why"; exit 0; }
    if [ "$rc" -ne 0 ] || [ ! -f "$here/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
        echo "1..1"
        echo "not ok 1 - mcp client check # npm could not install @modelcontextprotocol/sdk"
        exit 1
    fi
fi

# An empty network namespace for the server: as root, or in a user namespace.
wrap=""
if unshare -n true 2>/dev/null; then
    wrap="unshare -n"
elif unshare -rn true 2>/dev/null; then
    wrap="unshare -rn"
fi
node "$here/client_check.mjs" "$od" "$here/serve.sh" "$root/tests/fake/fake_ollama.py" "$wrap"
