/* fuzz_listen — /proc/net/tcp and tcp6 text (listen.c). */
#include "fuzz.h"

#include <sys/socket.h>

#include "listen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_str(data, size);
    struct od_listener l[16];
    size_t n = 0;
    od_listen_parse(text, AF_INET, 0, l, 16, &n);
    od_listen_parse(text, AF_INET6, 11434, l, 16, &n);
    FUZZ_CHECK(n <= 16, "%zu listeners", n);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(l[i].port >= 0 && l[i].port <= 65535, "port %d", l[i].port);
        (void)od_listen_scope_name(l[i].scope);
    }
    free(text);
    return 0;
}
