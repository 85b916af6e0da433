#!/bin/sh
# A server that answers with terminal escapes and control characters in its
# headers, its /api/version and its model names, and a Docker Engine whose
# error message holds them: the text and Markdown reports and stderr show
# them as '?', never as raw bytes a terminal would obey; --json keeps the
# values (C0 controls \u-escaped by cJSON).
# Everything runs on loopback (127.0.0.1, a free port) and a unix socket.
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT INT TERM
command -v python3 >/dev/null 2>&1 && command -v jq >/dev/null 2>&1 || skip_all "needs python3 and jq"

cat >"$W/evil.py" <<'PY'
import http.server, json, socketserver, sys
ESC = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x7f"
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, body, ctype="application/json"):
        b = body.encode("utf-8", "surrogateescape")
        self.send_response(200)
        self.send_header("Server", "evil" + ESC.replace("\x07", "") + "\x01\x02")
        self.send_header("Via", "1.1 \x1b[31mred")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)
    def do_GET(self):
        if self.path == "/":
            return self.reply("Ollama is running" + ESC, "text/plain")
        if self.path == "/api/version":
            return self.reply(json.dumps({"version": "0.1" + ESC}))
        if self.path == "/api/tags":
            return self.reply(json.dumps({"models": [{"name": "m" + ESC + ":latest"}, {"name": "x\nVerdict: ok"}]}))
        self.send_error(404)
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); self.rfile.read(n)
        return self.reply(json.dumps({"capabilities": ["completion" + ESC], "details": {"family": "f" + ESC}}))
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
print("ready %d" % s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$W/evil.py" >"$W/evil.out" 2>"$W/evil.err" &
PIDS="$PIDS $!"
i=0
while ! grep -q '^ready' "$W/evil.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(sed -n 's/^ready //p' "$W/evil.out")
[ -n "$PORT" ] || skip_all "the test server did not start"
ESCB=$(printf '\033')
# raw control bytes (C0 but tab/newline, DEL) or the UTF-8 C1 controls
clean() { ! LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$@"; }
run() { # run FILE ARGS...
    f=$1; shift
    env -i PATH=/usr/bin:/bin LANG=C.UTF-8 COLUMNS=200 ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
        "$OD_BIN" --vantage container -t 800 --candidates "127.0.0.1:$PORT" -m "m$ESCB[2J:latest" "$@" >"$f" 2>"$W/err.txt"
    RC=$?
}
run "$W/out.txt" -v --color never
ok "text: the server was reached (verdict ok or problems)" sh -c "[ $RC -le 1 ] && head -n 1 $W/out.txt | grep -q 'Ollama answers at\|Ollama is reachable'"
ok "text: no raw control bytes from the server" clean "$W/out.txt" "$W/err.txt"
ok "text: its version shows (the candidates' HTTP column), escapes as '?'" grep -q 'Ollama 0.1?\[2J?\]0;pwned' "$W/out.txt"
run "$W/out.md" --format markdown
ok "markdown: no raw control bytes" clean "$W/out.md" "$W/err.txt"
run "$W/out.json" --json
ok "json: valid, the escapes are JSON-escaped" sh -c "jq -e '.probes[0].attempts[0].http.server | test(\"evil\")' $W/out.json"
ok "json: no raw C0 control bytes (cJSON escapes them; DEL and C1 are valid JSON and kept)" \
    sh -c "! LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f]' $W/out.json"
run "$W/out.txt" --color always
ok "text with colour: only the report's own escapes (SGR), none of the server's" \
    sh -c "! LC_ALL=C grep -aq \"\$(printf '\\033')\[2J\|\$(printf '\\033')]0\" $W/out.txt && LC_ALL=C grep -aq \"\$(printf '\\033')\[\" $W/out.txt"

# A Docker Engine's error message goes to stderr cleaned too (root: --container).
if [ "$(id -u)" = 0 ]; then
    printf '{"message":"no\\u001b[2J\\u0007 such"}' >"$W/msg.json"
    cat >"$W/docker.py" <<'PY'
import http.server, os, socketserver, sys
body = open(sys.argv[2], "rb").read()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        ok = self.path == "/_ping"
        b = b"OK" if ok else body
        self.send_response(200 if ok else 500)
        self.send_header("Api-Version", "1.41")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)
class S(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
s = S(sys.argv[1], H)
print("ready", flush=True)
s.serve_forever()
PY
    python3 "$W/docker.py" "$W/d.sock" "$W/msg.json" >"$W/d.out" 2>&1 &
    PIDS="$PIDS $!"
    i=0
    while ! grep -q '^ready' "$W/d.out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    env -i PATH=/usr/bin:/bin DOCKER_HOST="unix://$W/d.sock" "$OD_BIN" --container app -t 300 --candidates 127.0.0.1:1 \
        >"$W/out.txt" 2>"$W/err.txt"
    RC=$?
    ok "docker error message: exit 3, shown on stderr with '?' for the escapes" \
        sh -c "[ $RC -eq 3 ] && grep -q 'Docker Engine: no?\[2J? such' $W/err.txt"
    ok "docker error message: no raw control bytes on stderr" clean "$W/err.txt"
fi
finish
