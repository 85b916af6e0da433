/* situation — roles, the question, where Ollama is, measured fix values. */
#include "situation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "cand.h"
#include "url.h"

static const char *const role_names[] = {
    [OD_ROLE_UNKNOWN] = "unknown",
    [OD_ROLE_DOCKER_HOST] = "docker-host",
    [OD_ROLE_THIS_CONTAINER] = "this-container",
    [OD_ROLE_OTHER_CONTAINER] = "other-container",
    [OD_ROLE_OTHER_MACHINE] = "other-machine",
};

const char *od_role_name(enum od_role r)
{
    return role_names[r];
}

/* Origins in the order a Base URL is preferred: the user's own, then names
 * that survive restarts, then addresses. */
static const char *const origin_pref[] = {
    "url",          "candidates-flag", "host-docker-internal", "host-containers-internal", "gateway-docker-internal",
    "service-name", "docker0",         "gateway",              "lan",                      "localhost"};

static size_t origin_rank(const struct od_cand *c)
{
    const size_t n = sizeof origin_pref / sizeof origin_pref[0];
    for (size_t i = 0; i < n; i++)
        if (od_cand_has_origin(c, origin_pref[i]))
            return i;
    return n;
}

static int is_ok(const char *klass)
{
    return klass && strcmp(klass, "ok") == 0;
}

/* --- roles ---------------------------------------------------------------- */

static void because(struct od_addr_role *a, enum od_role role, int confirmed, const char *why)
{
    a->role = role;
    a->confirmed = confirmed;
    if (a->nwhy < OD_SIT_MAX_WHY)
        a->why[a->nwhy++] = why;
}

static int local_to(const struct od_facts *f, const char *addr)
{
    return f && od_facts_is_local_addr(f, addr) && !od_ip_is_loopback(addr);
}

static int in_hosts_as_host(const struct od_facts *f, const char *addr)
{
    for (size_t i = 0; f->hosts_known && i < f->hosts.n; i++)
        if (strcmp(f->hosts.v[i].addr, addr) == 0)
            for (size_t k = 0; k < f->hosts.v[i].names.n; k++)
                if (od_is_host_alias(f->hosts.v[i].names.v[k]))
                    return 1;
    return 0;
}

/* What a host name (host.docker.internal ...) resolved to in the probes. */
static int resolved_from_host_name(const struct od_run *r, const char *addr)
{
    for (size_t i = 0; i < r->n; i++)
        if (od_is_host_alias(r->probes[i].cand->url.host) && od_strv_contains(&r->probes[i].dns.addrs, addr))
            return 1;
    return 0;
}

static int is_gateway(const struct od_facts *f, const char *addr)
{
    for (size_t i = 0; i < f->ngateways; i++)
        if (strcmp(f->gateways[i].addr, addr) == 0)
            return 1;
    return 0;
}

static int on_own_subnet(const struct od_facts *f, const char *addr)
{
    for (size_t i = 0; i < f->nifaddrs; i++)
        if (!f->ifaddrs[i].loopback && f->ifaddrs[i].prefix > 0 &&
            od_ip_in_prefix(addr, f->ifaddrs[i].addr, f->ifaddrs[i].prefix))
            return 1;
    return 0;
}

/* The TCP outcome at addr on port: 'r' refused, 'c' connected, 't' timeout,
 * 'u' unreachable, 0 when not tried. */
static char tcp_at(const struct od_run *r, const char *addr, int port)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct od_probe *p = &r->probes[i];
        if (p->cand->url.port != port)
            continue;
        for (size_t k = 0; k < p->natt; k++) {
            const struct od_attempt *a = &p->att[k];
            if (a->skipped || strcmp(a->addr, addr) != 0)
                continue;
            return a->tcp == OD_TCP_REFUSED ? 'r' : a->tcp == OD_TCP_CONNECTED ? 'c' : a->tcp == OD_TCP_TIMEOUT ? 't' : 'u';
        }
    }
    return 0;
}

/* Docker's usual docker0 address, when nothing here measured it, counts as
 * the Docker host only if it answers the way the gateway does: a host that
 * refuses on its gateway address refuses on all its addresses. */
