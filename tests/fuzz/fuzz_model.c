/* fuzz_model — Ollama's /api/tags and /api/show answers through model.c's
 * readers: tags SEP show SEP name. Properties: the typed facts stay bounded
 * (names, capabilities, a sane trained context), whatever the server sends. */
#include "fuzz.h"

#include <cjson/cJSON.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    struct od_model m;
    size_t ltags, lshow;
    char *tags = fuzz_part(&p, end, &ltags), *show = fuzz_part(&p, end, &lshow), *name = fuzz_part(&p, end, NULL);
    memset(&m, 0, sizeof m);
    snprintf(m.requested, sizeof m.requested, "%s", name[0] ? name : "m");
    od_model_read_tags(&m, tags, ltags);
    FUZZ_CHECK(m.installed.n <= OD_MODEL_MAX_INSTALLED, "%zu installed names kept", m.installed.n);
    FUZZ_CHECK(m.closest.n <= 3, "%zu suggestions", m.closest.n);
    FUZZ_CHECK(strlen(m.name) < sizeof m.name, "name not terminated");
    od_model_read_show(&m, show, lshow);
    FUZZ_CHECK(m.context_length >= 0, "trained context %ld", m.context_length);
    FUZZ_CHECK(strlen(m.architecture) < sizeof m.architecture && strlen(m.family) < sizeof m.family, "fields cut");
    od_model_free(&m);
    free(tags);
    free(show);
    free(name);
    return 0;
}
