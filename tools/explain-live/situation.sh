#!/bin/sh
# situation.sh SITUATION COMMAND [ARG...] — run inside `unshare -rnm` (a
# network namespace of its own, only loopback, no route out): builds one
# failure (see run.py's SITUATIONS), then runs the client command, whose
# arguments may hold @URL@ (the situation's base URL) or @URLP@/PATH. Prints
# what the client printed (stdout and stderr), then "@@rc=N".
# SCRATCH is a directory for this run's files (resolv.conf, hosts, fakes'
# output); FAKES the repository's tests/fake.
set -u
sit=$1
shift
tmp=$(mktemp -d "$SCRATCH/sit.XXXXXX")
pids=""
# the fakes go with the script, however it ends (a reader that closed the pipe, a timeout)
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM PIPE
ready() { for _ in $(seq 50); do grep -q '^ready' "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
start() { out=$tmp/fake.$(echo "$pids" | wc -w); python3 "$@" >"$out" 2>/dev/null & pids="$pids $!"; ready "$out"; }
# answer STATUS BODY [HEADER ...]: every request to 127.0.0.1:11434 gets this
# answer (the body's \r\n and \" escapes decoded), after its own body is read
answer() {
    start -c "
import codecs, http.server, sys
st, body, heads = int(sys.argv[1]), codecs.escape_decode(sys.argv[2].encode())[0], sys.argv[3:]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        self.send_response(st)
        for h in heads:
            self.send_header(*h.split(': ', 1))
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *a): pass
s = http.server.HTTPServer(('127.0.0.1', 11434), H); print('ready', flush=True); s.serve_forever()" "$@"
}

ip link set lo up
# the names resolve through a fake DNS server on loopback, which knows none
# of them (NXDOMAIN), or answers nothing at all (dns-down)
printf 'nameserver 127.0.0.11\noptions timeout:1 attempts:1\n' >"$tmp/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$tmp/hosts"
mount --bind "$tmp/resolv.conf" /etc/resolv.conf
mount --bind "$tmp/hosts" /etc/hosts
case $sit in
dns-down) start "$FAKES/fake_dns.py" --bind 127.0.0.11 --port 53 --mode drop ;;
hdi-*) start "$FAKES/fake_dns.py" --bind 127.0.0.11 --port 53 --record host.docker.internal=172.17.0.1 ;;
podman-*) start "$FAKES/fake_dns.py" --bind 127.0.0.11 --port 53 --record host.containers.internal=10.88.0.1 ;;
svc-*) start "$FAKES/fake_dns.py" --bind 127.0.0.11 --port 53 --record ollama=172.18.0.3 ;;
*) start "$FAKES/fake_dns.py" --bind 127.0.0.11 --port 53 ;;
esac

URL=http://localhost:11434
case $sit in
refused) ;;
refused-port) URL=http://127.0.0.1:11435; start "$FAKES/fake_ollama.py" --port 11434 ;;
dns-hdi) URL=http://host.docker.internal:11434 ;;
dns-svc | dns-down) URL=http://ollama:11434 ;;
timeout) # the Docker bridge's address, its packets dropped as a firewall's DROP does
    ip addr add 172.17.0.9/16 dev lo
    iptables -A OUTPUT -d 172.17.0.1 -p tcp -j DROP
    URL=http://172.17.0.1:11434 ;;
hdi-refused) # the name resolves to the bridge's address, where nothing listens
    ip addr add 172.17.0.9/16 dev lo
    URL=http://host.docker.internal:11434 ;;
hdi-timeout)
    ip addr add 172.17.0.9/16 dev lo
    iptables -A OUTPUT -d 172.17.0.1 -p tcp -j DROP
    URL=http://host.docker.internal:11434 ;;
bridge18-refused) # a compose network's gateway, where nothing listens
    ip addr add 172.18.0.9/16 dev lo
    URL=http://172.18.0.1:11434 ;;
podman-refused) # Podman's name for the host, where nothing listens
    ip addr add 10.88.0.9/16 dev lo
    URL=http://host.containers.internal:11434 ;;
svc-refused | svc-timeout) # the compose service's name resolves; its container does not listen, or drops
    ip addr add 172.18.0.9/16 dev lo
    [ "$sit" = svc-timeout ] && iptables -A OUTPUT -d 172.18.0.3 -p tcp -j DROP
    URL=http://ollama:11434 ;;
hostcheck) # a name of the user's own for the machine: Ollama bound to loopback refuses its Host header
    echo '127.0.0.1 ollama.example.com' >>"$tmp/hosts"
    URL=http://ollama.example.com:11434
    start "$FAKES/fake_ollama.py" --port 11434 ;;
v1model404) URL=http://localhost:11434/v1; start "$FAKES/fake_ollama.py" --port 11434 ;;
oom) # the model does not fit: Ollama's 500 with its own words
    answer 500 '{"error": "model requires more system memory (5.6 GiB) than is available (3.1 GiB)"}' \
        'Content-Type: application/json; charset=utf-8' ;;
