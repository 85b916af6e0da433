#!/bin/sh
# What answers on the port: something that is not Ollama, a proxy in the way
# (as Python requests would route it), and hostile servers that drip, stream
# forever, redirect elsewhere or speak no HTTP.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1
PLAIN=${OD_PLAIN:-$ROOT/build/ollama-doctor}
gw() { jqt "[.probes[] | select(.origin == \"gateway\")][0] | $1"; }

ollama_at web 0.0.0.0 11434 --mode nginx || exit 1
doctor -t 800
ok "nginx on the port: not-ollama, server recorded" gw '.class == "not-ollama" and .attempts[0].http.status == 200 and (.attempts[0].http.server | startswith("nginx"))'
stop web

ollama_at ol 0.0.0.0 11434 || exit 1
start px "$H" python3 "$FAKE/fake_proxy.py" --bind 172.18.0.1 --port 3128 --mode deny || exit 1
doctor_env HTTP_PROXY=http://user:s3cr3t@172.18.0.1:3128 -- -t 800
ok "proxy deny: the app would go through the proxy" gw '.proxy != null and .class == "proxy-error"'
ok "proxy deny: the proxy's answer is recorded (403, Via squid)" gw '.proxy.attempt.http.status == 403 and (.proxy.attempt.http.via | test("squid"))'
ok "proxy deny: the direct attempt still works" gw '.attempts[0].class == "ok"'
ok "proxy deny: credentials never appear in the report" sh -c "! grep -q s3cr3t $W/out.json"
ok "proxy deny: proxy variable shown redacted" jqt '.context.proxy.HTTP_PROXY == "http://REDACTED@172.18.0.1:3128"'
ok "proxy deny: verdict unreachable as the app would see it" jqt '.verdict == "unreachable"'
doctor_env HTTP_PROXY=http://172.18.0.1:3128 NO_PROXY=172.17.0.1,localhost -- -t 800
ok "NO_PROXY exact IP: 172.17.0.1 goes direct and works" jqt '[.probes[] | select(.candidate == "172.17.0.1")][0] | .proxy == null and .class == "ok"'
ok "NO_PROXY: the gateway still goes through the proxy" gw '.class == "proxy-error"'
doctor_env HTTP_PROXY=http://172.18.0.1:3128 no_proxy=172.16.0.0/12 -- -t 800
ok "no_proxy CIDR covers both bridge addresses" jqt '[.probes[] | select(.origin == "gateway" or .origin == "docker0") | .class] == ["ok", "ok"]'
doctor_env HTTP_PROXY=http://172.18.0.1:3128 http_proxy= -- -t 800
ok "an empty lower-case http_proxy overrides HTTP_PROXY" gw '.proxy == null and .class == "ok"'
stop px
start px "$H" python3 "$FAKE/fake_proxy.py" --bind 172.18.0.1 --port 3128 --mode forward || exit 1
doctor_env http_proxy=http://172.18.0.1:3128 -- -t 800
ok "a forwarding proxy that reaches Ollama is ok" gw '.proxy.attempt.class == "ok" and .class == "ok"'
stop px
stop ol

ollama_at drip 0.0.0.0 11434 --mode drip || exit 1
doctor -t 800
ok "drip: connected but no usable answer (http-error)" gw '.class == "http-error" and .attempts[0].tcp == "connected"'
ok "drip: the run ends within timeout + 10%" jqt '.context.run.elapsed_ms <= 880 + 30'
stop drip

ollama_at endless 0.0.0.0 11434 --mode endless || exit 1
doctor -t 800
ok "endless body: capped at 16 KiB, truncated" gw '.attempts[0].http.body_bytes == 16384 and .attempts[0].http.truncated == true'
ok "endless body: not-ollama" gw '.class == "not-ollama"'
ip netns exec "$C" "$PLAIN" --vantage container --json -t 800 >"$W/out.json" 2>"$W/err.txt"
ok "endless body: peak RSS under 16 MB" jqt '.context.run.max_rss_kb < 16384'
stop endless

ollama_at redir 0.0.0.0 11434 --mode redirect || exit 1
doctor -t 800
ok "redirect: not followed, Location recorded" gw '.attempts[0].http.status == 302 and (.attempts[0].http.location | test("elsewhere"))'
ok "redirect: not-ollama" gw '.class == "not-ollama"'
stop redir

ollama_at garbage 0.0.0.0 11434 --mode tcp-garbage || exit 1
doctor -t 800
ok "non-HTTP bytes on the port: not-ollama" gw '.class == "not-ollama" and .attempts[0].tcp == "connected"'
stop garbage
finish