static int behaves_like_gateway(const struct od_sit_in *in, const char *addr)
{
    const struct od_facts *f = in->f;
    for (size_t i = 0; i < f->ngateways; i++) {
        char g = tcp_at(in->r, f->gateways[i].addr, f->port), a = tcp_at(in->r, addr, f->port);
        if (g && a && (g == a || (g == 'c' && a == 'r') || (g == 'r' && a == 'c')))
            return 1;
    }
    return 0;
}

static void role_host_vantage(const struct od_sit_in *in, struct od_addr_role *a)
{
    const struct od_dcontainer *c = in->hf ? od_engine_container_by_ip(&in->hf->engine, a->addr) : NULL;
    if (a->loopback)
        because(a, OD_ROLE_DOCKER_HOST, 1, "this machine's loopback");
    else if (local_to(in->f, a->addr))
        because(a, OD_ROLE_DOCKER_HOST, 1, "an address of this machine");
    else if (c)
        because(a, OD_ROLE_OTHER_CONTAINER, 1, "a container's address (Docker Engine)");
    else
        because(a, OD_ROLE_OTHER_MACHINE, 1, "not an address of this machine");
}

static void role_container_vantage(const struct od_sit_in *in, const struct od_situation *s, struct od_addr_role *a)
{
    const struct od_facts *f = in->f;
    const struct od_dcontainer *c = in->hf ? od_engine_container_by_ip(&in->hf->engine, a->addr) : NULL;

    if (a->loopback) {
        if (s->host_network)
            because(a, OD_ROLE_DOCKER_HOST, 1, "loopback of the host, whose network this container shares");
        else
            because(a, OD_ROLE_THIS_CONTAINER, 1, "loopback: this container itself");
    } else if (od_facts_is_local_addr(f, a->addr)) {
        because(a, s->host_network ? OD_ROLE_DOCKER_HOST : OD_ROLE_THIS_CONTAINER, 1, "an address of this container");
    } else if (local_to(in->hostf, a->addr)) {
        because(a, OD_ROLE_DOCKER_HOST, 1, "an address of the Docker host (its interfaces)");
    } else if (c) {
        because(a, OD_ROLE_OTHER_CONTAINER, 1, "a container's address (Docker Engine)");
    } else if (is_gateway(f, a->addr)) {
        because(a, OD_ROLE_DOCKER_HOST, 1, "the default gateway: the Docker host's bridge address");
    } else if (in_hosts_as_host(f, a->addr)) {
        because(a, OD_ROLE_DOCKER_HOST, 1, "/etc/hosts maps a host name to it (host-gateway)");
    } else if (resolved_from_host_name(in->r, a->addr)) {
        because(a, OD_ROLE_DOCKER_HOST, 1, "host.docker.internal resolves to it");
    } else if (od_strv_contains(&in->o->host_ips, a->addr)) {
        because(a, OD_ROLE_DOCKER_HOST, 1, "given with --host-ip");
    } else if (on_own_subnet(f, a->addr)) {
        because(a, OD_ROLE_OTHER_CONTAINER, in->hostf && in->hostf->ifaddrs_known, "on this container's network");
    } else if (in->hostf && in->hostf->ifaddrs_known) {
        because(a, OD_ROLE_OTHER_MACHINE, 1, "not an address of the Docker host");
    } else if (strcmp(a->addr, "172.17.0.1") == 0 && behaves_like_gateway(in, a->addr)) {
        because(a, OD_ROLE_DOCKER_HOST, 0, "Docker's usual docker0 address; it answers as the gateway does");
    } else if (strcmp(a->addr, "172.17.0.1") == 0) {
        because(a, OD_ROLE_UNKNOWN, 0, "Docker's usual docker0 address, not confirmed here");
    } else {
        because(a, OD_ROLE_UNKNOWN, 0, "outside this container's networks: the Docker host's LAN address or another machine");
    }
}

static struct od_addr_role *role_of(const struct od_sit_in *in, struct od_situation *s, const char *addr)
{
    struct od_addr_role *a;
    for (size_t i = 0; i < s->naddrs; i++)
        if (strcmp(s->addrs[i].addr, addr) == 0)
            return &s->addrs[i];
    a = realloc(s->addrs, (s->naddrs + 1) * sizeof *s->addrs);
    if (!a)
        return NULL;
    s->addrs = a;
    a = &s->addrs[s->naddrs++];
    memset(a, 0, sizeof *a);
    od_strlcpy(a->addr, addr, sizeof a->addr);
    a->loopback = od_ip_is_loopback(addr) || od_ip_is_unspecified(addr);
    if (in->f->in_container)
        role_container_vantage(in, s, a);
    else
        role_host_vantage(in, a);
    return a;
}

