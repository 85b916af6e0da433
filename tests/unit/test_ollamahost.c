/* test_ollamahost.c — OLLAMA_HOST parsing against Ollama's own TestHost table. */
#include "unit.h"

#include <string.h>

#include "ollamahost.h"

struct host_case {
    const char *name, *value, *expect;
};

/* ollama/ollama envconfig/config_test.go TestHost, every row (DefaultPort = 11434). */
static const struct host_case ollama_test_host[] = {
    {"empty", "", "http://127.0.0.1:11434"},
    {"only address", "1.2.3.4", "http://1.2.3.4:11434"},
    {"only port", ":1234", "http://:1234"},
    {"address and port", "1.2.3.4:1234", "http://1.2.3.4:1234"},
    {"hostname", "example.com", "http://example.com:11434"},
    {"hostname and port", "example.com:1234", "http://example.com:1234"},
    {"zero port", ":0", "http://:0"},
    {"too large port", ":66000", "http://:11434"},
    {"too small port", ":-1", "http://:11434"},
    {"ipv6 localhost", "[::1]", "http://[::1]:11434"},
    {"ipv6 world open", "[::]", "http://[::]:11434"},
    {"ipv6 no brackets", "::1", "http://[::1]:11434"},
    {"ipv6 + port", "[::1]:1337", "http://[::1]:1337"},
    {"extra space", " 1.2.3.4 ", "http://1.2.3.4:11434"},
    {"extra quotes", "\"1.2.3.4\"", "http://1.2.3.4:11434"},
    {"extra space+quotes", " \" 1.2.3.4 \" ", "http://1.2.3.4:11434"},
    {"extra single quotes", "'1.2.3.4'", "http://1.2.3.4:11434"},
    {"http", "http://1.2.3.4", "http://1.2.3.4:80"},
    {"http port", "http://1.2.3.4:4321", "http://1.2.3.4:4321"},
    {"https", "https://1.2.3.4", "https://1.2.3.4:443"},
    {"https port", "https://1.2.3.4:4321", "https://1.2.3.4:4321"},
    {"proxy path", "https://example.com/ollama", "https://example.com:443/ollama"},
    {"ollama.com", "ollama.com", "https://ollama.com:443"},
};

/* Further cases derived from the same Go code (net.SplitHostPort, net.ParseIP,
 * strconv.ParseInt). */
static const struct host_case more_cases[] = {
    {"bind all v4", "0.0.0.0", "http://0.0.0.0:11434"},
    {"bind all v4 with port", "0.0.0.0:11434", "http://0.0.0.0:11434"},
    {"http scheme means port 80", "http://0.0.0.0", "http://0.0.0.0:80"},
    {"v4-mapped shown as IPv4", "::ffff:127.0.0.1", "http://127.0.0.1:11434"},
    {"IPv6 canonicalised when bare", "[0:0::1]", "http://[::1]:11434"},
    {"IPv6 kept as written with port", "[0:0::1]:1337", "http://[0:0::1]:1337"},
    {"empty port", "1.2.3.4:", "http://1.2.3.4:11434"},
    {"non-numeric port", "1.2.3.4:abc", "http://1.2.3.4:11434"},
    {"upper-case scheme gets no scheme default", "HTTP://1.2.3.4", "HTTP://1.2.3.4:11434"},
    {"path keeps trailing slash", "http://example.com:8080/ollama/", "http://example.com:8080/ollama/"},
    {"bare trailing slash", "localhost:11434/", "http://localhost:11434"},
    {"unclosed bracket", "[::1", "http://[::1]:11434"},
    {"ollama.com with port is ordinary", "ollama.com:11434", "http://ollama.com:11434"},
    {"nested quotes", "'\"1.2.3.4\"'", "http://1.2.3.4:11434"},
    {"tabs and newline", "\t1.2.3.4\n", "http://1.2.3.4:11434"},
    {"other scheme kept", "tcp://1.2.3.4", "tcp://1.2.3.4:11434"},
    {"garbage host kept", "a b:c", "http://a b:11434"},
};

