/* test_rules — the built-in rules against tests/rules/cases.txt (facts in,
 * finding ids out), plus the condition language and templates directly. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "rules.h"
#include "util.h"

#define CASES "tests/rules/cases.txt"

struct rcase {
    char name[200];
    char *facts;
    char expect[400];
    int line;
};

static struct od_rules rules;

static void run_case(void **state)
{
    const struct rcase *c = *state;
    cJSON *facts = cJSON_Parse(c->facts), *findings, *f;
    char got[400] = "";
    if (!facts)
        fail_msg("%s:%d: facts are not valid JSON", CASES, c->line);
    findings = od_rules_eval(&rules, facts, NULL, OD_LANG_EN);
    assert_non_null(findings);
    /* "id" tokens compare the id, "id:severity" tokens the severity too */
    {
        char want[400], *save = NULL;
        const char *tok;
        size_t k = 0;
        od_strlcpy(want, c->expect, sizeof want);
        tok = strtok_r(want, " ", &save);
        cJSON_ArrayForEach(f, findings)
        {
            const char *id = cJSON_GetObjectItem(f, "id")->valuestring;
            const char *sev = cJSON_GetObjectItem(f, "severity")->valuestring;
            size_t l = strlen(got);
            int with_sev = tok && strchr(tok, ':') != NULL;
            snprintf(got + l, sizeof got - l, "%s%s%s%s", l ? " " : "", id, with_sev ? ":" : "", with_sev ? sev : "");
            tok = tok ? strtok_r(NULL, " ", &save) : NULL;
            k++;
        }
        (void)k;
    }
    if (strcmp(got, c->expect) != 0)
        fail_msg("%s:%d (%s): expected [%s], got [%s]", CASES, c->line, c->name, c->expect, got);
    cJSON_Delete(findings);
    cJSON_Delete(facts);
}

static void test_cond_language(void **state)
{
    (void)state;
    cJSON *doc = cJSON_Parse("{\"a\": {\"b\": 3, \"s\": \"Hello\"}, \"xs\": [{\"k\": 1}, {\"k\": 2}], \"e\": []}");
    struct od_scope s = {.root = doc, .here = doc};
    static const struct { const char *cond; int want; } t[] = {
        {"{\"path\": \"a.b\", \"eq\": 3}", 1},
        {"{\"path\": \"a.b\", \"ne\": 3}", 0},
        {"{\"path\": \"a.b\", \"in\": [1, 3]}", 1},
        {"{\"path\": \"a.b\", \"gt\": 2}", 1},
        {"{\"path\": \"a.b\", \"le\": 2}", 0},
        {"{\"path\": \"a.s\", \"matches\": \"^hel\"}", 1},
        {"{\"path\": \"a.s\", \"contains\": \"ell\"}", 1},
        {"{\"path\": \"a.zz\", \"ne\": 1}", 0},
        {"{\"path\": \"a.zz\", \"exists\": false}", 1},
        {"{\"path\": \"xs.1.k\", \"eq\": 2}", 1},
        {"{\"some\": \"xs\", \"where\": {\"path\": \"k\", \"eq\": 2}}", 1},
        {"{\"every\": \"xs\", \"where\": {\"path\": \"k\", \"ge\": 1}}", 1},
        {"{\"every\": \"e\", \"where\": {\"path\": \"k\", \"ge\": 1}}", 0},
        {"{\"none\": \"e\"}", 1},
        {"{\"none\": \"xs\", \"where\": {\"path\": \"k\", \"eq\": 3}}", 1},
        {"{\"some\": \"xs\", \"where\": {\"path\": \"$.a.b\", \"eq\": 3}}", 1},
        {"{\"not\": {\"any\": [{\"path\": \"a.b\", \"eq\": 4}, {\"path\": \"a.b\", \"eq\": 5}]}}", 1},
        {"{\"all\": [{\"path\": \"a.b\", \"eq\": 3}, {\"path\": \"a.s\", \"eq\": \"Hello\"}]}", 1},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        cJSON *c = cJSON_Parse(t[i].cond);
        struct od_scope sc = s;
        assert_non_null(c);
        if (od_cond_eval(c, &sc) != t[i].want)
            fail_msg("condition %s: expected %d", t[i].cond, t[i].want);
        cJSON_Delete(c);
    }
    cJSON_Delete(doc);
}

static void test_binding_and_template(void **state)
{
    (void)state;
    cJSON *doc = cJSON_Parse("{\"port\": 11434, \"ps\": [{\"h\": \"a\", \"c\": \"ok\"}, {\"h\": \"b\", \"c\": \"refused\"}]}");
    cJSON *c = cJSON_Parse("{\"some\": \"ps\", \"as\": \"p\", \"where\": {\"path\": \"c\", \"eq\": \"refused\"}}");
    struct od_scope s = {.root = doc, .here = doc};
    char *t;
    int missing = -1;
    assert_int_equal(od_cond_eval(c, &s), 1);
    t = od_template("{{p.h}}:{{port}} {{ missing.path }} {{p.c}}", &s, &missing);
    assert_string_equal(t, "b:11434  refused"); /* an absent value is never a placeholder */
    assert_int_equal(missing, 1);
    free(t);
    t = od_template("{{p.h}} {{missing|$.port}} {{missing|$.none|a text}} {{missing|}}.", &s, &missing);
    assert_string_equal(t, "b 11434 a text .");
    assert_int_equal(missing, 0);
    free(t);
    t = od_template("no placeholder, but a long literal text", &s, NULL);
    assert_string_equal(t, "no placeholder, but a long literal text");
    free(t);
    cJSON_Delete(c);
    cJSON_Delete(doc);
}

