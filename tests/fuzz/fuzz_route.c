/* fuzz_route — /proc/net/route and /proc/net/ipv6_route text (route.c). */
#include "fuzz.h"

#include "route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_str(data, size);
    struct od_gateway gw[8];
    size_t n = 0;
    od_route_parse_v4(text, gw, 8, &n);
    FUZZ_CHECK(n <= 8, "v4: %zu gateways", n);
    od_route_parse_v6(text, gw, 8, &n);
    FUZZ_CHECK(n <= 8, "v6: %zu gateways", n);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(memchr(gw[i].addr, '\0', sizeof gw[i].addr) && memchr(gw[i].iface, '\0', sizeof gw[i].iface),
                   "gateway %zu not terminated", i);
    free(text);
    return 0;
}