static void run_cases(const struct host_case *cases, size_t n)
{
    struct od_ollama_host h;
    char url[600];

    for (size_t i = 0; i < n; i++) {
        od_ollama_host_parse(cases[i].value, &h);
        od_ollama_host_url(&h, url, sizeof(url));
        if (strcmp(url, cases[i].expect) != 0)
            print_message("failing case '%s': got %s\n", cases[i].name, url);
        assert_string_equal(url, cases[i].expect);
    }
}

static void test_ollama_test_host_table(void **state)
{
    (void)state;
    run_cases(ollama_test_host, N_ELEMS(ollama_test_host));
}

static void test_more_cases(void **state)
{
    (void)state;
    run_cases(more_cases, N_ELEMS(more_cases));
}

static void test_fields(void **state)
{
    struct od_ollama_host h;

    (void)state;
    od_ollama_host_parse(NULL, &h);
    assert_string_equal(h.scheme, "http");
    assert_string_equal(h.host, "127.0.0.1");
    assert_int_equal(h.port, 11434);
    assert_int_equal(h.port_defaulted, 1);
    assert_string_equal(h.path, "");

    od_ollama_host_parse("https://example.com/ollama", &h);
    assert_string_equal(h.scheme, "https");
    assert_string_equal(h.host, "example.com");
    assert_int_equal(h.port, 443);
    assert_int_equal(h.port_defaulted, 1);
    assert_string_equal(h.path, "/ollama");

    od_ollama_host_parse("[::1]:1337", &h);
    assert_string_equal(h.host, "::1");
    assert_int_equal(h.port, 1337);
    assert_int_equal(h.port_defaulted, 0);

    od_ollama_host_parse(":66000", &h); /* invalid: warned about, then defaulted */
    assert_string_equal(h.host, "");
    assert_int_equal(h.port, 11434);
    assert_int_equal(h.port_defaulted, 1);

    od_ollama_host_parse(":+80", &h); /* ParseInt accepts a sign */
    assert_int_equal(h.port, 80);
    assert_int_equal(h.port_defaulted, 0);
}

static void test_hostile_values(void **state)
{
    struct od_ollama_host h;
    char big[4096], url[64];

    (void)state;
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    od_ollama_host_parse(big, &h);
    assert_int_equal(strlen(h.host), sizeof(h.host) - 1);
    assert_int_equal(h.port, 11434);
    od_ollama_host_url(&h, url, sizeof(url)); /* truncates, never overflows */
    assert_int_equal(strlen(url), sizeof(url) - 1);

    memcpy(big, "http://h/", 9);
    od_ollama_host_parse(big, &h);
    assert_string_equal(h.host, "h");
    assert_int_equal(strlen(h.path), sizeof(h.path) - 1);

    od_ollama_host_parse(":99999999999999999999", &h);
    assert_int_equal(h.port, 11434);
    od_ollama_host_parse("\"'", &h);
    assert_string_equal(h.host, "127.0.0.1");
    od_ollama_host_parse("://", &h);
    assert_string_equal(h.scheme, "");
    assert_string_equal(h.host, "127.0.0.1");
    assert_int_equal(h.port, 11434);
    od_ollama_host_parse("[]:]", &h);
    assert_int_equal(h.port, 11434);
}

static void test_listens_beyond_loopback(void **state)
{
    static const struct {
        const char *value;
        int beyond;
    } rows[] = {
        {"", 0},          {"127.0.0.1", 0}, {"127.0.0.2:1", 0}, {"::1", 0},
        {"localhost", 0}, {"LOCALHOST:80", 0}, {"::ffff:127.0.0.1", 0},
        {"0.0.0.0", 1},   {":11434", 1},    {"[::]", 1},        {"10.0.0.5", 1},
        {"example.com", 1}, {"http://172.17.0.1", 1},
    };
    struct od_ollama_host h;

    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        od_ollama_host_parse(rows[i].value, &h);
        if (od_ollama_host_listens_beyond_loopback(&h) != rows[i].beyond)
            print_message("failing value '%s'\n", rows[i].value);
        assert_int_equal(od_ollama_host_listens_beyond_loopback(&h), rows[i].beyond);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ollama_test_host_table),
        cmocka_unit_test(test_more_cases),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_hostile_values),
        cmocka_unit_test(test_listens_beyond_loopback),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