/* A fix that is only its note (nothing to run: the hosted-API answer, where
 * the fix is a setting in the app) has no step and no command, rather than
 * an empty "Run:" block. */
static void test_fix_without_commands_has_no_steps(void **state)
{
    (void)state;
    cJSON *facts = cJSON_Parse("{\"input\": {\"error_kind\": \"not-connectivity\", \"cause\": \"hosted-api\"}, "
                               "\"situation\": {\"question\": \"url\"}, \"context\": {\"port\": 11434}, \"probes\": []}");
    cJSON *findings = od_rules_eval(&rules, facts, NULL, OD_LANG_EN), *fix;
    const cJSON *f = cJSON_GetArrayItem(findings, 0);
    assert_non_null(f);
    assert_string_equal(cJSON_GetObjectItem(f, "id")->valuestring, "not-a-connectivity-error");
    fix = cJSON_GetArrayItem(cJSON_GetObjectItem(f, "fixes"), 0);
    assert_non_null(fix);
    assert_non_null(strstr(cJSON_GetObjectItem(fix, "title")->valuestring, "hosted API"));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(fix, "steps")), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(fix, "commands")), 0);
    cJSON_Delete(findings);
    cJSON_Delete(facts);
}

/* firewall-blocks' detail for explain's facts of one refusal at the Docker
 * host's address, with this errno and error kind. */
static char *firewall_detail(const char *errno_name, const char *kind)
{
    char json[1024];
    cJSON *facts, *findings;
    const char *d;
    char *out;
    snprintf(json, sizeof json,
             "{\"input\": {\"error_kind\": \"%s\", \"errno\": \"%s\", \"hints\": []}, \"context\": {\"port\": "
             "11434}, \"situation\": {\"question\": \"url\", \"app_in_container\": true, \"fix\": {\"port\": 11434}}, "
             "\"probes\": [{\"origin\": \"url\", \"url\": \"http://172.17.0.1:11434\", \"host\": \"172.17.0.1\", "
             "\"port\": 11434, \"asked\": true, \"question\": true, \"role\": \"docker-host\", \"loopback\": false, "
             "\"label\": \"the Docker host\", \"class\": \"timeout\"}]}",
             kind, errno_name);
    facts = cJSON_Parse(json);
    findings = od_rules_eval(&rules, facts, NULL, OD_LANG_EN);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(findings, 0), "id")->valuestring, "firewall-blocks");
    d = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(findings, 0), "detail"));
    out = d ? strdup(d) : NULL;
    cJSON_Delete(findings);
    cJSON_Delete(facts);
    return out;
}

/* A detail in parts says only the parts whose condition holds: the Docker
 * host's firewall for a timeout, the client's own policy for EACCES. */
static void test_detail_parts(void **state)
{
    (void)state;
    char *host = firewall_detail("ETIMEDOUT", "connect-timeout"), *own = firewall_detail("EACCES", "unreachable");
    assert_non_null(host);
    assert_non_null(own);
    assert_non_null(strstr(host, "no reset. Either"));
    assert_non_null(strstr(host, "(a REJECT rule, e.g. firewalld). The Docker host itself is up"));
    assert_null(strstr(host, "client's own system"));
    assert_non_null(strstr(own, "client's own system refused"));
    assert_null(strstr(own, "Docker host itself"));
    free(host);
    free(own);
}

/* The label of localhost-inside-container's Base URL step for an app whose
 * situation.app carries base_url_field (a JSON value). */
static char *base_url_label(const char *field)
{
    char json[1024];
    cJSON *facts, *findings, *fix;
    const char *lab;
    char *out;
    snprintf(json, sizeof json,
             "{\"input\": {\"error_kind\": \"refused\"}, \"context\": {\"port\": 11434}, \"situation\": "
             "{\"question\": \"url\", \"app_in_container\": true, \"app\": {\"title\": \"X\", "
             "\"base_url_field\": %s}, \"fix\": {\"port\": 11434, \"base_url\": "
             "\"http://host.docker.internal:11434\"}}, \"probes\": [{\"origin\": \"url\", \"url\": "
             "\"http://localhost:11434\", \"host\": \"localhost\", \"port\": 11434, \"asked\": true, "
             "\"question\": true, \"has_scheme\": true, \"role\": \"this-container\", \"loopback\": true, "
             "\"class\": \"refused\"}]}",
             field);
    facts = cJSON_Parse(json);
    findings = od_rules_eval(&rules, facts, NULL, OD_LANG_EN);
    fix = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(findings, 0), "fixes"), 0);
    lab = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(fix, "steps"), 0), "label"));
    out = lab ? strdup(lab) : NULL;
    cJSON_Delete(findings);
    cJSON_Delete(facts);
    return out;
}

