/* report_facts — the typed facts of a check as JSON: context (the vantage,
 * the host side, the target, the model, the run), the probes and the
 * situation. Field meanings: docs/facts.md. Called only by report_json.c. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "app.h"
#include "errname.h"

cJSON *od_j_str(const char *s)
{
    return s && *s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *od_j_strv(const struct od_strv *sv)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < sv->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
    return a;
}

/* Keys are string literals: cJSON keeps them as they are instead of copying
 * each one (a report of a thousand probes holds a third less). */
cJSON *od_j_add_item(cJSON *o, const char *key, cJSON *v)
{
    if (cJSON_AddItemToObjectCS(o, key, v))
        return v;
    cJSON_Delete(v);
    return NULL;
}

cJSON *od_j_add_str(cJSON *o, const char *key, const char *s)
{
    return od_j_add_item(o, key, cJSON_CreateString(s));
}

cJSON *od_j_add_num(cJSON *o, const char *key, double n)
{
    return od_j_add_item(o, key, cJSON_CreateNumber(n));
}

cJSON *od_j_add_bool(cJSON *o, const char *key, int b)
{
    return od_j_add_item(o, key, cJSON_CreateBool(b));
}

cJSON *od_j_add_null(cJSON *o, const char *key)
{
    return od_j_add_item(o, key, cJSON_CreateNull());
}

cJSON *od_j_add_obj(cJSON *o, const char *key)
{
    return od_j_add_item(o, key, cJSON_CreateObject());
}

cJSON *od_j_add_arr(cJSON *o, const char *key)
{
    return od_j_add_item(o, key, cJSON_CreateArray());
}

cJSON *od_j_ms(double ms)
{
    return ms < 0 ? cJSON_CreateNull() : cJSON_CreateNumber((double)(long)(ms * 10 + 0.5) / 10);
}

static cJSON *num_or_null(long v)
{
    return v ? cJSON_CreateNumber((double)v) : cJSON_CreateNull();
}

static const char *family_name(int fam)
{
    return fam == AF_INET6 ? "ipv6" : "ipv4";
}

/* --- context: the vantage ------------------------------------------------ */

static cJSON *j_container(const struct od_facts *f)
{
    cJSON *c = cJSON_CreateObject();
    od_j_add_bool(c, "detected", f->container.inside);
    od_j_add_str(c, "runtime", f->container.runtime);
    od_j_add_item(c, "markers", od_j_strv(&f->container.markers));
    return c;
}

static cJSON *j_os(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    od_j_add_str(o, "kernel", f->container.kernel);
    od_j_add_str(o, "guess", f->container.os_guess);
    od_j_add_item(o, "hostname", od_j_str(f->hostname));
    return o;
}

static cJSON *j_ollama_host(const struct od_facts *f)
{
    char url[600];
    cJSON *o = cJSON_CreateObject();
    const struct od_ollama_host *h = &f->ollama_host;
    od_j_add_bool(o, "set", f->ollama_host_set);
    od_j_add_item(o, "raw", f->ollama_host_set ? cJSON_CreateString(f->ollama_host_raw) : cJSON_CreateNull());
    od_ollama_host_url(h, url, sizeof url);
    od_j_add_str(o, "url", url);
    od_j_add_str(o, "scheme", h->scheme);
    od_j_add_str(o, "host", h->host);
    od_j_add_num(o, "port", h->port);
    od_j_add_str(o, "path", h->path);
    od_j_add_bool(o, "listens_beyond_loopback", od_ollama_host_listens_beyond_loopback(h));
    return o;
}

static cJSON *j_gateways(const struct od_facts *f)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->ngateways; i++) {
        cJSON *g = cJSON_CreateObject();
        od_j_add_str(g, "family", family_name(f->gateways[i].family));
        od_j_add_str(g, "address", f->gateways[i].addr);
        od_j_add_str(g, "interface", f->gateways[i].iface);
        cJSON_AddItemToArray(a, g);
    }
    return a;
}

