#!/bin/sh
# The situation model: each address judged by its role from the vantage (the
# Docker host, this container, another container, another machine), the
# user's question deciding severity, Ollama found where it really is, and
# fixes carrying measured values. One block per class of issue 8, with its
# neighbours (other ports, other bridges, Podman- and Desktop-style networks).
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1

errors() { jq -c '[.findings[] | select(.severity == "error") | .id]' "$W/out.json"; }
errors_are() { [ "$(errors)" = "$1" ]; }
first_error() { jq -e --arg id "$1" '[.findings[] | select(.severity == "error")][0].id == $id' "$W/out.json"; }
no_error() { jq -e '[.findings[] | select(.severity == "error")] == []' "$W/out.json"; }
sev_of() { jq -r --arg id "$1" '[.findings[] | select(.id == $id) | .severity][0] // "absent"' "$W/out.json"; }
sev_is() { [ "$(sev_of "$1")" = "$2" ]; }
fix_has() { # fix_has ID PLATFORM TEXT
    jq -e --arg id "$1" --arg p "$2" --arg t "$3" \
        '[.findings[] | select(.id == $id) | .fixes[] | select(.platform == $p) | .commands[], .title, (.notes // "")] | map(contains($t)) | any' \
        "$W/out.json"
}
text_has() { # text_has ID TEXT: anywhere in the finding
    jq -e --arg id "$1" --arg t "$2" '[.findings[] | select(.id == $id) | tostring] | any(contains($t))' "$W/out.json"
}
text_lacks() { ! text_has "$@"; }
hostmode() { # the tool on the host, probing from the ctr (combined vantage)
    ip netns exec "$H" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" \
        UBSAN_OPTIONS="$UBSAN_OPTIONS" "$OD_BIN" --json -t 800 --netns "$C" "$@" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    keep_report
}

# --- 1. the seed: Ollama on its default 127.0.0.1:11434, the docs' URL -----------
ollama_at ol 127.0.0.1 11434 || exit 1
doctor -t 800 --os linux -u http://172.17.0.1:11434
ok "seed: the URL and docker0 are one probe with both origins" jqt '[.probes[] | select(.url == "http://172.17.0.1:11434")] | length == 1 and .[0].origins == ["url", "docker0"]'
ok "seed: 172.17.0.1 is the Docker host (it answers as the gateway does)" jqt '[.probes[] | select(.asked)][0].role == "docker-host"'
ok "seed: the first error explains the URL's refusal: host-port-refused" first_error host-port-refused
ok "seed: its fix sets OLLAMA_HOST with the port" fix_has host-port-refused linux 'Environment="OLLAMA_HOST=0.0.0.0:11434"'
ok "seed: the finding names the URL" jqt '[.findings[] | select(.id == "host-port-refused")][0].subjects | index("http://172.17.0.1:11434") != null'
ok "seed: host.docker.internal, never typed, is no error" sh -c "[ \"\$(jq -r '[.findings[] | select(.id == \"host-docker-internal-unresolved\") | .severity][0] // \"absent\"' $W/out.json)\" != error ]"
ok "seed: verdict unreachable, exit 1" sh -c "[ $RC -eq 1 ] && jq -e '.verdict == \"unreachable\"' $W/out.json"
doctor -t 800 --os linux -u http://172.18.0.1:11434
ok "seed via the compose gateway: host-port-refused first" first_error host-port-refused
doctor -t 800 --os linux
ok "seed without a URL: host-port-refused first, the name is info at most" eval 'jq -e '\''[.findings[] | select(.severity == "error")][0].id == "host-port-refused"'\'' $W/out.json && [ "$(sev_of host-docker-internal-unresolved)" != error ]'
ok "seed without a URL: measured narrow bind is this network's gateway, firewall subnet is this network's" jqt '.situation.fix.bind_narrow == "172.18.0.1:11434" and .situation.fix.subnet == "172.18.0.0/16"'
# neighbour: the app on Docker's default bridge, where the URL is the gateway itself
DFLT=$(add_ns dflt docker0 172.17.0.2/16 172.17.0.1) || exit 1
mkdir -p "/etc/netns/$DFLT" && printf 'nameserver 172.18.0.1\n' >"/etc/netns/$DFLT/resolv.conf"
ip netns exec "$DFLT" env -i PATH=/usr/bin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
    "$OD_BIN" --vantage container --json -t 800 --os linux -u http://172.17.0.1:11434 >"$W/out.json" 2>"$W/err.txt"
