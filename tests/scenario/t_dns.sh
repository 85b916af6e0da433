#!/bin/sh
# Names from the container: host.docker.internal from /etc/hosts
# (extra_hosts: host-gateway) or absent (NXDOMAIN from DNS), the service name
# from DNS, and a DNS server that fails (SERVFAIL), refuses, or never answers.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
ollama_at ol :: 11434 || exit 1
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 --record ollama=172.17.0.1 || exit 1

doctor -t 1000
ok "absent: host.docker.internal is nxdomain from DNS" jqt '[.probes[] | select(.origin == "host-docker-internal")][0] | .class == "dns-error" and .dns.status == "nxdomain" and .dns.source == "dns"'
ok "service name ollama resolves through DNS and works" jqt '[.probes[] | select(.origin == "service-name")][0] | .class == "ok" and .dns.source == "dns" and .dns.addresses == ["172.17.0.1"]'
ok "verdict ok, base URL prefers the service name over bare IPs" jqt '.verdict == "ok" and .recommendation.base_url == "http://ollama:11434"'

printf '172.17.0.1\thost.docker.internal\n' >>"/etc/netns/$C/hosts"
doctor -t 1000
ok "extra_hosts: host.docker.internal from the hosts file" jqt '[.probes[] | select(.origin == "host-docker-internal")][0] | .class == "ok" and .dns.source == "hosts" and .dns.addresses == ["172.17.0.1"]'
ok "extra_hosts: hosts entries are facts" jqt '.context.hosts | any(.names | index("host.docker.internal"))'
ok "extra_hosts: base URL http://host.docker.internal:11434" jqt '.recommendation.base_url == "http://host.docker.internal:11434"'
doctor -t 1000 -u http://host.docker.internal:11434
ok "the user's URL is preferred when it works" jqt '.verdict == "ok" and .recommendation.origin == "url"'
doctor -t 1000 -u http://host.docker.internal:11434 -u http://nosuch.example:11434
ok "one of two URLs fails: verdict problems, nxdomain" jqt '.verdict == "problems" and ([.probes[] | select(.candidate == "http://nosuch.example:11434")][0].dns.status == "nxdomain")'
stop dns

start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 --mode servfail || exit 1
doctor -t 1000
ok "SERVFAIL is reported as servfail" jqt '[.probes[] | select(.origin == "service-name")][0].dns.status == "servfail"'
stop dns

start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 --mode drop || exit 1
doctor -t 1000
ok "a silent DNS server is a timeout" jqt '[.probes[] | select(.origin == "service-name")][0].dns.status == "timeout"'
ok "DNS timeouts stay inside the deadline" jqt '.context.run.elapsed_ms <= .context.run.deadline_ms + 100'
stop dns

printf '# no nameserver\n' >"/etc/netns/$C/resolv.conf"
doctor -t 1000
ok "no nameserver at all is no-server" jqt '[.probes[] | select(.origin == "service-name")][0].dns.status == "no-server"'
finish
