/* listen.c — TCP listeners from /proc/net/tcp and /proc/net/tcp6 text. */
#include "listen.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#define OD_TCP_LISTEN 0x0A

static const char *const scope_names[] = {
    [OD_SCOPE_LOOPBACK] = "loopback",
    [OD_SCOPE_ALL] = "all",
    [OD_SCOPE_SPECIFIC] = "specific",
};

const char *od_listen_scope_name(enum od_listen_scope s)
{
    if ((int)s < 0 || (size_t)s >= sizeof(scope_names) / sizeof(scope_names[0]))
        return "unknown";
    return scope_names[s];
}

/* The kernel prints each 32-bit word of the address (network order in
 * memory) as a host-endian %08X; parsing the number back and storing it
 * restores the bytes. */
static int decode_addr(const char *hex, int family, unsigned char out[16])
{
    size_t words = family == AF_INET ? 1 : 4;

    for (size_t i = 0; i < words; i++) {
        uint32_t w;

        if (od_hex_u32(hex + 8 * i, 8, &w) != 0)
            return -1;
        memcpy(out + 4 * i, &w, sizeof(w));
    }
    return 0;
}

static enum od_listen_scope scope_of(const char *addr)
{
    if (od_ip_is_loopback(addr))
        return OD_SCOPE_LOOPBACK;
    if (od_ip_is_unspecified(addr))
        return OD_SCOPE_ALL;
    return OD_SCOPE_SPECIFIC;
}

/* "HEXADDR:PORT" with the address width the family requires. */
static int parse_local(struct od_view f, int family, struct od_listener *l)
{
    size_t alen = family == AF_INET ? 8 : 32;
    unsigned char a[16];
    uint32_t port;

    if (f.n != alen + 5 || f.p[alen] != ':')
        return -1;
    if (decode_addr(f.p, family, a) != 0 || od_hex_u32(f.p + alen + 1, 4, &port) != 0)
        return -1;
    if (!inet_ntop(family, a, l->addr, sizeof(l->addr)))
        return -1;
    l->port = (int)port;
    return 0;
}

static int parse_inode(struct od_view f, unsigned long *out)
{
    unsigned long v = 0;

    if (f.n == 0 || f.n > 19)
        return -1;
    for (size_t i = 0; i < f.n; i++) {
        if (f.p[i] < '0' || f.p[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(f.p[i] - '0');
    }
    *out = v;
    return 0;
}

/* sl local rem st tx:rx tr:when retrnsmt uid timeout inode ... */
static int parse_row(struct od_view line, int family, int port, struct od_listener *l)
{
    struct od_view f[10];
    size_t n = 0;
    uint32_t st;

    while (n < 10 && od_next_field(&line, &f[n]))
        n++;
    if (n < 10 || f[0].n < 2 || f[0].p[f[0].n - 1] != ':')
        return 0;
    if (f[3].n != 2 || od_hex_u32(f[3].p, 2, &st) != 0 || st != OD_TCP_LISTEN)
        return 0;
    if (parse_local(f[1], family, l) != 0 || (port > 0 && l->port != port))
        return 0;
    if (parse_inode(f[9], &l->inode) != 0)
        return 0;
    l->family = family;
    l->scope = scope_of(l->addr);
    return 1;
}

int od_listen_parse(const char *text, int family, int port, struct od_listener *out, size_t max, size_t *n)
{
    const char *cur = text;
    struct od_view line;
    int added = 0;

    if (!out || !n || (family != AF_INET && family != AF_INET6))
        return 0;
    while (*n < max && od_next_line(&cur, &line)) {
        struct od_listener l;

        memset(&l, 0, sizeof(l));
        if (parse_row(line, family, port, &l)) {
            out[(*n)++] = l;
            added++;
        }
    }
    return added;
}
