#!/bin/sh
# Root-cause findings from real probes in namespaces: each container-side and
# host-side mode gives its finding id, symptoms are suppressed, and the fix
# text follows --os.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1
ids() { jq -c '[.findings[].id]' "$W/out.json"; }
ids_are() { [ "$(ids)" = "$1" ]; }
has_id() { jq -e --arg id "$1" '[.findings[].id] | index($id) != null' "$W/out.json"; }
fix_has() { # fix_has ID PLATFORM TEXT
    jq -e --arg id "$1" --arg p "$2" --arg t "$3" \
        '[.findings[] | select(.id == $id) | .fixes[] | select(.platform == $p) | .commands[], .title, (.notes // "")] | map(contains($t)) | any' \
        "$W/out.json"
}

# --- Ollama bound to 127.0.0.1 ---------------------------------------------
ollama_at ol 127.0.0.1 11434 || exit 1
doctor -t 800 --os linux
ok "loopback bind from the ctr: host-port-refused (then the missing name)" ids_are '["host-port-refused","host-docker-internal-unresolved"]'
ok "--os linux: systemctl edit drop-in with the measured port" fix_has host-port-refused linux 'Environment="OLLAMA_HOST=0.0.0.0:11434"'
ok "--os linux: daemon-reload and restart" fix_has host-port-refused linux 'sudo systemctl daemon-reload'
ok "--os linux: no macOS or Windows fixes" jq -e '[.findings[].fixes[].platform] | (index("macos") == null and index("windows") == null)' "$W/out.json"
ok "the widening fix carries the security caveat" jq -e '[.findings[] | select(.id == "host-port-refused") | .caveats[]] | any(contains("no authentication"))' "$W/out.json"
ok "evidence quotes the refused addresses" jq -e '[.findings[] | select(.id == "host-port-refused") | .evidence[]] | any(contains("172.17.0.1"))' "$W/out.json"
doctor -t 800 --os macos
ok "--os macos: launchctl setenv, quit and reopen" fix_has host-port-refused macos 'launchctl setenv OLLAMA_HOST "0.0.0.0:11434"'
ok "--os macos: says how to make it persistent" fix_has host-port-refused macos 'reboot'
doctor -t 800 --os windows
ok "--os windows: setx and restart from the tray" fix_has host-port-refused windows 'setx OLLAMA_HOST 0.0.0.0:11434'
ok "--os windows: tray" fix_has host-port-refused windows 'tray'
doctor -t 800 -u http://localhost:11434
ok "localhost URL: localhost-inside-container first, then the bind" sh -c "[ '$(ids)' = '[\"localhost-inside-container\",\"host-port-refused\",\"host-docker-internal-unresolved\"]' ]"
ok "localhost URL: the compose fix names plugin_daemon" fix_has localhost-inside-container compose 'plugin_daemon:'

doctor_host -t 800
ok "host vantage: loopback-only-bind" has_id loopback-only-bind
ok "host vantage: no container-side symptom" sh -c "! jq -e '[.findings[].id] | index(\"host-port-refused\")' $W/out.json"
ok "host vantage: fixes for this OS (linux, detected)" jq -e '.context.target_os == {"platforms": ["linux"], "source": "detected"}' "$W/out.json"

# ipv6-localhost: the host's hosts file lists ::1 first
printf '::1 localhost\n127.0.0.1 localhost\n' >"/etc/netns/$H/hosts"
doctor_host -t 800
ok "host vantage: localhost -> ::1 first while Ollama is IPv4-only: ipv6-localhost" has_id ipv6-localhost
printf '127.0.0.1 localhost\n::1 localhost\n127.0.0.1 ollama.example\n' >"/etc/netns/$H/hosts"

# Host header check: a name Ollama does not accept
doctor_host -t 800 --candidates http://ollama.example:11434
ok "403 with an empty body for a foreign Host: host-header-rejected" has_id host-header-rejected
stop ol

# --- nothing running ----------------------------------------------------------
doctor_host -t 800
ok "host vantage, nothing listening: ollama-not-running" ids_are '["ollama-not-running"]'
ok "ollama-not-running: start command for linux" fix_has ollama-not-running linux 'sudo systemctl start ollama'

