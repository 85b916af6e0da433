/* situation_fix — the measured values the fixes are written with
 * (situation.fix in the report): the bridge that exists on that host,
 * Docker's subnets, the narrowest bind that works, the Base URL, the app's
 * own NO_PROXY plus what is missing, the compose service. */
#include "situation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "app.h"
#include "url.h"
#include "util.h"

static void bridge(const struct od_sit_in *in, struct od_situation *s)
{
    const struct od_facts *f = in->f;
    for (size_t i = 0; in->hf && i < in->hf->nbridges && !s->bridge_addr[0]; i++)
        if (strcmp(in->hf->bridges[i].name, "docker0") == 0 && in->hf->bridges[i].family == AF_INET)
            od_strlcpy(s->bridge_addr, in->hf->bridges[i].addr, sizeof s->bridge_addr), s->bridge_source = "host";
    for (size_t i = 0; in->hf && i < in->hf->engine.nnets && !s->bridge_addr[0]; i++)
        if (strcmp(in->hf->engine.nets[i].name, "bridge") == 0 && in->hf->engine.nets[i].gateway[0])
            od_strlcpy(s->bridge_addr, in->hf->engine.nets[i].gateway, sizeof s->bridge_addr), s->bridge_source = "engine";
    for (size_t i = 0; f->in_container && f->hosts_known && i < f->hosts.n && !s->bridge_addr[0]; i++)
        if (od_strv_contains(&f->hosts.v[i].names, "host.docker.internal") && od_ip_family(f->hosts.v[i].addr) == AF_INET)
            od_strlcpy(s->bridge_addr, f->hosts.v[i].addr, sizeof s->bridge_addr), s->bridge_source = "hosts-file";
    if (!s->bridge_source)
        s->bridge_source = "";
}

static void add_subnet(struct od_situation *s, const char *cidr)
{
    size_t l = strlen(s->subnets);
    if (!cidr[0] || strstr(s->subnets, cidr))
        return;
    snprintf(s->subnets + l, sizeof s->subnets - l, "%s%s", l ? "," : "", cidr);
}

static void subnets(const struct od_sit_in *in, struct od_situation *s)
{
    char cidr[80];
    for (size_t i = 0; in->hf && i < in->hf->nbridges; i++)
        if (in->hf->bridges[i].family == AF_INET) {
            od_ip_network(in->hf->bridges[i].addr, in->hf->bridges[i].prefix, cidr, sizeof cidr);
            add_subnet(s, cidr);
        }
    for (size_t i = 0; in->hf && i < in->hf->engine.nnets; i++)
        if (strcmp(in->hf->engine.nets[i].driver, "bridge") == 0)
            add_subnet(s, in->hf->engine.nets[i].subnet);
    for (size_t i = 0; in->f->in_container && !s->host_network && i < in->f->nifaddrs; i++)
        if (!in->f->ifaddrs[i].loopback && in->f->ifaddrs[i].family == AF_INET) {
            od_ip_network(in->f->ifaddrs[i].addr, in->f->ifaddrs[i].prefix, cidr, sizeof cidr);
            add_subnet(s, cidr);
        }
    od_strlcpy(s->subnet, s->subnets, sizeof s->subnet);
    s->subnet[strcspn(s->subnet, ",")] = '\0';
}

/* The narrowest bind that works for this app: the address it connects to
 * (an address of the host, or another machine's); for a name, docker0's real
 * address (host-gateway maps names there, every container reaches it, and
 * it exists as long as Docker runs); else this container's gateway. */
static void binds(const struct od_sit_in *in, struct od_situation *s)
{
    const struct od_probe *asked = NULL;
    for (size_t i = 0; i < in->r->n && !asked; i++)
        if (s->ps[i].asked && !s->ps[i].loopback && in->r->probes[i].cand->url.family &&
            (s->ps[i].role == OD_ROLE_DOCKER_HOST || s->ps[i].role == OD_ROLE_OTHER_MACHINE ||
             s->ps[i].role == OD_ROLE_UNKNOWN))
            asked = &in->r->probes[i];
    snprintf(s->bind_all, sizeof s->bind_all, "0.0.0.0:%d", s->ollama_port);
    s->bind_narrow_why = "";
    if (asked) {
        int v6 = asked->cand->url.family == AF_INET6;
        snprintf(s->bind_narrow, sizeof s->bind_narrow, v6 ? "[%.64s]:%d" : "%.64s:%d", asked->cand->url.host,
                 s->ollama_port);
        s->bind_narrow_why = "the address the app connects to";
    } else if (s->bridge_addr[0]) {
        snprintf(s->bind_narrow, sizeof s->bind_narrow, "%s:%d", s->bridge_addr, s->ollama_port);
        s->bind_narrow_why = "docker0, measured here: every container reaches it, and host-gateway points there";
    } else if (in->f->in_container && in->f->ngateways && in->f->gateways[0].family == AF_INET) {
        snprintf(s->bind_narrow, sizeof s->bind_narrow, "%s:%d", in->f->gateways[0].addr, s->ollama_port);
        s->bind_narrow_why = "this container's gateway, the bridge of its network; a compose network's bridge "
                             "is created with the network, so Ollama must start after it";
    }
}

