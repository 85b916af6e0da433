/* test_explain.c — pasted error text: targets, errnos, statuses, kinds and
 * their precedence, clients, models, JSON, and hostile input. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "sig.h"

/* One signature set for the whole run, as one explain run uses it. */
static struct od_sigs sigs;

static int parse(const char *text, struct od_explain_input *in)
{
    return od_explain_read(&sigs, NULL, text, in);
}

static int setup(void **state)
{
    struct od_strv lint = {0};
    int rc = od_sigs_load(&sigs, NULL, &lint, NULL, 1);
    (void)state;
    for (size_t i = 0; i < lint.n; i++)
        print_message("%s\n", lint.v[i]);
    od_strv_free(&lint);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    od_sigs_free(&sigs);
    return 0;
}

struct target_case {
    const char *text;
    const char *host;
    int port;
    const char *path, *url;
};

/* One row per extraction rule, with hosts, ports and noise the corpus lacks. */
static const struct target_case target_cases[] = {
    /* requests */
    {"HTTPConnectionPool(host='10.1.2.3', port=8080): Max retries exceeded with url: /v1/chat/completions?x=1 "
     "(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f00deadbeef>: "
     "Failed to establish a new connection: [Errno 111] Connection refused'))",
     "10.1.2.3", 8080, "/v1/chat/completions", ""},
    {"httpconnectionpool (host=172.17.0.1, port=11434): max retries exceeded", "172.17.0.1", 11434, "", ""},
    {"HTTPSConnectionPool(host='Ollama.Example.ORG', port=443): Max retries exceeded with url: /api/tags",
     "ollama.example.org", 443, "/api/tags", ""},
    {"HTTPConnectionPool(host='fd00::7', port=11434): Max retries exceeded", "fd00::7", 11434, "", ""},
    /* requests through a proxy: host= is the proxy, the absolute URL the target */
    {"HTTPConnectionPool(host='squid.corp', port=3128): Max retries exceeded with url: "
     "http://192.168.7.7:11434/api/generate (Caused by ProxyError('Unable to connect to proxy', "
     "NewConnectionError('...: [Errno 113] No route to host')))",
     "192.168.7.7", 11434, "/api/generate", "http://192.168.7.7:11434/api/generate"},
    /* Node */
    {"Error: connect ECONNREFUSED 192.168.0.44:8000\n    at TCPConnectWrap.afterConnect", "192.168.0.44", 8000, "", ""},
    {"connect ECONNREFUSED fe80::1%eth0:11434", "fe80::1%eth0", 11434, "", ""},
    /* the name as typed is the host; the address it was connected as is in endpoints[].address */
    {"request to http://llm:11434/api/chat failed, reason: connect ETIMEDOUT 172.20.0.9:11434", "llm", 11434,
     "/api/chat", "http://llm:11434/api/chat"},
    {"ConnectTimeoutError: Connect Timeout Error (attempted address: gpu-box.lan:11434, timeout: 10000ms)",
     "gpu-box.lan", 11434, "", ""},
    {"Error: getaddrinfo ENOTFOUND my-ollama\n  hostname: 'my-ollama'", "my-ollama", 0, "", ""},
    {"Error: connect ECONNREFUSED\n  errno: -111,\n  code: 'ECONNREFUSED',\n  address: '10.9.8.7',\n  port: 11434\n",
     "10.9.8.7", 11434, "", ""},
    /* Go */
    {"Get \"http://ollama:11434/api/tags\": dial tcp [fd00::2]:11434: connect: connection refused", "ollama", 11434,
     "/api/tags", "http://ollama:11434/api/tags"},
    {"dial tcp4 10.0.0.3:11434: connect: connection refused", "10.0.0.3", 11434, "", ""},
    {"dial tcp: lookup ollama-svc on [fd00::53]:53: no such host", "ollama-svc", 0, "", ""},
    {"dial tcp: lookup ollama: Temporary failure in name resolution", "ollama", 0, "", ""},
    {"Post \"localhost:11434/api/chat\": unsupported protocol scheme \"localhost\"", "localhost", 11434, "/api/chat",
     ""},
    /* aiohttp */
    {"Cannot connect to host ::1:11434 ssl:default [Connect call failed ('::1', 11434, 0, 0)]", "::1", 11434, "", ""},
    {"[Connect call failed ('192.168.5.5', 11435)]", "192.168.5.5", 11435, "", ""},
    /* curl */
    {"curl: (7) Failed to connect to ollama.local port 8080 after 3 ms: Couldn't connect to server", "ollama.local", 8080,
     "", ""},
    {"curl: (6) Could not resolve host: HOST.DOCKER.INTERNAL", "host.docker.internal", 0, "", ""},
    /* urllib3 */
    {"Failed to resolve 'gpu01' ([Errno -3] Temporary failure in name resolution)", "gpu01", 0, "", ""},
    {"ConnectTimeoutError(<...>, 'Connection to 203.0.113.9 timed out. (connect timeout=5)')", "203.0.113.9", 0, "", ""},
    /* squid */
    {"1715000000.123 0 172.19.0.7 TCP_DENIED/403 3910 CONNECT ollama:11434 - HIER_NONE/- text/html", "ollama", 11434, "",
     ""},
    /* URLs anywhere: IPv6, trailing punctuation, proxy variables, docs links */
    {"Ollama at http://[fd12:3456::1]:11434/api/tags is unreachable.", "fd12:3456::1", 11434, "/api/tags",
     "http://[fd12:3456::1]:11434/api/tags"},
    {"could not reach http://ollama:11434/api/tags.", "ollama", 11434, "/api/tags", "http://ollama:11434/api/tags"},
    {"HTTP_PROXY=http://127.0.0.1:7890 set; request to http://10.0.0.8:11434/api/chat failed", "10.0.0.8", 11434,
     "/api/chat", "http://10.0.0.8:11434/api/chat"},
    {"See https://ollama.com/download and https://github.com/ollama/ollama/issues", "", 0, "", ""},
    {"base url https://ollama.example.net/v1/chat/completions returned 502", "ollama.example.net", 443,
     "/v1/chat/completions", "https://ollama.example.net/v1/chat/completions"},
    /* AnythingLLM's own refusal, Ollama's access log */
    {"localhost, 127.0.0.1, or 0.0.0.0 origins cannot be reached from inside the Anything LLM container.", "localhost",
     0, "", ""},
    {"[GIN] 2025/01/01 - 10:00:00 | 404 |      10.2µs |      172.18.0.3 | POST     \"/v1/api/chat\"", "", 0,
     "/v1/api/chat", ""},
    /* a quoted clock time is not a host */
    {"time=\"12:30\" msg=\"started\"", "", 0, "", ""},
};

