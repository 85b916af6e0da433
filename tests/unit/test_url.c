/* test_url.c — Base URL parsing, every rejection, formatting, urljoin paths. */
#include "unit.h"

#include <string.h>
#include <sys/socket.h>

#include "url.h"

struct ok_case {
    const char *text;
    int default_port;
    const char *scheme, *host;
    int port, port_explicit;
    const char *path;
    int has_scheme, family;
};

static const struct ok_case ok_cases[] = {
    {"localhost:11434", 11434, "http", "localhost", 11434, 1, "", 0, 0},
    {"http://h", 11434, "http", "h", 80, 0, "", 1, 0},
    {"https://h", 11434, "https", "h", 443, 0, "", 1, 0},
    {"ollama", 11434, "http", "ollama", 11434, 0, "", 0, 0},
    {"ollama", 0, "http", "ollama", 80, 0, "", 0, 0},
    {"[::1]:11434", 80, "http", "::1", 11434, 1, "", 0, AF_INET6},
    {"http://[fe80::1]:11434/", 80, "http", "fe80::1", 11434, 1, "/", 1, AF_INET6},
    {"http://[FE80::1%25eth0]:11434", 80, "http", "fe80::1%25eth0", 11434, 1, "", 1, AF_INET6},
    {"HTTP://Host.Docker.Internal:11434/API", 80, "http", "host.docker.internal", 11434, 1, "/API", 1, 0},
    {"http://192.168.1.5:11434/api?x=1#frag", 80, "http", "192.168.1.5", 11434, 1, "/api", 1, AF_INET},
    {"http://h:11434?x=1", 80, "http", "h", 11434, 1, "", 1, 0},
    {"http://h#frag", 80, "http", "h", 80, 0, "", 1, 0},
    {"http://user:pass@h:8080/v1", 80, "http", "h", 8080, 1, "/v1", 1, 0},
    {"http://user@p@ss@h:1", 80, "http", "h", 1, 1, "", 1, 0},
    {"http://h:/x", 11434, "http", "h", 80, 0, "/x", 1, 0},
    {"192.168.1.5:11434/api", 80, "http", "192.168.1.5", 11434, 1, "/api", 0, AF_INET},
    {"http://h:00080", 1, "http", "h", 80, 1, "", 1, 0},
    {"http://h:65535", 1, "http", "h", 65535, 1, "", 1, 0},
    {"https://proxy.example/ollama/", 1, "https", "proxy.example", 443, 0, "/ollama/", 1, 0},
};

static void test_parse_ok(void **state)
{
    struct od_url u;
    char why[128];

    (void)state;
    for (size_t i = 0; i < N_ELEMS(ok_cases); i++) {
        const struct ok_case *c = &ok_cases[i];
        int r = od_url_parse(c->text, c->default_port, &u, why, sizeof(why));

        if (r != 0)
            print_message("'%s' rejected: %s\n", c->text, why);
        assert_int_equal(r, 0);
        assert_string_equal(why, "");
        assert_string_equal(u.scheme, c->scheme);
        assert_string_equal(u.host, c->host);
        assert_int_equal(u.port, c->port);
        assert_int_equal(u.port_explicit, c->port_explicit);
        assert_string_equal(u.path, c->path);
        assert_int_equal(u.has_scheme, c->has_scheme);
        assert_int_equal(u.family, c->family);
    }
}

struct bad_case {
    const char *text, *why;
};

static const struct bad_case bad_cases[] = {
    {"", "empty URL"},
    {"http://", "empty host"},
    {"http://:11434", "empty host"},
    {"http://user@", "empty host"},
    {"http:///api", "empty host"},
    {"http://[]:1", "empty host"},
    {"http://h:70000", "port 70000 out of range 1-65535"},
    {"http://h:0", "port 0 out of range 1-65535"},
    {"http://h:123456789012345678901234", "port 12345678901234567890 out of range 1-65535"},
    {"http://h:abc", "port 'abc' is not a number"},
    {"h:-1", "port '-1' is not a number"},
    {"ftp://h", "unsupported scheme 'ftp' (expected http or https)"},
    {"ws://h:1/", "unsupported scheme 'ws' (expected http or https)"},
    {"://h", "empty scheme before '://'"},
    {"http:h", "expected '//' after 'http:'"},
    {"https:/h", "expected '//' after 'https:'"},
    {"http://[::1", "unbalanced brackets: missing ']'"},
    {"http://::1]", "unbalanced brackets"},
    {"http://[::1]]", "unexpected text after ']'"},
    {"http://[[::1]", "unbalanced brackets"},
    {"http://[::1]x", "unexpected text after ']'"},
    {"http://[::1]:1]", "unbalanced brackets"},
    {"http://[1.2.3.4]:1", "'1.2.3.4' in brackets is not an IPv6 address"},
    {"::1", "too many ':' in '::1' (IPv6 addresses need brackets, e.g. http://[::1]:11434)"},
    {"http://h:1:2", "too many ':' in 'h:1:2' (IPv6 addresses need brackets, e.g. http://[::1]:11434)"},
    {"http://h ost", "space or control character at position 9"},
    {" http://h", "space or control character at position 1"},
    {"http://h\n", "space or control character at position 9"},
    {"http://h\x7f", "space or control character at position 9"},
};

