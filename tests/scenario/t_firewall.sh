#!/bin/sh
# A host firewall between the container and Ollama (listening on all
# interfaces): DROP gives timeouts, REJECT gives unreachable or refused, and
# black holes never stretch the run past its deadline.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
start dns "$H" python3 "$FAKE/fake_dns.py" --bind 172.18.0.1 --port 53 || exit 1
ollama_at ol :: 11434 || exit 1

in_host iptables -A INPUT -p tcp --dport 11434 ! -i lo -j DROP
doctor -t 800 --host-ip 192.168.50.10
ok "DROP: exit 1, verdict unreachable" sh -c "[ $RC -eq 1 ] && jq -e '.verdict == \"unreachable\"' $W/out.json"
ok "DROP: gateway times out" jqt '[.probes[] | select(.origin == "gateway")][0] | .class == "timeout" and .attempts[0].tcp == "timeout" and .attempts[0].errno == "ETIMEDOUT"'
ok "DROP: 172.17.0.1 and LAN time out too" sh -c "jq -e '[.probes[] | select(.origin == \"docker0\" or .origin == \"lan\") | .class] == [\"timeout\", \"timeout\"]' $W/out.json"
ok "DROP: the run ends within timeout + 10%" jqt '.context.run.elapsed_ms <= 880 + 30'
ok "DROP: refused localhost is not delayed by the black holes" jqt '[.probes[] | select(.candidate == "127.0.0.1")][0].attempts[0].total_ms < 100'
in_host iptables -F INPUT

in_host iptables -A INPUT -p tcp --dport 11434 ! -i lo -j REJECT --reject-with icmp-host-prohibited
doctor -t 800
ok "REJECT icmp-host-prohibited: unreachable, EHOSTUNREACH" jqt '[.probes[] | select(.origin == "gateway")][0] | .class == "unreachable" and .attempts[0].errno == "EHOSTUNREACH"'
in_host iptables -F INPUT

in_host iptables -A INPUT -p tcp --dport 11434 ! -i lo -j REJECT --reject-with tcp-reset
doctor -t 800
ok "REJECT tcp-reset looks like refused" jqt '[.probes[] | select(.origin == "gateway")][0].class == "refused"'
in_host iptables -F INPUT

doctor -t 800
ok "firewall gone: gateway ok again" jqt '[.probes[] | select(.origin == "gateway")][0].class == "ok"'
finish
