/* test_sig.c — the signature engine: the built-in set lints clean, lint
 * messages for broken files, macros and capture groups, needles, lazy
 * compilation, host rules; and the endpoint roles explain derives from the
 * matches (a proxy, a registry, a DNS server, an address and its name). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "sig.h"

static int has_msg(const struct od_strv *lint, const char *part)
{
    for (size_t i = 0; i < lint->n; i++)
        if (strstr(lint->v[i], part))
            return 1;
    return 0;
}

static void test_builtin_clean(void **state)
{
    struct od_sigs s;
    struct od_strv lint = {0};
    (void)state;
    assert_int_equal(od_sigs_load(&s, NULL, &lint, NULL, 1), 0);
    for (size_t i = 0; i < lint.n; i++)
        print_message("%s\n", lint.v[i]);
    assert_int_equal(lint.n, 0);
    assert_true(s.n > 200);
    assert_true(s.nh > 3 && s.nst > 10);
    for (size_t i = 0; i < s.n; i++)
        assert_int_equal(s.v[i].state, 1); /* every regex compiled */
    od_sigs_free(&s);
    od_strv_free(&lint);
}

static void test_lint_messages(void **state)
{
    static const char file[] =
        "{\n"
        "  \"family\": \"t\",\n"
        "  \"signatures\": [\n"
        "    {\"id\": \"a\", \"re\": \"x{PORT}\", \"fields\": {\"port\": 2}},\n"
        "    {\"id\": \"b\", \"re\": \"(unclosed\"},\n"
        "    {\"id\": \"c\", \"re\": \"y\", \"kind\": \"nope\", \"colour\": 1},\n"
        "    {\"id\": \"d\", \"re\": \"\\\\w+\"},\n"
        "    {\"id\": \"e\", \"re\": \"{NOPE}\"},\n"
        "    {\"id\": \"f\", \"re\": \"返回了?\"},\n"
        "    {\"id\": \"g\", \"re\": \"a[^x]{0,300}b\"},\n"
        "    {\"id\": \"h\", \"re\": \"c\\\\{0,900\\\\}\"},\n"
        "    {\"id\": \"i\", \"re\": \"z\", \"kind\": \"refused\", \"guess\": \"yes\"},\n"
        "    {\"id\": \"j\", \"re\": \"q\", \"guess\": true},\n"
        "    {\"id\": \"k\", \"re\": \"r\", \"raw\": true, \"kind\": \"refused\"},\n"
        "    {\"id\": \"ok\", \"re\": \"fine\"},\n"
        "    {\"id\": \"ok\", \"re\": \"dup\"}\n"
        "  ],\n"
        "  \"hosts\": [{\"id\": \"h\", \"host\": \"^x$\", \"role\": \"router\", \"why\": \"w\"}]\n"
        "}\n";
    struct od_sigs s;
    struct od_strv lint = {0};
    (void)state;
    memset(&s, 0, sizeof s);
    assert_int_equal(od_sigs_add_text(&s, "t.json", file, &lint), -1);
    for (size_t i = 0; i < lint.n; i++)
        print_message("%s\n", lint.v[i]);
    assert_true(has_msg(&lint, "t.json:4:"));
    assert_true(has_msg(&lint, "bad capture index for 'port': the regex has 1 group"));
    assert_true(has_msg(&lint, "t.json:5:17: invalid regular expression"));
    assert_true(has_msg(&lint, "unknown kind 'nope'"));
    assert_true(has_msg(&lint, "unknown key 'colour' in a signature"));
    assert_true(has_msg(&lint, "'\\w' is not POSIX"));
    assert_true(has_msg(&lint, "unknown macro '{NOPE}'"));
    assert_true(has_msg(&lint, "a quantifier follows a non-ASCII character"));
    assert_true(has_msg(&lint, "t.json:10:17: a repetition bound above 255"));
    assert_false(has_msg(&lint, "t.json:11:")); /* c\{0,900\} is a literal brace */
    assert_true(has_msg(&lint, "duplicate signature id 't/ok'"));
    assert_true(has_msg(&lint, "unknown role 'router'"));
    assert_true(has_msg(&lint, "\"guess\" is true or false"));
    assert_true(has_msg(&lint, "\"guess\" only makes sense with a strong \"kind\""));
    assert_true(has_msg(&lint, "\"raw\" only makes sense with a \"platform\" or a \"hint\""));
    assert_int_equal(s.n, 0); /* a file with problems adds nothing */
    od_sigs_free(&s);
    od_strv_free(&lint);
    assert_int_equal(od_sigs_add_text(NULL, "j.json", "{\"family\": ", &lint), -1);
    assert_true(has_msg(&lint, "j.json:1:12: invalid JSON"));
    od_strv_free(&lint);
}