const struct od_addr_role *od_situation_role(const struct od_situation *s, const char *addr)
{
    for (size_t i = 0; i < s->naddrs; i++)
        if (strcmp(s->addrs[i].addr, addr) == 0)
            return &s->addrs[i];
    return NULL;
}

/* --- probes ------------------------------------------------------------- */

/* The attempt that speaks for the probe: one that reached Ollama, else the first tried. */
static const struct od_attempt *telling_attempt(const struct od_probe *p)
{
    const struct od_attempt *first = NULL;
    for (size_t i = 0; i < p->natt; i++) {
        if (p->att[i].skipped)
            continue;
        if (is_ok(p->att[i].klass))
            return &p->att[i];
        if (!first)
            first = &p->att[i];
    }
    return first;
}

static void label(const struct od_sit_in *in, const struct od_probe *p, struct od_probe_sit *ps)
{
    const char *host = p->cand->url.host;
    const struct od_dcontainer *c = NULL;
    const struct od_attempt *a = telling_attempt(p);
    if (in->hf && a)
        c = od_engine_container_by_ip(&in->hf->engine, a->addr);
    switch (ps->role) {
    case OD_ROLE_DOCKER_HOST:
        snprintf(ps->label, sizeof ps->label, "%s", in->f->in_container ? "the Docker host" : "this machine");
        break;
    case OD_ROLE_THIS_CONTAINER:
        snprintf(ps->label, sizeof ps->label, "this container");
        break;
    case OD_ROLE_OTHER_CONTAINER:
        if (c)
            snprintf(ps->label, sizeof ps->label, "the container %.100s", c->name);
        else
            snprintf(ps->label, sizeof ps->label, "another container");
        break;
    case OD_ROLE_OTHER_MACHINE:
        snprintf(ps->label, sizeof ps->label, "another machine (%.90s)", host);
        break;
    default:
        snprintf(ps->label, sizeof ps->label, "the machine at %.90s", host);
    }
}

/* A name that did not resolve: what it is for. */
static void intended_role(const struct od_situation *s, const struct od_probe *p, struct od_probe_sit *ps)
{
    const char *host = p->cand->url.host;
    if (od_is_loopback_name(host)) {
        ps->loopback = 1;
        ps->role = s->host_network || !s->app_in_container ? OD_ROLE_DOCKER_HOST : OD_ROLE_THIS_CONTAINER;
        ps->role_confirmed = 1;
    } else if (od_is_host_alias(host)) {
        ps->role = OD_ROLE_DOCKER_HOST;
    } else if (od_is_service_name(host)) {
        ps->role = OD_ROLE_OTHER_CONTAINER; /* a compose service name, a Kubernetes Service */
    } else {
        ps->role = OD_ROLE_UNKNOWN;
    }
}

static void probe_roles(const struct od_sit_in *in, struct od_situation *s)
{
    for (size_t i = 0; i < in->r->n; i++) {
        const struct od_probe *p = &in->r->probes[i];
        struct od_probe_sit *ps = &s->ps[i];
        const struct od_attempt *a = telling_attempt(p);
        for (size_t k = 0; k < p->natt; k++)
            role_of(in, s, p->att[k].addr);
        ps->asked = p->cand->asked;
        if (a) {
            const struct od_addr_role *r = od_situation_role(s, a->addr);
            ps->role = r ? r->role : OD_ROLE_UNKNOWN;
            ps->role_confirmed = r && r->confirmed;
            ps->loopback = r && r->loopback;
        } else {
            intended_role(s, p, ps);
        }
        /* A loopback URL verified from the host is no use to an app in a
         * container, unless the user listed it with --candidates. */
        ps->usable = is_ok(p->klass) && !(ps->loopback && !in->f->in_container && s->app_in_container &&
                                          !od_cand_has_origin(p->cand, "candidates-flag"));
        label(in, p, ps);
        ps->forwarder = od_host_forwarder(p->cand->url.host, in->f->in_container);
        for (size_t k = 0; k < p->natt && !ps->forwarder; k++)
            ps->forwarder = od_host_forwarder(p->att[k].addr, in->f->in_container);
    }
}

