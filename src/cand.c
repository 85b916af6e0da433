/* cand — build the candidate list (SPEC "Candidates"). */
#include "cand.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static int cand_add(struct od_cands *c, const char *text, const char *origin, int port, int builtin)
{
    struct od_cand k;
    char why[128], a[1400], b[1400];

    memset(&k, 0, sizeof k);
    if (od_url_parse(text, port, &k.url, why, sizeof why) != 0)
        return 0; /* built-ins are well-formed; user input was validated by opts */
    od_url_format(&k.url, 1, a, sizeof a);
    for (size_t i = 0; i < c->n; i++) {
        od_url_format(&c->v[i].url, 1, b, sizeof b);
        if (strcmp(a, b) == 0)
            return 0;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        struct od_cand *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    if (strcmp(origin, "url") != 0)
        k.url.has_scheme = 1; /* only a typed Base URL can lack one */
    od_strlcpy(k.text, text, sizeof k.text);
    k.origin = origin;
    k.builtin = builtin;
    c->v[c->n++] = k;
    return 0;
}

/* A bare IPv6 address needs brackets before a port can follow it. */
static int add_addr(struct od_cands *c, const char *addr, const char *origin, int port)
{
    char text[OD_ADDRLEN + 2];
    if (od_ip_family(addr) == AF_INET6 && addr[0] != '[') {
        snprintf(text, sizeof text, "[%s]", addr);
        return cand_add(c, text, origin, port, 1);
    }
    return cand_add(c, addr, origin, port, 1);
}

static int is_link_local6(const char *a)
{
    return strncasecmp(a, "fe8", 3) == 0 || strncasecmp(a, "fe9", 3) == 0 || strncasecmp(a, "fea", 3) == 0 ||
           strncasecmp(a, "feb", 3) == 0;
}

/* Names and fixed addresses tried from inside a container, in SPEC order. */
static const struct { const char *host; const char *origin; int container_only; } fixed[] = {
    {"localhost", "localhost", 0},
    {"127.0.0.1", "localhost", 0},
    {"[::1]", "localhost", 0},
    {"host.docker.internal", "host-docker-internal", 0},
    {"gateway.docker.internal", "gateway-docker-internal", 1},
    {"host.containers.internal", "host-containers-internal", 1},
};

static int build_container(const struct od_opts *o, const struct od_facts *f, struct od_cands *c)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && !rc; i++)
        rc = cand_add(c, fixed[i].host, fixed[i].origin, f->port, 1);
    for (size_t i = 0; i < f->ngateways && !rc; i++)
        if (!(f->gateways[i].family == AF_INET6 && is_link_local6(f->gateways[i].addr)))
            rc = add_addr(c, f->gateways[i].addr, "gateway", f->port);
    if (!rc)
        rc = cand_add(c, "172.17.0.1", "docker0", f->port, 1);
    for (size_t i = 0; i < o->host_ips.n && !rc; i++)
        rc = add_addr(c, o->host_ips.v[i], "lan", f->port);
    if (!rc)
        rc = cand_add(c, "ollama", "service-name", f->port, 1);
    return rc;
}

static int build_host(const struct od_opts *o, const struct od_facts *f, struct od_cands *c)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && !rc; i++)
        if (!fixed[i].container_only)
            rc = cand_add(c, fixed[i].host, fixed[i].origin, f->port, 1);
    for (size_t i = 0; i < f->nifaddrs && !rc; i++) {
        const struct od_ifaddr *d = &f->ifaddrs[i];
        if (d->loopback || !d->up || (d->family == AF_INET6 && is_link_local6(d->addr)))
            continue;
        rc = add_addr(c, d->addr, strcmp(d->name, "docker0") == 0 ? "docker0" : "lan", f->port);
    }
    for (size_t i = 0; i < o->host_ips.n && !rc; i++)
        rc = add_addr(c, o->host_ips.v[i], "lan", f->port);
    return rc;
}

int od_cands_build(const struct od_opts *o, const struct od_facts *f, struct od_cands *out)
{
    int rc = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < o->urls.n && !rc; i++)
        rc = cand_add(out, o->urls.v[i], "url", f->port, 0);
    if (o->candidates_set) {
        for (size_t i = 0; i < o->candidates.n && !rc; i++)
            rc = cand_add(out, o->candidates.v[i], "candidates-flag", f->port, 0);
        return rc;
    }
    if (rc)
        return rc;
    return f->in_container ? build_container(o, f, out) : build_host(o, f, out);
}

void od_cands_free(struct od_cands *c)
{
    free(c->v);
    memset(c, 0, sizeof *c);
}