struct needle_case {
    const char *re;
    const char *needles; /* '|'-separated, "" = none known */
};

static const struct needle_case needle_cases[] = {
    {"Connection refused", "connection refused"},
    {"ECONNREFUSED|ETIMEDOUT", "econnrefused|etimedout"},
    {"dial (tcp|udp)[46]? {HOSTC}:{PORT}", "dial "},
    {"(errno|winerror) ?111{B}", "errno|winerror"},       /* from the group every match goes through */
    {"(errno|x)?111", "111"},                              /* an optional group says nothing: the rest does */
    {"status code:? ?{ST}", "status code"},
    {"colou?r blind", "r blind"},                         /* the optional 'u' ends a run */
    {"a{1,3}bcd", "bcd"},
    {"{URL}", ""},
    {"[abc]+ef", ""},
    {"Read timed out\\. \\(read timeout", "read timed out. (read timeout"},
};

static void test_needles(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(needle_cases); i++) {
        struct od_strv n = {0};
        char got[400] = "";
        od_sig_needles(needle_cases[i].re, &n);
        for (size_t k = 0; k < n.n; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? "|" : "", n.v[k]);
        if (strcmp(got, needle_cases[i].needles) != 0)
            print_message("'%s': got '%s'\n", needle_cases[i].re, got);
        assert_string_equal(got, needle_cases[i].needles);
        od_strv_free(&n);
    }
}

/* Every built-in signature's needles must occur in every text it matches:
 * run each regex over texts that match and check the needle test agrees. */
static void test_needles_sound(void **state)
{
    static const char *const texts[] = {
        "HTTPConnectionPool(host='localhost', port=11434): Max retries exceeded with url: /api/chat "
        "(Caused by NewConnectionError('x: Failed to establish a new connection: [Errno 111] Connection refused'))",
        "Error: connect ECONNREFUSED ::1:11434\n  errno: -4078,\n  code: 'ECONNREFUSED',\n  address: '::1',\n  port: 11434",
        "Error: Head \"http://127.0.0.1:11434/\": dial tcp 127.0.0.1:11434: connectex: No connection could be made "
        "because the target machine actively refused it.",
        "curl: (28) Failed to connect to host.docker.internal port 3000 after 133990 ms: Couldn't connect to server",
        "[GIN] 2025/03/06 - 11:42:21 | 503 |   42.044125ms |       127.0.0.1 | POST     \"/api/generate\"",
        "I/O error on POST request for \"http://ollama:11434/api/chat\": Connection refused: ollama/172.18.0.2:11434",
        "System.Net.Http.HttpRequestException: No such host is known. (ollama:11434)",
        "error sending request for url (http://127.0.0.1:11434/api/generate): error trying to connect: tcp connect "
        "error: Connection refused (os error 111)",
        "cURL error 7: Failed to connect to localhost port 11434: Connection refused (see "
        "https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://localhost:11434/api/chat",
    };
    struct od_sigs s;
    struct od_strv lint = {0};
    (void)state;
    assert_int_equal(od_sigs_load(&s, NULL, &lint, NULL, 1), 0);
    for (size_t t = 0; t < N_ELEMS(texts); t++) {
        char lower[1024];
        size_t n = strlen(texts[t]);
        for (size_t k = 0; k <= n && k < sizeof lower; k++)
            lower[k] = (char)(texts[t][k] >= 'A' && texts[t][k] <= 'Z' ? texts[t][k] + 32 : texts[t][k]);
        for (size_t i = 0; i < s.n; i++) {
            const struct od_sig *g = &s.v[i];
            int found = g->needles.n == 0;
            if (regexec(&g->rx, texts[t], 0, NULL, 0) != 0)
                continue;
            for (size_t k = 0; k < g->needles.n; k++)
                found |= strstr(lower, g->needles.v[k]) != NULL;
            if (!found)
                print_message("%s matches text %zu but none of its needles occurs\n", g->id, t);
            assert_true(found);
        }
    }
    od_sigs_free(&s);
    od_strv_free(&lint);
}