RC=$?
keep_report
ok "seed on the default bridge: URL = gateway = docker0, one probe with three origins" jqt '[.probes[] | select(.asked)][0].origins == ["url", "gateway", "docker0"]'
ok "seed on the default bridge: host-port-refused first, with the OLLAMA_HOST fix" eval 'first_error host-port-refused && fix_has host-port-refused linux "OLLAMA_HOST=0.0.0.0:11434"'
hostmode --os linux -u http://172.17.0.1:11434
ok "seed, combined: loopback-only-bind first, about the URL" sh -c "jq -e '.findings[0].id == \"loopback-only-bind\" and .findings[0].severity == \"error\" and (.findings[0].subjects | index(\"http://172.17.0.1:11434\") != null)' $W/out.json"
ok "seed, combined: the narrow bind is docker0's measured address" jqt '.situation.fix.bind_narrow == "172.17.0.1:11434" and .situation.fix.bridge_source == "host"'
ok "seed, combined: the owner is named in the evidence" text_has loopback-only-bind 'listening: 127.0.0.1:11434'
stop ol

# neighbour: another port everywhere
ollama_at ol 127.0.0.1 11500 || exit 1
doctor -t 800 -u http://172.17.0.1:11500
ok "seed on port 11500: host-port-refused names port 11500" sh -c "jq -e '[.findings[] | select(.severity == \"error\")][0].id == \"host-port-refused\"' $W/out.json && jq -e '.situation.fix.port == 11500' $W/out.json"
ok "seed on port 11500: built-ins probe 11500 too" jqt '.context.ports[0] == 11500 and ([.probes[] | select(.origin == "gateway") | .port] | index(11500) != null)'
stop ol

# --- 2. a working URL is never overshadowed ------------------------------------
ollama_at ol 0.0.0.0 11500 || exit 1
doctor -t 800 -u http://172.17.0.1:11500
ok "0.0.0.0:11500 with the URL on 11500: verdict ok, exit 0" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\" and .recommendation.base_url == \"http://172.17.0.1:11500\"' $W/out.json"
ok "... no error although the built-ins on 11434 fail" no_error
doctor -t 800
ok "... without the URL nothing hints at 11500 from here: unreachable, as honest as it gets" jqt '.verdict == "unreachable"'
doctor_env OLLAMA_HOST=http://172.17.0.1:11500 -- -t 800
ok "... with OLLAMA_HOST in the app's environment, its port is tried: ok" jqt '.verdict == "ok"'
stop ol

ollama_at ol 172.17.0.1 11434 || exit 1
doctor -t 800 -u http://172.17.0.1:11434
ok "bound to docker0 only, URL 172.17.0.1: ok although the gateway refuses" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\"' $W/out.json"
ok "... the gateway's refusal is no error" no_error
doctor -t 800
ok "... without a URL: ok, base URL on docker0" jqt '.verdict == "ok" and .recommendation.base_url == "http://172.17.0.1:11434"'
stop ol

# Ollama in its own "container" on the app's network, reached by name
OLNS=$(add_ns oll br-app 172.18.0.3/16 172.18.0.1) || exit 1
start olc "$OLNS" python3 "$FAKE/fake_ollama.py" --bind 0.0.0.0 --port 11434 || exit 1
stop dns
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 --record ollama=172.18.0.3 || exit 1
doctor -t 800 -u http://ollama:11434
ok "Ollama container on the app's network, URL http://ollama:11434: ok, exit 0" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\" and .recommendation.base_url == \"http://ollama:11434\"' $W/out.json"
ok "... it is another container" jqt '[.probes[] | select(.asked)][0].role == "other-container"'
ok "... no error from the host addresses that refuse" no_error
doctor -t 800 -u http://172.18.0.3:11434
ok "... by its address too: ok" jqt '.verdict == "ok"'
stop olc