static cJSON *j_interfaces(const struct od_facts *f)
{
    cJSON *a;
    if (!f->ifaddrs_known)
        return cJSON_CreateNull();
    a = cJSON_CreateArray();
    for (size_t i = 0; i < f->nifaddrs; i++) {
        const struct od_ifaddr *d = &f->ifaddrs[i];
        cJSON *x = cJSON_CreateObject();
        od_j_add_str(x, "name", d->name);
        od_j_add_str(x, "family", family_name(d->family));
        od_j_add_str(x, "address", d->addr);
        od_j_add_num(x, "prefix", d->prefix);
        od_j_add_bool(x, "up", d->up);
        od_j_add_bool(x, "loopback", d->loopback);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

#define OD_REPORT_MAX_HOSTS 64

/* The hosts file's entries, the first 64 (a report stays readable; the
 * bundle keeps the file itself). */
static cJSON *j_hosts(const struct od_facts *f)
{
    cJSON *a;
    if (!f->hosts_known)
        return cJSON_CreateNull();
    a = cJSON_CreateArray();
    for (size_t i = 0; i < f->hosts.n && i < OD_REPORT_MAX_HOSTS; i++) {
        cJSON *x = cJSON_CreateObject();
        od_j_add_str(x, "address", f->hosts.v[i].addr);
        od_j_add_item(x, "names", od_j_strv(&f->hosts.v[i].names));
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_resolv(const struct od_facts *f)
{
    cJSON *o;
    if (!f->resolv_known)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    od_j_add_item(o, "nameservers", od_j_strv(&f->resolv.nameservers));
    od_j_add_item(o, "search", od_j_strv(&f->resolv.search));
    od_j_add_item(o, "options", od_j_strv(&f->resolv.options));
    return o;
}

static cJSON *j_proxy(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < f->nproxyvars; i++)
        cJSON_AddStringToObject(o, f->proxyvars[i].name, f->proxyvars[i].value);
    return o;
}

static cJSON *j_listener(const struct od_listener *l)
{
    cJSON *x = cJSON_CreateObject();
    od_j_add_str(x, "family", family_name(l->family));
    od_j_add_str(x, "address", l->addr);
    od_j_add_num(x, "port", l->port);
    od_j_add_str(x, "scope", od_listen_scope_name(l->scope));
    od_j_add_num(x, "inode", (double)l->inode);
    return x;
}

/* context.listeners: the host's sockets on the question's port (null where
 * the host's sockets cannot be seen). */
static cJSON *j_listeners(const struct od_check *c)
{
    cJSON *a;
    if (!c->has_host)
        return cJSON_CreateNull();
    a = cJSON_CreateArray();
    for (size_t i = 0; i < c->hf.nlisteners; i++)
        if (c->hf.listeners[i].l.port == c->f.port)
            cJSON_AddItemToArray(a, j_listener(&c->hf.listeners[i].l));
    return a;
}

static cJSON *j_sources(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < f->nsources; i++)
        cJSON_AddStringToObject(o, f->sources[i].path, f->sources[i].status);
    return o;
}

static cJSON *j_run(const struct od_check *c)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    cJSON *o = cJSON_CreateObject();
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    od_j_add_str(o, "finished_at", when);
    od_j_add_num(o, "timeout_ms", c->run.timeout_ms);
    od_j_add_num(o, "deadline_ms", c->run.deadline_ms);
    od_j_add_item(o, "elapsed_ms", od_j_ms(c->elapsed_ms));
    od_j_add_item(o, "probe_ms", od_j_ms(c->run.elapsed_ms));
    od_j_add_bool(o, "deadline_hit", c->run.deadline_hit || c->model.cut_short);
    od_j_add_num(o, "max_rss_kb", (double)(c->max_rss_kb ? c->max_rss_kb : c->run.max_rss_kb));
    return o;
}

static cJSON *j_ports(const struct od_facts *f)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->nports; i++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber(f->ports[i]));
    return a;
}

/* --- context.host ---------------------------------------------------------- */

static const char *const owner_kinds[] = {"unknown", "ollama", "docker-proxy", "other"};

