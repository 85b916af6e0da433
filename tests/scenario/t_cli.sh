#!/bin/sh
# The command line: bad input exits 2 with one clear line; --json errors are
# one JSON document; --help/--version. Needs no root: the only probe made goes
# to --candidates on loopback (127.0.0.1:1, refused at once).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OD_BIN=${OD_BIN:-$ROOT/build/asan/ollama-doctor}
W=$(mktemp -d /tmp/od-cli.XXXXXX)
trap 'rm -rf "$W"' EXIT
TAPN=0 FAILS=0

ok() {
    desc=$1; shift
    TAPN=$((TAPN + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $TAPN - $desc"; else
        echo "not ok $TAPN - $desc"; FAILS=$((FAILS + 1))
        echo "# exit $RC; stdout: $(head -c 400 "$W/out") stderr: $(head -c 400 "$W/err")"
    fi
}
run() { "$OD_BIN" "$@" >"$W/out" 2>"$W/err"; RC=$?; }
usage_error() { # usage_error PATTERN ARGS... : exit 2, first stderr line matches
    pat=$1; shift
    run "$@"
    [ "$RC" -eq 2 ] && head -n 1 "$W/err" | grep -q -- "$pat" && [ ! -s "$W/out" ]
}

ok "unknown flag" usage_error "unknown option '--bogus'" --bogus
ok "unknown short flag" usage_error "unknown option '-Z'" -Z
ok "unknown command" usage_error "unknown command 'frobnicate'" frobnicate
ok "missing value" usage_error "needs a value" --port
ok "port out of range" usage_error "70000 is out of range 1-65535" --port 70000
ok "port not a number" usage_error "'abc' is not a number" -p abc
ok "malformed URL: bad port" usage_error "port 99999 out of range" --url http://h:99999
ok "malformed URL: scheme" usage_error "unsupported scheme 'ftp'" --url ftp://h
ok "malformed URL: empty host" usage_error "url" --url http://:11434
ok "empty --candidates" usage_error "empty list" --candidates ' , '
ok "bad --format" usage_error "is not one of text|json|markdown" --format yaml
ok "stray argument" usage_error "unexpected argument" check http://x
ok "timeout too small" usage_error "out of range" -t 1
ok "--container with a path in it" usage_error "'../../_ping#' is not a container name or ID" --container '../../_ping#'
ok "--container with a %2F" usage_error "is not a container name or ID" --container 'a%2Fb'
ok "--container with two leading slashes" usage_error "is not a container name or ID" --container '//x'
ok "--url with an '@' after the host" usage_error "percent-encode" --url 'http://u:p#w@127.0.0.1:1'

run --json --port 0
ok "--json usage error: exit 2 and one JSON document" sh -c "[ $RC -eq 2 ] && jq -e '.error.code == \"usage\" and .error.exit == 2 and .schema_version == 1' $W/out"

run --help
ok "--help: exit 0, teaches the options" sh -c "[ $RC -eq 0 ] && grep -q -- '--candidates LIST' $W/out && grep -q 'Exit status' $W/out"
run --version
ok "--version names the libraries" sh -c "[ $RC -eq 0 ] && grep -q 'ollama-doctor 0.1.0 (libcurl' $W/out"

run --json -t 500 --candidates 127.0.0.1:1
ok "loopback refused: exit 1, verdict unreachable" sh -c "[ $RC -eq 1 ] && jq -e '.verdict == \"unreachable\" and .probes[0].class == \"refused\" and .probes[0].origin == \"candidates-flag\"' $W/out"
ok "loopback refused: stdout is exactly one JSON document" sh -c "jq -s 'length == 1' $W/out | grep -q true"
ok "loopback refused: nothing on stderr in JSON mode" sh -c "[ ! -s $W/err ]"
run --json -t 500 --candidates 127.0.0.1:1,127.0.0.1:1,http://127.0.0.1:1
ok "duplicate candidates are probed once" sh -c "jq -e '.probes | length == 1' $W/out"
run -t 500 --candidates 127.0.0.1:1 --color never
ok "text report: the verdict first, then the table, no colour codes" sh -c "head -n 1 $W/out | grep -qE 'Ollama is not reachable from this (machine|container)' && grep -q 'CANDIDATE' $W/out && ! grep -q '$(printf '\033')' $W/out"
NO_COLOR=1 run -t 500 --candidates 127.0.0.1:1 --color always
ok "--color always paints even when piped" sh -c "grep -q '$(printf '\033')\[' $W/out"
LANG=C LC_ALL=C run -t 500 --candidates 127.0.0.1:1
ok "ASCII fallback outside UTF-8 locales" sh -c "grep -q 'X refused' $W/out && ! grep -q '✗' $W/out"
run -q -t 500 --candidates 127.0.0.1:1
ok "--quiet prints the verdict and the Base URL line only" sh -c "[ \$(wc -l <$W/out) -eq 2 ] && grep -q '^  Base URL: none works from here yet' $W/out"
ok "a mistyped option: one line with the nearest option" usage_error "unknown option '--urll'; did you mean '--url'? (see --help)" --urll http://x
ok "a mistyped command: one line with the nearest command" usage_error "unknown command 'chek'; did you mean 'check'? (see --help)" chek
ok "usage errors are one line" sh -c "'$OD_BIN' --urll x 2>&1 | wc -l | grep -qx 1"
run --colour never -t 500 --candidates 127.0.0.1:1
ok "--colour is --color" sh -c "[ $RC -eq 1 ] && ! grep -q '$(printf '\033')' $W/out"
run --help --lang ja
ok "--help --lang ja: Japanese, every command listed" sh -c "grep -q '診断する' $W/out && for c in explain bundle rules mcp completion; do grep -q \"ollama-doctor \$c\" $W/out || exit 1; done"
LANG=zh_CN.UTF-8 run --help
ok "--help follows LANG (zh_CN)" grep -q '诊断' "$W/out"
ok "--help has examples: explain a paste, --container, -m" sh -c "'$OD_BIN' --help | grep -q 'explain' && '$OD_BIN' --help | grep -q -- '--container' && '$OD_BIN' --help | grep -qE -- '-m [a-z]'"
if command -v python3 >/dev/null 2>&1; then
    ok "explain on a terminal: one Ctrl-D after a paste without a final newline" python3 "$ROOT/tests/scenario/pty_explain.py" "$OD_BIN" no-newline
    ok "explain on a terminal: one Ctrl-D after a paste with a final newline" python3 "$ROOT/tests/scenario/pty_explain.py" "$OD_BIN" newline
fi
run explain --app open-webui "getaddrinfo ENOTFOUND ollama"
ok "explain --app open-webui: the confirm line names no Dify container, and the command carries --app" sh -c "grep -q 'run where the app connects from:' $W/out && ! grep -q plugin_daemon $W/out && grep -q 'check -u http://ollama:11434 --app open-webui' $W/out"
run explain --json "API error: Connection error. (base_url https://api.openai.com/v1)"
ok "explain: a hosted API as the endpoint gets no refusal reading, and the confirm command checks for Ollama, not the service" jq -e '(.findings | length == 0) and .confirm == "ollama-doctor check"' "$W/out"
run explain --json "[ERROR] Unexpected endpoint or method. (OPTIONS /v1/models). Returning 200 anyway"
ok "explain: a preflight another server logs is its CORS switch to turn on, not OLLAMA_ORIGINS" jq -e '.findings[0].id == "origin-rejected" and ([.findings[0].fixes[].commands[]] | index("lms server start --cors") != null) and ([.findings[0].fixes[].steps[].lines[] | select(test("OLLAMA_ORIGINS"))] | length == 0)' "$W/out"
run explain -q "dial tcp 127.0.0.1:11434: connect: connection refused"
ok "explain -q: only the finding line" sh -c "grep -q '\[localhost-inside-container\]' $W/out && ! grep -q 'What the error says' $W/out && [ \$(wc -l <$W/out) -le 3 ]"
run explain --json 'File "C:\Users\hana\chat.py", line 3
httpx.ConnectError: [WinError 10061] No connection could be made because the target machine actively refused it'
ok "explain: a Windows client at its own loopback gets Windows' fixes only" jq -e '.findings[0].id == "ollama-not-running" and ([.findings[0].fixes[].platform] | all(. == "windows" or . == "any"))' "$W/out"
run explain --json "    r = ollama_chat(model=\"qwen2.5:32b\", messages=m)
requests.exceptions.ReadTimeout: HTTPConnectionPool(host='192.168.0.12', port=11435): Read timed out. (read timeout=60)"
ok "explain: a read timeout's fix loads the model at the address that answered, on its port, and says the client's own timeout" jq -e '([.findings[0].fixes[].commands[]? | select(test("curl http://192.168.0.12:11435/api/chat"))] | length == 1) and ([.findings[0].evidence[] | select(test("after 60 s"))] | length == 1)' "$W/out"
run explain --json "I set OLLAMA_HOST to 0.0.0.0 and still cannot reach it by the IP
time=2024-04-10T21:12:53.994+02:00 level=INFO source=routes.go:1118 msg=\"Listening on 127.0.0.1:11435 (version 0.1.31)\""
ok "explain: no port in the error: the bind fix keeps the port Ollama's own log listens on" jq -e '.findings[0].id == "loopback-only-bind" and ([.findings[0].fixes[].steps[].lines[] | select(test("OLLAMA_HOST[= ]\"?0\\.0\\.0\\.0:11435"))] | length >= 3) and ([.findings[0].fixes[].steps[].lines[] | select(test("0\\.0\\.0\\.0:11434"))] | length == 0)' "$W/out"
run explain --json "httpx.UnsupportedProtocol: Request URL is missing an 'http://' or 'https://' protocol. URL: 192.168.1.9:11434/api/chat"
ok "explain: a Base URL without its scheme is typed back with it, at the address the error named" jq -e '.findings[0].id == "missing-scheme" and ([.findings[0].fixes[].steps[].lines[]] | index("http://192.168.1.9:11434") != null)' "$W/out"
printf 'connect ECONNREFUSED 127.0.0.1:11434\000 \000curl: (7) Failed to connect to 172.17.0.1 port 11434: Connection refused' | "$OD_BIN" explain --batch >"$W/out" 2>"$W/err"
RC=$?
ok "explain --batch: one JSON document per line, in order; an empty text gets its error document on its line" sh -c "[ \$(wc -l <$W/out) -eq 3 ] && jq -s -e '.[0].findings[0].id == \"ollama-not-running\" and .[1].error.code != null and .[2].findings[0].id == \"host-port-refused\"' $W/out >/dev/null"
ok "explain --batch: the exit status is the highest of the texts' (the empty one's usage error)" test "$RC" -eq 2
python3 -c 'import sys; sys.stdout.write("Error: connect ECONNREFUSED 127.0.0.1:11434\n" + "x" * 100000 + "\ncurl: (7) Failed to connect to 172.17.0.1 port 11434: Connection refused\n")' | "$OD_BIN" explain --batch >"$W/out" 2>/dev/null
ok "explain --batch: a text longer than 64 KiB keeps its end, as a single paste does" jq -e '.input.host == "172.17.0.1"' "$W/out"
run explain --json "n8n  | Error: connect ETIMEDOUT 192.168.1.50:11434
\$ sudo ufw status
Status: active"
ok "explain: ufw in the paste: a firewall's drop, and ufw's fix alone" jq -e '.findings[0].id == "firewall-blocks" and ([.findings[0].fixes[].title] | length == 1) and (.findings[0].fixes[0].title | test("^ufw:"))' "$W/out"
run explain --json "https://cloud.dify.ai/app
requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=11434): Max retries exceeded with url: /api/chat (Caused by NewConnectionError('x: Failed to establish a new connection: [Errno 111] Connection refused'))"
ok "explain: a hosted app at localhost: its one fix is a public address for Ollama, no host.docker.internal" jq -e '.findings[0].id == "localhost-inside-container" and ([.findings[0].fixes[].title] | length == 1) and (.findings[0].fixes[0].title | test("public HTTPS address")) and ([.. | strings | select(test("host.docker.internal:11434"))] | length == 0)' "$W/out"
run explain --json 'Ollama service unavailable: Head "http://host.docker.internal:11434/": dial tcp 192.168.65.254:11434: connect: connection refused'
ok "explain: Docker Desktop's host address forwards to the host's loopback: start Ollama there, no wider bind" jq -e '.findings[0].id == "host-port-refused" and (.findings[0].detail | test("Docker Desktop")) and ([.findings[0].fixes[].title] | index("Start the Ollama app") != null) and ([.. | strings | select(test("OLLAMA_HOST=0.0.0.0|systemctl edit"))] | length == 0)' "$W/out"
run explain --json 'n8n-1  | Error: connect ECONNREFUSED 192.168.5.2:11434'
ok "explain: Lima's host address (Colima) from a container forwards to the Mac's loopback: start Ollama there, no Windows step, no wider bind" jq -e '.findings[0].id == "host-port-refused" and (.findings[0].detail | test("Lima")) and ([.findings[0].fixes[].title] | (index("Start the Ollama app") != null) and (map(select(test("Start Ollama"))) | length == 0)) and ([.. | strings | select(test("OLLAMA_HOST=0.0.0.0|systemctl edit"))] | length == 0)' "$W/out"
run explain --json 'thread '"'"'main'"'"' panicked at src/main.rs:17:34:
called `Result::unwrap()` on an `Err` value: reqwest::Error { kind: Status(403), url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(192.168.1.50)), port: Some(11434), path: "/api/tags", query: None, fragment: None } }'
ok "explain: a 403 to a Rust program, which sends no Origin, is read as a proxy's and the finding says the words named none" jq -e '.findings[0].id == "proxy-intercepts" and (.input.hints | index("guessed") != null) and ([.findings[0].evidence[] | select(test("names no proxy"))] | length == 1) and ([.findings[0].evidence[] | select(test("names a proxy failure"))] | length == 0)' "$W/out"
run explain --json 'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: http://192.168.1.50:11434/api/tags'
ok "explain: a bare 403 to a Python client at an address reads as something in front, and the finding names both an auth layer and a proxy" jq -e '.findings[0].id == "not-a-connectivity-error" and .input.cause == "unauthorized" and ([.findings[0].evidence[] | select(test("no words about a key") and test("HTTP_PROXY"))] | length == 1)' "$W/out"
run explain --json 'httpx.ConnectError: [Errno 111] Connection refused (http://host.containers.internal:11434/api/chat)'
ok "explain: Podman's host.containers.internal is the host's own address on Linux: the wider bind stays" jq -e '.findings[0].id == "host-port-refused" and ([.. | strings | select(test("OLLAMA_HOST=0.0.0.0"))] | length > 0) and (.findings[0].detail | test("forwards every connection") | not)' "$W/out"
run explain --json "2026-09-02T11:47:05.902 app[e784e903f59118] fra [info] ERROR:apps.ollama.main:Connection error: Cannot connect to host 192.168.1.23:11434 ssl:default [Connect call failed ('192.168.1.23', 11434)]"
ok "explain: a Fly.io machine refused at a 192.168 address: the provider's network, a public address first" jq -e '.findings[0].id == "remote-host-unreachable" and .input.platform.name == "container" and (.findings[0].fixes[0].title | test("public HTTPS address")) and (.findings[0].detail | test("provider"))' "$W/out"
run explain --json "2024/05/01 10:00:00 [crit] 1234#1234: *5 connect() to 127.0.0.1:11434 failed (13: Permission denied) while connecting to upstream"
ok "explain: SELinux's permission denied on nginx's connect: a local policy, the SELinux fix, not the Docker host's firewall" jq -e '.findings[0].id == "firewall-blocks" and .input.errno == "EACCES" and ([.findings[0].fixes[].title] | index("SELinux: find the denial and allow the connection") != null) and (.findings[0].detail | test("Docker host") | not)' "$W/out"
run explain --json "docker-api-1  | dial tcp 127.0.0.1:11434: connect: connection refused"
ok "explain: the compose fix edits the service whose log line shows the error (without its project and replica number)" jq -e '.input.service == "docker-api" and ([.findings[0].fixes[].steps[]?.lines[]? | select(test("^  api: "))] | length == 1) and ([.findings[0].fixes[].steps[]?.lines[]?] | index("docker compose up -d api") != null)' "$W/out"
run explain --json "docker_worker_1  | dial tcp 127.0.0.1:11434: connect: connection refused"
ok "explain: Compose v1's PROJECT_SERVICE_N names the service too" jq -e '.input.service == "worker"' "$W/out"
run explain --json "n8n-n8n-1  | NodeApiError: The service refused the connection - perhaps it is offline
n8n-n8n-1  | connect ECONNREFUSED 127.0.0.1:11434"
ok "explain: a project before the app's own service (n8n-n8n) leaves the app's service" jq -e '[.findings[0].fixes[].steps[]?.lines[]?] | index("docker compose up -d n8n") != null' "$W/out"
run explain --json "[pod/open-webui-0/open-webui] ERROR [open_webui.routers.ollama] Connection error: Cannot connect to host localhost:11434 ssl:default [Connect call failed ('127.0.0.1', 11434)]"
ok "explain: in a Kubernetes pod the fixes are the cluster's (a Service), not compose's or host.docker.internal" jq -e '.findings[0].id == "localhost-inside-container" and ([.findings[0].fixes[].platform] | index("kubernetes") != null and index("compose") == null and index("docker") == null) and ([.. | strings | select(test("host.docker.internal"))] | length == 0)' "$W/out"
run explain --json "api-1  | requests.exceptions.ConnectionError: HTTPConnectionPool(host='host.docker.internal', port=11434): Max retries exceeded with url: /api/chat (Caused by NameResolutionError(\"<urllib3.connection.HTTPConnection object at 0x7f>: Failed to resolve 'host.docker.internal' ([Errno -2] Name or service not known)\"))"
ok "explain: a compose log's paste gets compose's and docker's fixes, not Kubernetes'" jq -e '[.findings[0].fixes[].platform] | (index("compose") != null and index("kubernetes") == null)' "$W/out"
run explain --json "dial tcp 172.17.0.1:11500: connect: connection refused"
ok "explain: the Docker fix publishes the port the error named" jq -e '[.. | strings | select(test("-p 172.17.0.1:11500:11434"))] | length >= 1' "$W/out"
run explain --json "dial tcp 172.18.0.1:11500: connect: connection refused"
ok "explain: the Docker fix publishes on the bridge address the error named, not docker0's default" jq -e '([.. | strings | select(test("-p 172.18.0.1:11500:11434"))] | length >= 1) and ([.. | strings | select(test("-p 172.17.0.1:"))] | length == 0)' "$W/out"
run explain --json "Access to fetch at 'http://192.168.1.20:11500/api/chat' from origin 'https://my.domain' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."
ok "explain: the Origin check's fix allows the origin the browser named" jq -e '.input.origin == "https://my.domain" and ([.findings[0].fixes[].steps[]?.lines[]? | select(test("OLLAMA_ORIGINS=https://my.domain"))] | length == 1)' "$W/out"
run explain --lang ja 'AI_APICallError: Cannot connect to API: Unable to connect. Is the computer able to access the url?
  url: "http://localhost:11434/v1/chat/completions"'
