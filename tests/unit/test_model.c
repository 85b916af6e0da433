/* test_model — model.c's readers of /api/tags, /api/show, /api/chat and
 * /api/ps through the transport seam (od_model_check_io): request bodies are
 * JSON whatever the model name, server values are copied bounded and only
 * where the report defines them, context sizes are checked. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "model.h"

/* Canned answers by path; every POST body is kept. */
struct canned {
    const char *tags, *show, *chat, *ps;
    char posts[4][600];
    int nposts;
};

static void send_canned(void *ctx, const char *path, const char *post, long timeout_ms, long *status,
                        struct od_body *b)
{
    struct canned *c = ctx;
    const char *ans = strcmp(path, "/api/tags") == 0   ? c->tags
                      : strcmp(path, "/api/show") == 0 ? c->show
                      : strcmp(path, "/api/chat") == 0 ? c->chat
                      : strcmp(path, "/api/ps") == 0   ? c->ps
                                                       : NULL;
    (void)timeout_ms;
    if (post && c->nposts < 4)
        strncpy(c->posts[c->nposts++], post, sizeof c->posts[0] - 1);
    if (!ans)
        return;
    *status = 200;
    od_body_write((char *)ans, 1, strlen(ans), b);
}

static int depth(const cJSON *j)
{
    int d = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        int k = depth(it);
        if (k > d)
            d = k;
    }
    return (cJSON_IsArray(j) || cJSON_IsObject(j)) + d;
}

static cJSON *check(struct canned *c, const char *model, int deep, cJSON **settings)
{
    struct od_opts o;
    struct od_model_io io = {send_canned, c};
    memset(&o, 0, sizeof o);
    o.model = (char *)model;
    o.timeout_ms = 1000;
    o.deep = deep;
    return od_model_check_io(&o, &io, "http://h:11434", settings);
}

/* A name with a quote and a backslash: every body sent parses, with the name. */
static void test_post_bodies_are_json(void **state)
{
    struct canned c = {.tags = "{\"models\":[{\"name\":\"a\\\"b\\\\c:latest\"}]}", .show = "{}", .chat = "{}",
                       .ps = "{}"};
    cJSON *settings = NULL, *m = check(&c, "a\"b\\c", 1, &settings);
    (void)state;
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(m, "found")));
    assert_int_equal(c.nposts, 2); /* /api/show, /api/chat */
    for (int i = 0; i < c.nposts; i++) {
        cJSON *p = cJSON_Parse(c.posts[i]);
        if (!p)
            fail_msg("POST body is not JSON: %s", c.posts[i]);
        assert_string_equal(cJSON_GetObjectItem(p, "model")->valuestring, "a\"b\\c:latest");
        cJSON_Delete(p);
    }
    cJSON_Delete(settings);
    cJSON_Delete(m);
}

/* /api/show nested as deep as cJSON parses: the report keeps its own shape. */
static void test_deep_show_is_not_copied(void **state)
{
    size_t n = 990;
    char *nest = malloc(2 * n + 16), *show = malloc(7 * n + 400);
    struct canned c = {.tags = "{\"models\":[{\"name\":\"m:latest\"}]}", .chat = "{\"done_reason\":{\"x\":[1]}}"};
    cJSON *settings = NULL, *m;
    char *printed;
    (void)state;
    memset(nest, '[', n);
    strcpy(nest + n, "\"x\"");
    memset(nest + n + 3, ']', n);
    nest[2 * n + 3] = '\0';
    snprintf(show, 7 * n + 400,
             "{\"capabilities\":[\"completion\",%s,{\"a\":1},7,\"vision\"],\"details\":{\"family\":%s},"
             "\"model_info\":{\"general.architecture\":%s}}",
             nest, nest, nest);
    c.show = show;
    c.ps = "{\"models\":[{\"name\":\"m:latest\",\"context_length\":[[[4096]]]}]}";
    m = check(&c, "m", 1, &settings);
    printed = cJSON_PrintUnformatted(m);
    assert_non_null(printed);
    cJSON *back = cJSON_Parse(printed);
    assert_non_null(back);
    assert_true(depth(back) <= 3);
    char *caps = cJSON_PrintUnformatted(cJSON_GetObjectItem(m, "capabilities"));
    assert_string_equal(caps, "[\"completion\",\"vision\"]");
    free(caps);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(m, "family")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "deep"), "done_reason")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "deep"), "context_length")));
    free(printed);
    cJSON_Delete(back);
    cJSON_Delete(settings);
    cJSON_Delete(m);
    free(nest);
    free(show);
}

/* Context sizes the server states: whole numbers 1..2^24 only. */
static void test_context_size_bounded(void **state)
{
    static const struct { const char *trained, *params, *ps; double want; } t[] = {
        {"9223372036854775807", "num_ctx -5", "-5", 4096},
        {"-5", "num_ctx 99999999999999999999", "1e300", 4096},
        {"2048.5", "", "0", 4096},
        {"131072", "num_ctx 8192", "null", 8192},
        {"2048", "num_ctx 8192", "\"4096\"", 2048},
        {"131072", "", "32768", 32768},
    };
    (void)state;
    for (size_t i = 0; i < N_ELEMS(t); i++) {
        char show[400], ps[200];
        struct canned c = {.tags = "{\"models\":[{\"name\":\"m:latest\"}]}", .chat = "{}"};
        cJSON *settings = NULL, *m;
        snprintf(show, sizeof show,
                 "{\"capabilities\":[\"completion\"],\"parameters\":\"%s\",\"model_info\":{\"general.architecture\":"
                 "\"llama\",\"llama.context_length\":%s}}",
                 t[i].params, t[i].trained);
        snprintf(ps, sizeof ps, "{\"models\":[{\"name\":\"m:latest\",\"context_length\":%s}]}", t[i].ps);
        c.show = show;
        c.ps = ps;
        m = check(&c, "m", 1, &settings);
        assert_non_null(settings);
        double got = cJSON_GetObjectItem(settings, "context_size")->valuedouble;
        if (got != t[i].want)
            fail_msg("case %zu: context_size %.0f, expected %.0f", i, got, t[i].want);
        double mt = cJSON_GetObjectItem(settings, "max_tokens")->valuedouble;
        assert_true(mt >= 1 && mt <= 4096);
        cJSON_Delete(settings);
        cJSON_Delete(m);
    }
}

/* Answers of other shapes: no crash, a plain "not found". */
static void test_tags_shapes(void **state)
{
    static const char *const tags[] = {"null", "[]", "{\"models\":7}", "{\"models\":{\"name\":\"m:latest\"}}",
                                       "{\"models\":[7,null,{\"name\":7},{\"name\":[\"m:latest\"]}]}", "not json"};
    (void)state;
    for (size_t i = 0; i < N_ELEMS(tags); i++) {
        struct canned c = {.tags = tags[i]};
        cJSON *settings = NULL, *m = check(&c, "m", 0, &settings);
        assert_non_null(m);
        assert_true(cJSON_IsFalse(cJSON_GetObjectItem(m, "found")));
        assert_null(settings);
        cJSON_Delete(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_bodies_are_json),
        cmocka_unit_test(test_deep_show_is_not_copied),
        cmocka_unit_test(test_context_size_bounded),
        cmocka_unit_test(test_tags_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