drip) # the answer's headers come at once, then its body stalls (a stream cut off, a proxy's buffer)
    start "$FAKES/fake_ollama.py" --port 11434 --mode drip --drip-after-headers --drip-interval 8 ;;
tls-cert) # HTTPS whose certificate the client does not trust (a self-signed one in front of Ollama)
    URL=https://localhost:11434
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
        -subj /CN=localhost >/dev/null 2>&1
    start -c "
import http.server, ssl, sys
s = http.server.HTTPServer(('127.0.0.1', 11434), http.server.BaseHTTPRequestHandler)
c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain(sys.argv[1], sys.argv[2])
s.socket = c.wrap_socket(s.socket, server_side=True); print('ready', flush=True); s.serve_forever()" \
        "$tmp/cert.pem" "$tmp/key.pem" ;;
proxy-local) # HTTP_PROXY set and localhost not in NO_PROXY: the proxy cannot reach the client's own loopback
    start "$FAKES/fake_ollama.py" --port 11434
    export HTTP_PROXY=http://127.0.0.1:3128 http_proxy=http://127.0.0.1:3128
    start "$FAKES/fake_proxy.py" --port 3128 --mode badgateway ;;
hostunreach) ip route add unreachable 192.168.1.50; URL=http://192.168.1.50:11434 ;;
netunreach) URL=http://10.0.0.5:11434 ;;
reset | empty) # accepts, reads the request, closes with an RST (reset) or a FIN (empty)
    start -c "
import socket, struct, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 11434)); s.listen(16); print('ready', flush=True)
while True:
    c, _ = s.accept(); c.recv(65536)
    if sys.argv[1] == 'reset':
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    c.close()" "$sit" ;;
tls) URL=https://localhost:11434; start "$FAKES/fake_ollama.py" --port 11434 ;;
garbage) start "$FAKES/fake_ollama.py" --port 11434 --mode tcp-garbage ;; # another protocol's server holds the port
cut | busy503) # the answer's headers and its first line of a stream, then the connection closes (a
    # runner that died, a proxy's timeout between); or Ollama's 503 when its queue is full
    start -c "
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 11434)); s.listen(16); print('ready', flush=True)
line = b'{\"model\":\"llama3.2\",\"created_at\":\"2026-12-06T08:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n'
busy = b'{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}'
def request(c):  # the whole request, so that the close sends no reset for unread bytes
    b = b''
    while b'\r\n\r\n' not in b and len(b) < 65536:
        b += c.recv(65536) or b'\r\n\r\n'
    head, _, body = b.partition(b'\r\n\r\n')
    n = [int(l.split(b':')[1]) for l in head.lower().split(b'\r\n') if l.startswith(b'content-length:')]
    while n and len(body) < n[0]:
        body += c.recv(65536) or b' ' * n[0]
while True:
    c, _ = s.accept(); request(c)
    if sys.argv[1] == 'cut':
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n'
                  + b'%x\r\n' % len(line) + line + b'\r\n')
    else:
        c.sendall(b'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n'
                  + b'Content-Length: %d\r\n\r\n' % len(busy) + busy)
    c.close()" "$sit" ;;
readtimeout) start "$FAKES/fake_ollama.py" --port 11434 --load-delay 10 ;;
model404 | v1missing) start "$FAKES/fake_ollama.py" --port 11434 ;;
notollama) start "$FAKES/fake_ollama.py" --port 11434 --mode nginx ;;
ipv6-refused) # localhost is only ::1 here (as on many a Mac), and Ollama listens on 127.0.0.1 alone
    printf '::1 localhost ip6-localhost\n' >"$tmp/hosts"
    start "$FAKES/fake_ollama.py" --bind 127.0.0.1 --port 11434 ;;
otherapp) # the Base URL names another app's port (a FastAPI one: Open WebUI's, a RAG server's), whose 404 is its own
    answer 404 '{"detail":"Not Found"}' 'Server: uvicorn' 'Content-Type: application/json' ;;
auth401) # a reverse proxy in front of Ollama asks for credentials (nginx auth_basic)
    answer 401 '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' \
        'Server: nginx' 'Content-Type: text/html' 'WWW-Authenticate: Basic realm="Ollama"' ;;
proxy-deny | proxy-down | proxy-502 | proxy-auth)
    ip route add unreachable 192.168.1.50
    URL=http://192.168.1.50:11434
    export HTTP_PROXY=http://127.0.0.1:3128 http_proxy=http://127.0.0.1:3128
    [ "$sit" = proxy-deny ] && start "$FAKES/fake_proxy.py" --port 3128 --mode deny
    [ "$sit" = proxy-auth ] && start "$FAKES/fake_proxy.py" --port 3128 --mode auth
    [ "$sit" = proxy-502 ] && start "$FAKES/fake_proxy.py" --port 3128 --mode badgateway ;;
*) echo "situation.sh: unknown situation $sit" >&2; exit 2 ;;
esac

for a in "$@"; do
    case $a in
    @URL@) a=$URL ;;
    @URLP@*) a=$URL${a#@URLP@} ;;
    esac
    set -- "$@" "$a"
    shift
done
timeout 20 "$@" 2>&1
echo "@@rc=$?"