static void test_lazy(void **state)
{
    struct od_sigs s;
    struct od_strv lint = {0};
    struct od_explain_input *in = calloc(1, sizeof *in);
    size_t compiled = 0;
    (void)state;
    assert_int_equal(od_sigs_load(&s, NULL, &lint, NULL, 0), 0);
    for (size_t i = 0; i < s.n; i++)
        compiled += s.v[i].state != 0;
    assert_int_equal(compiled, 0); /* nothing compiled before a text needs it */
    assert_int_equal(od_explain_read(&s, NULL, "[Errno 111] Connection refused", in), 0);
    for (size_t i = 0; i < s.n; i++)
        compiled += s.v[i].state != 0;
    assert_true(compiled > 0 && compiled < s.n / 2); /* only those whose needles occur */
    assert_string_equal(in->error_kind, "refused");
    od_sigs_free(&s);
    od_strv_free(&lint);
    free(in);
}

static void test_host_rules(void **state)
{
    struct od_sigs s;
    struct od_strv lint = {0};
    const struct od_hostrule *h;
    (void)state;
    assert_int_equal(od_sigs_load(&s, NULL, &lint, NULL, 0), 0);
    h = od_sigs_host_role(&s, "registry.ollama.ai", 443, "/v2/library/x/manifests/latest");
    assert_non_null(h);
    assert_string_equal(h->role, "registry");
    assert_string_equal(h->cause, "registry");
    h = od_sigs_host_role(&s, "127.0.0.1", 38291, "/completion");
    assert_non_null(h);
    assert_string_equal(h->role, "runner");
    assert_null(od_sigs_host_role(&s, "127.0.0.1", 11434, "/health")); /* not_port: Ollama's own port is no runner's */
    assert_null(od_sigs_host_role(&s, "localhost", 8080, "/completion")); /* min_port: a server's own well-known port is no runner's */
    h = od_sigs_host_role(&s, "github.com", 443, "/ollama/ollama/issues");
    assert_non_null(h);
    assert_string_equal(h->role, "link");
    h = od_sigs_host_role(&s, "ollama.com", 443, "/api/chat"); /* the cloud API, called with a key: hosted */
    assert_non_null(h);
    assert_string_equal(h->role, "hosted-api");
    assert_string_equal(h->cause, "hosted-ollama");
    h = od_sigs_host_role(&s, "ollama.com", 443, "/library/llama3"); /* a page is no API */
    assert_non_null(h);
    assert_string_equal(h->role, "link");
    h = od_sigs_host_role(&s, "ollama.com", 80, "/api/chat"); /* the local server forwarding a :cloud model */
    assert_non_null(h);
    assert_string_equal(h->role, "registry");
    assert_null(od_sigs_host_role(&s, "host.docker.internal", 11434, "/api/chat"));
    od_sigs_free(&s);
    od_strv_free(&lint);
}

/* --- endpoint roles, through explain ---------------------------------------- */

static struct od_sigs sigs;

