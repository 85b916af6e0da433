/* test_render — the render layer, data-driven (in the manner of jq's tests):
 * every document in tests/render/ (<kind>-<case>[.<lang>].json, kind one of
 * check, explain, bundle, rules, version) is rendered as text at 80 and 60
 * columns and as Markdown, and compared byte for byte with
 * tests/render/expected/<file>.{80,60}.txt and .md; every rendering of a
 * document that says where it was made (its "fixture" key: a check or bundle
 * run under ip netns exec in the test topology, an offline command in an
 * empty network namespace) starts with that line, as a comment in Markdown,
 * so that every golden says how its document was made. OD_GOLDEN_UPDATE=1
 * writes the expected files instead (then read the diff).
 * Also: the width and wrapping primitives, and the catalog's format strings. */
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "report.h"

#define DIR_IN "tests/render"
#define DIR_OUT "tests/render/expected"

static const struct {
    const char *prefix;
    enum od_doc_kind kind;
} kinds[] = {
    {"check-", OD_DOC_CHECK}, {"explain-", OD_DOC_EXPLAIN}, {"bundle-", OD_DOC_BUNDLE},
    {"rules-", OD_DOC_RULES}, {"version-", OD_DOC_VERSION},
};

/* Text renderers by kind, as report.c dispatches them. */
static void (*const text_of[])(FILE *, const cJSON *, const struct od_style *) = {
    [OD_DOC_CHECK] = od_report_text, [OD_DOC_EXPLAIN] = od_report_text_explain, [OD_DOC_BUNDLE] = od_text_bundle,
    [OD_DOC_RULES] = od_text_rules,  [OD_DOC_VERSION] = od_text_version,
};

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, fp) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

/* Compare with (or, updating, write) the expected file; 0 when equal. */
static int golden(const char *name, const char *got, size_t len)
{
    char path[512];
    size_t elen = 0;
    char *want;
    int rc;
    snprintf(path, sizeof path, "%s/%s", DIR_OUT, name);
    if (getenv("OD_GOLDEN_UPDATE")) {
        FILE *fp = fopen(path, "wb");
        rc = !fp || fwrite(got, 1, len, fp) != len;
        if (fp)
            rc |= fclose(fp) != 0;
        return rc;
    }
    want = slurp(path, &elen);
    rc = !want || elen != len || memcmp(want, got, len) != 0;
    if (rc)
        print_message("# %s differs from the rendering (OD_GOLDEN_UPDATE=1 rewrites it; then read git diff)\n", path);
    free(want);
    return rc;
}

/* "check-seed.ja.json" -> kind, language, stem "check-seed.ja" */
static int parse_name(const char *file, enum od_doc_kind *kind, enum od_lang *lang, char *stem, size_t n)
{
    const char *dot;
    size_t len = strlen(file);
    if (len < 6 || strcmp(file + len - 5, ".json") != 0)
        return -1;
    snprintf(stem, n, "%.*s", (int)(len - 5), file);
    *lang = OD_LANG_EN;
    if ((dot = strchr(stem, '.')) && od_lang_parse(dot + 1, lang) != 0)
        return -1;
    for (size_t i = 0; i < N_ELEMS(kinds); i++)
        if (strncmp(file, kinds[i].prefix, strlen(kinds[i].prefix)) == 0) {
            *kind = kinds[i].kind;
            return 0;
        }
    return -1;
}

/* Where the document was made (its "fixture" key), between OPEN and CLOSE,
 * if it says. */
static void say_fixture(FILE *fp, const cJSON *doc, const char *open, const char *close)
{
    const cJSON *fixture = cJSON_GetObjectItemCaseSensitive(doc, "fixture");
    if (cJSON_IsString(fixture))
        fprintf(fp, "%s%s%s", open, fixture->valuestring, close);
}

static int render_one(const char *file)
{
    enum od_doc_kind kind;
    enum od_lang lang;
    char stem[256], path[512], name[320], *in, *out = NULL, *md;
    size_t len = 0, outlen = 0;
    static const int widths[] = {80, 60};
    cJSON *doc;
    FILE *fp;
    int bad = 0;
    if (parse_name(file, &kind, &lang, stem, sizeof stem) != 0)
        return 0;
    snprintf(path, sizeof path, "%s/%s", DIR_IN, file);
    if (!(in = slurp(path, &len)) || !(doc = cJSON_Parse(in))) {
        print_message("# %s: cannot read or parse\n", path);
        free(in);
        return 1;
    }
    for (size_t w = 0; w < N_ELEMS(widths); w++) {
        struct od_style st = {.color = 0, .unicode = 1, .width = widths[w], .lang = lang};
        fp = open_memstream(&out, &outlen);
        assert_non_null(fp);
        say_fixture(fp, doc, "# fixture: ", "\n");
        text_of[kind](fp, doc, &st);
        fclose(fp);
        snprintf(name, sizeof name, "%s.%d.txt", stem, widths[w]);
        bad |= golden(name, out, outlen);
        free(out);
        out = NULL;
    }
    md = od_report_markdown(doc, kind, lang);
    assert_non_null(md);
    fp = open_memstream(&out, &outlen);
    assert_non_null(fp);
    say_fixture(fp, doc, "<!-- fixture: ", " -->\n");
    fputs(md, fp);
    fclose(fp);
    snprintf(name, sizeof name, "%s.md", stem);
    bad |= golden(name, out, outlen);
    free(out);
    free(md);
    cJSON_Delete(doc);
    free(in);
    return bad;
}

static void test_golden(void **state)
{
    DIR *d = opendir(DIR_IN);
    struct dirent *e;
    int bad = 0, seen = 0;
    (void)state;
    assert_non_null(d);
    while ((e = readdir(d))) {
        if (strstr(e->d_name, ".json")) {
            seen++;
            bad |= render_one(e->d_name);
        }
    }
    closedir(d);
    assert_true(seen >= 10);
    assert_int_equal(bad, 0);
}