ok "explain --lang ja: the assumed place of a client is in Japanese, the runtime's name inside it too" sh -c "grep -q 'Bun のプログラム' $W/out && ! grep -q 'that names no app' $W/out"
run explain --lang ja 'ollama._types.ResponseError: model requires more system memory (58.0 GiB) than is available (30.9 GiB) (status code: 500)'
ok "explain --lang ja: a cause's name is translated inside the title" sh -c "grep -q 'メモリ不足' $W/out && ! grep -q 'out-of-memory' $W/out"
run explain --json "connect ETIMEDOUT 192.168.1.20:11434"
ok "explain: a LAN address that does not answer a container: the Docker host's own or another machine, and what tells them apart" jq -e '.findings[0].id == "remote-host-unreachable" and ([.findings[0].evidence[] | select(test("cannot tell which"))] | length == 1) and ([.findings[0].fixes[].commands[]? | select(test("ip -4 addr"))] | length == 1)' "$W/out"
run explain --json "connect ETIMEDOUT host.docker.internal:11434"
ok "explain: host.docker.internal is the Docker host by name, no assumption to state" jq -e '.findings[0].id == "firewall-blocks" and ([.findings[0].evidence[] | select(test("is assumed"))] | length == 0)' "$W/out"

run explain "ollama._types.ResponseError: CUDA error: out of memory (status code: 500)"
ok "explain: an info finding alone (not a connectivity error) exits 0 under the default --fail-on" [ "$RC" -eq 0 ]
run explain "connect ECONNREFUSED 127.0.0.1:11434"
ok "explain: an error finding exits 1" [ "$RC" -eq 1 ]

