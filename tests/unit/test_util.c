/* test_util.c — string vectors, bounded copies, file reading, views, IP helpers. */
#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

static void test_strv(void **state)
{
    struct od_strv sv = {0};
    char buf[16];

    (void)state;
    for (int i = 0; i < 100; i++) {
        snprintf(buf, sizeof(buf), "s%d", i);
        assert_int_equal(od_strv_push(&sv, buf), 0);
    }
    assert_int_equal(sv.n, 100);
    assert_true(sv.cap >= 100);
    assert_string_equal(sv.v[42], "s42");
    assert_true(od_strv_contains(&sv, "s99"));
    assert_false(od_strv_contains(&sv, "S99")); /* case-sensitive */
    assert_false(od_strv_contains(&sv, "s100"));
    assert_false(od_strv_contains(NULL, "s1"));
    assert_int_equal(od_strv_push(&sv, NULL), -1);
    assert_int_equal(od_strv_push(NULL, "x"), -1);
    od_strv_free(&sv);
    assert_null(sv.v);
    assert_int_equal(sv.n + sv.cap, 0);
    od_strv_free(&sv); /* twice is harmless */
    od_strv_free(NULL);
}

static void test_strings(void **state)
{
    char buf[6], t[32];
    char *p;

    (void)state;
    assert_int_equal(od_http_method_len("POST http://x/ HTTP/1.1", 23), 5);
    assert_int_equal(od_http_method_len("GET /api/tags", 13), 4);
    assert_int_equal(od_http_method_len("GET", 3), 0);
    assert_int_equal(od_http_method_len("GETTING ready", 13), 0);
    assert_int_equal(od_http_method_len("get /x", 6), 0); /* a request line's method is upper case */
    assert_int_equal(od_strlcpy(buf, "hello world", sizeof(buf)), 11);
    assert_string_equal(buf, "hello");
    assert_int_equal(od_strlcpy(buf, "hi", sizeof(buf)), 2);
    assert_string_equal(buf, "hi");
    assert_int_equal(od_strlcpy(buf, "abc", 1), 3);
    assert_string_equal(buf, "");
    assert_int_equal(od_strlcpy(buf, NULL, sizeof(buf)), 0);
    assert_string_equal(buf, "");
    assert_int_equal(od_strlcpy(NULL, "abc", 0), 3);

    p = od_strndup("abcdef", 3);
    assert_string_equal(p, "abc");
    free(p);
    p = od_strndup("ab", 10);
    assert_string_equal(p, "ab");
    free(p);
    assert_null(od_strdup(NULL));
    assert_null(od_strndup(NULL, 1));

    assert_true(od_strcaseeq("Docker", "dOCKER"));
    assert_false(od_strcaseeq("docker", "dockers"));
    assert_true(od_strcaseeq(NULL, NULL));
    assert_false(od_strcaseeq("a", NULL));

    assert_true(od_str_endswith("5.15.0-microsoft-standard-WSL2", "wsl2"));
    assert_true(od_str_endswith("abc", ""));
    assert_false(od_str_endswith("bc", "abc"));
    assert_false(od_str_endswith(NULL, "a"));

    strcpy(t, " \t padded \r\n");
    assert_string_equal(od_trim(t), "padded");
    strcpy(t, "   ");
    assert_string_equal(od_trim(t), "");
    assert_null(od_trim(NULL));
}