# Docker Desktop style: host.docker.internal from DNS, to an address that is not the gateway
ollama_at ol 0.0.0.0 11434 || exit 1
stop dns
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 --record host.docker.internal=192.168.50.10 || exit 1
doctor -t 800 -u http://host.docker.internal:11434
ok "host.docker.internal by DNS to a non-gateway address: ok, exit 0" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\"' $W/out.json"
ok "... that address is the Docker host's (resolved from the name)" jqt '[.situation.addresses[] | select(.address == "192.168.50.10")][0].role == "docker-host"'
stop ol
stop dns
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1

# --- 3. names the user never typed do not lead ------------------------------------
ollama_at web 0.0.0.0 11434 --mode nginx || exit 1
doctor -t 800 -u http://172.17.0.1:11434
ok "a web server on the URL: not-ollama first" first_error not-ollama
ok "... and no host.docker.internal error" eval '! errors | grep -q host-docker-internal-unresolved'
stop web
ollama_at ol 0.0.0.0 11435 || exit 1
doctor_env OLLAMA_HOST=0.0.0.0:11435 -- -t 800 -u http://172.17.0.1:11434
ok "Ollama on 11435, the hint in OLLAMA_HOST: ollama-other-port first" first_error ollama-other-port
ok "... it names 11435 and the Base URL with it" eval 'text_has ollama-other-port 11435 && jq -e '\''.situation.fix.base_url == "http://172.17.0.1:11435"'\'' $W/out.json'
hostmode -u http://172.17.0.1:11434
ok "Ollama on 11435, combined: ollama-other-port from the host's process, not ollama-not-running" eval 'first_error ollama-other-port && [ "$(sev_of ollama-not-running)" = absent ]'
stop ol

# --- 4. a proxy the URL bypasses is no error ---------------------------------------
ollama_at ol 0.0.0.0 11434 || exit 1
start px "$H" python3 "$FAKE/fake_proxy.py" --bind 172.18.0.1 --port 3128 --mode deny || exit 1
doctor_env HTTP_PROXY=http://172.18.0.1:3128 no_proxy=172.17.0.0/16,localhost -- -t 800 -u http://172.17.0.1:11434
ok "no_proxy covers the URL: verdict ok, exit 0" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\"' $W/out.json"
ok "... the proxied built-ins make no error" no_error
doctor_env HTTP_PROXY=http://172.18.0.1:3128 no_proxy=localhost,example.org -- -t 800 -u http://172.17.0.1:11434
ok "the proxy takes the URL: proxy-intercepts first" first_error proxy-intercepts
ok "... NO_PROXY fix keeps the app's entries and adds the host, no duplicates" fix_has proxy-intercepts compose 'NO_PROXY: "localhost,example.org,172.17.0.1,host.docker.internal,172.18.0.1"'
stop px
stop ol

# --- 5. firewall claims need firewall evidence -------------------------------------
# Podman-style: 172.17.0.1 is not an address of this host (no docker0 address);
# the gateway refuses at once.
ollama_at ol 127.0.0.1 11434 || exit 1
in_host ip addr del 172.17.0.1/16 dev docker0
doctor -t 600
ok "no docker0 on the host: 172.17.0.1 is not taken for the Docker host" jqt '[.situation.addresses[] | select(.address == "172.17.0.1")][0].role == "unknown"'
ok "... no firewall-blocks, host-port-refused first" eval 'first_error host-port-refused && [ "$(sev_of firewall-blocks)" = absent ]'
in_host ip addr add 172.17.0.1/16 dev docker0
stop ol
# DROP on the host, a container without IPv6 loopback
ollama_at ol 0.0.0.0 11434 || exit 1
in_host iptables -A INPUT -p tcp --dport 11434 ! -i lo -j DROP
in_ctr sysctl -qw net.ipv6.conf.all.disable_ipv6=1
doctor -t 600
ok "DROP: firewall-blocks first" first_error firewall-blocks
ok "... the evidence names no loopback address" text_lacks firewall-blocks '::1'
ok "... measured subnet in the ufw fix" fix_has firewall-blocks linux 'ufw allow from 172.18.0.0/16 to any port 11434'
hostmode
ok "DROP, combined: firewall-blocks, fixes only for the front-ends present" eval 'first_error firewall-blocks && ! fix_has firewall-blocks linux '\''ufw allow'\'' && ! fix_has firewall-blocks linux '\''firewall-cmd'\'' && fix_has firewall-blocks linux '\''nft list ruleset'\'''
in_ctr sysctl -qw net.ipv6.conf.all.disable_ipv6=0
in_host iptables -D INPUT -p tcp --dport 11434 ! -i lo -j DROP
stop ol

