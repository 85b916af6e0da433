/* test_err.c — error names and exit codes. */
#include "unit.h"

#include "err.h"

static void test_names_and_exits(void **state)
{
    static const struct {
        enum od_err e;
        const char *name;
        enum od_exit exit;
    } rows[] = {
        {OD_OK, "ok", OD_EXIT_OK},
        {OD_ERR_USAGE, "usage", OD_EXIT_USAGE},
        {OD_ERR_RULES, "rules", OD_EXIT_USAGE},
        {OD_ERR_NOMEM, "nomem", OD_EXIT_INTERNAL},
        {OD_ERR_IO, "io", OD_EXIT_INTERNAL},
        {OD_ERR_PARSE, "parse", OD_EXIT_INTERNAL},
        {OD_ERR_LIB, "lib", OD_EXIT_INTERNAL},
        {OD_ERR_INTERNAL, "internal", OD_EXIT_INTERNAL},
    };

    (void)state;
    assert_int_equal(N_ELEMS(rows), OD_ERR__COUNT); /* a new code needs a row here */
    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        assert_string_equal(od_err_name(rows[i].e), rows[i].name);
        assert_int_equal(od_err_exit(rows[i].e), rows[i].exit);
    }
    assert_int_equal(OD_EXIT_OK, 0);
    assert_int_equal(OD_EXIT_USAGE, 2);
    assert_int_equal(OD_EXIT_INTERNAL, 3);
}

static void test_out_of_range(void **state)
{
    (void)state;
    assert_string_equal(od_err_name(OD_ERR__COUNT), "internal");
    assert_string_equal(od_err_name((enum od_err)-1), "internal");
    assert_int_equal(od_err_exit((enum od_err)99), OD_EXIT_INTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_exits),
        cmocka_unit_test(test_out_of_range),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