# --- Ollama on all interfaces -----------------------------------------------------
ollama_at ol :: 11434 || exit 1
doctor -t 800 --host-ip 192.168.50.10
ok "all interfaces, from the ctr: only the exposure warning, verdict ok" sh -c "[ '$(ids)' = '[\"ollama-exposed\"]' ] && jq -e '.verdict == \"ok\"' $W/out.json"
ok "a warning does not fail the run by default" rc_is 0
doctor -t 800 --host-ip 192.168.50.10 --fail-on warning
ok "--fail-on warning: exit 1" rc_is 1
doctor_host -t 800
ok "host vantage, [::] listener: ollama-exposed" has_id ollama-exposed
doctor -t 800 -u http://ollama:11434
ok "a service name that does not resolve: service-name-unresolved" has_id service-name-unresolved
ok "... and the verdict is problems (another URL works)" jq -e '.verdict == "problems"' "$W/out.json"
doctor -t 800 -u http://172.17.0.1:11434/v1
ok "/v1 in the Base URL: wrong-base-url-path" ids_are '["wrong-base-url-path"]'
ok "wrong path fix is the root URL" fix_has wrong-base-url-path any 'http://172.17.0.1:11434'
doctor -t 800 -u 172.17.0.1:11434
ok "no scheme: missing-scheme" ids_are '["missing-scheme"]'
doctor -t 800 -u https://172.17.0.1:11434
ok "https to plain http: tls-to-plain-http" ids_are '["tls-to-plain-http"]'
doctor -t 800 -u https://172.17.0.1:11434/v1 --app openai-compatible
ok "https to plain http with /v1, an OpenAI-compatible app: the fix changes the scheme and keeps /v1" fix_has tls-to-plain-http any 'http://172.17.0.1:11434/v1'
in_host iptables -A INPUT -p tcp --dport 11434 ! -i lo -j DROP
doctor -t 600
ok "DROP: firewall-blocks" ids_are '["firewall-blocks","host-docker-internal-unresolved"]'
ok "firewall fix: ufw from the app's measured network" fix_has firewall-blocks linux 'ufw allow from 172.18.0.0/16 to any port 11434'
in_host iptables -F INPUT
in_host iptables -A INPUT -p tcp --dport 11434 ! -i lo -j REJECT --reject-with icmp-host-prohibited
doctor -t 600
ok "REJECT: firewall-blocks" has_id firewall-blocks
in_host iptables -F INPUT
start px "$H" python3 "$FAKE/fake_proxy.py" --bind 172.18.0.1 --port 3128 --mode deny || exit 1
doctor_env HTTP_PROXY=http://172.18.0.1:3128 -- -t 800 -u http://172.17.0.1:11434
ok "proxy in the way: proxy-intercepts first" sh -c "jq -e '.findings[0].id == \"proxy-intercepts\"' $W/out.json"
ok "proxy fix: NO_PROXY on plugin_daemon in the override file" fix_has proxy-intercepts compose 'NO_PROXY'
stop px
stop ol
ollama_at web 0.0.0.0 11434 --mode nginx || exit 1
doctor -t 800 -u http://172.17.0.1:11434
ok "nginx on the port: not-ollama" has_id not-ollama
stop web

# --- text output ------------------------------------------------------------------
ollama_at ol 127.0.0.1 11434 || exit 1
ip netns exec "$C" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 COLUMNS=80 "$OD_BIN" --vantage container -t 800 --os linux >"$W/out.txt" 2>&1
ok "text: the finding, its fix, why and what was seen" sh -c "grep -q 'host-port-refused' $W/out.txt && grep -q '^  Seen: ' $W/out.txt && grep -q '^  Why: ' $W/out.txt && grep -q '^  Fix (Linux): ' $W/out.txt && grep -q '^      sudo systemctl edit ollama.service' $W/out.txt"
ok "text: prose wrapped to the terminal (COLUMNS=80), continuation lines aligned" sh -c "[ \$(grep -c '^       [^ ]' $W/out.txt) -ge 3 ] && ! grep -Eq '^.{81,}' $W/out.txt"
ip netns exec "$C" env -i PATH=/usr/bin:/bin LANG=C "$OD_BIN" --vantage container -t 800 >"$W/out.txt" 2>&1
ok "text: ASCII marks outside UTF-8" sh -c "grep -q '^X error' $W/out.txt && ! grep -q '✗' $W/out.txt"
ok "text: unknown OS in a linux-kernel container is guessed as linux and said so" grep -q 'guessed from the kernel' "$W/out.txt"
finish