/* --- the Docker host, at the question's port ----------------------------- */

static void docker_host(const struct od_sit_in *in, struct od_situation *s)
{
    const struct od_run *r = in->r;
    int refused = 0, other = 0;
    for (size_t i = 0; i < s->naddrs; i++)
        if (s->addrs[i].role == OD_ROLE_DOCKER_HOST && !s->addrs[i].loopback &&
            !od_strv_contains(&s->host_addrs, s->addrs[i].addr))
            od_strv_push(&s->host_addrs, s->addrs[i].addr);
    for (size_t i = 0; i < r->n; i++) {
        const struct od_probe *p = &r->probes[i];
        for (size_t k = 0; k < p->natt; k++) {
            const struct od_attempt *a = &p->att[k];
            if (a->skipped || !od_strv_contains(&s->host_addrs, a->addr))
                continue;
            s->dh_answers |= a->tcp == OD_TCP_REFUSED || a->tcp == OD_TCP_CONNECTED;
            s->dh_ok |= a->http.ollama;
            if (p->cand->url.port != in->f->port)
                continue;
            s->dh_seen = 1;
            refused += a->tcp == OD_TCP_REFUSED;
            other += a->tcp != OD_TCP_REFUSED;
            s->dh_timeout |= a->tcp == OD_TCP_TIMEOUT;
        }
    }
    s->dh_refused_all = refused > 0 && other == 0;
}

/* --- where Ollama is ------------------------------------------------------ */

static struct od_ollama_at *add_found(struct od_situation *s, const char *addr, int port, const char *via)
{
    struct od_ollama_at *at;
    for (size_t i = 0; i < s->nfound; i++)
        if (strcmp(s->found[i].addr, addr) == 0 && s->found[i].port == port && strcmp(s->found[i].via, via) == 0)
            return NULL;
    if (s->nfound >= OD_SIT_MAX_FOUND)
        return NULL;
    at = &s->found[s->nfound++];
    memset(at, 0, sizeof *at);
    od_strlcpy(at->addr, addr, sizeof at->addr);
    at->port = port;
    at->via = via;
    at->owner_kind = "unknown";
    return at;
}

static void found_by_probes(const struct od_sit_in *in, struct od_situation *s)
{
    for (size_t i = 0; i < in->r->n; i++) {
        const struct od_probe *p = &in->r->probes[i];
        for (size_t k = 0; k < p->natt; k++) {
            struct od_ollama_at *at;
            const struct od_addr_role *r = od_situation_role(s, p->att[k].addr);
            if (!p->att[k].http.ollama || !(at = add_found(s, p->att[k].addr, p->cand->url.port, "probe")))
                continue;
            at->role = r ? r->role : OD_ROLE_UNKNOWN;
            at->loopback = r && r->loopback;
            snprintf(at->owner, sizeof at->owner, "answered at %.180s", p->cand->key);
        }
    }
}

static void owner_text(const struct od_host_listener *l, const struct od_dcontainer *c, struct od_ollama_at *at)
{
    const struct od_owner *o = &l->owner;
    if (o->kind == OD_OWNER_DOCKER_PROXY) {
        at->owner_kind = "docker-proxy";
        if (c)
            od_strlcpy(at->container, c->name, sizeof at->container);
        snprintf(at->owner, sizeof at->owner, "docker-proxy (pid %d) for %s%.100s:%d", o->pid, c ? "container " : "",
                 c ? c->name : o->proxy_to, o->proxy_to_port);
    } else if (o->kind == OD_OWNER_OLLAMA) {
        at->owner_kind = o->unit[0] ? "service" : "process";
        snprintf(at->owner, sizeof at->owner, "%s (pid %d%s%.60s), OLLAMA_HOST=%.80s", o->comm, o->pid,
                 o->unit[0] ? ", " : "", o->unit, o->ollama_host_set ? o->ollama_host : "(unset)");
    } else if (o->kind == OD_OWNER_OTHER) {
        snprintf(at->owner, sizeof at->owner, "%s (pid %d)", o->comm, o->pid);
    } else {
        snprintf(at->owner, sizeof at->owner, "a process this user cannot see");
    }
}