static void test_targets(void **state)
{
    struct od_explain_input in;
    int bad = 0;

    (void)state;
    for (size_t i = 0; i < N_ELEMS(target_cases); i++) {
        const struct target_case *c = &target_cases[i];

        assert_int_equal(parse(c->text, &in), 0);
        if (strcmp(in.host, c->host) != 0 || in.port != c->port || strcmp(in.path, c->path) != 0 ||
            strcmp(in.url, c->url) != 0) {
            print_message("case %zu: host '%s' port %d path '%s' url '%s'\n", i, in.host, in.port, in.path, in.url);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

struct errno_case {
    const char *text, *errno_name, *kind;
};

static const struct errno_case errno_cases[] = {
    {"[Errno 111] Connection refused", "ECONNREFUSED", "refused"},
    {"OSError: [Errno 110] Connection timed out", "ETIMEDOUT", "connect-timeout"},
    {"[Errno 113] No route to host", "EHOSTUNREACH", "unreachable"},
    {"[Errno 101] Network is unreachable", "ENETUNREACH", "unreachable"},
    {"[Errno 104] Connection reset by peer", "ECONNRESET", "reset"},
    {"[Errno 99] Cannot assign requested address", "EADDRNOTAVAIL", "refused"},
    {"[Errno -2] Name or service not known", "", "name-resolution"},
    {"[Errno -3] Try again", "EAI_AGAIN", "name-resolution"}, /* glibc EAI_AGAIN, whatever the words */
    {"[Errno -5] No address associated with hostname", "", "name-resolution"},
    {"socket.gaierror: [Errno 11001] getaddrinfo failed", "", "name-resolution"},
    {"[Errno 8] nodename nor servname provided, or not known", "", "name-resolution"},
    {"[Errno 61] Connection refused", "ECONNREFUSED", "refused"}, /* macOS numbering */
    /* the number alone decides, whatever the (localised) text says */
    {"[WinError 10061] Es konnte keine Verbindung hergestellt werden", "ECONNREFUSED", "refused"},
    {"[WinError 10060] Ein Verbindungsversuch ist fehlgeschlagen", "ETIMEDOUT", "connect-timeout"},
    {"[WinError 10065] unreachable", "EHOSTUNREACH", "unreachable"},
    {"[WinError 10054] Eine vorhandene Verbindung wurde geschlossen", "ECONNRESET", "reset"},
    {"code: 'econnrefused'", "ECONNREFUSED", "refused"},
    {"getaddrinfo EAI_AGAIN ollama", "EAI_AGAIN", "name-resolution"},
    {"errno: -3008, code: 'ENOTFOUND'", "ENOTFOUND", "name-resolution"},
    {"[Errno 12345] something", "", "unknown"},
    {"XECONNREFUSEDX", "", "unknown"}, /* a name inside a word is no errno */
};

static void test_errnos(void **state)
{
    struct od_explain_input in;
    int bad = 0;

    (void)state;
    for (size_t i = 0; i < N_ELEMS(errno_cases); i++) {
        assert_int_equal(parse(errno_cases[i].text, &in), 0);
        if (strcmp(in.errno_name, errno_cases[i].errno_name) != 0 || strcmp(in.error_kind, errno_cases[i].kind) != 0) {
            print_message("case %zu: errno '%s' kind '%s'\n", i, in.errno_name, in.error_kind);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

struct kind_case {
    const char *text, *kind;
};

/* Each pair: a higher-precedence signal together with a lower one. */
static const struct kind_case precedence_cases[] = {
    {"plugin not found; model \"x\" not found, try pulling it first", "plugin-daemon"},
    /* the daemon's internal-server error is a wrapper: what it relays decides */
    {"PluginDaemonInternalServerError: model \"x\" not found, try pulling it first", "model-not-found"},
    {"model 'x' not found; \"y\" does not support chat", "model-not-found"},
    /* a URL without a scheme was never sent: what the app then says of the model is its own inference */
    {"\"y\" does not support embeddings; No connection adapters were found for 'x:1/'", "missing-scheme"},
    {"MissingSchema: Invalid URL 'x': No scheme supplied. [SSL: WRONG_VERSION_NUMBER]", "missing-scheme"},
    /* TLS to the proxy itself: the proxy setting is wrong, not the Base URL */
    {"ProxyError('Unable to connect to proxy', SSLError('[SSL: WRONG_VERSION_NUMBER] wrong version number'))", "proxy"},
    {"ProxyError('Unable to connect to proxy', NameResolutionError(\"Failed to resolve 'squid'\"))", "proxy"},
    {"Failed to resolve 'x' ([Errno -3] Temporary failure in name resolution); Connection refused", "name-resolution"},
    {"[Errno 111] Connection refused; earlier: No route to host", "refused"},
    {"[Errno 113] No route to host (connect timeout=10)", "unreachable"},
    {"ConnectTimeoutError: Connection to 1.2.3.4 timed out. (connect timeout=10) ... Read timed out.", "connect-timeout"},
    {"Read timed out. (read timeout=300) ... Connection reset by peer", "read-timeout"},
    {"ECONNRESET after status code 404", "reset"},
    {"status code 404: 404 page not found", "http-404"},
    {"403 Forbidden", "http-403"},
    {"API request failed with status code 502: Bad Gateway", "proxy"}, /* Ollama never answers 502 */
    {"API request failed with status code 500: {}", "not-connectivity"}, /* the server answered */
    {"Error code: 429 - rate limited", "not-connectivity"},
    {"status code 503: server busy, please try again.  maximum pending requests exceeded", "not-connectivity"},
    {"Error: pull model manifest: Get \"https://registry.ollama.ai/v2/library/x/manifests/latest\": dial tcp "
     "1.2.3.4:443: connect: connection refused", "not-connectivity"}, /* the server's download */
    {"pull model manifest: Get \"https://registry.ollama.ai/v2/x\": proxyconnect tcp: dial tcp 127.0.0.1:1080: "
     "connect: connection refused", "proxy"},
    {"llama runner process has terminated: exit status 2; connection refused", "not-connectivity"},
    {"HTTP/1.1 200 OK", "unknown"},
    /* weak signals lose to any strong one, and count when alone */
    {"Cannot connect to host 10.0.0.1:11434 ssl:default [Connect call failed ('10.0.0.1', 11434)]", "refused"},
    {"Cannot connect to host 10.0.0.1:11434 ssl:default [Connect call failed] Read timed out", "read-timeout"},
    {"curl: (7) Failed to connect to x port 1 after 3071 ms: No route to host", "unreachable"},
    {"Failed to establish a new connection: [Errno 101] Network is unreachable", "unreachable"},
    {"httpx.ConnectError: All connection attempts failed", "refused"},
};

/* Connect versus read timeouts, client by client. */
static const struct kind_case timeout_cases[] = {
    {"urllib3.exceptions.ConnectTimeoutError: Connection to ollama timed out. (connect timeout=10)", "connect-timeout"},
    {"urllib3.exceptions.ReadTimeoutError: HTTPConnectionPool(host='ollama', port=11434): Read timed out. "
     "(read timeout=300)", "read-timeout"},
    {"Error: connect ETIMEDOUT 10.0.0.1:11434", "connect-timeout"},
    {"Error: ETIMEDOUT", "read-timeout"},
    {"reason: read ETIMEDOUT", "read-timeout"},
    {"code: 'UND_ERR_HEADERS_TIMEOUT'", "read-timeout"},
    {"HeadersTimeoutError: Headers Timeout Error", "read-timeout"},
    {"BodyTimeoutError: Body Timeout Error", "read-timeout"},
    {"code: 'UND_ERR_CONNECT_TIMEOUT'", "connect-timeout"},
    {"httpx.ConnectTimeout: timed out", "connect-timeout"},
    {"httpx.ReadTimeout: timed out", "read-timeout"},
    {"requests.exceptions.ConnectTimeout: HTTPConnectionPool(host='x', port=1)", "connect-timeout"},
    {"dial tcp 10.0.0.1:11434: i/o timeout", "connect-timeout"},
    {"dial tcp 10.0.0.1:11434: i/o timeout (Client.Timeout exceeded while awaiting headers)", "connect-timeout"},
    {"net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)",
     "connect-timeout"},
    {"context deadline exceeded (Client.Timeout exceeded while awaiting headers)", "read-timeout"},
    {"read tcp 172.18.0.5:40312->172.17.0.1:11434: i/o timeout", "read-timeout"},
    {"curl: (28) Connection timed out after 5001 milliseconds", "connect-timeout"},
    {"curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received", "read-timeout"},
    {"curl: (28) Operation timed out after 30000 milliseconds with 120 out of 5000 bytes received", "read-timeout"},
    {"curl: (28) Failed to connect to 10.0.0.1 port 11434 after 75003 ms: Timeout was reached", "connect-timeout"},
    {"aiohttp.client_exceptions.ConnectionTimeoutError: Connection timeout to host http://x:11434/api/tags",
     "connect-timeout"},
    {"aiohttp.client_exceptions.ServerTimeoutError: Timeout on reading data from socket", "read-timeout"},
    {"AxiosError: timeout of 300000ms exceeded", "read-timeout"},
    /* a failure that names no reason, a client's default timeout (300 s, 600 s) after a row before it */
    {"2024-03-27T14:01:40.649Z info: job started\n2024-03-27T14:06:40.997Z error: TypeError: fetch failed",
     "read-timeout"},
    {"2024-12-31T23:58:00Z info: job started\n2025-01-01T00:08:01Z error: TypeError: fetch failed", "read-timeout"},
    {"2024-03-27 14:01:40,649 job started\n2024-03-27 14:03:40,997 TypeError: fetch failed", "unknown"},
    {"2024-03-27T14:06:40Z error: TypeError: fetch failed", "unknown"},
    {"2024-03-27T14:01:40Z start\n2024-03-27T14:06:40Z Error: connect ECONNREFUSED 127.0.0.1:11434", "refused"},
    {"[WinError 10060] A connection attempt failed", "connect-timeout"},
    /* the server's own load timeout (OLLAMA_LOAD_TIMEOUT), not the client's */
    {"time=2025-01-01T00:00:00 level=ERROR msg=\"timed out waiting for llama runner to start - progress 0.00\"",
     "not-connectivity"},
    {"msg=\"Load failed\" error=\"timed out waiting for llama runner to start: context canceled\"", "read-timeout"},
};

/* Other kinds by their own words. */
static const struct kind_case kind_cases[] = {
    {"PluginDaemonInternalServerError: no available node, plugin not found", "plugin-daemon"},
    {"plugin runtime not found", "plugin-daemon"},
    {"init process exited due to no activity for 120 seconds", "plugin-daemon"},
    {"plugin langgenius/ollama:0.0.3 is not active for 120 seconds, it may be dead", "plugin-daemon"},
    {"{\"error\":\"model 'qwen2:7b' not found\"}", "model-not-found"},
    {"Error: pull model manifest: file does not exist", "model-not-found"},
    {"{\"error\":\"this model does not support embeddings\"}", "model-unsupported"},
    {"requests.exceptions.InvalidSchema: No connection adapters were found for 'ollama:11434/api/chat'",
     "missing-scheme"},
    {"httpx.UnsupportedProtocol: Request URL is missing an 'http://' or 'https://' protocol.", "missing-scheme"},
    {"TypeError: Failed to parse URL from ollama/api/chat", "missing-scheme"},
    {"curl: (35) error:1408F10B:SSL routines:ssl3_get_record:wrong version number", "tls"},
    {"tls: first record does not look like a TLS handshake", "tls"},
    {"Client sent an HTTP request to an HTTPS server.", "not-ollama"}, /* http:// to a TLS port: not Ollama */
    {"X-Squid-Error: ERR_CONNECT_FAIL 111", "proxy"},
    {"http request is blocked by SSRF protection", "proxy"},
    {"curl: (5) Could not resolve proxy: proxy.corp", "proxy"},
    {"requests.exceptions.InvalidSchema: Missing dependencies for SOCKS support.", "proxy"},
    {"status code 503: <!DOCTYPE html><html><body>squid</body></html>", "proxy"},
    {"nodename nor servname provided, or not known", "name-resolution"},
    {"lookup ollama on 127.0.0.11:53: server misbehaving", "name-resolution"},
    {"No connection could be made because the target machine actively refused it", "refused"},
    {"The service refused the connection - perhaps it is offline", "refused"},
    {"Network is unreachable", "unreachable"},
    {"RemoteDisconnected('Remote end closed connection without response')", "reset"},
    {"httpx.RemoteProtocolError: Server disconnected without sending a response.", "reset"},
    {"Get \"http://ollama:11434/api/tags\": EOF", "reset"},
    {"Post \"http://ollama:11434/api/chat\": EOF", "not-connectivity"}, /* the request was sent: the runner died */
    {"UND_ERR_SOCKET: other side closed", "reset"},
    {"EOFError: the EOF marker", "not-connectivity"}, /* not a network EOF: an error that names no network failure */
    {"the blocks were sorted", "unknown"},
    {"Everything is fine", "unknown"},
};

static void check_kinds(const struct kind_case *cases, size_t n)
{
    struct od_explain_input in;
    int bad = 0;

    for (size_t i = 0; i < n; i++) {
        assert_int_equal(parse(cases[i].text, &in), 0);
        if (strcmp(in.error_kind, cases[i].kind) != 0) {
            print_message("'%s': got %s\n", cases[i].text, in.error_kind);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_precedence(void **state)
{
    (void)state;
    check_kinds(precedence_cases, N_ELEMS(precedence_cases));
}

static void test_timeouts(void **state)
{
    (void)state;
    check_kinds(timeout_cases, N_ELEMS(timeout_cases));
}

static void test_kinds(void **state)
{
    (void)state;
    check_kinds(kind_cases, N_ELEMS(kind_cases));
}

struct value_case {
    const char *text;
    int status;
    const char *client, *model;
};

static const struct value_case value_cases[] = {
    {"HTTPConnectionPool(host='x', port=1): Max retries exceeded", 0, "python-requests", ""},
    {"404 Client Error: Not Found for url: http://x:11434/api/embed", 404, "python-requests", ""},
    {"httpx.HTTPStatusError: Server error '500 Internal Server Error' for url 'http://x:1/api/chat'", 500, "httpx", ""},
    {"aiohttp.client_exceptions.ClientResponseError: 403, message='Forbidden'", 403, "aiohttp", ""},
    {"AxiosError: Request failed with status code 404", 404, "node", ""},
    {"Error: 404 status code (no body)", 404, "unknown", ""},
    {"Get \"http://x:11434/\": dial tcp 1.2.3.4:11434: i/o timeout", 0, "go", ""},
    {"curl: (22) The requested URL returned error: 403", 403, "curl", ""},
    {"< HTTP/1.1 200 OK\n< HTTP/1.1 403 Forbidden", 403, "curl", ""}, /* curl -v */
    {"[GIN] | 200 | 1ms | POST \"/api/tags\"\n[GIN] | 500 | 2ms | POST \"/api/chat\"", 500, "unknown", ""},
    {"{\"status\":403,\"body\":\"\"}", 403, "unknown", ""},
    {"urllib.error.HTTPError: HTTP Error 405: Method Not Allowed", 405, "unknown", ""},
    {"ConnectionRefusedError: [WinError 10061] refused", 0, "unknown", ""}, /* the platform says windows */
    {"PluginDaemonInternalServerError: killed by timeout", 0, "unknown", ""}, /* the app says dify */
    {"API request failed with status code 404: {\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}",
     404, "unknown", "llama3"},
    {"OllamaEndpointNotFoundError: Ollama call failed with status code 404. Maybe your model is not found and you "
     "should pull the model with `ollama pull llama2`.", 404, "unknown", "llama2"}, /* not "is" */
    {"{\"error\":{\"message\":\"registry.ollama.ai/library/qwen3:8b does not support tools\"}}", 0, "unknown",
     "qwen3:8b"},
    {"System.Net.Http.HttpRequestException: Connection refused (localhost:11434)\n   at System.Net.Http."
     "HttpConnectionPool.ConnectToTcpHostAsync", 0, "dotnet", ""}, /* not requests' HTTPConnectionPool */
    {"The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", 0, "dotnet", ""},
    {"{\\\"error\\\":\\\"model \\\\\\\"phi3:mini\\\\\\\" not found\\\"}", 0, "unknown", "phi3:mini"},
    {"Error: model `hf.co/org/Model-GGUF:Q4_K_M` not found", 0, "unknown", "hf.co/org/Model-GGUF:Q4_K_M"},
    {"\"bge-m3:latest\" does not support generate", 0, "unknown", "bge-m3:latest"},
    {"gemma2:2b does not support tools", 0, "unknown", "gemma2:2b"},
    {"this model does not support embeddings", 0, "unknown", ""},
    {"listening on 0.0.0.0:11434 with HTTP 1.1", 0, "unknown", ""},
    /* a full-width colon before the advice, an alternation group before the model's */
    {"\xe6\xb2\xa1\xe6\x9c\x89\xe5\xae\x89\xe8\xa3\x85\xe6\xa8\xa1\xe5\x9e\x8b\xef\xbc\x8c\xe8\xaf\xb7\xe8\xbf\x90\xe8\xa1\x8c"
     "\xef\xbc\x9a" "ollama pull qwen2:7b", 0, "unknown", "qwen2:7b"},
    {"Error: Ollama model with key phi3:mini is not installed", 0, "unknown", "phi3:mini"}, /* not "with key" */
};

static void test_values(void **state)
{
    struct od_explain_input in;
    int bad = 0;

    (void)state;
    for (size_t i = 0; i < N_ELEMS(value_cases); i++) {
        const struct value_case *c = &value_cases[i];

        assert_int_equal(parse(c->text, &in), 0);
        if (in.status != c->status || strcmp(in.client, c->client) != 0 || strcmp(in.model, c->model) != 0) {
            print_message("case %zu: status %d client %s model '%s'\n", i, in.status, in.client, in.model);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void assert_empty(const struct od_explain_input *in)
{
    assert_string_equal(in->error_kind, "unknown");
    assert_string_equal(in->client, "unknown");
    assert_string_equal(in->host, "");
    assert_int_equal(in->port, 0);
    assert_string_equal(in->errno_name, "");
    assert_int_equal(in->status, 0);
}

static void test_empty_and_garbage(void **state)
{
    struct od_explain_input in;
    char bytes[512];

    (void)state;
    assert_int_equal(od_explain_parse(NULL, &in), 0);
    assert_empty(&in);
    assert_int_equal(od_explain_parse("", &in), 0);
    assert_empty(&in);
    assert_int_equal(od_explain_parse("\n\n   \r\n%%\n", &in), 0);
    assert_empty(&in);
    for (size_t i = 0; i < sizeof bytes - 1; i++)
        bytes[i] = (char)(1 + (i * 37) % 255);
    bytes[sizeof bytes - 1] = '\0';
    assert_int_equal(od_explain_parse(bytes, &in), 0);
    /* text after a NUL byte is not read */
    assert_int_equal(od_explain_parse("fine\0Connection refused", &in), 0);
    assert_string_equal(in.error_kind, "unknown");
    /* unbalanced quotes, brackets and half patterns */
    assert_int_equal(od_explain_parse("host=' port= [Errno ] http:// dial tcp : lookup  on", &in), 0);
    assert_string_equal(in.host, "");
    assert_string_equal(in.errno_name, "");
}

static void test_huge(void **state)
{
    const size_t n = 1024 * 1024;
    char *big = malloc(n + 1);
    struct od_explain_input in;
    char host[400];

    (void)state;
    assert_non_null(big);
    memset(big, 'A', n);
    big[n] = '\0';
    memcpy(big, "connect ECONNREFUSED 10.0.0.1:11434\n", 36);
    memcpy(big + 200 * 1024, "\nPluginDaemonInternalServerError\n", 33);
    assert_int_equal(parse(big, &in), 0);
    assert_string_equal(in.error_kind, "refused"); /* the plugin line is past the 64 KiB cap */
    assert_string_equal(in.host, "10.0.0.1");
    /* long lines of separators */
    memset(big, ':', n);
    assert_int_equal(parse(big, &in), 0);
    assert_string_equal(in.error_kind, "unknown");
    memset(big, '/', n);
    memcpy(big, "http://x:1", 10);
    assert_int_equal(parse(big, &in), 0);
    assert_string_equal(in.path, ""); /* a path too long to hold is dropped, not cut */
    free(big);
    /* a host name too long to hold is dropped, not cut */
    memset(host, 'h', sizeof host);
    memcpy(host, "Could not resolve host: ", 24);
    host[sizeof host - 1] = '\0';
    assert_int_equal(parse(host, &in), 0);
    assert_string_equal(in.host, "");
    assert_string_equal(in.error_kind, "name-resolution");
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "(null)";
}

static void test_json(void **state)
{
    struct od_explain_input in;
    cJSON *j, *ep;
    char *s;

    (void)state;
    assert_int_equal(parse("", &in), 0);
    j = od_explain_input_json(&in);
    assert_non_null(j);
    s = cJSON_PrintUnformatted(j);
    /* SPEC's keys first, null when the text does not say */
    {
        static const char head[] = "{\"host\":null,\"port\":null,\"path\":null,\"url\":null,\"error_kind\":\"unknown\","
                                   "\"errno\":null,\"status\":null,\"client\":\"unknown\",\"model\":null,";
        assert_memory_equal(s, head, sizeof head - 1);
    }
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "chosen")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "endpoints")), 0);
    free(s);
    cJSON_Delete(j);

    /* the scheme of the URL the text gave, which fixes keep */
    assert_int_equal(parse("POST https://ollama.example.com/api/api/chat 404", &in), 0);
    j = od_explain_input_json(&in);
    assert_non_null(j);
    assert_string_equal(jstr(j, "scheme"), "https");
    cJSON_Delete(j);

    assert_int_equal(parse("request to http://h:11434/api/chat failed, reason: connect ECONNREFUSED "
                           "172.17.0.1:11434\n404 Not Found model 'm' not found", &in), 0);
    j = od_explain_input_json(&in);
    assert_non_null(j);
    assert_string_equal(jstr(j, "host"), "h");
    assert_string_equal(jstr(j, "error_kind"), "model-not-found");
    assert_string_equal(jstr(j, "errno"), "ECONNREFUSED");
    assert_string_equal(jstr(j, "model"), "m");
    assert_int_equal(cJSON_GetObjectItem(j, "status")->valueint, 404);
    ep = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "endpoints"), 0);
    assert_string_equal(jstr(ep, "address"), "172.17.0.1"); /* the name, connected as this address */
    assert_string_equal(jstr(ep, "role"), "model-server");
    assert_string_equal(jstr(cJSON_GetObjectItem(j, "chosen"), "host"), "h");
    cJSON_Delete(j);

    /* the platform and its evidence */
    assert_int_equal(parse("[WinError 10061] No connection could be made because the target machine actively "
                           "refused it", &in), 0);
    j = od_explain_input_json(&in);
    assert_string_equal(jstr(cJSON_GetObjectItem(j, "platform"), "name"), "windows");
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "platform"), "in_container")));
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "platform"), "evidence")) >= 1);
    cJSON_Delete(j);
}

