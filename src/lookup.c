/* lookup — literal / hosts file / c-ares DNS resolution for the probes. */
#include "lookup.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define OD_MAX_ADDRS 16

struct pending {
    struct od_resolver *r;
    struct od_dns *dns;
    od_lookup_cb cb;
    void *arg;
    double start;
};

/* c-ares status → SPEC dns.status (a table, not a switch). */
static const struct { int ares; const char *status; } ares_status_map[] = {
    {ARES_SUCCESS, "ok"},         {ARES_ENOTFOUND, "nxdomain"}, {ARES_ENODATA, "nxdomain"},
    {ARES_ESERVFAIL, "servfail"}, {ARES_EREFUSED, "servfail"},  {ARES_EFORMERR, "servfail"},
    {ARES_ENOTIMP, "servfail"},   {ARES_EBADRESP, "servfail"},  {ARES_ETIMEOUT, "timeout"},
    {ARES_ECANCELLED, "timeout"}, {ARES_EDESTRUCTION, "timeout"}, {ARES_ECONNREFUSED, "no-server"},
};

static const char *map_status(int st)
{
    for (size_t i = 0; i < sizeof ares_status_map / sizeof ares_status_map[0]; i++)
        if (ares_status_map[i].ares == st)
            return ares_status_map[i].status;
    return "servfail";
}

static int add_servers(struct od_resolver *r, char *why, size_t whylen)
{
    char csv[1024] = "";
    const struct od_strv *ns = &r->f->resolv.nameservers;
    for (size_t i = 0; i < ns->n; i++) {
        char one[OD_ADDRLEN + 8];
        int fam = od_ip_family(ns->v[i]);
        if (!fam)
            continue;
        snprintf(one, sizeof one, fam == AF_INET6 ? "%s[%s]:53" : "%s%s:53", csv[0] ? "," : "", ns->v[i]);
        strncat(csv, one, sizeof csv - strlen(csv) - 1);
    }
    if (!csv[0])
        return 0;
    int st = ares_set_servers_ports_csv(r->ch, csv);
    if (st != ARES_SUCCESS) {
        snprintf(why, whylen, "c-ares rejected the nameservers '%s': %s", csv, ares_strerror(st));
        return -1;
    }
    r->have_servers = 1;
    return 0;
}

/* The search list of the vantage's resolv.conf (not this process's), without
 * the root domain: "search ." (systemd-resolved's stub file) means no search,
 * and c-ares would otherwise ask for "name.." and report a bad name. */
static int search_domains(const struct od_facts *f, char **out, int max)
{
    int n = 0;
    for (size_t i = 0; f->resolv_known && i < f->resolv.search.n && n < max; i++)
        if (strcmp(f->resolv.search.v[i], ".") != 0 && f->resolv.search.v[i][0])
            out[n++] = f->resolv.search.v[i];
    return n;
}

static int ndots(const struct od_facts *f)
{
    for (size_t i = 0; f->resolv_known && i < f->resolv.options.n; i++)
        if (strncmp(f->resolv.options.v[i], "ndots:", 6) == 0) {
            long v = strtol(f->resolv.options.v[i] + 6, NULL, 10);
            return v < 0 ? 0 : v > 15 ? 15 : (int)v;
        }
    return 1;
}

int od_resolver_init(struct od_resolver *r, const struct od_facts *f, int timeout_ms, char *why, size_t whylen)
{
    struct ares_options opt;
    char lookups[] = "b"; /* the hosts file is read by us, with its source recorded */
    char *domains[6];
    int st;

    memset(r, 0, sizeof *r);
    r->f = f;
    memset(&opt, 0, sizeof opt);
    opt.timeout = timeout_ms / 8 > 50 ? timeout_ms / 8 : 50; /* x1 + x2 over two tries */
    opt.tries = 2;
    opt.lookups = lookups;
    opt.flags = ARES_FLAG_NOCHECKRESP; /* report SERVFAIL/REFUSED instead of hiding them */
    opt.domains = domains;
    opt.ndomains = search_domains(f, domains, 6);
    opt.ndots = ndots(f);
    st = ares_init_options(&r->ch, &opt, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS | ARES_OPT_FLAGS |
                                             ARES_OPT_DOMAINS | ARES_OPT_NDOTS);
    if (st != ARES_SUCCESS) {
        snprintf(why, whylen, "c-ares: %s", ares_strerror(st));
        r->ch = NULL;
        return -1;
    }
    return add_servers(r, why, whylen);
}

static void push_addr(struct od_dns *dns, const char *a)
{
    if (dns->addrs.n < OD_MAX_ADDRS && !od_strv_contains(&dns->addrs, a))
        od_strv_push(&dns->addrs, a);
}

