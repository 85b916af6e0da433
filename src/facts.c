/* facts — read the vantage's files and environment into struct od_facts. */
#include "facts.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "errname.h"
#include "url.h"

#define OD_FILE_CAP (1u << 20)

const struct od_paths od_paths_live = {
    .root = "",
    .hosts = "/etc/hosts",
    .resolv = "/etc/resolv.conf",
    .route4 = "/proc/net/route",
    .route6 = "/proc/net/ipv6_route",
    .tcp4 = "/proc/net/tcp",
    .tcp6 = "/proc/net/tcp6",
};

/* Read a file, noting the outcome in f->sources. */
static char *read_source(struct od_facts *f, const char *path)
{
    size_t len = 0;
    int trunc = 0;
    char *text = od_read_file(path, OD_FILE_CAP, &len, &trunc);
    if (f->nsources < OD_MAX_SOURCES) {
        struct od_source *s = &f->sources[f->nsources++];
        s->path = path;
        if (text)
            od_strlcpy(s->status, trunc ? "ok (truncated)" : "ok", sizeof s->status);
        else {
            const char *en = od_errno_name(errno);
            snprintf(s->status, sizeof s->status, "unknown: %s", en ? en : "unreadable");
        }
    }
    return text;
}

void od_facts_add_port(struct od_facts *f, int port)
{
    for (size_t i = 0; i < f->nports; i++)
        if (f->ports[i] == port)
            return;
    if (port > 0 && f->nports < OD_MAX_PORTS)
        f->ports[f->nports++] = port;
}

/* The first port a --url names explicitly, or 0. */
static int url_port(const struct od_opts *o)
{
    for (size_t i = 0; i < o->urls.n; i++) {
        struct od_url u;
        char why[64];
        if (od_url_parse(o->urls.v[i], OD_DEFAULT_PORT, &u, why, sizeof why) == 0 && u.port_explicit)
            return u.port;
    }
    return 0;
}

/* The port of the question (--port, a URL's, OLLAMA_HOST's, 11434), then
 * the other hints: built-in candidates are tried on each. */
static void discover_port(const struct od_opts *o, struct od_facts *f)
{
    const char *oh = od_env_get(&f->env, "OLLAMA_HOST");
    int up = url_port(o);
    f->ollama_host_set = oh && *oh;
    od_url_redact(oh ? oh : "", f->ollama_host_raw, sizeof f->ollama_host_raw); /* shown: no credentials */
    od_ollama_host_parse(oh, &f->ollama_host);
    if (o->port) {
        f->port = o->port;
        f->port_source = "flag";
    } else if (up) {
        f->port = up;
        f->port_source = "url";
    } else if (f->ollama_host_set) {
        f->port = f->ollama_host.port;
        f->port_source = "OLLAMA_HOST";
    } else {
        f->port = OD_DEFAULT_PORT;
        f->port_source = "default";
    }
    od_facts_add_port(f, f->port);
    if (up)
        od_facts_add_port(f, up);
    if (f->ollama_host_set)
        od_facts_add_port(f, f->ollama_host.port);
    od_facts_add_port(f, OD_DEFAULT_PORT);
}

static void discover_gateways(struct od_facts *f, const struct od_paths *p)
{
    char *t4 = read_source(f, p->route4);
    char *t6 = read_source(f, p->route6);
    if (t4)
        od_route_parse_v4(t4, f->gateways, OD_MAX_GATEWAYS, &f->ngateways);
    if (t6)
        od_route_parse_v6(t6, f->gateways, OD_MAX_GATEWAYS, &f->ngateways);
    free(t4);
    free(t6);
}

