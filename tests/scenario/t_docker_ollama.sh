#!/bin/sh
# The host side knows Docker (real engine, docker_lib.sh): Ollama running in
# a container, published on 127.0.0.1 only or joined to the app's network,
# and an app container on --network host; from inside the app's container
# (the static binary) and from the Docker host (--container).
#
#   f. Ollama's container published 127.0.0.1:11434:11434, the app on its
#      compose network: the publish is the fix, never ollama.service
#   g. the same container joined to the app's network, URL http://ollama:11434:
#      ok, no error
#   h. the app on --network host, URL http://localhost:11434, Ollama on the
#      host's 127.0.0.1: ok from inside and from --container
. "$(dirname "$0")/docker_lib.sh"
docker_need
docker_ctr_binary
docker_up || { echo "not ok 1 - docker_up"; exit 1; }
docker_ollama_image || { echo "not ok 1 - image od-ollama"; exit 1; }
phase "image od-ollama"

PD=docker-plugin_daemon-1
first_error() { jq -e --arg id "$1" '[.findings[] | select(.severity == "error")][0].id == $id' "$W/out.json"; }
no_error() { jq -e '[.findings[] | select(.severity == "error")] == []' "$W/out.json"; }
no_fix_text() { ! jq -e --arg t "$1" '[.findings[] | select(.severity == "error") | .fixes[] | .commands[], .title] | map(contains($t)) | any' "$W/out.json"; }
fix_text() { jq -e --arg id "$1" --arg t "$2" '[.findings[] | select(.id == $id) | .fixes[] | .commands[], .title, (.notes // "")] | map(contains($t)) | any' "$W/out.json"; }

docker network create docker_default >/dev/null
docker run -d --name "$PD" --network docker_default \
    --label com.docker.compose.project=docker --label com.docker.compose.service=plugin_daemon \
    od-busybox sleep 3600 >/dev/null
od_install "$PD"
docker run -d --name ollama -p 127.0.0.1:11434:11434 od-ollama >/dev/null
phase "containers"
ok "scene: Ollama's container answers on the host's 127.0.0.1:11434 (docker-proxy)" \
    sh -c "ip netns exec $D curl -s -m 2 http://127.0.0.1:11434/ | grep -q 'Ollama is running'"

# f. published on loopback
doctor_on_host -- --container "$PD" --json -t 1000
ok "f: --container: Ollama's container is found through the Engine API" jqt '.situation.ollama.container.name == "ollama"'
ok "f: ... its port is published on 127.0.0.1 only" jqt '.situation.ollama.published_loopback == true and .situation.ollama.shares_network == false'
ok "f: the first error is ollama-container-published-loopback" first_error ollama-container-published-loopback
ok "f: no error's fix edits ollama.service or sets OLLAMA_HOST" eval "no_fix_text 'systemctl edit ollama.service' && no_fix_text 'OLLAMA_HOST='"
ok "f: the fix publishes on docker0's measured address or joins a network" sh -c "jq -e '[.findings[0].fixes[].commands[]] | map(contains(\"-p 172.17.0.1:11434:11434\") or contains(\"docker network connect\")) | any' $W/out.json"
ok "f: the listener's owner is docker-proxy for the container ollama" jqt '[.situation.ollama.found[] | select(.owner_kind == "docker-proxy")][0].container == "ollama"'
ok "f: exit 1" rc_is 1
doctor_in "$PD" --json -t 1000
cok "f: from inside, without host evidence: host-port-refused (loopback or not running, cannot tell)" first_error host-port-refused
phase "f"

# g. joined to the app's network: the name works
docker network connect docker_default ollama
doctor_on_host -- --container "$PD" --json -t 1000 -u http://ollama:11434
ok "g: joined, URL http://ollama:11434 from --container: verdict ok, exit 0" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\" and .recommendation.base_url == \"http://ollama:11434\"' $W/out.json"
ok "g: ... no error: the host addresses that refuse are not the question" no_error
ok "g: ... the two containers share a network" jqt '.situation.ollama.shares_network == true'
doctor_in "$PD" --json -t 1000 -u http://ollama:11434
cok "g: from inside: ok, exit 0, no error" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\" and ([.findings[] | select(.severity == \"error\")] == [])' $W/out.json"
doctor_on_host -- --container "$PD" --json -t 1000
ok "g: without a URL: ok, the service name is the Base URL" jqt '.verdict == "ok" and .recommendation.base_url == "http://ollama:11434"'
phase "g"
docker rm -f ollama >/dev/null

# h. the app on the host's network
start ol "$D" python3 "$FAKE/fake_ollama.py" --bind 127.0.0.1 --port 11434 || { echo "not ok - fake Ollama"; finish; exit 1; }
docker run -d --name hostnet --network host od-busybox sleep 3600 >/dev/null
od_install hostnet
doctor_in hostnet --json -t 1000 -u http://localhost:11434
cok "h: --network host, URL localhost, from inside: ok, exit 0" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\"' $W/out.json"
cok "h: ... no error" no_error
cok "h: ... the container shares the host's network" jqt '.situation.host_network == true'
doctor_on_host -- --container hostnet --json -t 1000 -u http://localhost:11434
ok "h: from --container: ok, exit 0, no error" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\" and ([.findings[] | select(.severity == \"error\")] == [])' $W/out.json"
ok "h: ... the target shares the host's network namespace" jqt '.context.target.host_netns == true and .situation.host_network == true'
phase "h"

stop ol
finish
