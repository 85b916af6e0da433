#!/bin/sh
# Regenerates the documents tests/unit/test_render.c renders (a maintainer's
# step, as root: the check documents come from namespace scenarios, never from
# this machine's network). Then OD_GOLDEN_UPDATE=1 rewrites the expected
# renderings: read `git diff tests/render` before committing.
#   sh tests/render/make-inputs.sh && OD_GOLDEN_UPDATE=1 build/asan/tests/test_render
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/tests/render
. "$ROOT/tests/scenario/lib.sh"
OD_BIN=$ROOT/build/ollama-doctor
need_root
topo_up || { echo "cannot build the namespaces" >&2; exit 1; }

# from the ctr namespace, as the app's container: NAME LANG ARGS...
ctr_doc() {
    name=$1 l=$2; shift 2
    ip netns exec "$C" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$OD_BIN" --vantage container --json \
        --lang "$l" -t 800 --os linux "$@" | scrub | netns_made >"$OUT/$name$(suffix "$l").json"
}
# says, in the document, where a check or bundle document was made (the
# renderings start with it; the renderer itself ignores the key)
netns_made() {
    jq '{fixture: "made by tests/render/make-inputs.sh: ollama-doctor ran under ip netns exec in the test topology (tests/scenario/lib.sh), against fakes there, never on this machine'"'"'s network"} + .'
}
# an offline document (explain, rules list, version, a usage error) is made in
# an empty network namespace, where no packet can leave, and says so
offline() { unshare -n "$OD_BIN" "$@"; }
offline_made() {
    jq '{fixture: "made by tests/render/make-inputs.sh: ollama-doctor ran offline, in an empty network namespace (unshare -n) where no packet can leave"} + .'
}
suffix() { [ "$1" = en ] && echo "" || echo ".$1"; }
# times and durations vary between runs: fixed, so that the renderings do not
scrub() {
    jq '(.. | objects | select(has("ms")) | .ms) |= (if type == "number" then 1 else . end)
        | (.. | objects | select(has("connect_ms")) | .connect_ms) |= (if type == "number" then 0.5 else . end)
        | (.. | objects | select(has("elapsed_ms")) | .elapsed_ms) |= 300
        | (.. | objects | select(has("started_at")) | .started_at) |= "2026-01-01T00:00:00Z"
        | (.. | objects | select(has("finished_at")) | .finished_at) |= "2026-01-01T00:00:00Z"
        | (.. | objects | select(has("kernel")) | .kernel) |= "6.1.0-test"
        | (.. | objects | select(has("hostname")) | .hostname) |= "app"
        | (.. | objects | select(has("version") and has("name") and .name == "ollama-doctor") | .version) |= "0.0.0"'
}

# 1. the seed: Ollama on 127.0.0.1 on the host, the docs' URL
ollama_at ol 127.0.0.1 11434 || exit 1
for l in en ja zh; do ctr_doc check-seed "$l" -u http://172.17.0.1:11434; done
# 2. localhost typed in the app's container, and no URL at all
ctr_doc check-localhost en -u http://localhost:11434
ctr_doc check-which en
stop ol
# 3. healthy, with a model: the app's form
ollama_at ol 0.0.0.0 11434 || exit 1
for l in en ja; do ctr_doc check-healthy "$l" -u http://172.17.0.1:11434 -m llama3.2; done
ctr_doc check-model en -u http://172.17.0.1:11434 -m llama3.2:3b
# 4. a proxy in the app's environment that cannot deliver
ip netns exec "$C" env -i PATH=/usr/bin:/bin HTTP_PROXY=http://127.0.0.1:3128 "$OD_BIN" --vantage container --json \
        -t 800 --os linux -u http://172.17.0.1:11434 | scrub | netns_made >"$OUT/check-proxy.json"
stop ol

# offline documents: explain, rules list, version, an error
for l in en ja zh; do
    offline explain --json --lang "$l" "dial tcp 172.17.0.1:11434: connect: connection refused" | scrub |
        offline_made >"$OUT/explain-refused$(suffix "$l").json"
done
offline explain --json "dial tcp: lookup host.docker.internal on 127.0.0.11:53: no such host" | scrub |
    offline_made >"$OUT/explain-dns.json"
offline explain --json "something unrelated happened" | scrub | offline_made >"$OUT/explain-nomatch.json"
offline rules list --json | offline_made >"$OUT/rules-list.json"
offline --version --json | scrub | offline_made >"$OUT/version-this.json"
offline --json --port 70000 2>/dev/null | scrub | offline_made >"$OUT/check-usage-error.json"

# a bundle's listing (the bundle itself is written to the scratch directory)
ollama_at ol 0.0.0.0 11434 || exit 1
for l in en ja; do
    ip netns exec "$C" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$OD_BIN" bundle --vantage container --json \
        --lang "$l" -t 800 -u http://172.17.0.1:11434 -o "$W/b-$l.tar.gz" |
        jq --arg w "$W" '(.bundle, .path) |= sub($w; "/tmp") | .bytes = 12345 | .directory = "ollama-doctor-20260101T000000Z"
            | .files[].size = 1000' | netns_made >"$OUT/bundle-listing$(suffix "$l").json"
done
ls "$OUT"/*.json | wc -l