static void found_by_listeners(const struct od_sit_in *in, struct od_situation *s)
{
    int loop = 0, nonloop = 0;
    const struct od_hostfacts *hf = in->hf;
    for (size_t i = 0; i < hf->nlisteners; i++) {
        const struct od_host_listener *l = &hf->listeners[i];
        const struct od_dcontainer *c = l->owner.kind == OD_OWNER_DOCKER_PROXY
                                            ? od_engine_container_by_ip(&hf->engine, l->owner.proxy_to) : NULL;
        int on_port = l->l.port == in->f->port;
        struct od_ollama_at *at;
        /* Ollama's: an ollama process's, a docker-proxy's in front of Ollama,
         * or whatever holds the port asked about. */
        if (!(l->owner.kind == OD_OWNER_OLLAMA || (c && c->ollama) || on_port))
            continue;
        s->listening = 1;
        if (l->owner.kind == OD_OWNER_DOCKER_PROXY) {
            s->published_loopback |= l->l.scope == OD_SCOPE_LOOPBACK;
        } else {
            loop += l->l.scope == OD_SCOPE_LOOPBACK;
            nonloop += l->l.scope != OD_SCOPE_LOOPBACK;
            s->all_interfaces |= l->l.scope == OD_SCOPE_ALL;
        }
        if (!(at = add_found(s, l->l.addr, l->l.port, "listener")))
            continue;
        at->role = OD_ROLE_DOCKER_HOST;
        at->loopback = l->l.scope == OD_SCOPE_LOOPBACK;
        owner_text(l, c, at);
    }
    s->loopback_only = loop > 0 && nonloop == 0;
}

static int publishes_port(const struct od_dcontainer *c, int port)
{
    for (size_t i = 0; i < c->nports; i++)
        if (c->ports[i].host_port == port || c->ports[i].container_port == port)
            return 1;
    return 0;
}

static void found_in_containers(const struct od_sit_in *in, struct od_situation *s)
{
    const struct od_engine *e = &in->hf->engine;
    for (size_t i = 0; i < e->ncs; i++) {
        const struct od_dcontainer *c = &e->cs[i];
        int loop = 0, any = 0;
        struct od_ollama_at *at;
        if (!c->ollama)
            continue;
        if (!s->ollama_container || (publishes_port(c, in->f->port) && !publishes_port(s->ollama_container, in->f->port)))
            s->ollama_container = c;
        for (size_t k = 0; k < c->nports; k++) {
            any++;
            loop += od_ip_is_loopback(c->ports[k].host_ip);
        }
        if (c == s->ollama_container) {
            s->published = any > 0;
            s->published_loopback |= any > 0 && loop == any;
        }
        if (c->nnets && (at = add_found(s, c->nets[0].ip[0] ? c->nets[0].ip : c->name, 11434, "container"))) {
            at->role = OD_ROLE_OTHER_CONTAINER;
            at->owner_kind = "container";
            od_strlcpy(at->container, c->name, sizeof at->container);
            snprintf(at->owner, sizeof at->owner, "container %.50s (image %.50s) on network %.50s", c->name, c->image,
                     c->nets[0].name);
        }
    }
    if (in->t && in->t->is_docker)
        s->app_container = od_engine_container_by_name(e, in->t->name);
    s->shares_network = -1;
    if (s->ollama_container && s->app_container)
        s->shares_network = od_engine_share_network(s->app_container, s->ollama_container);
}

/* The port Ollama really uses, and whether that differs from the question's. */
static void ports(const struct od_sit_in *in, struct od_situation *s)
{
    int at_question = 0, elsewhere = 0;
    for (size_t i = 0; i < s->nfound; i++) {
        const struct od_ollama_at *at = &s->found[i];
        if (strcmp(at->via, "container") == 0)
            continue;
        if (at->port == in->f->port)
            at_question = 1;
        else if (!elsewhere)
            elsewhere = at->port;
    }
    s->ollama_port = at_question || !elsewhere ? in->f->port : elsewhere;
    s->other_port = !at_question && elsewhere ? elsewhere : 0;
}

