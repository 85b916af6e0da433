/* test_listen.c — listeners from /proc/net/tcp and /proc/net/tcp6 text. */
#include "unit.h"

#include <string.h>
#include <sys/socket.h>

#include "listen.h"

/* The samples are little-endian dumps (x86, arm64). */
static void need_little_endian(void)
{
    uint32_t one = 1;

    if (*(unsigned char *)&one != 1)
        skip();
}

static const char tcp4[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 34567 1 0000000000000000 100 0 0 10 0\n"
    "   1: 00000000:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0\n"
    "   2: 010011AC:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 100 0 0 10 0\n"
    "   3: 0100007F:2CAA 0100007F:D2F0 01 00000000:00000000 02:00000A3B 00000000   996        0 77777 2 0000000000000000 20 4 30 10 -1\n"
    "   4: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002 1 0000000000000000 100 0 0 10 0\n"
    "   5: 0200007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1003 1 0000000000000000 100 0 0 10 0\n";

/* Go's dual-stack wildcard (OLLAMA_HOST=0.0.0.0) shows only here, as "::". */
static const char tcp6[] =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 00000000000000000000000000000000:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 45678 1 0000000000000000 100 0 0 10 0\n"
    "   1: 00000000000000000000000001000000:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 45679 1 0000000000000000 100 0 0 10 0\n"
    "   2: 0000000000000000FFFF00000100007F:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 45680 1 0000000000000000 100 0 0 10 0\n"
    "   3: 0000000000000000FFFF0000010011AC:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 45681 1 0000000000000000 100 0 0 10 0\n"
    "   4: B80D0120000000000000000005000000:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 45682 1 0000000000000000 100 0 0 10 0\n"
    "   5: 0000000000000000FFFF000000000000:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   996        0 45683 1 0000000000000000 100 0 0 10 0\n"
    "   6: 00000000000000000000000001000000:A8CE 00000000000000000000000001000000:2CAA 06 00000000:00000000 03:000008AE 00000000     0        0 0 3 00000000f286be85\n";

static void test_tcp4(void **state)
{
    struct od_listener l[8];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_listen_parse(tcp4, AF_INET, 11434, l, N_ELEMS(l), &n), 4);
    assert_int_equal(n, 4);
    assert_string_equal(l[0].addr, "127.0.0.1");
    assert_int_equal(l[0].port, 11434);
    assert_int_equal(l[0].inode, 34567);
    assert_int_equal(l[0].family, AF_INET);
    assert_int_equal(l[0].scope, OD_SCOPE_LOOPBACK);
    assert_string_equal(l[1].addr, "0.0.0.0");
    assert_int_equal(l[1].scope, OD_SCOPE_ALL);
    assert_string_equal(l[2].addr, "172.17.0.1");
    assert_int_equal(l[2].scope, OD_SCOPE_SPECIFIC);
    assert_string_equal(l[3].addr, "127.0.0.2"); /* all of 127/8 is loopback */
    assert_int_equal(l[3].scope, OD_SCOPE_LOOPBACK);
}

static void test_tcp4_any_port(void **state)
{
    struct od_listener l[8];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_listen_parse(tcp4, AF_INET, 0, l, N_ELEMS(l), &n), 5);
    assert_int_equal(l[3].port, 22);
    assert_int_equal(l[3].inode, 2002);
    n = 0;
    assert_int_equal(od_listen_parse(tcp4, AF_INET, 8080, l, N_ELEMS(l), &n), 0);
}

static void test_tcp6(void **state)
{
    static const struct {
        const char *addr;
        enum od_listen_scope scope;
        unsigned long inode;
    } want[] = {
        {"::", OD_SCOPE_ALL, 45678},
        {"::1", OD_SCOPE_LOOPBACK, 45679},
        {"::ffff:127.0.0.1", OD_SCOPE_LOOPBACK, 45680},
        {"::ffff:172.17.0.1", OD_SCOPE_SPECIFIC, 45681},
        {"2001:db8::5", OD_SCOPE_SPECIFIC, 45682},
        {"::ffff:0.0.0.0", OD_SCOPE_ALL, 45683},
    };
    struct od_listener l[8];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_listen_parse(tcp6, AF_INET6, 11434, l, N_ELEMS(l), &n), N_ELEMS(want));
    for (size_t i = 0; i < N_ELEMS(want); i++) {
        assert_string_equal(l[i].addr, want[i].addr);
        assert_int_equal(l[i].scope, want[i].scope);
        assert_int_equal(l[i].inode, want[i].inode);
        assert_int_equal(l[i].family, AF_INET6);
        assert_int_equal(l[i].port, 11434);
    }
}

static void test_appends_and_limits(void **state)
{
    struct od_listener l[3];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_listen_parse(tcp4, AF_INET, 11434, l, 2, &n), 2);
    assert_int_equal(n, 2);
    assert_int_equal(od_listen_parse(tcp6, AF_INET6, 11434, l, 3, &n), 1);
    assert_int_equal(n, 3);
    assert_string_equal(l[2].addr, "::");
    assert_int_equal(od_listen_parse(tcp6, AF_INET6, 11434, l, 3, &n), 0);
    n = 0;
    assert_int_equal(od_listen_parse(tcp4, AF_INET6, 11434, l, 3, &n), 0); /* wrong file */
    assert_int_equal(od_listen_parse(tcp6, AF_INET, 11434, l, 3, &n), 0);
    assert_int_equal(od_listen_parse(tcp4, AF_UNIX, 11434, l, 3, &n), 0);
    assert_int_equal(od_listen_parse(NULL, AF_INET, 11434, l, 3, &n), 0);
    assert_int_equal(od_listen_parse(tcp4, AF_INET, 11434, NULL, 3, &n), 0);
    assert_int_equal(od_listen_parse(tcp4, AF_INET, 11434, l, 3, NULL), 0);
}

static void test_garbage(void **state)
{
    static const char *const bad[] = {
        "",
        "   0: 0100007F:2C",
        "   0: 0100007F:2CAA 00000000:0000 0A",
        "   0: 0100007F:2CAA 00000000:0000 0G 00000000:00000000 00:00000000 00000000 0 0 1 1",
        "   0: 0100007F2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1",
        "   0: 0100007G:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1",
        "   0: 0100007F:2CAAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1",
        "   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 x 1",
        "   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 -1 1",
        "   0 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1",
        "   0: 0100007F:2CAA 00000000:0000 A 00000000:00000000 00:00000000 00000000 0 0 1 1",
        "\xff\xfe\x01\n\x7f\n:",
    };
    struct od_listener l[2];
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        int r = od_listen_parse(bad[i], AF_INET, 0, l, N_ELEMS(l), &n);

        if (r != 0)
            print_message("garbage row %zu was accepted\n", i);
        assert_int_equal(r, 0);
        assert_int_equal(n, 0);
    }
}

static void test_scope_names(void **state)
{
    (void)state;
    assert_string_equal(od_listen_scope_name(OD_SCOPE_LOOPBACK), "loopback");
    assert_string_equal(od_listen_scope_name(OD_SCOPE_ALL), "all");
    assert_string_equal(od_listen_scope_name(OD_SCOPE_SPECIFIC), "specific");
    assert_string_equal(od_listen_scope_name((enum od_listen_scope)42), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcp4),
        cmocka_unit_test(test_tcp4_any_port),
        cmocka_unit_test(test_tcp6),
        cmocka_unit_test(test_appends_and_limits),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_scope_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
