/* test_cond — the bounds on "matches" patterns and the per-rule-set cache of
 * compiled patterns (cond.c), and conditions of any shape evaluated without
 * lint (what a fuzzer or a future caller may hand cond.c). */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "rules.h"

static void test_regex_bounds(void **state)
{
    static const struct { const char *pat; const char *why; } t[] = {
        {"^(localhost|127\\.[0-9.]+|0\\.0\\.0\\.0|::1|::)$", NULL},
        {"^[a-z0-9_-]+$", NULL},
        {"x{2,}y{3}z{0,255}", NULL},
        {"a{", NULL},                 /* not a bound: an ordinary '{' */
        {"[{]{300}", "counts to 300"},
        {"(((a{0,32767}){0,32767}){0,32767})", "counts to 32767"},
        {"((a{0,200}){0,200})", "more than 2000 pieces"},
        {"((((a+)+)+)+){50}", NULL},   /* 31 x 50 pieces */
        {"(a{10}){10}(b{10}){10}", NULL},
        {"((a{10}){10}){21}", "more than 2000 pieces"},
        {"[[:alpha:]]{255}", NULL},
    };
    char why[200];
    (void)state;
    for (size_t i = 0; i < N_ELEMS(t); i++) {
        int rc = od_regex_check(t[i].pat, why, sizeof why);
        if (t[i].why == NULL && rc != 0)
            fail_msg("%s: refused (%s)", t[i].pat, why);
        if (t[i].why && (rc == 0 || !strstr(why, t[i].why)))
            fail_msg("%s: expected a refusal with '%s', got rc %d '%s'", t[i].pat, t[i].why, rc, rc ? why : "");
    }
    char longpat[OD_REGEX_MAX_LEN + 2];
    memset(longpat, 'a', sizeof longpat - 1);
    longpat[sizeof longpat - 1] = '\0';
    assert_int_equal(od_regex_check(longpat, why, sizeof why), -1);
    assert_non_null(strstr(why, "characters long"));
}

/* An unbounded pattern evaluated directly (no lint, no cache) is refused at
 * once instead of being compiled (that took 23 GB). */
static void test_unbounded_pattern_not_compiled(void **state)
{
    cJSON *doc = cJSON_Parse("{\"s\": \"aaaa\"}");
    cJSON *c = cJSON_Parse("{\"path\": \"s\", \"matches\": \"(((a{0,32767}){0,32767}){0,32767})\"}");
    struct od_scope s = {.root = doc, .here = doc};
    (void)state;
    assert_int_equal(od_cond_eval(c, &s), 0);
    cJSON_Delete(c);
    cJSON_Delete(doc);
}

/* The built-in set compiles each of its patterns once, at load, and
 * evaluation finds them by node. */
static void test_cache_of_builtin_set(void **state)
{
    struct od_rules rs;
    struct od_strv lint = {0};
    size_t patterns = 0;
    (void)state;
    assert_int_equal(od_rules_load(&rs, NULL, &lint), 0);
    for (const struct od_rule_src *r = od_builtin_rules; r->file; r++)
        for (const char *p = strstr(r->text, "\"matches\""); p; p = strstr(p + 1, "\"matches\""))
            patterns++;
    assert_true(patterns > 0);
    assert_int_equal(rs.re.n, patterns);

    cJSON *doc = cJSON_Parse("{\"host\": \"127.0.0.1\"}");
    cJSON *c = cJSON_Parse("{\"path\": \"host\", \"matches\": \"^127\\\\.\"}");
    struct od_regex_cache one = {0};
    struct od_scope s = {.root = doc, .here = doc, .re = &one};
    assert_int_equal(od_regex_cache_add_rule(&one, c), 0);
    assert_int_equal(one.n, 1);
    assert_int_equal(od_cond_eval(c, &s), 1);
    od_regex_cache_free(&one);
    cJSON_Delete(c);
    cJSON_Delete(doc);
    od_rules_free(&rs);
    od_strv_free(&lint);
}

/* Conditions of any shape, never linted: no crash, a plain answer. */
static void test_unlinted_shapes(void **state)
{
    static const char *const conds[] = {
        "null", "[]", "7", "{}", "{\"all\": 7}", "{\"any\": \"x\"}", "{\"not\": []}", "{\"some\": 7}",
        "{\"some\": \"xs\", \"where\": 7, \"as\": 9}", "{\"every\": \"xs\", \"as\": \"q\"}", "{\"path\": 7, \"eq\": 1}",
        "{\"path\": \"xs\", \"in\": 5}", "{\"path\": \"s\", \"matches\": 5}", "{\"path\": \"s\", \"matches\": \"(\"}",
        "{\"path\": \"xs.99999999999999999999\", \"exists\": true}", "{\"path\": \"xs.-1\", \"eq\": 1}",
        "{\"path\": \".\", \"eq\": 1}", "{\"path\": \"$.\", \"eq\": 1}", "{\"path\": \"...\", \"eq\": 1}",
    };
    cJSON *doc = cJSON_Parse("{\"s\": \"x\", \"xs\": [1, {\"k\": 2}]}");
    (void)state;
    for (size_t i = 0; i < N_ELEMS(conds); i++) {
        cJSON *c = cJSON_Parse(conds[i]);
        struct od_scope s = {.root = doc, .here = doc};
        int r = od_cond_eval(c, &s);
        assert_true(r == 0 || r == 1);
        cJSON_Delete(c);
    }
    cJSON_Delete(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regex_bounds),
        cmocka_unit_test(test_unbounded_pattern_not_compiled),
        cmocka_unit_test(test_cache_of_builtin_set),
        cmocka_unit_test(test_unlinted_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