static void test_read_file(void **state)
{
    char path[] = "/tmp/od_util_XXXXXX";
    size_t len = 99;
    int fd, trunc = -1;
    char *s;

    (void)state;
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "0123456789", 10), 10);
    close(fd);

    s = od_read_file(path, 100, &len, &trunc);
    assert_non_null(s);
    assert_string_equal(s, "0123456789");
    assert_int_equal(len, 10);
    assert_int_equal(trunc, 0);
    free(s);

    s = od_read_file(path, 4, &len, &trunc);
    assert_string_equal(s, "0123");
    assert_int_equal(len, 4);
    assert_int_equal(trunc, 1);
    free(s);

    s = od_read_file(path, 10, NULL, &trunc); /* exactly the size */
    assert_string_equal(s, "0123456789");
    assert_int_equal(trunc, 0);
    free(s);

    s = od_read_file(path, 0, &len, &trunc);
    assert_string_equal(s, "");
    assert_int_equal(trunc, 1);
    free(s);
    unlink(path);

    errno = 0;
    assert_null(od_read_file(path, 10, &len, &trunc));
    assert_int_equal(errno, ENOENT);
    assert_int_equal(len, 0);
    assert_null(od_read_file("/tmp", 10, NULL, NULL));
    assert_int_equal(errno, EISDIR);
    assert_null(od_read_file(NULL, 10, NULL, NULL));
    assert_int_equal(errno, EINVAL);

    /* /proc files report size 0 but still read */
    s = od_read_file("/proc/self/stat", 4096, &len, NULL);
    assert_non_null(s);
    assert_true(len > 0);
    free(s);
}

static void test_lines_and_fields(void **state)
{
    const char *cur = "a b\tc\r\n\n  last  ";
    struct od_view line, f;
    char out[5];
    uint32_t v;

    (void)state;
    assert_true(od_next_line(&cur, &line));
    assert_int_equal(line.n, 5); /* "\r" dropped */
    assert_true(od_next_field(&line, &f));
    assert_int_equal(f.n, 1);
    assert_int_equal(f.p[0], 'a');
    assert_true(od_next_field(&line, &f));
    assert_true(od_next_field(&line, &f));
    assert_int_equal(f.p[0], 'c');
    assert_false(od_next_field(&line, &f));
    assert_true(od_next_line(&cur, &line));
    assert_int_equal(line.n, 0);
    assert_true(od_next_line(&cur, &line));
    assert_true(od_next_field(&line, &f));
    assert_int_equal(od_view_copy(f, out, sizeof(out)), 0);
    assert_string_equal(out, "last");
    assert_int_equal(od_view_copy((struct od_view){"lastx", 5}, out, sizeof(out)), -1);
    assert_string_equal(out, "");
    assert_false(od_next_line(&cur, &line));
    assert_false(od_next_line(NULL, &line));

    assert_int_equal(od_hex_u32("0100007F", 8, &v), 0);
    assert_int_equal(v, 0x0100007Fu);
    assert_int_equal(od_hex_u32("ffffffff", 8, &v), 0);
    assert_int_equal(v, 0xffffffffu);
    assert_int_equal(od_hex_u32("2CAA", 4, &v), 0);
    assert_int_equal(v, 11434);
    assert_int_equal(od_hex_u32("2CAG", 4, &v), -1);
    assert_int_equal(od_hex_u32("123456789", 9, &v), -1);
    assert_int_equal(od_hex_u32("", 0, &v), -1);
    assert_int_equal(od_hex_u32("1", 2, &v), -1); /* NUL is not a digit */
}