run explain --json "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: http://host.docker.internal:11434/api/chat"
ok "explain: a 404 on a model route without the model's name still has a fix, asking the server the text names" jq -e '.findings[0].id == "model-not-found" and (.findings[0].fixes | length >= 1) and ([.. | strings | select(test("http://host.docker.internal:11434/api/tags"))] | length >= 1) and ([.. | strings | select(test("the name the app sends"))] | length == 0)' "$W/out"

run explain --json "[lm_studio] Please check LM Studio server is running. connect ECONNREFUSED 192.168.1.30:1234"
ok "explain: a server the text names (LM Studio) gets its own setting, not OLLAMA_HOST" jq -e '.input.server.id == "lm-studio" and (.findings[0].title | test("LM Studio")) and ([.findings[0].fixes[].notes | select(. != null) | select(test("Serve on Local Network"))] | length == 1) and ([.findings[0].fixes[] | .. | strings | select(test("OLLAMA_HOST"))] | length == 0)' "$W/out"
run explain --json "connect ECONNREFUSED 172.17.0.1:8080"
ok "explain: another server's default port alone is a possibility the answer names, beside Ollama's fixes" jq -e '.input.server.strong == false and ([.findings[0].evidence[] | select(test("llama-server"))] | length == 1) and ([.. | strings | select(test("OLLAMA_HOST=0.0.0.0:8080"))] | length >= 1)' "$W/out"