/* The Base URL to type once the findings are fixed: the user's own (on the
 * port Ollama really uses), else the verified one, else docker0 or the gateway. */
static void base_url(const struct od_sit_in *in, struct od_situation *s)
{
    for (size_t i = 0; i < in->r->n && !s->base_url[0]; i++)
        if (s->ps[i].asked && !s->ps[i].loopback && s->ps[i].role != OD_ROLE_THIS_CONTAINER) {
            struct od_url u = in->r->probes[i].cand->url;
            u.port = s->ollama_port;
            u.has_scheme = 1;
            od_url_format(&u, 1, s->base_url, sizeof s->base_url);
        }
    if (s->base_url[0]) {
        od_app_base_url(in->o->app, s->base_url, sizeof s->base_url);
        return;
    }
    if (s->best)
        od_url_format(&s->best->cand->url, 1, s->base_url, sizeof s->base_url);
    else if (s->bridge_addr[0])
        snprintf(s->base_url, sizeof s->base_url, "http://%s:%d", s->bridge_addr, s->ollama_port);
    else if (in->f->in_container && in->f->ngateways)
        snprintf(s->base_url, sizeof s->base_url, in->f->gateways[0].family == AF_INET6 ? "http://[%s]:%d" : "http://%s:%d",
                 in->f->gateways[0].addr, s->ollama_port);
    else
        snprintf(s->base_url, sizeof s->base_url, "http://host.docker.internal:%d", s->ollama_port);
    od_app_base_url(in->o->app, s->base_url, sizeof s->base_url);
}

static void service(const struct od_sit_in *in, struct od_situation *s)
{
    const struct od_app_profile *app = od_app_find(in->o->app);
    if (!app)
        app = od_app_default();
    od_strlcpy(s->service, in->t && in->t->service[0] ? in->t->service : app->service[0] ? app->service : "your-app",
               sizeof s->service);
}

static void push_entry(char *list, size_t n, const char *e)
{
    size_t l = strlen(list), el = strlen(e);
    const char *p = list;
    if (!el)
        return;
    while (p && *p) { /* already there? */
        size_t k = strcspn(p, ",");
        if (k == el && strncmp(p, e, el) == 0)
            return;
        p = p[k] ? p + k + 1 : NULL;
    }
    if (l + el + 2 < n)
        snprintf(list + l, n - l, "%s%s", l ? "," : "", e);
}

/* NO_PROXY as the app needs it: what it has (requests reads no_proxy, else
 * NO_PROXY), then the hosts and addresses of the question. */
static void no_proxy(const struct od_sit_in *in, struct od_situation *s)
{
    const char *np = od_env_get(&in->f->env, "no_proxy");
    char *copy, *save = NULL;
    if (!np || !*np)
        np = od_env_get(&in->f->env, "NO_PROXY");
    if (np && (copy = od_strdup(np))) {
        for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
            push_entry(s->no_proxy, sizeof s->no_proxy, od_trim(t));
        free(copy);
    }
    for (size_t i = 0; i < in->r->n; i++) {
        const struct od_probe *p = &in->r->probes[i];
        if (!s->ps[i].question && !p->proxied)
            continue;
        /* besides the question: the host's other addresses, and the name meant for it */
        if (!s->ps[i].question && !(s->ps[i].role == OD_ROLE_DOCKER_HOST &&
                                    (p->dns.addrs.n || strcasecmp(p->cand->url.host, "host.docker.internal") == 0)))
            continue;
        push_entry(s->no_proxy, sizeof s->no_proxy, p->cand->url.host);
        for (size_t k = 0; k < p->dns.addrs.n; k++)
            push_entry(s->no_proxy, sizeof s->no_proxy, p->dns.addrs.v[k]);
    }
}

void od_situation_fix_values(const struct od_sit_in *in, struct od_situation *s)
{
    bridge(in, s);
    subnets(in, s);
    binds(in, s);
    base_url(in, s);
    no_proxy(in, s);
    service(in, s);
}
