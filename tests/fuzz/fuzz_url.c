/* fuzz_url — Base URLs (url.c): parse; what parses formats and parses back to
 * the same URL; Python urljoin of two parts; the credential stripper. */
#include "fuzz.h"

#include <sys/socket.h>

#include "url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *text = fuzz_part(&p, end, NULL), *rel = fuzz_part(&p, end, NULL);
    char why[128], buf[1400], joined[600], shown[1400];
    struct od_url u, v;

    if (od_url_parse(text, 11434, &u, why, sizeof why) == 0) {
        FUZZ_CHECK(u.port >= 1 && u.port <= 65535 && u.host[0], "parsed a bad URL from %s", text);
        od_url_format(&u, 1, buf, sizeof buf);
        FUZZ_CHECK(od_url_parse(buf, 11434, &v, why, sizeof why) == 0, "%s -> %s does not parse: %s", text, buf, why);
        FUZZ_CHECK(strcmp(u.host, v.host) == 0 && u.port == v.port && strcmp(u.scheme, v.scheme) == 0 &&
                       strcmp(u.path, v.path) == 0,
                   "%s -> %s parses differently", text, buf);
        od_url_join_path(u.path, rel, joined, sizeof joined);
        FUZZ_CHECK(joined[0] == '/', "urljoin(%s, %s) = %s", u.path, rel, joined);
    } else {
        FUZZ_CHECK(u.host[0] == '\0' && u.port == 0, "half a URL kept after an error");
    }
    od_url_join_path(text, rel, joined, sizeof joined);
    od_url_redact(text, shown, sizeof shown);
    (void)od_url_at_beyond_authority(text);
    free(text);
    free(rel);
    return 0;
}