run explain --json "$(printf 'HTTP/1.1 403 Forbidden\nContent-Length: 0\nvia cloudflared tunnel https://ollama.example.com/api/tags')"
ok "explain: behind a proxy on 443 the fixes name Ollama's own port, and the check keeps https" jq -e '.findings[0].id == "host-header-rejected" and ([.. | strings | select(test("localhost:443|0.0.0.0:443"))] | length == 0) and (.confirm | test("check -u https://ollama.example.com$"))' "$W/out"
run explain --json 'Post "http://ollama:11434/api/chat": EOF'
ok "explain: a connection closed without an answer at a compose service reads that container's log, and says no status came" jq -e '([.findings[0].fixes[].commands[]? | select(test("docker compose logs --tail 100 ollama"))] | length == 1) and ([.findings[0].fixes[].commands[]? | select(test("journalctl"))] | length == 0) and ([.findings[0].evidence[] | select(test("no HTTP status came back"))] | length == 1)' "$W/out"

run explain --json "$(printf 'api_base = "https://192.168.2.1:1234/v1"\nAPIConnectionError(%s)' "'Connection error.'")"
ok "explain: https:// at a model server's plain-HTTP port with only 'Connection error.': TLS, and the fix changes the scheme and keeps /v1" jq -e '.findings[0].id == "tls-to-plain-http" and ([.findings[0].fixes[].commands[]] == ["http://192.168.2.1:1234/v1"]) and ([.findings[0].evidence[] | select(test("LM Studio"))] | length == 1)' "$W/out"
run explain --json "$(printf 'curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n$ curl https://localhost:11434/api/tags')"
ok "explain: https:// to Ollama's port at an endpoint path: the fix is the bare http:// address, no /v1 added" jq -e '.findings[0].id == "tls-to-plain-http" and ([.findings[0].fixes[].commands[]] == ["http://localhost:11434"])' "$W/out"
run explain --json "urllib3.exceptions.ProxySchemeUnknown: Proxy URL had no scheme, should start with http:// or https://"
ok "explain: a proxy variable that is no URL: the first fix corrects the variable, and the finding says nothing was sent" jq -e '.findings[0].id == "proxy-intercepts" and (.findings[0].fixes[0].title | test("Correct the proxy variable")) and ([.findings[0].evidence[] | select(test("no request went out"))] | length == 1)' "$W/out"
run explain --json "urllib3.exceptions.ProxyError: ('Unable to connect to proxy', NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))"
ok "explain: a proxy that refused keeps NO_PROXY first, not the malformed-variable fix" jq -e '.findings[0].id == "proxy-intercepts" and ([.findings[0].fixes[].title | select(test("Correct the proxy variable"))] | length == 0)' "$W/out"
run explain --json "LLM returned error: Error: 404 page not found"
ok "explain: Ollama's bare 404 with no path and no API named says both opposite fixes and what tells them apart" jq -e '.findings[0].id == "wrong-base-url-path" and ([.findings[0].evidence[] | select(test("opposite") and test("openai-path-missing") and test("/v1"))] | length == 1)' "$W/out"
run explain --json 'POST http://localhost:11434/api/api/chat 404 page not found'
ok "explain: a 404 whose path shows the doubled /api does not hedge toward a missing /v1" jq -e '.findings[0].id == "wrong-base-url-path" and ([.findings[0].evidence[] | select(test("opposite"))] | length == 0)' "$W/out"

