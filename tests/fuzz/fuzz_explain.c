/* fuzz_explain — a pasted error message (explain.c): parse, then the JSON. */
#include "fuzz.h"

#include <cjson/cJSON.h>

#include "explain.h"
#include "sig.h"

/* The signatures are loaded once, as a long-lived process (the MCP server)
 * would keep them: their regexes compile on first use and stay compiled. */
static struct od_sigs sigs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct od_strv lint = {0};
    (void)argc, (void)argv;
    if (od_sigs_load(&sigs, NULL, &lint, NULL, 0) != 0)
        abort();
    od_strv_free(&lint);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    struct od_explain_input in;
    if (od_explain_read(&sigs, NULL, s, &in) == 0) {
        cJSON *j = od_explain_input_json(&in), *back;
        char *p = cJSON_PrintUnformatted(j);
        FUZZ_CHECK(p, "cannot print the input JSON");
        back = cJSON_Parse(p);
        FUZZ_CHECK(back, "the input JSON does not parse back: %s", p);
        FUZZ_CHECK(in.port >= 0 && in.port <= 65535, "port %d", in.port);
        cJSON_Delete(back);
        free(p);
        cJSON_Delete(j);
    }
    free(s);
    return 0;
}