/* A fix that changes the Base URL says where the app takes it: the
 * profile's field when the app is known, a generic label when it is not
 * (never another app's menu). */
static void test_base_url_field_from_the_profile(void **state)
{
    char *a = base_url_label("\"Open WebUI: Admin Panel > Settings > Connections > Ollama API\"");
    char *b = base_url_label("null");
    (void)state;
    assert_non_null(a);
    assert_string_equal(a, "Open WebUI: Admin Panel > Settings > Connections > Ollama API");
    assert_non_null(b);
    assert_string_equal(b, "the app's Base URL field");
    free(a);
    free(b);
}

static void test_builtin_set_is_clean(void **state)
{
    (void)state;
    assert_true(rules.n >= 19);
}

/* A run loads the built-in set without linting it (the build did): the same
 * rules, in the same order, as the linted load, with the translations into
 * the language asked for and no other. */
static void test_builtin_fast_load_is_the_linted_set(void **state)
{
    (void)state;
    for (int want = OD_LANG_EN; want < OD_LANG__COUNT; want++) {
        struct od_rules fast;
        struct od_strv lint = {0};
        assert_int_equal(od_rules_load_builtin(&fast, (enum od_lang)want, &lint), 0);
        assert_int_equal(lint.n, 0);
        assert_int_equal(fast.n, rules.n);
        for (size_t i = 0; i < rules.n; i++) {
            assert_string_equal(fast.v[i].id, rules.v[i].id);
            assert_int_equal(fast.v[i].sev, rules.v[i].sev);
            assert_int_equal(fast.v[i].rank, rules.v[i].rank);
            assert_true(cJSON_Compare(fast.v[i].j, rules.v[i].j, 1));
            for (int l = OD_LANG_EN + 1; l < OD_LANG__COUNT; l++)
                if (l == want)
                    assert_true(fast.v[i].tr[l] && cJSON_Compare(fast.v[i].tr[l], rules.v[i].tr[l], 1));
                else
                    assert_null(fast.v[i].tr[l]);
        }
        od_rules_free(&fast);
        od_strv_free(&lint);
    }
}

static int load_cases(struct rcase **out, size_t *n)
{
    size_t len = 0, cap = 64;
    char *text = od_read_file(CASES, 1u << 20, &len, NULL), *save = NULL, *line;
    struct rcase cur = {0};
    int lineno = 0;
    if (!text)
        return -1;
    *out = calloc(cap, sizeof **out);
    *n = 0;
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (strncmp(line, "# ", 2) == 0)
            od_strlcpy(cur.name, line + 2, sizeof cur.name);
        else if (strncmp(line, "facts: ", 7) == 0) {
            cur.facts = od_strdup(line + 7);
            cur.line = lineno;
        } else if (strncmp(line, "expect:", 7) == 0) {
            od_strlcpy(cur.expect, od_trim(line + 7), sizeof cur.expect);
            if (*n == cap)
                *out = realloc(*out, (cap *= 2) * sizeof **out);
            (*out)[(*n)++] = cur;
            cur.facts = NULL;
        }
    }
    free(text);
    return 0;
}

int main(void)
{
    struct od_strv lint = {0};
    struct rcase *cases = NULL;
    size_t n = 0;
    int rc;

    if (od_rules_load(&rules, NULL, &lint) != 0) {
        for (size_t i = 0; i < lint.n; i++)
            fprintf(stderr, "%s\n", lint.v[i]);
        return 1;
    }
    if (load_cases(&cases, &n) != 0 || n == 0) {
        fprintf(stderr, "cannot read %s (run from the repository root)\n", CASES);
        return 1;
    }
    struct CMUnitTest *tests = calloc(n + 7, sizeof *tests);
    tests[0] = (struct CMUnitTest)cmocka_unit_test(test_cond_language);
    tests[1] = (struct CMUnitTest)cmocka_unit_test(test_binding_and_template);
    tests[2] = (struct CMUnitTest)cmocka_unit_test(test_builtin_set_is_clean);
    tests[3] = (struct CMUnitTest)cmocka_unit_test(test_builtin_fast_load_is_the_linted_set);
    tests[4] = (struct CMUnitTest)cmocka_unit_test(test_fix_without_commands_has_no_steps);
    tests[5] = (struct CMUnitTest)cmocka_unit_test(test_base_url_field_from_the_profile);
    tests[6] = (struct CMUnitTest)cmocka_unit_test(test_detail_parts);
    for (size_t i = 0; i < n; i++)
        tests[i + 7] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, &cases[i]};
    rc = _cmocka_run_group_tests("rules", tests, n + 7, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free(cases[i].facts);
    free(cases);
    free(tests);
    od_rules_free(&rules);
    od_strv_free(&lint);
    return rc;
}