static const char *role_of(const struct od_explain_input *in, const char *host)
{
    for (size_t i = 0; i < in->nep; i++)
        if (strcmp(in->ep[i].host, host) == 0)
            return in->ep[i].role;
    return "(absent)";
}

struct role_case {
    const char *text;
    const char *chosen;        /* the model server, "" none */
    const char *other, *role;  /* another endpoint and its role, or NULL */
};

static const struct role_case role_cases[] = {
    /* requests through a proxy: host= is the proxy, the absolute URL the target */
    {"HTTPConnectionPool(host='squid.corp', port=3128): Max retries exceeded with url: http://192.168.7.7:11434/api/chat "
     "(Caused by ProxyError('Unable to connect to proxy'))",
     "192.168.7.7", "squid.corp", "proxy"},
    /* Go: the DNS server a lookup asked is not the target */
    {"Post \"http://ollama:11434/api/chat\": dial tcp: lookup ollama on 127.0.0.11:53: no such host", "ollama", "127.0.0.11",
     "dns-server"},
    /* the server's download from the registry: no model server in the text */
    {"Error: pull model manifest: Get \"https://registry.ollama.ai/v2/library/x/manifests/latest\": dial tcp "
     "104.21.75.227:443: i/o timeout",
     "", "registry.ollama.ai", "registry"},
    /* Go's proxyconnect names the proxy */
    {"Get \"http://10.0.0.5:11434/api/tags\": proxyconnect tcp: dial tcp 127.0.0.1:7890: connect: connection refused",
     "10.0.0.5", "127.0.0.1", "proxy"},
    /* a proxy variable in the paste */
    {"HTTP_PROXY=http://127.0.0.1:7890 set; request to http://10.0.0.8:11434/api/chat failed, reason: socket hang up",
     "10.0.0.8", "127.0.0.1", "proxy"},
    /* a runner's loopback port, inside the server's own log */
    {"level=ERROR msg=\"post predict\" error=\"Post \\\"http://127.0.0.1:38291/completion\\\": EOF\"", "", "127.0.0.1",
     "runner"},
    /* a documentation link is not a target */
    {"Connection refused. See https://github.com/ollama/ollama/blob/main/docs/faq.md and http://172.17.0.1:11434",
     "172.17.0.1", "github.com", "link"},
    /* the client an Ollama access log shows is not a target */
    {"[GIN] 2025/01/01 - 10:00:00 | 403 |      10.2µs |      172.18.0.3 | POST     \"/api/chat\"", "", "172.18.0.3",
     "client"},
    /* an address belongs to the name it was connected as */
    {"request to http://ollama:11434/api/chat failed, reason: connect ECONNREFUSED 172.20.0.5:11434", "ollama", NULL, NULL},
    /* Dify's own services are not the model server */
    {"Failed to invoke plugin: HTTPConnectionPool(host='plugin_daemon', port=5002): Read timed out.", "", "plugin_daemon",
     "app-internal"},
    /* Open WebUI's relay route is the UI's own address, not Ollama's */
    {"GET http://localhost:3000/ollama/api/version [HTTP/1.1 500 Internal Server Error 4ms]", "", "localhost",
     "app-internal"},
};

