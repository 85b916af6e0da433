/* route — default gateways from /proc/net/route and /proc/net/ipv6_route. */
#ifndef OD_ROUTE_H
#define OD_ROUTE_H

#include <stddef.h>
#include "util.h"

struct od_gateway {
    int family; /* AF_INET or AF_INET6 */
    char addr[OD_ADDRLEN];
    char iface[32];
    unsigned metric;
};

/* Append to out (room for max entries, *n already used) the default routes
 * that have a gateway (flags RTF_UP|RTF_GATEWAY, or a non-zero IPv6 next hop)
 * found in the text, in file order. Returns how many were added. Malformed
 * lines and the header are skipped. A link-local IPv6 next hop is given with
 * its zone, "fe80::1%eth0". */
int od_route_parse_v4(const char *text, struct od_gateway *out, size_t max, size_t *n);
int od_route_parse_v6(const char *text, struct od_gateway *out, size_t max, size_t *n);

#endif