run explain --json "$(printf 'api-1  | httpx.ConnectTimeout: timed out\napi-1  |   url: http://ollama:11434/api/chat')"
ok "explain: a compose service that resolved and did not answer is not called another machine; its container is checked first" jq -e '.findings[0].id == "remote-host-unreachable" and (.findings[0].title | test("another machine") | not) and (.findings[0].fixes[0].commands[0] == "docker compose ps ollama")' "$W/out"
run explain --json "$(printf '$ kubectl logs deploy/open-webui\nGet "http://ollama:11434/api/tags": dial tcp 10.96.12.5:11434: i/o timeout')"
ok "explain: in Kubernetes a Service that gave no answer gets no docker compose command" jq -e '.findings[0].id == "remote-host-unreachable" and ([.findings[0].fixes[].commands[]? | select(test("docker compose"))] | length == 0)' "$W/out"
run explain --json "lobe-chat  | Failed to connect to LM Studio at http://localhost:1234/v1: connect ECONNREFUSED 127.0.0.1:1234"
ok "explain: the Base URL a fix types keeps the client's /v1 (a compose log: the app in a container)" jq -e '[.findings[0].fixes[].steps[]?.lines[]? | select(. == "http://host.docker.internal:1234/v1")] | length == 1' "$W/out"
run explain --json "$(printf '$ ollama run hf.co/lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M\nError: could not connect to ollama app, is it running?')"
ok "explain: a server's name inside a model's name is no other server" jq -e '.input.server == null and .findings[0].id == "ollama-not-running" and (.findings[0].title | test("Ollama is not running"))' "$W/out"

