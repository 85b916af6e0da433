/* fuzz_redact — the redaction pass (redact.c) and the credential stripper
 * (od_url_redact). Properties: redaction is idempotent; JSON stays JSON;
 * the stripper is idempotent and never keeps what precedes the last '@'. */
#include "fuzz.h"

#include <cjson/cJSON.h>

#include "redact.h"
#include "url.h"
#include "util.h"

static void check_redact(const char *in, size_t len)
{
    size_t n1 = 0, n2 = 0;
    char *r1 = od_redact(in, len, &n1), *r2;
    FUZZ_CHECK(r1, "od_redact returned NULL");
    r2 = od_redact(r1, n1, &n2);
    FUZZ_CHECK(r2 && n1 == n2 && memcmp(r1, r2, n1) == 0, "not idempotent:\n  in:  %.*s\n  1st: %s\n  2nd: %s",
               (int)len, in, r1, r2 ? r2 : "(null)");
    if (memchr(in, '\0', len) == NULL) {
        cJSON *j = cJSON_ParseWithLength(in, len);
        if (j) {
            cJSON *k = cJSON_ParseWithLength(r1, n1);
            FUZZ_CHECK(k, "JSON in, not JSON out:\n  in:  %.*s\n  out: %s", (int)len, in, r1);
            cJSON_Delete(k);
        }
        cJSON_Delete(j);
    }
    free(r1);
    free(r2);
}

static void check_strip(const char *s)
{
    size_t cap = strlen(s) + 16;
    char *a = malloc(cap), *b = malloc(cap);
    const char *at = strrchr(s, '@');
    FUZZ_CHECK(a && b, "malloc");
    od_url_redact(s, a, (unsigned)cap);
    od_url_redact(a, b, (unsigned)cap);
    FUZZ_CHECK(strcmp(a, b) == 0, "strip not idempotent: %s -> %s -> %s", s, a, b);
    if (at)
        FUZZ_CHECK(strlen(a) >= strlen(at) && strcmp(a + strlen(a) - strlen(at), at) == 0,
                   "strip lost the host: %s -> %s", s, a);
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    check_redact((const char *)data, size);
    check_strip(s);
    od_redact_name_sensitive(s, strlen(s));
    {
        size_t n = od_printable(s);
        FUZZ_CHECK(n == strlen(s), "od_printable length");
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f, "control byte left by od_printable");
        FUZZ_CHECK(od_printable(s) == n, "od_printable not idempotent");
    }
    free(s);
    return 0;
}