/* Widths: East Asian wide characters count two, combining marks none. */
static void test_width(void **state)
{
    (void)state;
    assert_int_equal(od_text_width("Base URL"), 8);
    assert_int_equal(od_text_width("コンテナ"), 8);
    assert_int_equal(od_text_width("容器（Docker）"), 14);
    assert_int_equal(od_text_width("✗ e\xcc\x81"), 3);
    assert_int_equal(od_text_width(""), 0);
}

static char *wrapped(const char *text, int indent, int first, int width)
{
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    od_text_wrap_to(fp, text, indent, first, width);
    fclose(fp);
    return out;
}

/* Wrapping: at blanks; CJK between characters but never before closing or
 * after opening punctuation; a word longer than the line is cut. */
static void test_wrap(void **state)
{
    char *s;
    (void)state;
    s = wrapped("one two three four five six", 2, 0, 22);
    assert_string_equal(s, "one two three four\n  five six\n");
    free(s);
    s = wrapped("xxxxxxxxxxxxxxxx (compose: y)", 0, 0, 20);
    assert_string_equal(s, "xxxxxxxxxxxxxxxx\n(compose: y)\n"); /* the bracket stays with its word */
    free(s);
    s = wrapped("このコンテナから接続できません。", 0, 0, 20);
    assert_string_equal(s, "このコンテナから接続\nできません。\n");
    free(s);
    s = wrapped("あいうえおかきくけこ、さ", 0, 0, 21); /* 、 may not start a line */
    assert_string_equal(s, "あいうえおかきくけ\nこ、さ\n");
    free(s);
    s = wrapped("abcdefghijklmnopqrstuvwxyz0123456789", 0, 0, 20);
    assert_string_equal(s, "abcdefghijklmnopqrst\nuvwxyz0123456789\n");
    free(s);
}

static void test_fit(void **state)
{
    char buf[64];
    (void)state;
    od_text_fit("host.docker.internal", 10, 1, buf, sizeof buf);
    assert_string_equal(buf, "host.dock…");
    od_text_fit("コンテナの中", 7, 1, buf, sizeof buf);
    assert_string_equal(buf, "コンテ…");
    od_text_fit("short", 10, 0, buf, sizeof buf);
    assert_string_equal(buf, "short");
}

/* Every catalog entry keeps the English conversions, in the same order. */
static void conversions(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = s; p && *p && k + 3 < n; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && strchr("0123456789.-+ #", *p))
            out[k++] = *p++;
        if (*p)
            out[k++] = *p;
        out[k++] = ',';
    }
    out[k] = '\0';
}

static void test_catalog_formats(void **state)
{
    (void)state;
    for (unsigned i = 0; i < od_tr_count(); i++) {
        const char *en, *ja, *zh;
        char ce[64], cj[64], cz[64];
        od_tr_entry(i, &en, &ja, &zh);
        conversions(en, ce, sizeof ce);
        conversions(ja, cj, sizeof cj);
        conversions(zh, cz, sizeof cz);
        if (strcmp(ce, cj) != 0 || strcmp(ce, cz) != 0)
            fail_msg("catalog entry \"%s\": conversions en '%s', ja '%s', zh '%s'", en, ce, cj, cz);
        for (unsigned j = 0; j < i; j++) {
            const char *other, *a, *b;
            od_tr_entry(j, &other, &a, &b);
            if (strcmp(en, other) == 0)
                fail_msg("catalog entry \"%s\" appears twice", en);
        }
    }
}

/* Another finding's fix joins the root's when its subject is the Base URL
 * the root's fix names, with or without the path an app adds (/v1). */
static void test_related(void **state)
{
    cJSON *root = cJSON_Parse("{\"fixes\": [{\"commands\": [\"http://172.17.0.1:11434/v1\"]}]}");
    cJSON *same = cJSON_Parse("{\"subjects\": [\"http://172.17.0.1:11434\"]}");
    cJSON *other = cJSON_Parse("{\"subjects\": [\"http://172.17.0.1:1143\"]}");
    cJSON *exact = cJSON_Parse("{\"subjects\": [\"http://172.17.0.1:11434/v1\"]}");
    (void)state;
    assert_true(od_render_related(root, same));
    assert_true(od_render_related(root, exact));
    assert_false(od_render_related(root, other)); /* a prefix of the port is another URL */
    cJSON_Delete(root), cJSON_Delete(same), cJSON_Delete(other), cJSON_Delete(exact);
}

static void test_lang_pick(void **state)
{
    char *ja[] = {"LANG=ja_JP.UTF-8", NULL};
    char *zh[] = {"LC_ALL=zh_CN.UTF-8", "LANG=ja_JP.UTF-8", NULL};
    char *cfirst[] = {"LC_ALL=C", "LANG=ja_JP.UTF-8", NULL};
    char *none[] = {NULL};
    (void)state;
    assert_int_equal(od_lang_pick(NULL, ja), OD_LANG_JA);
    assert_int_equal(od_lang_pick(NULL, zh), OD_LANG_ZH);
    assert_int_equal(od_lang_pick(NULL, cfirst), OD_LANG_EN);
    assert_int_equal(od_lang_pick(NULL, none), OD_LANG_EN);
    assert_int_equal(od_lang_pick("zh", ja), OD_LANG_ZH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),          cmocka_unit_test(test_wrap),      cmocka_unit_test(test_fit),
        cmocka_unit_test(test_catalog_formats), cmocka_unit_test(test_lang_pick), cmocka_unit_test(test_golden), cmocka_unit_test(test_related),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
