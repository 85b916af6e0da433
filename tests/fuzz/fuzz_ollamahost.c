/* fuzz_ollamahost — OLLAMA_HOST as Ollama parses it (ollamahost.c). Property:
 * the userinfo of a value never shows in the parsed URL. */
#include "fuzz.h"

#include "ollamahost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size), url[600];
    const char *sep = strstr(s, "://"), *at = strrchr(s, '@');
    const char *ui = sep ? sep + 3 : s;
    struct od_ollama_host h;
    od_ollama_host_parse(s, &h);
    FUZZ_CHECK(h.port >= 0 && h.port <= 65535, "port %d", h.port);
    od_ollama_host_url(&h, url, sizeof url);
    (void)od_ollama_host_listens_beyond_loopback(&h);
    if (at && at > ui + 5) { /* a userinfo of 6+ bytes found only there */
        char *secret = strndup(ui, (size_t)(at - ui)), *tail = malloc(strlen(at) + 9);
        if (!secret || !tail)
            abort();
        snprintf(tail, strlen(at) + 9, "REDACTED%s", at); /* what may legitimately follow */
        if (strstr(s, secret) == ui && !strstr(ui + 1, secret) && !strstr(tail, secret) &&
            strspn(secret, " \t\r\n\"'") == 0)
            FUZZ_CHECK(!strstr(h.host, secret) && !strstr(h.path, secret),
                       "credentials kept: %s -> %s", s, url);
        free(secret);
        free(tail);
    }
    free(s);
    return 0;
}