static int mask_prefix(const struct sockaddr *sa)
{
    const unsigned char *b;
    size_t len;
    int bits = 0;
    if (!sa)
        return -1;
    if (sa->sa_family == AF_INET) {
        b = (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
        len = 4;
    } else if (sa->sa_family == AF_INET6) {
        b = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
        len = 16;
    } else
        return -1;
    for (size_t i = 0; i < len; i++)
        for (int k = 7; k >= 0; k--)
            bits += (b[i] >> k) & 1;
    return bits;
}

static void discover_ifaddrs(struct od_facts *f)
{
    struct ifaddrs *ifa = NULL;
    if (getifaddrs(&ifa) != 0)
        return;
    f->ifaddrs_known = 1;
    for (struct ifaddrs *i = ifa; i && f->nifaddrs < OD_MAX_IFADDRS; i = i->ifa_next) {
        if (!i->ifa_addr || (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6))
            continue;
        struct od_ifaddr *d = &f->ifaddrs[f->nifaddrs];
        const void *src = i->ifa_addr->sa_family == AF_INET
                              ? (const void *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr
                              : (const void *)&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr;
        if (!inet_ntop(i->ifa_addr->sa_family, src, d->addr, sizeof d->addr))
            continue;
        od_strlcpy(d->name, i->ifa_name, sizeof d->name);
        d->family = i->ifa_addr->sa_family;
        d->prefix = mask_prefix(i->ifa_netmask);
        d->up = (i->ifa_flags & IFF_UP) != 0;
        d->loopback = (i->ifa_flags & IFF_LOOPBACK) != 0;
        f->nifaddrs++;
    }
    freeifaddrs(ifa);
}

/* Proxy variables requests would look at: any NAME ending in _proxy. */
static void discover_proxyvars(struct od_facts *f)
{
    for (char *const *e = f->env.vars; e && *e && f->nproxyvars < 16; e++) {
        const char *eq = strchr(*e, '=');
        size_t nl = eq ? (size_t)(eq - *e) : 0;
        if (!eq || nl < 6 || nl >= sizeof f->proxyvars[0].name || strncasecmp(*e + nl - 6, "_proxy", 6) != 0)
            continue;
        struct od_proxyvar *v = &f->proxyvars[f->nproxyvars++];
        memcpy(v->name, *e, nl);
        v->name[nl] = '\0';
        if (od_str_endswith(v->name, "no_proxy"))
            od_strlcpy(v->value, eq + 1, sizeof v->value);
        else
            od_proxy_redact(eq + 1, v->value, sizeof v->value);
    }
}

static void discover_listeners(struct od_facts *f, const struct od_paths *p)
{
    char *t4 = read_source(f, p->tcp4);
    char *t6 = read_source(f, p->tcp6);
    f->listeners_checked = 1;
    f->listeners_known = t4 || t6;
    if (t4)
        od_listen_parse(t4, AF_INET, f->port, f->listeners, OD_MAX_LISTENERS, &f->nlisteners);
    if (t6)
        od_listen_parse(t6, AF_INET6, f->port, f->listeners, OD_MAX_LISTENERS, &f->nlisteners);
    free(t4);
    free(t6);
}

/* --os, else this machine (host vantage), else a guess from the kernel the
 * container shares with its host; all three when nothing tells. */
static void discover_target_os(const struct od_opts *o, struct od_facts *f)
{
    static const struct { const char *guess; const char *platforms[3]; } guesses[] = {
        {"linux", {"linux"}},
        {"windows", {"windows"}},
        {"macos-or-windows", {"macos", "windows"}},
    };
    if (o->os && strcmp(o->os, "auto") != 0) {
        od_strv_push(&f->target_os, o->os);
        f->target_os_source = "flag";
        return;
    }
    if (!f->in_container) {
        od_strv_push(&f->target_os, "linux");
        f->target_os_source = "detected";
        return;
    }
    for (size_t i = 0; i < sizeof guesses / sizeof guesses[0]; i++)
        if (strcmp(f->container.os_guess, guesses[i].guess) == 0) {
            for (size_t k = 0; k < 3 && guesses[i].platforms[k]; k++)
                od_strv_push(&f->target_os, guesses[i].platforms[k]);
            f->target_os_source = "guessed";
            return;
        }
    od_strv_push(&f->target_os, "macos");
    od_strv_push(&f->target_os, "linux");
    od_strv_push(&f->target_os, "windows");
    f->target_os_source = "unknown";
}

int od_facts_discover(const struct od_opts *o, const struct od_paths *p, const struct od_env *env,
                      struct od_facts *f)
{
    char *text;
    memset(f, 0, sizeof *f);
    f->env = *env;

    if (od_container_detect(p->root, env, &f->container) != 0)
        return -1;
    if (o->vantage == OD_VANTAGE_AUTO) {
        f->in_container = f->container.inside;
        f->vantage_source = "detected";
    } else {
        f->in_container = o->vantage == OD_VANTAGE_CONTAINER;
        f->vantage_source = "flag";
    }
    if (gethostname(f->hostname, sizeof f->hostname - 1) != 0)
        f->hostname[0] = '\0';

    discover_port(o, f);
    discover_gateways(f, p);
    discover_ifaddrs(f);

    if ((text = read_source(f, p->hosts))) {
        f->hosts_known = od_hosts_parse(text, &f->hosts) == 0;
        free(text);
    }
    if ((text = read_source(f, p->resolv))) {
        f->resolv_known = od_resolv_parse(text, &f->resolv) == 0;
        free(text);
    }
    discover_proxyvars(f);
    if (!f->in_container)
        discover_listeners(f, p);
    discover_target_os(o, f);
    return 0;
}

void od_facts_free(struct od_facts *f)
{
    od_container_free(&f->container);
    od_hosts_free(&f->hosts);
    od_resolv_free(&f->resolv);
    od_strv_free(&f->target_os);
    memset(f, 0, sizeof *f);
}

int od_facts_is_local_addr(const struct od_facts *f, const char *addr)
{
    unsigned char want[16], have[16];
    int fam = od_ip_family(addr);
    if (!fam || inet_pton(fam, addr, want) != 1)
        return 0;
    if (od_ip_is_loopback(addr))
        return 1;
    for (size_t i = 0; i < f->nifaddrs; i++) {
        const struct od_ifaddr *d = &f->ifaddrs[i];
        if (d->family == fam && inet_pton(fam, d->addr, have) == 1 &&
            memcmp(want, have, fam == AF_INET ? 4 : 16) == 0)
            return 1;
    }
    return 0;
}