static void test_roles(void **state)
{
    struct od_explain_input *in = calloc(1, sizeof *in);
    int bad = 0;
    (void)state;
    for (size_t i = 0; i < N_ELEMS(role_cases); i++) {
        const struct role_case *c = &role_cases[i];
        assert_int_equal(od_explain_read(&sigs, NULL, c->text, in), 0);
        if (strcmp(in->host, c->chosen) != 0 || (c->other && strcmp(role_of(in, c->other), c->role) != 0)) {
            print_message("case %zu: chosen '%s', %s is %s\n", i, in->host, c->other ? c->other : "-",
                          c->other ? role_of(in, c->other) : "-");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    /* the address a name was connected as is kept on the name */
    assert_int_equal(od_explain_read(&sigs, NULL, role_cases[8].text, in), 0);
    assert_int_equal(in->nep, 1);
    assert_string_equal(in->ep[0].address, "172.20.0.5");
    /* several errors in one paste: the endpoint the winning kind was said about */
    assert_int_equal(od_explain_read(&sigs, NULL,
                                     "Error: getaddrinfo ENOTFOUND host.docker.internal\n"
                                     "Error: connect ETIMEDOUT 0.0.0.1:11434",
                                     in), 0);
    assert_string_equal(in->error_kind, "name-resolution");
    assert_string_equal(in->host, "host.docker.internal");
    free(in);
}

struct platform_case {
    const char *text, *platform;
    int in_container;
};

static const struct platform_case platform_cases[] = {
    {"[WinError 10061] No connection could be made because the target machine actively refused it", "windows", 0},
    {"connect ECONNREFUSED 127.0.0.1:11434\n  errno: -4078,", "windows", 0},
    {"tcp connect error: Connection refused (os error 61)", "macos", 0},
    {"File \"/Users/me/Library/Python/3.9/lib/python/site-packages/httpx/_transports/default.py\"", "macos", 0},
    {"ollama-1  | time=2025 level=INFO", "container", 1},
    {"[Errno 111] Connection refused", "linux", 1}, /* a Linux errno does not decide: the default app is in a container */
    {"C:\\Users\\Admin>curl http://localhost:11434\nFile \"/opt/venv/lib/python3.12/site-packages/aiohttp/x.py\"",
     "container", 1}, /* the failing code's frames over the user's prompt */
    {"", "", 1},
};

static void test_platform(void **state)
{
    struct od_explain_input *in = calloc(1, sizeof *in);
    (void)state;
    for (size_t i = 0; i < N_ELEMS(platform_cases); i++) {
        assert_int_equal(od_explain_read(&sigs, NULL, platform_cases[i].text, in), 0);
        if (strcmp(in->platform, platform_cases[i].platform) != 0 || in->in_container != platform_cases[i].in_container)
            print_message("case %zu: platform '%s' in_container %d\n", i, in->platform, in->in_container);
        assert_string_equal(in->platform, platform_cases[i].platform);
        assert_int_equal(in->in_container, platform_cases[i].in_container);
    }
    /* a raw signature reads the text as pasted: a viewer's times before a
     * stack's frames, which the cleaning drops from every row */
    assert_int_equal(od_explain_read(&sigs, NULL,
                                     "2024-10-14 13:39:57 Caused by: java.net.ConnectException: Connection refused\n"
                                     "2024-10-14 13:39:57 \tat org.example.Db.open(Db.java:12)\n",
                                     in),
                     0);
    assert_string_equal(in->platform, "container");
    assert_int_equal(od_explain_read(&sigs, NULL,
                                     "Caused by: java.net.ConnectException: Connection refused\n"
                                     "\tat org.example.Db.open(Db.java:12)\n",
                                     in),
                     0);
    assert_string_not_equal(in->platform, "container");
    /* --app decides where the text says nothing */
    assert_int_equal(od_explain_read(&sigs, "continue", "[Errno 111] Connection refused", in), 0);
    assert_int_equal(in->in_container, 0);
    assert_string_equal(in->app_source, "flag");
    /* an app the text names */
    assert_int_equal(od_explain_read(&sigs, NULL, "An error occurred during credentials validation: x", in), 0);
    assert_string_equal(in->app, "dify");
    assert_string_equal(in->app_source, "inferred");
    free(in);
}

static int setup(void **state)
{
    struct od_strv lint = {0};
    int rc = od_sigs_load(&sigs, NULL, &lint, NULL, 0);
    (void)state;
    od_strv_free(&lint);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    od_sigs_free(&sigs);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_clean), cmocka_unit_test(test_lint_messages), cmocka_unit_test(test_needles),
        cmocka_unit_test(test_needles_sound), cmocka_unit_test(test_lazy),        cmocka_unit_test(test_host_rules),
        cmocka_unit_test(test_roles),         cmocka_unit_test(test_platform),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
