#!/bin/sh
# make demo: a small scene in network namespaces — Ollama (the test fake) bound
# to 127.0.0.1 on a "host", an app's "container" on a bridge — and the doctor
# run from inside the container, then from the host. Root only; nothing leaves
# the namespaces, and everything is removed afterwards.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
. "$ROOT/tests/scenario/lib.sh"
OD=${OD:-$ROOT/build/ollama-doctor}
[ "$(id -u)" = 0 ] || { echo "make demo needs root (it builds network namespaces)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "make demo needs python3 (for the fake Ollama)" >&2; exit 2; }
topo_up || { echo "could not build the namespaces" >&2; exit 1; }
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 >/dev/null || exit 1
ollama_at ollama 127.0.0.1 11434 >/dev/null || exit 1

say() {
    if [ -t 1 ]; then printf '\n\033[1m== %s\033[0m\n\n' "$*"; else printf '\n== %s\n\n' "$*"; fi
}
say "Inside the app's container (172.18.0.2, gateway 172.18.0.1); Ollama on the host listens on 127.0.0.1:11434"
echo "\$ ollama-doctor -u http://host.docker.internal:11434"
ip netns exec "$C" env -i PATH=/usr/bin:/bin LANG="${LANG:-C.UTF-8}" TERM="${TERM:-dumb}" COLUMNS="${COLUMNS:-100}" \
    "$OD" --vantage container -u http://host.docker.internal:11434
say "On the host: the same problem seen from the other side"
echo "\$ ollama-doctor"
ip netns exec "$H" env -i PATH=/usr/bin:/bin LANG="${LANG:-C.UTF-8}" TERM="${TERM:-dumb}" COLUMNS="${COLUMNS:-100}" \
    "$OD" --vantage host
say "After the fix (Ollama restarted with OLLAMA_HOST=0.0.0.0:11434), from the container"
stop ollama
ollama_at ollama :: 11434 >/dev/null || exit 1
echo "\$ ollama-doctor -q"
ip netns exec "$C" env -i PATH=/usr/bin:/bin LANG="${LANG:-C.UTF-8}" "$OD" --vantage container -q
exit 0