static void test_ip_helpers(void **state)
{
    static const struct {
        const char *s;
        int family, loopback, unspecified;
    } rows[] = {
        {"127.0.0.1", AF_INET, 1, 0},       {"127.255.0.9", AF_INET, 1, 0},
        {"0.0.0.0", AF_INET, 0, 1},         {"172.17.0.1", AF_INET, 0, 0},
        {"::1", AF_INET6, 1, 0},            {"[::1]", AF_INET6, 1, 0},
        {"::", AF_INET6, 0, 1},             {"[::]", AF_INET6, 0, 1},
        {"::ffff:127.0.0.1", AF_INET6, 1, 0}, {"::ffff:0.0.0.0", AF_INET6, 0, 1},
        {"fe80::1%eth0", AF_INET6, 0, 0},   {"2001:db8::1", AF_INET6, 0, 0},
        {"localhost", 0, 0, 0},             {"", 0, 0, 0},
        {"[::1", 0, 0, 0},                  {"[]", 0, 0, 0},
        {"1.2.3", 0, 0, 0},                 {"01.2.3.4", 0, 0, 0},
        {"fe80::1%", 0, 0, 0},              {"[127.0.0.1]", 0, 0, 0},
    };

    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        assert_int_equal(od_ip_family(rows[i].s), rows[i].family);
        assert_int_equal(od_ip_is_loopback(rows[i].s), rows[i].loopback);
        assert_int_equal(od_ip_is_unspecified(rows[i].s), rows[i].unspecified);
    }
    assert_int_equal(od_ip_family(NULL), 0);
    /* RFC 1918, its edges, and what is not in it */
    assert_true(od_ip_is_rfc1918("10.0.0.1"));
    assert_true(od_ip_is_rfc1918("172.16.0.1"));
    assert_true(od_ip_is_rfc1918("172.31.255.254"));
    assert_true(od_ip_is_rfc1918("192.168.1.20"));
    assert_false(od_ip_is_rfc1918("172.32.0.1"));
    assert_false(od_ip_is_rfc1918("192.169.0.1"));
    assert_false(od_ip_is_rfc1918("8.8.8.8"));
    assert_false(od_ip_is_rfc1918("fd00::1"));
    assert_false(od_ip_is_rfc1918(""));
}

static void test_clock(void **state)
{
    double a = od_now_ms(), b = od_now_ms();

    (void)state;
    assert_true(a > 0);
    assert_true(b >= a);
}

/* Terminal-safe text: C0, DEL, C1 and invalid UTF-8 become '?'. */
static void test_printable(void **state)
{
    static const struct { const char *in, *out; } t[] = {
        {"plain text", "plain text"},
        {"\x1b[2J\x07" "bell", "?[2J?bell"},
        {"tab\tnl\ncr\r", "tab?nl?cr?"},
        {"del\x7f", "del?"},
        {"c1 \xc2\x9b" "31m", "c1 ?31m"},
        {"utf8 \xe2\x9c\x93 ok \xc3\xa9", "utf8 \xe2\x9c\x93 ok \xc3\xa9"},
        {"bad \xff\xfe \xc3", "bad ?? ?"},
        {"overlong \xc0\xaf", "overlong ??"},
        {"surrogate \xed\xa0\x80", "surrogate ???"},
        {"", ""},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(t); i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", t[i].in);
        assert_int_equal(od_printable(buf), strlen(t[i].out));
        assert_string_equal(buf, t[i].out);
    }
}

/* A cut never splits a character; JSON's cleaning keeps controls (cJSON
 * escapes them) and turns only bytes that are not UTF-8 into '?'. */
static void test_utf8(void **state)
{
    (void)state;
    const char *ru = "\xd0\xbe\xd1\x82\xd0\xba"; /* "отк": 2-byte characters */
    char buf[5], raw[] = "caf\xe9 \xe8\xbf\x9e\t\xc1";
    assert_int_equal(od_utf8_cut(ru, 3), 2);
    assert_int_equal(od_utf8_cut(ru, 4), 4);
    assert_int_equal(od_utf8_cut("abc", 2), 2);
    assert_int_equal(od_strlcpy(buf, ru, sizeof buf), 6);
    assert_string_equal(buf, "\xd0\xbe\xd1\x82"); /* four bytes, not four and a half characters */
    assert_int_equal(od_utf8_clean(raw), strlen("caf? \xe8\xbf\x9e\t?"));
    assert_string_equal(raw, "caf? \xe8\xbf\x9e\t?"); /* Latin-1 and a cut tail become '?', a Chinese character stays */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printable),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_strv),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_lines_and_fields),
        cmocka_unit_test(test_ip_helpers),
        cmocka_unit_test(test_clock),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
