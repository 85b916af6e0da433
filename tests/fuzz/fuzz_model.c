/* fuzz_model — Ollama's /api/tags, /api/show, /api/chat and /api/ps answers
 * through model.c's transport seam: tags SEP show SEP chat SEP ps SEP name.
 * Properties: the report keeps its own shape (no server JSON copied at
 * depth), and the app settings' context size is a sane number. */
#include "fuzz.h"

#include <cjson/cJSON.h>

#include "body.h"
#include "model.h"

struct answers {
    char *part[4];
    size_t len[4];
    unsigned status_bits;
};

static void send_fuzz(void *ctx, const char *path, const char *post, long timeout_ms, long *status,
                      struct od_body *b)
{
    static const char *const paths[] = {"/api/tags", "/api/show", "/api/chat", "/api/ps"};
    struct answers *a = ctx;
    cJSON *j = post ? cJSON_Parse(post) : NULL;
    (void)timeout_ms;
    FUZZ_CHECK(!post || j, "POST body is not JSON: %s", post);
    cJSON_Delete(j);
    for (int i = 0; i < 4; i++)
        if (strcmp(path, paths[i]) == 0) {
            *status = (a->status_bits >> i) & 1 ? 500 : 200;
            od_body_write(a->part[i], 1, a->len[i], b);
        }
}

static int depth(const cJSON *j)
{
    int d = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        int k = depth(it);
        d = k > d ? k : d;
    }
    return (cJSON_IsArray(j) || cJSON_IsObject(j)) + d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    struct answers a;
    struct od_opts o;
    struct od_model_io io = {send_fuzz, &a};
    cJSON *settings = NULL, *m;
    char *name;
    for (int i = 0; i < 4; i++)
        a.part[i] = fuzz_part(&p, end, &a.len[i]);
    name = fuzz_part(&p, end, NULL);
    a.status_bits = size ? data[size - 1] : 0;
    memset(&o, 0, sizeof o);
    o.model = name[0] ? name : (char *)"m";
    o.timeout_ms = 1000;
    o.deep = (a.status_bits & 0x10) != 0;
    m = od_model_check_io(&o, &io, "http://h:11434", &settings);
    FUZZ_CHECK(m && depth(m) <= 3, "context.model nested %d deep", m ? depth(m) : -1);
    if (settings) {
        double ctx = cJSON_GetNumberValue(cJSON_GetObjectItem(settings, "context_size"));
        FUZZ_CHECK(ctx >= 1 && ctx <= (1 << 24), "context_size %f", ctx);
        FUZZ_CHECK(depth(settings) == 1, "app_settings nested");
    }
    cJSON_Delete(settings);
    cJSON_Delete(m);
    for (int i = 0; i < 4; i++)
        free(a.part[i]);
    free(name);
    return 0;
}
