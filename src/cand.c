/* cand — build the candidate list (SPEC "Candidates"). */
#include "cand.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

int od_cand_has_origin(const struct od_cand *c, const char *origin)
{
    for (size_t i = 0; i < c->norigins; i++)
        if (strcmp(c->origins[i], origin) == 0)
            return 1;
    return 0;
}

static void add_origin(struct od_cand *c, const char *origin)
{
    if (!od_cand_has_origin(c, origin) && c->norigins < OD_MAX_ORIGINS)
        c->origins[c->norigins++] = origin;
}

/* Duplicates are found through an open-addressing table of indexes (slot
 * value i + 1; 0 is empty) keyed by an FNV-1a hash of the key: a thousand
 * --candidates cost a thousand lookups, not half a million comparisons. */
static size_t key_hash(const char *key)
{
    size_t h = (size_t)14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * (size_t)1099511628211ull;
    return h;
}

static size_t *slot_of(const struct od_cands *c, const char *key)
{
    size_t mask = c->nslots - 1, i = key_hash(key) & mask;
    while (c->slots[i] && strcmp(c->v[c->slots[i] - 1].key, key) != 0)
        i = (i + 1) & mask;
    return &c->slots[i];
}

/* Keep the table at most half full: grow it (and re-place every index). */
static int slots_room(struct od_cands *c)
{
    size_t n = c->nslots ? c->nslots : 32;
    size_t *old = c->slots, nold = c->nslots;
    while (2 * (c->n + 1) > n)
        n *= 2;
    if (n == c->nslots)
        return 0;
    if (!(c->slots = calloc(n, sizeof *c->slots))) {
        c->slots = old;
        return -1;
    }
    c->nslots = n;
    for (size_t i = 0; i < nold; i++)
        if (old[i])
            *slot_of(c, c->v[old[i] - 1].key) = old[i];
    free(old);
    return 0;
}

static int cand_add(struct od_cands *c, const char *text, const char *origin, int port, int builtin)
{
    struct od_cand k, *dup;
    size_t *slot;
    char why[128], key[1400];
    int asked = strcmp(origin, "url") == 0;

    memset(&k, 0, sizeof k);
    if (od_url_parse(text, port, &k.url, why, sizeof why) != 0)
        return 0; /* built-ins are well-formed; user input was validated by opts */
    if (!asked)
        k.url.has_scheme = 1; /* only a typed Base URL can lack one */
    od_url_format(&k.url, 1, key, sizeof key);
    if (slots_room(c) != 0)
        return -1;
    slot = slot_of(c, key);
    if (*slot) {
        dup = &c->v[*slot - 1];
        add_origin(dup, origin);
        dup->asked |= asked;
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
    if (!(k.key = od_strdup(key)))
        return -1;
    od_strlcpy(k.text, text, sizeof k.text);
    k.origin = origin;
    add_origin(&k, origin);
    k.builtin = builtin;
    k.asked = asked;
    c->v[c->n++] = k;
    *slot = c->n;
    return 0;
}

/* A built-in host on a port: written bare on the first port, "host:port" on
 * the others (brackets around IPv6 either way). */
static int add_builtin(struct od_cands *c, const struct od_facts *f, const char *host, const char *origin, int port)
{
    char text[OD_ADDRLEN + 16];
    int v6 = od_ip_family(host) == AF_INET6 && host[0] != '[';
    if (port == f->port)
        snprintf(text, sizeof text, v6 ? "[%s]" : "%s", host);
    else
        snprintf(text, sizeof text, v6 ? "[%s]:%d" : "%s:%d", host, port);
    return cand_add(c, text, origin, port, 1);
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
    {"::1", "localhost", 0},
    {"host.docker.internal", "host-docker-internal", 0},
    {"gateway.docker.internal", "gateway-docker-internal", 1},
    {"host.containers.internal", "host-containers-internal", 1},
};

static int build_container(const struct od_opts *o, const struct od_facts *f, int port, struct od_cands *c)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && !rc; i++)
        rc = add_builtin(c, f, fixed[i].host, fixed[i].origin, port);
    for (size_t i = 0; i < f->ngateways && !rc; i++)
        if (!(f->gateways[i].family == AF_INET6 && is_link_local6(f->gateways[i].addr)))
            rc = add_builtin(c, f, f->gateways[i].addr, "gateway", port);
    if (!rc)
        rc = add_builtin(c, f, "172.17.0.1", "docker0", port);
    for (size_t i = 0; i < o->host_ips.n && !rc; i++)
        rc = add_builtin(c, f, o->host_ips.v[i], "lan", port);
    if (!rc)
        rc = add_builtin(c, f, "ollama", "service-name", port);
    return rc;
}

static int build_host(const struct od_opts *o, const struct od_facts *f, int port, struct od_cands *c)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && !rc; i++)
        if (!fixed[i].container_only)
            rc = add_builtin(c, f, fixed[i].host, fixed[i].origin, port);
    for (size_t i = 0; i < f->nifaddrs && !rc; i++) {
        const struct od_ifaddr *d = &f->ifaddrs[i];
        if (d->loopback || !d->up || (d->family == AF_INET6 && is_link_local6(d->addr)))
            continue;
        rc = add_builtin(c, f, d->addr, strcmp(d->name, "docker0") == 0 ? "docker0" : "lan", port);
    }
    for (size_t i = 0; i < o->host_ips.n && !rc; i++)
        rc = add_builtin(c, f, o->host_ips.v[i], "lan", port);
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
    for (size_t k = 0; k < f->nports && !rc; k++)
        rc = f->in_container ? build_container(o, f, f->ports[k], out) : build_host(o, f, f->ports[k], out);
    return rc;
}

void od_cands_free(struct od_cands *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].key);
    free(c->v);
    free(c->slots);
    memset(c, 0, sizeof *c);
}
