/* route.c — default gateways from /proc/net/route and /proc/net/ipv6_route text. */
#include "route.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#define OD_RTF_UP 0x0001u
#define OD_RTF_GATEWAY 0x0002u

/* Split a line into up to max fields; returns how many were found. */
static size_t fields(struct od_view line, struct od_view *f, size_t max)
{
    size_t n = 0;

    while (n < max && od_next_field(&line, &f[n]))
        n++;
    return n;
}

static int hex_field(struct od_view f, size_t digits, uint32_t *out)
{
    return f.n == digits ? od_hex_u32(f.p, f.n, out) : -1;
}

static int dec_field(struct od_view f, unsigned *out)
{
    unsigned long v = 0;

    if (f.n == 0 || f.n > 10)
        return -1;
    for (size_t i = 0; i < f.n; i++) {
        if (f.p[i] < '0' || f.p[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(f.p[i] - '0');
    }
    if (v > 0xffffffffUL)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* One /proc/net/route line: Iface Destination Gateway Flags RefCnt Use
 * Metric Mask MTU Window IRTT. Addresses are the network-order u32 printed
 * as a host-endian number, so strtoul-style parsing restores s_addr. */
static int parse_v4(struct od_view line, struct od_gateway *g)
{
    struct od_view f[11];
    uint32_t dest, gw, flags, mask;
    struct in_addr a;

    if (fields(line, f, 11) < 8)
        return 0;
    if (hex_field(f[1], 8, &dest) || hex_field(f[2], 8, &gw) || od_hex_u32(f[3].p, f[3].n, &flags) ||
        hex_field(f[7], 8, &mask) || dec_field(f[6], &g->metric))
        return 0;
    if (dest != 0 || mask != 0 || gw == 0)
        return 0;
    if ((flags & (OD_RTF_UP | OD_RTF_GATEWAY)) != (OD_RTF_UP | OD_RTF_GATEWAY))
        return 0;
    if (od_view_copy(f[0], g->iface, sizeof(g->iface)) != 0)
        return 0;
    a.s_addr = gw;
    g->family = AF_INET;
    return inet_ntop(AF_INET, &a, g->addr, sizeof(g->addr)) != NULL;
}

/* 32 hex digits in plain network byte order (ipv6_route's format). */
static int hex_in6(struct od_view f, unsigned char out[16])
{
    uint32_t b;

    if (f.n != 32)
        return -1;
    for (size_t i = 0; i < 16; i++) {
        if (od_hex_u32(f.p + 2 * i, 2, &b) != 0)
            return -1;
        out[i] = (unsigned char)b;
    }
    return 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/* Text form of the next hop; link-local ones get "%iface", without which
 * they cannot be used. */
static int v6_text(const unsigned char hop[16], const char *iface, char *out, size_t n)
{
    char txt[INET6_ADDRSTRLEN];

    if (!inet_ntop(AF_INET6, hop, txt, sizeof(txt)))
        return 0;
    if (hop[0] == 0xfe && (hop[1] & 0xc0) == 0x80)
        return snprintf(out, n, "%s%%%s", txt, iface) < (int)n;
    return od_strlcpy(out, txt, n) < n;
}

/* One /proc/net/ipv6_route line: dest dest_plen src src_plen next_hop
 * metric refcnt use flags iface. */
static int parse_v6(struct od_view line, struct od_gateway *g)
{
    struct od_view f[10];
    unsigned char dest[16], hop[16];
    uint32_t plen, metric;

    if (fields(line, f, 10) < 10)
        return 0;
    if (hex_in6(f[0], dest) || hex_field(f[1], 2, &plen) || hex_in6(f[4], hop) ||
        hex_field(f[5], 8, &metric))
        return 0;
    if (!all_zero(dest, 16) || plen != 0 || all_zero(hop, 16))
        return 0;
    if (od_view_copy(f[9], g->iface, sizeof(g->iface)) != 0)
        return 0;
    g->family = AF_INET6;
    g->metric = metric;
    return v6_text(hop, g->iface, g->addr, sizeof(g->addr));
}

static int parse_all(const char *text, int (*one)(struct od_view, struct od_gateway *),
                     struct od_gateway *out, size_t max, size_t *n)
{
    const char *cur = text;
    struct od_view line;
    int added = 0;

    if (!out || !n)
        return 0;
    while (*n < max && od_next_line(&cur, &line)) {
        struct od_gateway g;

        memset(&g, 0, sizeof(g));
        if (one(line, &g)) {
            out[(*n)++] = g;
            added++;
        }
    }
    return added;
}

int od_route_parse_v4(const char *text, struct od_gateway *out, size_t max, size_t *n)
{
    return parse_all(text, parse_v4, out, max, n);
}

int od_route_parse_v6(const char *text, struct od_gateway *out, size_t max, size_t *n)
{
    return parse_all(text, parse_v6, out, max, n);
}
