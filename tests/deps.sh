#!/bin/sh
# Install the Debian packages named as arguments when missing (root + apt-get),
# otherwise print the command the user has to run. Used by `make run` and `make test`.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || exit 1
    apt-get install -y -qq --no-install-recommends $missing >&2 || exit 1
    exit 0
fi
echo "missing packages:$missing" >&2
echo "install them with: sudo apt-get install$missing" >&2
exit 1
