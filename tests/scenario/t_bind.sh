#!/bin/sh
# Where Ollama listens, seen from the container: 127.0.0.1 (refused), 0.0.0.0
# (reachable via gateway, docker0 and the LAN address), a localhost URL, a
# custom port; and the host vantage's own view of the listeners.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1

# --- Ollama bound to 127.0.0.1 on the host --------------------------------
ollama_at ol 127.0.0.1 11434
doctor -t 1000 --host-ip 192.168.50.10
ok "loopback bind: exit 1" rc_is 1
ok "loopback bind: verdict unreachable" jqt '.verdict == "unreachable"'
ok "loopback bind: schema_version 1, vantage container" jqt '.schema_version == 1 and .vantage == "container"'
ok "loopback bind: gateway refused" jqt '[.probes[] | select(.origin == "gateway")][0] | .class == "refused" and .attempts[0].errno == "ECONNREFUSED" and .attempts[0].tcp == "refused"'
ok "loopback bind: 172.17.0.1 refused" pclass 172.17.0.1 refused
ok "loopback bind: LAN address refused" pclass 192.168.50.10 refused
ok "loopback bind: localhost in the ctr refused" pclass localhost refused
ok "loopback bind: no base URL" jqt '.recommendation.base_url == null'
ok "loopback bind: gateway fact 172.18.0.1" jqt '.context.gateways[0].address == "172.18.0.1"'
ok "loopback bind: findings is an array" jqt '.findings | type == "array"'
cp "$W/out.json" "$W/loopback.json"

# host vantage (inside the host netns): the listener and local candidates only
doctor_host -t 1000
ok "host vantage: listener 127.0.0.1:11434 loopback" jqt '.context.listeners | any(.address == "127.0.0.1" and .port == 11434 and .scope == "loopback")'
ok "host vantage: localhost ok" pclass localhost ok
ok "host vantage: docker0 address refused" jqt '[.probes[] | select(.origin == "docker0")][0].class == "refused"'
ok "host vantage: no gateway candidate" jqt '[.probes[] | select(.origin == "gateway")] | length == 0'
ok "host vantage: verdict problems (the loopback bind is an error finding)" jqt '.verdict == "problems" and (.findings[0].id == "loopback-only-bind")'
stop ol

# --- Ollama bound to 0.0.0.0 (Go's dual-stack [::]) -------------------------
ollama_at ol :: 11434
doctor -t 1000 --host-ip 192.168.50.10
ok "all interfaces: exit 0" rc_is 0
ok "all interfaces: verdict ok" jqt '.verdict == "ok"'
ok "all interfaces: gateway ok, Ollama fingerprinted" jqt '[.probes[] | select(.origin == "gateway")][0] | .class == "ok" and .attempts[0].http.ollama == true and .attempts[0].http.version == "0.12.3"'
ok "all interfaces: 172.17.0.1 ok" pclass 172.17.0.1 ok
ok "all interfaces: LAN address ok" pclass 192.168.50.10 ok
ok "all interfaces: base URL http://172.17.0.1:11434" jqt '.recommendation.base_url == "http://172.17.0.1:11434"'
ok "all interfaces: localhost still refused in the ctr" pclass localhost refused
doctor_host -t 1000
ok "host vantage: dual-stack listener scope all" jqt '.context.listeners | any(.address == "::" and .scope == "all")'

# --- the user typed a localhost URL ---------------------------------------
doctor -t 1000 -u http://localhost:11434
ok "localhost URL: exit 1" rc_is 1
ok "localhost URL: verdict problems" jqt '.verdict == "problems"'
ok "localhost URL: url probe refused" jqt '[.probes[] | select(.origin == "url")][0].class == "refused"'
ok "localhost URL: a working base URL is still found" jqt '.recommendation.base_url == "http://172.17.0.1:11434"'

# --- no scheme, and a path in the Base URL ---------------------------------
doctor -t 1000 -u 172.17.0.1:11434
ok "no scheme: has_scheme false, verdict problems" jqt '([.probes[] | select(.origin == "url")][0].has_scheme == false) and .verdict == "problems"'
doctor -t 1000 -u http://172.17.0.1:11434/api
ok "path /api: app path joins to /api/api/version, 404" jqt '[.probes[] | select(.origin == "url")][0] | .class == "http-error" and .attempts[0].http.app.path == "/api/api/version" and .attempts[0].http.app.status == 404'
doctor -t 1000 -u https://172.17.0.1:11434
ok "https to plain HTTP: tls-error" jqt '[.probes[] | select(.origin == "url")][0].class == "tls-error"'
stop ol

# --- custom port -----------------------------------------------------------
ollama_at ol 0.0.0.0 8080
doctor -t 1000 -p 8080
ok "custom port: gateway ok on 8080" jqt '[.probes[] | select(.origin == "gateway")][0] | .class == "ok" and (.url | endswith(":8080"))'
ok "custom port: context.port 8080 from flag" jqt '.context.port == 8080 and .context.port_source == "flag"'
doctor_env OLLAMA_HOST=0.0.0.0:8080 -- -t 1000
ok "custom port from OLLAMA_HOST" jqt '.context.port == 8080 and .context.port_source == "OLLAMA_HOST"'
doctor -t 1000
ok "default port 11434 finds nothing" jqt '.verdict == "unreachable"'
stop ol

finish