static cJSON *j_owner(const struct od_owner *o)
{
    cJSON *x;
    if (o->kind == OD_OWNER_NONE)
        return cJSON_CreateNull();
    x = cJSON_CreateObject();
    od_j_add_str(x, "kind", owner_kinds[o->kind]);
    od_j_add_num(x, "pid", o->pid);
    od_j_add_str(x, "comm", o->comm);
    od_j_add_item(x, "ollama_host", o->ollama_host_set ? cJSON_CreateString(o->ollama_host) : cJSON_CreateNull());
    od_j_add_item(x, "unit", od_j_str(o->unit));
    if (o->kind == OD_OWNER_DOCKER_PROXY) {
        od_j_add_item(x, "container_ip", od_j_str(o->proxy_to));
        od_j_add_num(x, "container_port", o->proxy_to_port);
    }
    return x;
}

cJSON *od_j_host_listeners(const struct od_hostfacts *h)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nlisteners; i++) {
        cJSON *x = j_listener(&h->listeners[i].l);
        od_j_add_item(x, "owner", j_owner(&h->listeners[i].owner));
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

/* The owners of the question port's sockets, as earlier reports gave them. */
static cJSON *j_listener_owners(const struct od_hostfacts *h, int port)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nlisteners; i++) {
        const struct od_owner *o = &h->listeners[i].owner;
        cJSON *x;
        if (h->listeners[i].l.port != port || o->kind == OD_OWNER_NONE)
            continue;
        x = cJSON_CreateObject();
        od_j_add_str(x, "address", h->listeners[i].l.addr);
        od_j_add_num(x, "pid", o->pid);
        od_j_add_str(x, "comm", o->comm);
        od_j_add_item(x, "ollama_host", o->ollama_host_set ? cJSON_CreateString(o->ollama_host) : cJSON_CreateNull());
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_systemd(const struct od_systemd *s)
{
    cJSON *o;
    if (!s->known)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    od_j_add_str(o, "LoadState", s->load);
    od_j_add_str(o, "ActiveState", s->active);
    od_j_add_str(o, "FragmentPath", s->fragment);
    od_j_add_str(o, "DropInPaths", s->dropins);
    od_j_add_str(o, "Environment", s->environment);
    return o;
}

static cJSON *j_firewall(const struct od_firewall *fw)
{
    cJSON *o = cJSON_CreateObject(), *x;
    x = od_j_add_obj(o, "ufw");
    od_j_add_bool(x, "present", fw->ufw_present);
    od_j_add_bool(x, "enabled", fw->ufw_enabled);
    x = od_j_add_obj(o, "firewalld");
    od_j_add_bool(x, "present", fw->firewalld_present);
    od_j_add_bool(x, "running", fw->firewalld_running);
    x = od_j_add_obj(o, "nftables");
    od_j_add_bool(x, "present", fw->nft_present);
    od_j_add_bool(x, "readable", fw->nft_readable);
    if (fw->nft_readable)
        od_j_add_item(x, "rules_with_port", od_j_strv(&fw->nft_rules));
    return o;
}

static cJSON *j_bridges(const struct od_hostfacts *h)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nbridges; i++) {
        cJSON *b = cJSON_CreateObject();
        od_j_add_str(b, "name", h->bridges[i].name);
        od_j_add_str(b, "address", h->bridges[i].addr);
        od_j_add_num(b, "prefix", h->bridges[i].prefix);
        cJSON_AddItemToArray(a, b);
    }
    return a;
}

static cJSON *j_docker_proxies(const struct od_hostfacts *h)
{
    cJSON *o;
    if (!h->docker_proxies_known)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    for (size_t i = 0; i < h->docker_proxies.n; i++) {
        char key[256];
        const char *eq = strchr(h->docker_proxies.v[i], '=');
        size_t kl = eq ? (size_t)(eq - h->docker_proxies.v[i]) : 0;
        if (!eq || kl >= sizeof key)
            continue;
        memcpy(key, h->docker_proxies.v[i], kl);
        key[kl] = '\0';
        cJSON_AddStringToObject(o, key, eq + 1);
    }
    return o;
}