run explain --json "requests.exceptions.ProxyError: HTTPConnectionPool(host='squid.corp', port=3128): Max retries exceeded with url: http://192.168.1.20:11434/api/chat (Caused by ProxyError('Unable to connect to proxy', RemoteDisconnected('Remote end closed connection without response')))"
ok "explain: the NO_PROXY a proxy fix types exempts the model server's host the text names" jq -e '[.findings[0].fixes[] | .. | strings | select(test("NO_PROXY.*192\\.168\\.1\\.20"))] | length >= 1' "$W/out"
head -c 70000 /dev/zero | tr '\0' 'x' > "$W/big"; printf '\nconnect ECONNREFUSED 172.17.0.1:11434\n' >> "$W/big"
"$OD_BIN" explain --json - < "$W/big" > "$W/out" 2> "$W/err"
ok "explain: a paste past 64 KiB keeps its end, where a log's error is, and says what it read" sh -c "jq -e '.findings[0].id == \"host-port-refused\"' '$W/out' >/dev/null && grep -q 'reads its first' '$W/err'"

# libarchive is loaded only to write a bundle (src/archive_dl.h): check and
# explain start without it; --version still names it.
loads_archive() { LD_DEBUG=files "$OD_BIN" "$@" 2>&1 >/dev/null | grep -q 'file=libarchive'; }
ok "check does not load libarchive" eval '! loads_archive --candidates 127.0.0.1:1 -t 500'
ok "explain does not load libarchive" eval '! loads_archive explain "connect ECONNREFUSED 127.0.0.1:11434"'
ok "--version loads it and names it" sh -c "'$OD_BIN' --version --json | jq -e '.libraries[] | select(.name == \"libarchive\") | .version | test(\"^[0-9]\")'"

echo "1..$TAPN"
[ "$FAILS" -eq 0 ]