/* URL credentials in a pasted error never reach the parsed input, and the
 * host is the one after them. */
static void test_credentials_dropped(void **state)
{
    static const struct { const char *text, *host, *url; int port; } t[] = {
        {"Max retries exceeded with url: http://admin:98765@127.0.0.1:11434/api/chat (Caused by "
         "NewConnectionError: [Errno 111] Connection refused)",
         "127.0.0.1", "http://127.0.0.1:11434/api/chat", 11434},
        {"connect ECONNREFUSED http://admin:98765@ollama:11434/api/tags", "ollama", "http://ollama:11434/api/tags",
         11434},
        {"request to https://u@a@b:pw@gpu-box.lan:8443/v1 failed, reason: connect ECONNREFUSED",
         "gpu-box.lan", "https://gpu-box.lan:8443/v1", 8443},
        {"http://x:y@://@", "", "", 0},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(t); i++) {
        struct od_explain_input in;
        cJSON *j;
        char *s;
        assert_int_equal(od_explain_parse(t[i].text, &in), 0);
        assert_string_equal(in.host, t[i].host);
        assert_string_equal(in.url, t[i].url);
        assert_int_equal(in.port, t[i].port);
        j = od_explain_input_json(&in);
        s = cJSON_PrintUnformatted(j);
        if (strstr(s, "98765") || strstr(s, "admin") || strstr(s, "pw"))
            fail_msg("credentials in %s", s);
        free(s);
        cJSON_Delete(j);
    }
}

/* Every hint a signature or explain can set fits the input's hint slots:
 * od_explain_add_hint truncates, and a truncated name never matches again
 * ("not-running-words" was stored as "not-running-wor"). */
static void test_hint_names_fit(void **state)
{
    struct od_explain_input in;
    (void)state;
    for (size_t i = 0; od_sig_hints[i]; i++)
        if (strlen(od_sig_hints[i]) >= sizeof in.hints[0])
            fail_msg("hint '%s' is longer than %zu characters", od_sig_hints[i], sizeof in.hints[0] - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hint_names_fit),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_credentials_dropped),
        cmocka_unit_test(test_errnos),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_timeouts),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_empty_and_garbage),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_json),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