static cJSON *j_cnets(const struct od_dcnet *n, size_t count)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < count; i++) {
        cJSON *x = cJSON_CreateObject();
        od_j_add_str(x, "name", n[i].name);
        od_j_add_str(x, "ip", n[i].ip);
        od_j_add_str(x, "gateway", n[i].gateway);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

cJSON *od_j_docker_container(const struct od_dcontainer *c)
{
    cJSON *x = cJSON_CreateObject(), *ports = cJSON_CreateArray();
    od_j_add_str(x, "name", c->name);
    od_j_add_str(x, "image", c->image);
    od_j_add_bool(x, "ollama", c->ollama);
    od_j_add_str(x, "network_mode", c->network_mode);
    od_j_add_item(x, "service", od_j_str(c->service));
    od_j_add_item(x, "networks", j_cnets(c->nets, c->nnets));
    for (size_t i = 0; i < c->nports; i++) {
        cJSON *p = cJSON_CreateObject();
        od_j_add_str(p, "host_ip", c->ports[i].host_ip);
        od_j_add_num(p, "host_port", c->ports[i].host_port);
        od_j_add_num(p, "container_port", c->ports[i].container_port);
        cJSON_AddItemToArray(ports, p);
    }
    od_j_add_item(x, "published", ports);
    return x;
}

static cJSON *j_engine(const struct od_engine *e)
{
    cJSON *o = cJSON_CreateObject(), *nets, *cs;
    od_j_add_bool(o, "available", e->available);
    od_j_add_item(o, "why", e->available ? cJSON_CreateNull() : od_j_str(e->why));
    od_j_add_item(o, "server", od_j_str(e->server));
    nets = od_j_add_arr(o, "networks");
    for (size_t i = 0; i < e->nnets; i++) {
        cJSON *x = cJSON_CreateObject();
        od_j_add_str(x, "name", e->nets[i].name);
        od_j_add_str(x, "driver", e->nets[i].driver);
        od_j_add_item(x, "bridge", od_j_str(e->nets[i].bridge));
        od_j_add_item(x, "subnet", od_j_str(e->nets[i].subnet));
        od_j_add_item(x, "gateway", od_j_str(e->nets[i].gateway));
        cJSON_AddItemToArray(nets, x);
    }
    cs = od_j_add_arr(o, "containers");
    for (size_t i = 0; i < e->ncs; i++)
        cJSON_AddItemToArray(cs, od_j_docker_container(&e->cs[i]));
    return o;
}

static cJSON *j_host(const struct od_check *c)
{
    const struct od_hostfacts *h = &c->hf;
    cJSON *o = cJSON_CreateObject();
    od_j_add_item(o, "listeners", od_j_host_listeners(h));
    od_j_add_item(o, "listener_owners", j_listener_owners(h, c->f.port));
    od_j_add_item(o, "systemd", j_systemd(&h->systemd));
    od_j_add_item(o, "firewall", j_firewall(&h->fw));
    od_j_add_item(o, "docker_bridges", j_bridges(h));
    od_j_add_item(o, "docker_proxies", j_docker_proxies(h));
    od_j_add_item(o, "docker", j_engine(&h->engine));
    return o;
}

static cJSON *j_target(const struct od_target *t)
{
    cJSON *j = cJSON_CreateObject(), *d;
    od_j_add_str(j, "kind", t->kind);
    od_j_add_str(j, "name", t->name);
    od_j_add_item(j, "id", od_j_str(t->id));
    od_j_add_item(j, "pid", t->pid ? cJSON_CreateNumber(t->pid) : cJSON_CreateNull());
    od_j_add_str(j, "netns", t->netns_path);
    od_j_add_bool(j, "host_netns", t->host_netns);
    od_j_add_item(j, "app", od_j_str(t->app.app));
    od_j_add_item(j, "service", od_j_str(t->service));
    od_j_add_item(j, "role", od_j_str(t->app.role));
    od_j_add_item(j, "picked", od_j_str(t->picked));
    if (!t->is_docker) {
        od_j_add_null(j, "docker");
        return j;
    }
    d = od_j_add_obj(j, "docker");
    od_j_add_str(d, "image", t->image);
    od_j_add_item(d, "extra_hosts", od_j_strv(&t->extra_hosts));
    od_j_add_str(d, "network_mode", t->network_mode);
    od_j_add_item(d, "networks", j_cnets(t->nets, t->nnets));
    return j;
}

/* --- context.model --------------------------------------------------------- */

static cJSON *j_model(const struct od_check *c)
{
    const struct od_model *m = &c->model;
    cJSON *o, *d;
    if (!m->checked)
        return od_j_str(c->o->model);
    o = cJSON_CreateObject();
    od_j_add_str(o, "requested", m->requested);
    od_j_add_str(o, "model_type", m->model_type);
    od_j_add_str(o, "server", m->server);
    od_j_add_num(o, "tags_status", (double)m->tags_status);
    od_j_add_bool(o, "tags_ok", m->tags_ok);
    od_j_add_item(o, "installed", od_j_strv(&m->installed));
    od_j_add_bool(o, "found", m->found);
    od_j_add_item(o, "name", od_j_str(m->name));
    od_j_add_bool(o, "cut_short", m->cut_short);
    if (!m->found) {
        od_j_add_item(o, "closest", od_j_strv(&m->closest));
        return o;
    }
    od_j_add_num(o, "show_status", (double)m->show_status);
    if (m->show_ok) {
        od_j_add_item(o, "capabilities", od_j_strv(&m->capabilities));
        od_j_add_str(o, "capabilities_source", m->capabilities_source);
        od_j_add_str(o, "architecture", m->architecture);
        od_j_add_item(o, "family", od_j_str(m->family));
        od_j_add_item(o, "context_length", num_or_null(m->context_length));
        od_j_add_item(o, "num_ctx", num_or_null(m->num_ctx));
    }
    if (m->deep) {
        d = od_j_add_obj(o, "deep");
        od_j_add_num(d, "status", (double)m->deep_status);
        od_j_add_num(d, "load_ms", (double)(long)m->deep_load_ms);
        od_j_add_num(d, "app_read_timeout_ms", OD_DIFY_READ_TIMEOUT_MS);
        od_j_add_item(d, "done_reason", od_j_str(m->deep_done_reason));
        od_j_add_item(d, "context_length", num_or_null(m->deep_context_length));
    }
    return o;
}

cJSON *od_j_context(const struct od_check *c)
{
    const struct od_facts *f = &c->f;
    cJSON *x = cJSON_CreateObject(), *tos;
    od_j_add_str(x, "vantage_source", c->has_target ? "target" : f->vantage_source);
    od_j_add_item(x, "container", j_container(f));
    od_j_add_item(x, "os", j_os(f));
    tos = od_j_add_obj(x, "target_os");
    od_j_add_item(tos, "platforms", od_j_strv(&f->target_os));
    od_j_add_str(tos, "source", f->target_os_source);
    od_j_add_num(x, "port", f->port);
    od_j_add_str(x, "port_source", f->port_source);
    od_j_add_item(x, "ports", j_ports(f));
    od_j_add_item(x, "ollama_host", j_ollama_host(f));
    od_j_add_item(x, "gateways", j_gateways(f));
    od_j_add_item(x, "interfaces", j_interfaces(f));
    od_j_add_item(x, "hosts", j_hosts(f));
    od_j_add_num(x, "hosts_omitted",
                            f->hosts_known && f->hosts.n > OD_REPORT_MAX_HOSTS ? (double)(f->hosts.n - OD_REPORT_MAX_HOSTS) : 0);
    od_j_add_item(x, "resolv", j_resolv(f));
    od_j_add_item(x, "app_env", c->has_target ? od_appenv_target_json(c->t.kind, c->t.name) : od_appenv_json(&c->ae));
    od_j_add_item(x, "proxy", j_proxy(f));
    od_j_add_item(x, "listeners", j_listeners(c));
    od_j_add_item(x, "urls", od_j_strv(&c->o->urls));
    od_j_add_item(x, "model", j_model(c));
    od_j_add_item(x, "sources", j_sources(f));
    od_j_add_item(x, "run", j_run(c));
    if (c->has_host)
        od_j_add_item(x, "host", j_host(c));
    if (c->has_target)
        od_j_add_item(x, "target", j_target(&c->t));
    return x;
}