static void on_addrinfo(void *arg, int status, int timeouts, struct ares_addrinfo *res)
{
    struct pending *p = arg;
    (void)timeouts;
    p->dns->status = map_status(status);
    if (status != ARES_SUCCESS)
        snprintf(p->dns->detail, sizeof p->dns->detail, "%s", ares_strerror(status));
    for (struct ares_addrinfo_node *n = res ? res->nodes : NULL; n; n = n->ai_next) {
        char buf[OD_ADDRLEN];
        const void *src = n->ai_family == AF_INET
                              ? (const void *)&((struct sockaddr_in *)(void *)n->ai_addr)->sin_addr
                              : (const void *)&((struct sockaddr_in6 *)(void *)n->ai_addr)->sin6_addr;
        if ((n->ai_family == AF_INET || n->ai_family == AF_INET6) && inet_ntop(n->ai_family, src, buf, sizeof buf))
            push_addr(p->dns, buf);
    }
    if (res)
        ares_freeaddrinfo(res);
    if (status == ARES_SUCCESS && p->dns->addrs.n == 0) {
        p->dns->status = "nxdomain";
        snprintf(p->dns->detail, sizeof p->dns->detail, "no address records");
    }
    p->dns->ms = od_now_ms() - p->start;
    p->r->pending--;
    p->cb(p->arg, p->dns);
    free(p);
}

void od_resolver_start(struct od_resolver *r, const char *name, struct od_dns *dns, od_lookup_cb cb, void *arg)
{
    char addrs[OD_MAX_ADDRS][OD_ADDRLEN];
    double start = od_now_ms();
    size_t n;

    if (od_ip_family(name)) {
        dns->status = "ok";
        dns->source = "literal";
        push_addr(dns, name);
        cb(arg, dns);
        return;
    }
    if (r->f->hosts_known && (n = od_hosts_lookup(&r->f->hosts, name, addrs, OD_MAX_ADDRS)) > 0) {
        dns->status = "ok";
        dns->source = "hosts";
        for (size_t i = 0; i < n; i++)
            push_addr(dns, addrs[i]);
        dns->ms = od_now_ms() - start;
        cb(arg, dns);
        return;
    }
    dns->source = "dns";
    if (!r->have_servers) {
        dns->status = "no-server";
        snprintf(dns->detail, sizeof dns->detail, "no nameserver in resolv.conf");
        cb(arg, dns);
        return;
    }
    struct pending *p = calloc(1, sizeof *p);
    if (!p) {
        dns->status = "servfail";
        snprintf(dns->detail, sizeof dns->detail, "out of memory");
        cb(arg, dns);
        return;
    }
    *p = (struct pending){r, dns, cb, arg, start};
    struct ares_addrinfo_hints hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    r->pending++;
    ares_getaddrinfo(r->ch, name, NULL, &hints, on_addrinfo, p);
}

int od_resolver_socks(struct od_resolver *r, int *fds, short *events, int max)
{
    ares_socket_t socks[ARES_GETSOCK_MAXNUM];
    int n = 0;
    if (!r->ch)
        return 0;
    /* c-ares' own ARES_GETSOCK_WRITABLE shifts a signed 1 by up to 31. */
    unsigned bits = (unsigned)ares_getsock(r->ch, socks, ARES_GETSOCK_MAXNUM);
    for (int i = 0; i < ARES_GETSOCK_MAXNUM && n < max; i++) {
        short ev = 0;
        if (bits & (1u << i))
            ev |= POLLIN;
        if (bits & (1u << (i + ARES_GETSOCK_MAXNUM)))
            ev |= POLLOUT;
        if (!ev)
            continue;
        fds[n] = socks[i];
        events[n++] = ev;
    }
    return n;
}

void od_resolver_process(struct od_resolver *r, int fd, int readable, int writable)
{
    if (r->ch)
        ares_process_fd(r->ch, readable ? fd : ARES_SOCKET_BAD, writable ? fd : ARES_SOCKET_BAD);
}

long od_resolver_timeout_ms(struct od_resolver *r, long max)
{
    struct timeval maxtv = {max / 1000, (max % 1000) * 1000}, tv, *t;
    if (!r->ch || !r->pending)
        return max;
    t = ares_timeout(r->ch, &maxtv, &tv);
    return t ? t->tv_sec * 1000 + (t->tv_usec + 999) / 1000 : max;
}

void od_resolver_cancel(struct od_resolver *r)
{
    if (r->ch && r->pending)
        ares_cancel(r->ch);
}

void od_resolver_free(struct od_resolver *r)
{
    if (r->ch)
        ares_destroy(r->ch);
    r->ch = NULL;
}
