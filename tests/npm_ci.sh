#!/bin/sh
# Installs the pinned npm packages of a client check: `sh tests/npm_ci.sh DIR`.
# Exit 0 installed; 2 the registry could not be reached (two tries, the
# reason on stdout: the caller reports its check skipped, as `make static`
# does without Debian's sources); 1 any other failure (the caller fails).
set -u
dir=$1
err=$(mktemp) || exit 1
trap 'rm -f "$err"' EXIT
try=1
while :; do
    if [ -f "$dir/package-lock.json" ]; then
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error --fetch-retries=1) 2>"$err" >&2
    else
        (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --fetch-retries=1) 2>"$err" >&2
    fi
    rc=$?
    cat "$err" >&2
    [ "$rc" -eq 0 ] && exit 0
    grep -qE 'EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH' "$err" || exit 1
    if [ "$try" -ge 2 ]; then
        echo "npm registry unreachable: $(grep -oE 'E(AI_AGAIN|NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH)[^ ]*( [^ ]*)?' "$err" | head -n 1)"
        exit 2
    fi
    sleep 20
    try=$((try + 1))
done
