/* fuzz_hosts — /etc/hosts text (hosts.c): parse, then look a name up. */
#include "fuzz.h"

#include "hosts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *text = fuzz_part(&p, end, NULL), *name = fuzz_part(&p, end, NULL);
    char addrs[8][OD_ADDRLEN];
    struct od_hosts h;
    if (od_hosts_parse(text, &h) == 0) {
        size_t n = od_hosts_lookup(&h, name[0] ? name : "localhost", addrs, 8);
        FUZZ_CHECK(n <= 8, "lookup returned %zu", n);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(memchr(addrs[i], '\0', OD_ADDRLEN), "address not terminated");
        od_hosts_free(&h);
    }
    free(text);
    free(name);
    return 0;
}
