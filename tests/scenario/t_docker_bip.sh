#!/bin/sh
# A Docker Engine whose docker0 is not 172.17.0.1 (dockerd --bip
# 192.168.200.1/24, as with a custom bip or default-address-pools): the
# textbook address is no role of the host, and every fix carries the bridge
# address that exists on this host.
DOCKER_BIP=192.168.200.1/24
. "$(dirname "$0")/docker_lib.sh"
docker_need
docker_ctr_binary
docker_up || { echo "not ok 1 - docker_up"; exit 1; }

first_error() { jq -e --arg id "$1" '[.findings[] | select(.severity == "error")][0].id == $id' "$W/out.json"; }
sev_of() { jq -r --arg id "$1" '[.findings[] | select(.id == $id) | .severity][0] // "absent"' "$W/out.json"; }
nowhere() { ! grep -q -- "$1" "$W/out.json"; }
nowhere_in_findings() { ! jq -e --arg t "$1" '.findings | tostring | contains($t)' "$W/out.json"; }

docker run -d --name app od-busybox sleep 3600 >/dev/null
docker run -d --name app-gw --add-host host.docker.internal:host-gateway od-busybox sleep 3600 >/dev/null
for c in app app-gw; do od_install "$c"; done
start ol "$D" python3 "$FAKE/fake_ollama.py" --bind 127.0.0.1 --port 11434 || { echo "not ok - fake Ollama"; finish; exit 1; }
phase "containers"
ok "scene: the default bridge is 192.168.200.0/24" sh -c "[ \"\$($DOCKER_CLI network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' bridge)\" = 192.168.200.0/24 ]"

doctor_in app --json -t 1000 --os linux
cok "inside: the gateway 192.168.200.1 is the Docker host and refuses: host-port-refused" first_error host-port-refused
cok "inside: 172.17.0.1 is not taken for the Docker host" jqt '[.situation.addresses[] | select(.address == "172.17.0.1")][0].role != "docker-host"'
cok "inside: no firewall-blocks from the unrouted 172.17.0.1" sh -c "[ \"\$(jq -r '[.findings[] | select(.id == \"firewall-blocks\") | .severity][0] // \"absent\"' $W/out.json)\" = absent ]"
cok "inside: the narrow bind is the measured gateway, not 172.17.0.1" jqt '.situation.fix.bind_narrow == "192.168.200.1:11434"'
cok "inside: no finding recommends 172.17.0.1" nowhere_in_findings 'OLLAMA_HOST=172.17.0.1'
doctor_in app-gw --json -t 1000 -u http://host.docker.internal:11434
cok "inside, host-gateway: host.docker.internal is 192.168.200.1 from /etc/hosts" jqt '[.probes[] | select(.asked)][0].dns.addresses == ["192.168.200.1"] and ([.probes[] | select(.asked)][0].role == "docker-host")'
cok "inside, host-gateway: the bridge address is measured from the hosts file" jqt '.situation.fix.bridge == "192.168.200.1"'

doctor_on_host -- --container app --json -t 1000 --os linux
ok "--container: loopback-only-bind first" first_error loopback-only-bind
ok "--container: docker0 measured on the host: 192.168.200.1" jqt '.situation.fix.bridge == "192.168.200.1" and .situation.fix.bind_narrow == "192.168.200.1:11434"'
ok "--container: the caveat's narrow bind is OLLAMA_HOST=192.168.200.1:11434" jqt '[.findings[0].caveats[]] | any(contains("OLLAMA_HOST=192.168.200.1:11434"))'
ok "--container: no finding says 172.17.0.1" nowhere_in_findings '172.17.0.1'
ok "--container: no firewall-blocks" sh -c "[ \"\$(jq -r '[.findings[] | select(.id == \"firewall-blocks\") | .severity][0] // \"absent\"' $W/out.json)\" = absent ]"
phase "bip"

stop ol
finish
