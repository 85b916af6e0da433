/* fuzz_proxy — proxy variables as Python requests reads them (proxy.c): the
 * first line is the host, the others the environment (NAME=value). */
#include "fuzz.h"

#include "proxy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), *host, *rest, *vars[33], out[512], shown[512];
    size_t n = 0;
    struct od_env env = {vars};
    host = fuzz_split(s, '\n', &rest);
    while (*rest && n < 32) {
        char *next;
        vars[n++] = fuzz_split(rest, '\n', &next);
        rest = next;
    }
    vars[n] = NULL;
    if (od_proxy_for(&env, "http", host, 11434, out, sizeof out))
        od_proxy_redact(out, shown, sizeof shown);
    od_proxy_for(&env, "https", host, -1, out, sizeof out);
    od_proxy_for(&env, "HTTP", host, 0, out, 8);
    (void)od_no_proxy_match(n ? vars[0] : "", host, 80);
    (void)od_env_get(&env, "NO_PROXY");
    od_proxy_redact(host, shown, sizeof shown);
    free(s);
    return 0;
}
