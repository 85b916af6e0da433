/* fuzz_rules — the rules loader, lint and the condition language. Input:
 * rule SEP rule SEP facts. Both rule files are loaded from a folder as
 * --rules DIR does (lint first), the set is evaluated over the facts (a
 * report-shaped JSON, or a built-in one), and the first part, parsed as JSON,
 * is also evaluated as a bare condition and rendered as a template without
 * any lint, as cond.c must survive anything. */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <unistd.h>

#include "cond.h"
#include "rules.h"

static char dir[64];

static const char default_facts[] =
    "{\"vantage\":\"container\",\"context\":{\"port\":11434,\"os\":{\"hostname\":\"h\"},\"proxy\":{},"
    "\"listeners\":[{\"address\":\"127.0.0.1\",\"port\":11434,\"scope\":\"loopback\"}]},"
    "\"probes\":[{\"origin\":\"url\",\"url\":\"http://localhost:11434\",\"host\":\"localhost\",\"port\":11434,"
    "\"has_scheme\":true,\"class\":\"refused\",\"attempts\":[{\"address\":\"127.0.0.1\",\"class\":\"refused\"}]},"
    "{\"origin\":\"docker0\",\"host\":\"172.17.0.1\",\"class\":\"refused\"}],"
    "\"input\":{\"error_kind\":\"refused\",\"host\":\"localhost\"}}";

static void put(const char *name, const char *text, size_t n)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!(f = fopen(path, "w")))
        abort();
    fwrite(text, 1, n, f);
    fclose(f);
}

static void remove_dir(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/a.json", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/b.json", dir);
    unlink(path);
    rmdir(dir);
}

static int depth_ok(const cJSON *j, int d)
{
    const cJSON *it;
    if (d > 12)
        return 0;
    cJSON_ArrayForEach(it, j) if (!depth_ok(it, d + 1)) return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    size_t n1, n2;
    char *r1 = fuzz_part(&p, end, &n1), *r2 = fuzz_part(&p, end, &n2), *ftext = fuzz_part(&p, end, NULL);
    cJSON *facts = cJSON_Parse(ftext), *cond;
    struct od_rules rs;
    struct od_strv lint = {0};
    if (!facts)
        facts = cJSON_Parse(default_facts);
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/od-fuzz-rules.XXXXXX");
        if (!mkdtemp(dir))
            abort();
        atexit(remove_dir);
    }
    put("a.json", r1, n1);
    put("b.json", r2, n2);
    if (od_rules_load(&rs, dir, &lint) == 0) {
        cJSON *findings = od_rules_eval(&rs, facts, NULL, OD_LANG_EN);
        char *s = cJSON_PrintUnformatted(findings);
        FUZZ_CHECK(findings && s, "evaluation failed");
        FUZZ_CHECK(depth_ok(findings, 0), "findings nested too deep");
        free(s);
        cJSON_Delete(findings);
    } else {
        FUZZ_CHECK(lint.n > 0, "a set refused without a message");
    }
    for (size_t i = 0; i < lint.n; i++)
        FUZZ_CHECK(strncmp(lint.v[i], dir, strlen(dir)) == 0, "message without file:line:col: %s", lint.v[i]);
    od_rules_free(&rs);
    od_strv_free(&lint);

    if ((cond = cJSON_Parse(r1))) { /* no lint: cond.c on its own */
        struct od_scope s = {.root = facts, .here = facts};
        char *t;
        (void)od_cond_eval(cond, &s);
        t = od_template(r1, &s, NULL);
        free(t);
        cJSON_Delete(cond);
    }
    cJSON_Delete(facts);
    free(r1);
    free(r2);
    free(ftext);
    return 0;
}
