/* fuzz_docker — the Docker Engine's answers (docker.c): the body as a
 * /containers/json list (--container auto) and as an inspect document, the
 * status + body seam, the response headers, container names. */
#include "fuzz.h"

#include <cjson/cJSON.h>

#include "docker.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), why[512], name[256], picked[300], path[300];
    long status = size ? (data[0] % 3 == 0 ? 200 : data[0] % 3 == 1 ? 404 : 500) : 200;
    cJSON *j = od_docker_answer(status, s, strlen(s), size > 4096, why, sizeof why);
    struct od_docker d;
    struct od_docker_ctr c;
    struct od_app app;
    const char *line = s;

    if (od_docker_pick(j, name, sizeof name, picked, sizeof picked) == 0)
        FUZZ_CHECK(od_docker_name_ok(name) && od_docker_inspect_path(name, path, sizeof path) == 0,
                   "picked a name that is not a name: %s", name);
    if (od_docker_inspect_read(j, &c) == 0) {
        char *f = cJSON_PrintUnformatted(c.facts);
        FUZZ_CHECK(f, "facts not printable");
        FUZZ_CHECK(c.pid >= 0 && c.pid <= 0x3fffffff, "pid %d", c.pid);
        FUZZ_CHECK(!c.name[0] || od_docker_name_ok(c.name), "name %s", c.name);
        FUZZ_CHECK(!c.id[0] || od_docker_name_ok(c.id), "id %s", c.id);
        free(f);
    }
    od_docker_ctr_free(&c);
    od_docker_recognise(j, &app);
    cJSON_Delete(j);

    memset(&d, 0, sizeof d);
    while (*line) {
        size_t n = strcspn(line, "\n");
        od_docker_header(&d, line, n + (line[n] == '\n'));
        line += n + (line[n] == '\n');
    }
    FUZZ_CHECK(!d.api[0] || strspn(d.api + 1, "0123456789.") == strlen(d.api + 1), "api %s", d.api);
    if (od_docker_inspect_path(s, path, sizeof path) == 0)
        FUZZ_CHECK(!strchr(s, '/') && !strchr(s, '?') && !strchr(s, '#') && !strchr(s, '%'), "path from %s", s);
    free(s);
    return 0;
}