static void test_parse_errors(void **state)
{
    struct od_url u;
    char why[160];

    (void)state;
    for (size_t i = 0; i < N_ELEMS(bad_cases); i++) {
        int r = od_url_parse(bad_cases[i].text, 11434, &u, why, sizeof(why));

        if (r != -1 || strcmp(why, bad_cases[i].why) != 0)
            print_message("case '%s': r=%d why='%s'\n", bad_cases[i].text, r, why);
        assert_int_equal(r, -1);
        assert_string_equal(why, bad_cases[i].why);
        assert_string_equal(u.host, ""); /* nothing half-parsed left behind */
        assert_int_equal(u.port, 0);
    }
}

static void test_parse_limits(void **state)
{
    static char text[2200];
    struct od_url u;
    char why[64], tiny[8];

    (void)state;
    assert_int_equal(od_url_parse(NULL, 1, &u, why, sizeof(why)), -1);
    assert_string_equal(why, "empty URL");
    /* why may be NULL or tiny */
    assert_int_equal(od_url_parse("ftp://x", 1, &u, NULL, 0), -1);
    assert_int_equal(od_url_parse("ftp://x", 1, &u, tiny, sizeof(tiny)), -1);
    assert_string_equal(tiny, "unsuppo");

    memcpy(text, "http://", 7);
    memset(text + 7, 'a', 300);
    text[307] = '\0';
    assert_int_equal(od_url_parse(text, 1, &u, why, sizeof(why)), -1);
    assert_string_equal(why, "host name too long (300 characters)");

    memcpy(text, "http://h/", 9);
    memset(text + 9, 'p', 2000);
    text[2009] = '\0';
    assert_int_equal(od_url_parse(text, 1, &u, why, sizeof(why)), -1);
    assert_string_equal(why, "path too long (2001 characters)");

    text[9 + 1000] = '\0'; /* "/" + 1000 = 1001 characters fit in path[1024] */
    assert_int_equal(od_url_parse(text, 1, &u, why, sizeof(why)), 0);
    assert_int_equal(strlen(u.path), 1001);
}

static void test_format(void **state)
{
    static const struct {
        const char *text;
        int with_path;
        const char *out;
    } rows[] = {
        {"localhost:11434", 1, "http://localhost:11434"},
        {"https://h/ollama", 1, "https://h:443/ollama"},
        {"https://h/ollama", 0, "https://h:443"},
        {"[::1]", 1, "http://[::1]:11434"},
        {"http://USER:PW@Example.COM:8080/v1?q", 1, "http://example.com:8080/v1"},
    };
    struct od_url u;
    char buf[128], small[10], why[64];

    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        assert_int_equal(od_url_parse(rows[i].text, 11434, &u, why, sizeof(why)), 0);
        od_url_format(&u, rows[i].with_path, buf, sizeof(buf));
        assert_string_equal(buf, rows[i].out);
    }
    od_url_format(&u, 1, small, sizeof(small));
    assert_string_equal(small, "http://ex");
}

/* Checked against CPython 3.11: urlsplit(urljoin("http://h:1" + base + "/" if
 * missing, rel)).path */
static void test_join_path(void **state)
{
    static const struct {
        const char *base, *rel, *out;
    } rows[] = {
        {"", "api/chat", "/api/chat"},
        {"/", "api/chat", "/api/chat"},
        {"/api", "api/chat", "/api/api/chat"},
        {"/api/", "api/chat", "/api/api/chat"},
        {"/v1", "api/chat", "/v1/api/chat"},
        {"/api/chat", "api/chat", "/api/chat/api/chat"},
        {"/ollama/", "api/chat", "/ollama/api/chat"},
        {"/ollama", "api/embed", "/ollama/api/embed"},
        {"/a//b", "api/chat", "/a/b/api/chat"},
        {"/a/./b/../c", "api/chat", "/a/c/api/chat"},
        {"/x", "../api/chat", "/api/chat"},
        {"/", "../../x", "/x"},
        {"/a/b", "./", "/a/b/"},
        {"/a/b", "..", "/a/"},
        {"/a", "/api/tags", "/api/tags"},
        {"/a", "", "/a/"},
        {"", "", "/"},
        {"/a", "api//chat", "/a/api/chat"},
        {"//", "api", "/api"},
        {"/a", "api/chat?x=1", "/a/api/chat"},
        {"/a", ".", "/a/"},
        {"/a/", "b/..", "/a/"},
        {"/p", "x//", "/p/x/"},
    };
    char buf[256], small[6];

    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        od_url_join_path(rows[i].base, rows[i].rel, buf, sizeof(buf));
        if (strcmp(buf, rows[i].out) != 0)
            print_message("join('%s','%s') = '%s'\n", rows[i].base, rows[i].rel, buf);
        assert_string_equal(buf, rows[i].out);
    }
    od_url_join_path("/ollama", "api/chat", small, sizeof(small));
    assert_string_equal(small, "/olla");
    od_url_join_path(NULL, NULL, buf, sizeof(buf));
    assert_string_equal(buf, "/");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_limits),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_join_path),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
