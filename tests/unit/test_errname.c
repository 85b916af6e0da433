/* test_errname.c — errno values by name and back. */
#include "unit.h"

#include <errno.h>

#include "errname.h"

#define ROW(x) {x, #x}

static const struct {
    int value;
    const char *name;
} required[] = {
    ROW(ECONNREFUSED), ROW(ETIMEDOUT),    ROW(EHOSTUNREACH), ROW(ENETUNREACH), ROW(EADDRNOTAVAIL),
    ROW(ECONNRESET),   ROW(ECONNABORTED), ROW(EPIPE),        ROW(ENOENT),      ROW(EACCES),
    ROW(EPERM),        ROW(EINVAL),       ROW(EAGAIN),       ROW(EINPROGRESS), ROW(EAFNOSUPPORT),
    ROW(ENOTCONN),     ROW(EHOSTDOWN),    ROW(ENETDOWN),     ROW(ENOBUFS),     ROW(ENOMEM),
    ROW(EPROTO),       ROW(EMFILE),       ROW(ENFILE),       ROW(EBADF),       ROW(EINTR),
    ROW(EIO),          ROW(ENOTSUP),
};

static void test_both_ways(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(required); i++) {
        assert_string_equal(od_errno_name(required[i].value), required[i].name);
        assert_int_equal(od_errno_from_name(required[i].name), required[i].value);
    }
}

static void test_linux_values(void **state)
{
    (void)state;
#ifdef __linux__
    assert_int_equal(od_errno_from_name("ECONNREFUSED"), 111);
    assert_int_equal(od_errno_from_name("ETIMEDOUT"), 110);
    assert_int_equal(od_errno_from_name("EHOSTUNREACH"), 113);
    assert_string_equal(od_errno_name(111), "ECONNREFUSED");
#else
    skip();
#endif
}

static void test_aliases(void **state)
{
    (void)state;
    /* same value on Linux: the first name is the one reported, both parse */
    assert_int_equal(od_errno_from_name("EOPNOTSUPP"), EOPNOTSUPP);
    assert_int_equal(od_errno_from_name("EWOULDBLOCK"), EWOULDBLOCK);
    if (ENOTSUP == EOPNOTSUPP)
        assert_string_equal(od_errno_name(EOPNOTSUPP), "ENOTSUP");
    if (EAGAIN == EWOULDBLOCK)
        assert_string_equal(od_errno_name(EWOULDBLOCK), "EAGAIN");
    assert_int_equal(od_errno_from_name("econnrefused"), ECONNREFUSED);
}

static void test_unknown(void **state)
{
    (void)state;
    assert_null(od_errno_name(0));
    assert_null(od_errno_name(-1));
    assert_null(od_errno_name(99999));
    assert_int_equal(od_errno_from_name("EBOGUS"), -1);
    assert_int_equal(od_errno_from_name(""), -1);
    assert_int_equal(od_errno_from_name(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_ways),
        cmocka_unit_test(test_linux_values),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_unknown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