# --- 8. another machine on the LAN ----------------------------------------------
in_host sysctl -qw net.ipv4.ip_forward=1
LAN2=$(add_ns lan2 lan0 192.168.50.20/24 192.168.50.10) || exit 1
start ol2 "$LAN2" python3 "$FAKE/fake_ollama.py" --bind 127.0.0.1 --port 11434 || exit 1
doctor -t 800 -u http://192.168.50.20:11434
ok "a second machine that refuses: host-port-refused, not called the Docker host" eval 'first_error host-port-refused && text_has host-port-refused '\''the machine at 192.168.50.20'\'' && text_lacks host-port-refused '\''the Docker host answers'\'''
ok "... its narrow bind is that machine's address" jqt '.situation.fix.bind_narrow == "192.168.50.20:11434"'
hostmode -u http://192.168.50.20:11434
ok "... combined: another machine, for certain" jqt '[.probes[] | select(.asked)][0] | .role == "other-machine" and .role_confirmed'
stop ol2
doctor -t 5000 -u http://192.168.50.99:11434
ok "a machine that is off (no ARP answer): remote-host-unreachable, no firewall claim" eval 'first_error remote-host-unreachable && [ "$(sev_of firewall-blocks)" = absent ]'
ok "... the evidence says no machine answered" text_has remote-host-unreachable 'no machine answered'
doctor -t 800 -u http://192.168.50.99:11434
ok "... with a short timeout: says how to tell off from filtered" text_has remote-host-unreachable 'tells them apart'
in_host sysctl -qw net.ipv4.ip_forward=0

# --- 7. on the host, localhost is never the answer for an app in a container --------
ollama_at ol 127.0.0.1 11434 || exit 1
doctor_host -t 800
ok "host, loopback bind: no Base URL, loopback-only-bind" eval 'jq -e '\''.recommendation.base_url == null'\'' $W/out.json && first_error loopback-only-bind'
doctor_host -t 800 -u http://localhost:11434
ok "host, the user's localhost URL: localhost-inside-container (the app's container is not this machine)" first_error localhost-inside-container
stop ol
ollama_at ol 0.0.0.0 11434 || exit 1
doctor_host -t 800
ok "host, all interfaces: Base URL on docker0, not localhost" jqt '.verdict == "ok" and .recommendation.base_url == "http://172.17.0.1:11434"'
doctor_host -t 800 --app continue
ok "host, an app that runs on the host (Continue): localhost is fine" jqt '.verdict == "ok" and (.recommendation.base_url | test("localhost|127.0.0.1"))'
stop ol

# --- 9. the port mismatch is named on the host ----------------------------------------
ollama_at ol 127.0.0.1 11435 || exit 1
doctor_host -t 800
ok "host: Ollama on 127.0.0.1:11435, asked 11434: ollama-other-port, not ollama-not-running" eval 'first_error ollama-other-port && text_has ollama-other-port 11435 && [ "$(sev_of ollama-not-running)" = absent ]'
stop ol

# --- 10. search . in resolv.conf ----------------------------------------------------
printf 'nameserver 172.18.0.1\nsearch .\n' >"/etc/netns/$C/resolv.conf"
doctor -t 800
ok "search . in resolv.conf: an unknown name is nxdomain, not servfail" jqt '[.probes[] | select(.origin == "service-name")][0].dns.status == "nxdomain"'
printf 'nameserver 172.18.0.1\n' >"/etc/netns/$C/resolv.conf"

finish
