#!/bin/sh
# The MCP conformance suite (@modelcontextprotocol/conformance, server
# scenarios) against `ollama-doctor mcp`, through bridge.mjs (Streamable HTTP
# <-> stdio), all inside an empty network namespace. Not part of `make test`:
# many scenarios exercise features this server does not offer (resources,
# prompts, logging, sampling, the reference server's test tools); see
# docs/mcp.md for what it reported.
#   sh tests/mcp/conformance/run.sh [OD_BIN] [conformance options, e.g. --scenario tools-list]
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 1
root=$(CDPATH='' cd -- "$here/../../.." && pwd) || exit 1
od=${1:-$root/build/ollama-doctor}
[ $# -gt 0 ] && shift
[ -f "$here/node_modules/@modelcontextprotocol/conformance/package.json" ] ||
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2 || exit 1
wrap="unshare -n"
unshare -n true 2>/dev/null || wrap="unshare -rn"
exec $wrap sh -c '
    ip link set lo up || exit 1
    here=$1 od=$2; shift 2
    out=$(mktemp -d)
    node "$here/bridge.mjs" 3900 "$od" >"$out/bridge.out" 2>"$out/bridge.err" &
    bp=$!
    i=0
    while ! grep -q "^ready" "$out/bridge.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 100 ] && { cat "$out/bridge.err" >&2; kill $bp; exit 1; }; sleep 0.1
    done
    cd "$out" && node --import "$here/node20-hooks.mjs" "$here/node_modules/@modelcontextprotocol/conformance/dist/index.js" \
        server --url http://127.0.0.1:3900/mcp "$@"
    rc=$?
    kill $bp
    rm -rf "$out"
    exit $rc' sh "$here" "$od" "$@"
