/* test_model — model.c's readers of /api/tags and /api/show: server values
 * are kept bounded and typed whatever the answer's shape, names are matched
 * as Ollama does (a name without a tag means :latest), suggestions carry no
 * duplicate. (Request bodies are built with cJSON; t_model checks them
 * against the fake server.) */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void reset(struct od_model *m, const char *requested)
{
    memset(m, 0, sizeof *m);
    snprintf(m->requested, sizeof m->requested, "%s", requested);
}

static void test_tags_shapes(void **state)
{
    static const char *const odd[] = {"", "null", "[]", "{\"models\": 5}", "{\"models\": [1, null, {}]}",
                                      "{\"models\": [{\"name\": 7}]}", "not json"};
    struct od_model m;
    (void)state;
    for (size_t i = 0; i < N_ELEMS(odd); i++) {
        reset(&m, "llama3.2");
        od_model_read_tags(&m, odd[i], strlen(odd[i]));
        assert_false(m.found);
        assert_true(m.installed.n == 0);
        od_model_free(&m);
    }
}

static void test_tag_latest_and_closest(void **state)
{
    const char *tags = "{\"models\": [{\"name\": \"llama3.2:latest\"}, {\"name\": \"llama3.2:latest\"},"
                       " {\"name\": \"llava:latest\"}, {\"name\": \"nomic-embed-text:latest\"}]}";
    struct od_model m;
    (void)state;
    reset(&m, "llama3.2");
    od_model_read_tags(&m, tags, strlen(tags));
    assert_true(m.tags_ok);
    assert_true(m.found);
    assert_string_equal(m.name, "llama3.2:latest");
    od_model_free(&m);
    reset(&m, "llama3.2:3b");
    od_model_read_tags(&m, tags, strlen(tags));
    assert_false(m.found);
    assert_true(m.closest.n >= 1 && m.closest.n <= 3);
    assert_string_equal(m.closest.v[0], "llama3.2:latest");
    for (size_t i = 1; i < m.closest.n; i++) /* no name twice in "did you mean" */
        assert_string_not_equal(m.closest.v[i], m.closest.v[0]);
    od_model_free(&m);
}

static void test_show_bounded(void **state)
{
    char *deep = malloc(4200), *p;
    struct od_model m;
    (void)state;
    /* a model_info nested 1000 deep, a huge context length, a long architecture name */
    p = deep + sprintf(deep, "{\"capabilities\": [\"completion\", 5, \"tools\"], \"model_info\": "
                             "{\"general.architecture\": \"%0200d\", \"x\": ", 7);
    for (int i = 0; i < 1000; i++)
        *p++ = '[';
    for (int i = 0; i < 1000; i++)
        *p++ = ']';
    strcpy(p, "}}");
    reset(&m, "m");
    od_model_read_show(&m, deep, strlen(deep));
    assert_true(strlen(m.architecture) < sizeof m.architecture);
    assert_true(m.capabilities.n <= 2);
    assert_true(m.context_length >= 0);
    od_model_free(&m);
    free(deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tags_shapes),
        cmocka_unit_test(test_tag_latest_and_closest),
        cmocka_unit_test(test_show_bounded),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