/* --- the answer before findings ------------------------------------------ */

static int better(const struct od_situation *s, const struct od_run *r, int port, size_t a, size_t b)
{
    const struct od_probe *pa = &r->probes[a], *pb = &r->probes[b];
    if (s->ps[a].asked != s->ps[b].asked)
        return s->ps[a].asked;
    /* an app on this machine itself (not in a container) uses localhost */
    if (!s->app_in_container && s->ps[a].loopback != s->ps[b].loopback)
        return s->ps[a].loopback;
    if (pa->cand->url.has_scheme != pb->cand->url.has_scheme)
        return pa->cand->url.has_scheme; /* a URL the app can use as typed first */
    if ((pa->cand->url.port == port) != (pb->cand->url.port == port))
        return pa->cand->url.port == port;
    return origin_rank(pa->cand) < origin_rank(pb->cand);
}

static int wants_app_path(const struct od_probe *p)
{
    return p->cand->url.path[0] && strcmp(p->cand->url.path, "/") != 0;
}

static void answer(const struct od_sit_in *in, struct od_situation *s, struct od_outcome *out)
{
    const struct od_run *r = in->r;
    size_t best = r->n;
    int asked_broken = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < r->n; i++) {
        const struct od_probe *p = &r->probes[i];
        s->reached |= is_ok(p->klass);
        s->usable += s->ps[i].usable;
        if (s->ps[i].asked) {
            s->nasked++;
            s->asked_ok += is_ok(p->klass) && p->cand->url.has_scheme;
            asked_broken |= !is_ok(p->klass) || !p->cand->url.has_scheme;
        }
        if (s->ps[i].usable && (best == r->n || better(s, r, s->ollama_port, i, best)))
            best = i;
    }
    s->question = s->nasked ? "url" : "which";
    for (size_t i = 0; i < r->n; i++)
        s->ps[i].question = s->nasked ? s->ps[i].asked : best == r->n || i == best;
    if (best < r->n) {
        s->best = out->best = &r->probes[best];
        s->ps[best].recommended = 1;
        od_url_format(&out->best->cand->url, wants_app_path(out->best), out->base_url, sizeof out->base_url);
        od_app_base_url(in->o->app, out->base_url, sizeof out->base_url);
    }
    out->url_broken = asked_broken;
    out->verdict = !s->reached ? OD_VERDICT_UNREACHABLE
                   : (asked_broken || !s->best) ? OD_VERDICT_PROBLEMS
                                                : OD_VERDICT_OK; /* findings may make it worse */
}

/* --- build ------------------------------------------------------------- */

static int host_network(const struct od_sit_in *in)
{
    if (in->t)
        return od_target_host_network(in->t);
    if (!in->f->in_container)
        return 0;
    for (size_t i = 0; i < in->f->nifaddrs; i++) /* bridges exist only in the host's namespace */
        if (strcmp(in->f->ifaddrs[i].name, "docker0") == 0 || strncmp(in->f->ifaddrs[i].name, "br-", 3) == 0)
            return 1;
    return 0;
}

int od_situation_build(const struct od_sit_in *in, struct od_situation *s, struct od_outcome *out)
{
    const struct od_app_profile *app = od_app_find(in->o->app);
    memset(s, 0, sizeof *s);
    if (!(s->ps = calloc(in->r->n ? in->r->n : 1, sizeof *s->ps)))
        return -1;
    s->app_in_container = in->f->in_container || (app ? app->in_container : 1);
    s->host_network = host_network(in);
    s->network_mode = s->host_network ? "host" : in->f->in_container && in->f->ngateways ? "bridge" : "unknown";
    probe_roles(in, s);
    docker_host(in, s);
    found_by_probes(in, s);
    s->listeners_known = in->hf && in->hf->known;
    s->firewall_known = s->listeners_known;
    s->shares_network = -1;
    if (s->listeners_known) {
        found_by_listeners(in, s);
        found_in_containers(in, s);
    }
    ports(in, s);
    answer(in, s, out);
    od_situation_fix_values(in, s);
    return 0;
}

void od_situation_free(struct od_situation *s)
{
    free(s->addrs);
    free(s->ps);
    od_strv_free(&s->host_addrs);
    memset(s, 0, sizeof *s);
}
