/* test_proxy.c — proxy selection with Python requests 2.34 semantics; every
 * table row was checked against requests.utils.get_environ_proxies +
 * select_proxy (CPython 3.11, requests 2.34.2). */
#include "unit.h"

#include <string.h>

#include "proxy.h"

struct proxy_case {
    const char *name;
    char *env[5];
    const char *scheme, *host;
    int port;
    const char *expect; /* NULL: direct connection */
};

static const struct proxy_case proxy_cases[] = {
    {"no proxy vars", {NULL}, "http", "ollama", 11434, NULL},
    {"HTTP_PROXY used for http", {"HTTP_PROXY=http://h:3128", NULL}, "http", "host.docker.internal", 11434, "http://h:3128"},
    {"HTTP_PROXY not for https", {"HTTP_PROXY=http://h:3128", NULL}, "https", "example.com", 443, NULL},
    {"HTTPS_PROXY for https", {"HTTPS_PROXY=http://s:3128", "HTTP_PROXY=http://h:3128", NULL}, "https", "example.com", 443, "http://s:3128"},
    {"https scheme picks http_proxy? no", {"HTTPS_PROXY=http://s:3128", "HTTP_PROXY=http://h:3128", NULL}, "http", "example.com", 80, "http://h:3128"},
    {"lowercase wins", {"HTTP_PROXY=http://UP:1", "http_proxy=http://low:1", NULL}, "http", "x", 0, "http://low:1"},
    {"lowercase wins any order", {"http_proxy=http://low:1", "HTTP_PROXY=http://UP:1", NULL}, "http", "x", 0, "http://low:1"},
    {"empty lowercase removes", {"HTTP_PROXY=http://UP:1", "http_proxy=", NULL}, "http", "x", 0, NULL},
    {"empty uppercase ignored", {"HTTP_PROXY=", "http_proxy=http://low:1", NULL}, "http", "x", 0, "http://low:1"},
    {"mixed-case name counts", {"Http_Proxy=http://m:1", NULL}, "http", "x", 0, "http://m:1"},
    {"lower _proxy suffix empty removes", {"HTTP_PROXY=http://h:3128", "HTTP_proxy=", NULL}, "http", "x", 0, NULL},
    {"first duplicate wins", {"HTTP_PROXY=http://first:1", "HTTP_PROXY=http://second:1", NULL}, "http", "x", 0, "http://first:1"},
    {"ALL_PROXY", {"ALL_PROXY=socks5://a:1080", NULL}, "http", "x", 0, "socks5://a:1080"},
    {"all_proxy for https", {"all_proxy=socks5://a:1080", NULL}, "https", "x", 0, "socks5://a:1080"},
    {"scheme before all", {"all_proxy=http://a:1", "HTTP_PROXY=http://h:3128", NULL}, "http", "x", 0, "http://h:3128"},
    {"CGI drops HTTP_PROXY", {"HTTP_PROXY=http://h:3128", "REQUEST_METHOD=GET", NULL}, "http", "x", 0, NULL},
    {"CGI keeps http_proxy", {"http_proxy=http://low:1", "REQUEST_METHOD=GET", NULL}, "http", "x", 0, "http://low:1"},
    {"CGI falls to all", {"HTTP_PROXY=http://h:3128", "REQUEST_METHOD=", "ALL_PROXY=http://a:1", NULL}, "http", "x", 0, "http://a:1"},
    {"NO_PROXY exact host", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ollama", NULL}, "http", "ollama", 11434, NULL},
    {"NO_PROXY other host", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ollama", NULL}, "http", "llama", 11434, "http://h:3128"},
    {"NO_PROXY domain", {"HTTP_PROXY=http://h:3128", "NO_PROXY=example.com", NULL}, "http", "api.example.com", 80, NULL},
    {"NO_PROXY leading dot", {"HTTP_PROXY=http://h:3128", "NO_PROXY=.example.com", NULL}, "http", "api.example.com", 80, NULL},
    {"NO_PROXY leading dot apex", {"HTTP_PROXY=http://h:3128", "NO_PROXY=.example.com", NULL}, "http", "example.com", 80, NULL},
    {"no bare suffix match (requests>=2.34)", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ample.com", NULL}, "http", "example.com", 80, "http://h:3128"},
    {"suffix quirk internal", {"HTTP_PROXY=http://h:3128", "NO_PROXY=internal", NULL}, "http", "host.docker.internal", 11434, NULL},
    {"no suffix match", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ample.com", NULL}, "http", "example.org", 80, "http://h:3128"},
    {"CIDR matches IPv4", {"HTTP_PROXY=http://h:3128", "NO_PROXY=172.17.0.0/16", NULL}, "http", "172.17.0.1", 11434, NULL},
    {"CIDR other net", {"HTTP_PROXY=http://h:3128", "NO_PROXY=172.17.0.0/16", NULL}, "http", "172.18.0.1", 11434, "http://h:3128"},
    {"CIDR ignored for names", {"HTTP_PROXY=http://h:3128", "NO_PROXY=172.17.0.0/16", NULL}, "http", "gateway", 11434, "http://h:3128"},
    {"CIDR /32", {"HTTP_PROXY=http://h:3128", "NO_PROXY=10.0.0.5/32", NULL}, "http", "10.0.0.5", 80, NULL},
    {"CIDR /0 invalid", {"HTTP_PROXY=http://h:3128", "NO_PROXY=0.0.0.0/0", NULL}, "http", "10.0.0.5", 80, "http://h:3128"},
    {"CIDR underscore bits", {"HTTP_PROXY=http://h:3128", "NO_PROXY=10.0.0.0/0_8", NULL}, "http", "10.1.2.3", 80, NULL},
    {"IPv4 exact", {"HTTP_PROXY=http://h:3128", "NO_PROXY=127.0.0.1", NULL}, "http", "127.0.0.1", 11434, NULL},
    {"IPv4 no suffix in requests but urllib dot suffix", {"HTTP_PROXY=http://h:3128", "NO_PROXY=0.0.1", NULL}, "http", "127.0.0.1", 11434, NULL},
    {"IPv4 suffix without dot", {"HTTP_PROXY=http://h:3128", "NO_PROXY=7.0.0.1", NULL}, "http", "127.0.0.1", 11434, "http://h:3128"},
    {"IPv6 literal suffix", {"HTTP_PROXY=http://h:3128", "NO_PROXY=::1", NULL}, "http", "::1", 11434, NULL},
    {"IPv6 CIDR not supported", {"HTTP_PROXY=http://h:3128", "NO_PROXY=::1/128", NULL}, "http", "::1", 11434, "http://h:3128"},
    {"star", {"HTTP_PROXY=http://h:3128", "NO_PROXY=*", NULL}, "http", "anything", 1, NULL},
    {"star in list is not star", {"HTTP_PROXY=http://h:3128", "NO_PROXY=*,foo", NULL}, "http", "anything", 1, "http://h:3128"},
    {"host:port entry", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ollama:11434", NULL}, "http", "ollama", 11434, NULL},
    {"host:port entry other port", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ollama:11434", NULL}, "http", "ollama", 8080, "http://h:3128"},
    {"host:port entry no port in url", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ollama:80", NULL}, "http", "ollama", 0, "http://h:3128"},
    {"spaces removed", {"HTTP_PROXY=http://h:3128", "NO_PROXY=foo, ollama ,bar", NULL}, "http", "ollama", 11434, NULL},
    {"uppercase entry only urllib", {"HTTP_PROXY=http://h:3128", "NO_PROXY=OLLAMA", NULL}, "http", "ollama", 11434, NULL},
    {"lowercase no_proxy wins", {"HTTP_PROXY=http://h:3128", "no_proxy=a.com", "NO_PROXY=ollama", NULL}, "http", "ollama", 11434, "http://h:3128"},
    {"empty lowercase no_proxy falls back in requests", {"HTTP_PROXY=http://h:3128", "no_proxy=", "NO_PROXY=ollama", NULL}, "http", "ollama", 11434, NULL},
    {"dot internal", {"HTTP_PROXY=http://h:3128", "no_proxy=.internal", NULL}, "http", "host.docker.internal", 11434, NULL},
    {"uppercase host", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ollama", NULL}, "http", "OLLAMA", 11434, NULL},
    {"trailing dot host", {"HTTP_PROXY=http://h:3128", "NO_PROXY=.", NULL}, "http", "ollama.", 11434, NULL},
    {"dot boundary on host:port", {"HTTP_PROXY=http://h:3128", "NO_PROXY=docker.internal:11434", NULL}, "http", "host.docker.internal", 11434, NULL},
    {"bare suffix on host:port", {"HTTP_PROXY=http://h:3128", "NO_PROXY=ernal:11434", NULL}, "http", "host.docker.internal", 11434, "http://h:3128"},
    {"leading dots stripped", {"HTTP_PROXY=http://h:3128", "NO_PROXY=..ollama", NULL}, "http", "ollama", 11434, NULL},
    {"IPv4 CIDR via lowercase", {"http_proxy=http://h:3128", "no_proxy=192.168.0.0/16,localhost", NULL}, "http", "192.168.1.5", 11434, NULL},
    {"bracketed IPv6 host", {"HTTP_PROXY=http://h:3128", "NO_PROXY=fe80::1", NULL}, "http", "[fe80::1]", 11434, NULL},
    {"HTTPS upper scheme", {"HTTPS_PROXY=http://s:1", NULL}, "HTTPS", "x", 0, "http://s:1"},
    {"tab in entry kept by requests, stripped by urllib", {"HTTP_PROXY=http://h:3128", "NO_PROXY=\tollama", NULL}, "http", "ollama", 11434, NULL},
};

static void test_proxy_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(proxy_cases); i++) {
        const struct proxy_case *c = &proxy_cases[i];
        struct od_env env = {c->env};
        char out[256] = "unchanged";
        int r = od_proxy_for(&env, c->scheme, c->host, c->port, out, sizeof(out));

        if (r != (c->expect != NULL) || strcmp(out, c->expect ? c->expect : "") != 0)
            print_message("failing case: %s (got %d '%s')\n", c->name, r, out);
        assert_int_equal(r, c->expect != NULL);
        assert_string_equal(out, c->expect ? c->expect : "");
    }
}

struct np_case {
    const char *no_proxy, *host;
    int port, expect;
};

/* Checked against requests.utils.should_bypass_proxies(url, no_proxy). */
static const struct np_case np_cases[] = {
    {"ollama", "ollama", 11434, 1},
    {"ollama", "ollama2", 11434, 0},
    {"example.com", "api.example.com", 0, 1},
    {".example.com", "api.example.com", 0, 1},
    {".example.com", "example.com", 0, 1},
    {"ample.com", "example.com", 0, 0},
    {"EXAMPLE.com", "api.example.com", 0, 1},
    {"*", "anything", 0, 1},
    {" *", "anything", 0, 0},
    {"*,foo", "anything", 0, 0},
    {"ollama:11434", "ollama", 11434, 1},
    {"ollama:11434", "ollama", 80, 0},
    {"docker.internal:11434", "host.docker.internal", 11434, 1},
    {"172.16.0.0/12", "172.17.0.1", 11434, 1},
    {"172.16.0.0/12", "172.32.0.1", 11434, 0},
    {"172.16.0.0/12", "docker-host", 11434, 0},
    {"10.0.0.0/33", "10.0.0.1", 0, 0},
    {"10.0.0.0/8/8", "10.0.0.1", 0, 0},
    {"10.0.0.0/x", "10.0.0.1", 0, 0},
    {"127.0.0.1", "127.0.0.1", 0, 1},
    {"127.0.0.1:11434", "127.0.0.1", 11434, 0},
    {"0.0.1", "127.0.0.1", 0, 1},
    {"127.1", "127.0.0.1", 0, 0},
    {"::1", "::1", 11434, 1},
    {"::1", "[::1]", 11434, 1},
    {"[::1]", "::1", 11434, 0},
    {"a, b ,ollama", "ollama", 0, 1},
    {"a,,b,", "ollama", 0, 0},
    {"", "ollama", 0, 0},
    {"localhost", "LocalHost", 0, 1},
    {"..internal", "host.docker.internal", 0, 1},
    {".", "ollama.", 0, 1},
    {".", "ollama", 0, 0},
};

static void test_no_proxy_match(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(np_cases); i++) {
        const struct np_case *c = &np_cases[i];

        int r = od_no_proxy_match(c->no_proxy, c->host, c->port);

        if (r != c->expect)
            print_message("failing: no_proxy '%s' host '%s' port %d\n", c->no_proxy, c->host, c->port);
        assert_int_equal(r, c->expect);
    }
    assert_int_equal(od_no_proxy_match(NULL, "ollama", 0), 0);
    assert_int_equal(od_no_proxy_match("ollama", NULL, 0), 0);
}

static void test_env_get(void **state)
{
    char *vars[] = {"A=1", "B=", "A=2", "NOEQUALS", "AB=3", NULL};
    struct od_env env = {vars};

    (void)state;
    assert_string_equal(od_env_get(&env, "A"), "1"); /* first wins */
    assert_string_equal(od_env_get(&env, "B"), "");
    assert_string_equal(od_env_get(&env, "AB"), "3");
    assert_null(od_env_get(&env, "NOEQUALS"));
    assert_null(od_env_get(&env, "a"));
    assert_null(od_env_get(NULL, "A"));
    assert_null(od_env_get(&(struct od_env){NULL}, "A"));
}

static void test_proxy_for_edges(void **state)
{
    char *vars[] = {"HTTP_PROXY=http://h:3128", NULL};
    struct od_env env = {vars};
    char small[8];

    (void)state;
    /* no hostname: requests ignores environment proxies */
    assert_int_equal(od_proxy_for(&env, "http", "", 80, small, sizeof(small)), 0);
    assert_int_equal(od_proxy_for(&env, "http", NULL, 80, small, sizeof(small)), 0);
    /* truncated copy still reports the proxy */
    assert_int_equal(od_proxy_for(&env, "http", "x", 80, small, sizeof(small)), 1);
    assert_string_equal(small, "http://");
    assert_int_equal(od_proxy_for(&env, "http", "x", 80, NULL, 0), 1);
    assert_int_equal(od_proxy_for(NULL, "http", "x", 80, small, sizeof(small)), 0);
}

static void test_proxy_redact(void **state)
{
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"http://user:pw@p:3128", "http://REDACTED@p:3128"},
        {"http://user@p:3128/", "http://REDACTED@p:3128/"},
        {"socks5h://u:p@ss@proxy:1080", "socks5h://REDACTED@proxy:1080"},
        {"user:pw@p:3128", "REDACTED@p:3128"},
        {"http://p:3128", "http://p:3128"},
        /* the last '@' of the whole value ends the userinfo: a proxy has no
         * path, and a password may hold an unencoded '/', '#', '?' or blank */
        {"http://p:3128/a@b", "http://REDACTED@b"},
        {"http://user:pa/ss@proxy:3128", "http://REDACTED@proxy:3128"},
        {"http://user:pa#ss@proxy:3128", "http://REDACTED@proxy:3128"},
        {"http://user:pa?ss@proxy:3128", "http://REDACTED@proxy:3128"},
        {"http://user:pa ss@proxy:3128", "http://REDACTED@proxy:3128"},
        {"user:PA#SS@proxy:3128", "REDACTED@proxy:3128"},
        {"http://REDACTED@proxy:3128", "http://REDACTED@proxy:3128"},
        {"http://@proxy:3128", "http://@proxy:3128"},
        {"", ""},
    };
    char out[64];

    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        od_proxy_redact(rows[i].in, out, sizeof(out));
        assert_string_equal(out, rows[i].out);
    }
    od_proxy_redact(NULL, out, sizeof(out));
    assert_string_equal(out, "");
    od_proxy_redact("http://user:pw@p:3128", out, 12);
    assert_string_equal(out, "http://REDA");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_table),
        cmocka_unit_test(test_no_proxy_match),
        cmocka_unit_test(test_env_get),
        cmocka_unit_test(test_proxy_for_edges),
        cmocka_unit_test(test_proxy_redact),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
