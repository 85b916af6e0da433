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

/* Keys here are string literals: cJSON keeps them as they are instead of
 * copying each one (a report of a thousand probes holds a third less). */
static cJSON *j_add_item(cJSON *o, const char *key, cJSON *v)
{
    if (cJSON_AddItemToObjectCS(o, key, v))
        return v;
    cJSON_Delete(v);
    return NULL;
}

static cJSON *j_add_str(cJSON *o, const char *key, const char *s)
{
    return j_add_item(o, key, cJSON_CreateString(s));
}

static cJSON *j_add_num(cJSON *o, const char *key, double n)
{
    return j_add_item(o, key, cJSON_CreateNumber(n));
}

static cJSON *j_add_bool(cJSON *o, const char *key, int b)
{
    return j_add_item(o, key, cJSON_CreateBool(b));
}

static cJSON *j_add_null(cJSON *o, const char *key)
{
    return j_add_item(o, key, cJSON_CreateNull());
}

static cJSON *j_add_obj(cJSON *o, const char *key)
{
    return j_add_item(o, key, cJSON_CreateObject());
}

static cJSON *j_add_arr(cJSON *o, const char *key)
{
    return j_add_item(o, key, cJSON_CreateArray());
}

static cJSON *ms_or_null(double ms)
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
    j_add_bool(c, "detected", f->container.inside);
    j_add_str(c, "runtime", f->container.runtime);
    j_add_item(c, "markers", od_j_strv(&f->container.markers));
    return c;
}

static cJSON *j_os(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    j_add_str(o, "kernel", f->container.kernel);
    j_add_str(o, "guess", f->container.os_guess);
    j_add_item(o, "hostname", od_j_str(f->hostname));
    return o;
}

static cJSON *j_ollama_host(const struct od_facts *f)
{
    char url[600];
    cJSON *o = cJSON_CreateObject();
    const struct od_ollama_host *h = &f->ollama_host;
    j_add_bool(o, "set", f->ollama_host_set);
    j_add_item(o, "raw", f->ollama_host_set ? cJSON_CreateString(f->ollama_host_raw) : cJSON_CreateNull());
    od_ollama_host_url(h, url, sizeof url);
    j_add_str(o, "url", url);
    j_add_str(o, "scheme", h->scheme);
    j_add_str(o, "host", h->host);
    j_add_num(o, "port", h->port);
    j_add_str(o, "path", h->path);
    j_add_bool(o, "listens_beyond_loopback", od_ollama_host_listens_beyond_loopback(h));
    return o;
}

static cJSON *j_gateways(const struct od_facts *f)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->ngateways; i++) {
        cJSON *g = cJSON_CreateObject();
        j_add_str(g, "family", family_name(f->gateways[i].family));
        j_add_str(g, "address", f->gateways[i].addr);
        j_add_str(g, "interface", f->gateways[i].iface);
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
        j_add_str(x, "name", d->name);
        j_add_str(x, "family", family_name(d->family));
        j_add_str(x, "address", d->addr);
        j_add_num(x, "prefix", d->prefix);
        j_add_bool(x, "up", d->up);
        j_add_bool(x, "loopback", d->loopback);
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
        j_add_str(x, "address", f->hosts.v[i].addr);
        j_add_item(x, "names", od_j_strv(&f->hosts.v[i].names));
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
    j_add_item(o, "nameservers", od_j_strv(&f->resolv.nameservers));
    j_add_item(o, "search", od_j_strv(&f->resolv.search));
    j_add_item(o, "options", od_j_strv(&f->resolv.options));
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
    j_add_str(x, "family", family_name(l->family));
    j_add_str(x, "address", l->addr);
    j_add_num(x, "port", l->port);
    j_add_str(x, "scope", od_listen_scope_name(l->scope));
    j_add_num(x, "inode", (double)l->inode);
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
    j_add_str(o, "finished_at", when);
    j_add_num(o, "timeout_ms", c->run.timeout_ms);
    j_add_num(o, "deadline_ms", c->run.deadline_ms);
    j_add_item(o, "elapsed_ms", ms_or_null(c->elapsed_ms));
    j_add_item(o, "probe_ms", ms_or_null(c->run.elapsed_ms));
    j_add_bool(o, "deadline_hit", c->run.deadline_hit || c->model.cut_short);
    j_add_num(o, "max_rss_kb", (double)(c->max_rss_kb ? c->max_rss_kb : c->run.max_rss_kb));
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
    j_add_str(x, "kind", owner_kinds[o->kind]);
    j_add_num(x, "pid", o->pid);
    j_add_str(x, "comm", o->comm);
    j_add_item(x, "ollama_host", o->ollama_host_set ? cJSON_CreateString(o->ollama_host) : cJSON_CreateNull());
    j_add_item(x, "unit", od_j_str(o->unit));
    if (o->kind == OD_OWNER_DOCKER_PROXY) {
        j_add_item(x, "container_ip", od_j_str(o->proxy_to));
        j_add_num(x, "container_port", o->proxy_to_port);
    }
    return x;
}

cJSON *od_j_host_listeners(const struct od_hostfacts *h)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nlisteners; i++) {
        cJSON *x = j_listener(&h->listeners[i].l);
        j_add_item(x, "owner", j_owner(&h->listeners[i].owner));
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
        j_add_str(x, "address", h->listeners[i].l.addr);
        j_add_num(x, "pid", o->pid);
        j_add_str(x, "comm", o->comm);
        j_add_item(x, "ollama_host", o->ollama_host_set ? cJSON_CreateString(o->ollama_host) : cJSON_CreateNull());
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
    j_add_str(o, "LoadState", s->load);
    j_add_str(o, "ActiveState", s->active);
    j_add_str(o, "FragmentPath", s->fragment);
    j_add_str(o, "DropInPaths", s->dropins);
    j_add_str(o, "Environment", s->environment);
    return o;
}

static cJSON *j_firewall(const struct od_firewall *fw)
{
    cJSON *o = cJSON_CreateObject(), *x;
    x = j_add_obj(o, "ufw");
    j_add_bool(x, "present", fw->ufw_present);
    j_add_bool(x, "enabled", fw->ufw_enabled);
    x = j_add_obj(o, "firewalld");
    j_add_bool(x, "present", fw->firewalld_present);
    j_add_bool(x, "running", fw->firewalld_running);
    x = j_add_obj(o, "nftables");
    j_add_bool(x, "present", fw->nft_present);
    j_add_bool(x, "readable", fw->nft_readable);
    if (fw->nft_readable)
        j_add_item(x, "rules_with_port", od_j_strv(&fw->nft_rules));
    return o;
}

static cJSON *j_bridges(const struct od_hostfacts *h)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nbridges; i++) {
        cJSON *b = cJSON_CreateObject();
        j_add_str(b, "name", h->bridges[i].name);
        j_add_str(b, "address", h->bridges[i].addr);
        j_add_num(b, "prefix", h->bridges[i].prefix);
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
        j_add_str(x, "name", n[i].name);
        j_add_str(x, "ip", n[i].ip);
        j_add_str(x, "gateway", n[i].gateway);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_dcontainer(const struct od_dcontainer *c)
{
    cJSON *x = cJSON_CreateObject(), *ports = cJSON_CreateArray();
    j_add_str(x, "name", c->name);
    j_add_str(x, "image", c->image);
    j_add_bool(x, "ollama", c->ollama);
    j_add_str(x, "network_mode", c->network_mode);
    j_add_item(x, "service", od_j_str(c->service));
    j_add_item(x, "networks", j_cnets(c->nets, c->nnets));
    for (size_t i = 0; i < c->nports; i++) {
        cJSON *p = cJSON_CreateObject();
        j_add_str(p, "host_ip", c->ports[i].host_ip);
        j_add_num(p, "host_port", c->ports[i].host_port);
        j_add_num(p, "container_port", c->ports[i].container_port);
        cJSON_AddItemToArray(ports, p);
    }
    j_add_item(x, "published", ports);
    return x;
}

static cJSON *j_engine(const struct od_engine *e)
{
    cJSON *o = cJSON_CreateObject(), *nets, *cs;
    j_add_bool(o, "available", e->available);
    j_add_item(o, "why", e->available ? cJSON_CreateNull() : od_j_str(e->why));
    j_add_item(o, "server", od_j_str(e->server));
    nets = j_add_arr(o, "networks");
    for (size_t i = 0; i < e->nnets; i++) {
        cJSON *x = cJSON_CreateObject();
        j_add_str(x, "name", e->nets[i].name);
        j_add_str(x, "driver", e->nets[i].driver);
        j_add_item(x, "bridge", od_j_str(e->nets[i].bridge));
        j_add_item(x, "subnet", od_j_str(e->nets[i].subnet));
        j_add_item(x, "gateway", od_j_str(e->nets[i].gateway));
        cJSON_AddItemToArray(nets, x);
    }
    cs = j_add_arr(o, "containers");
    for (size_t i = 0; i < e->ncs; i++)
        cJSON_AddItemToArray(cs, j_dcontainer(&e->cs[i]));
    return o;
}

static cJSON *j_host(const struct od_check *c)
{
    const struct od_hostfacts *h = &c->hf;
    cJSON *o = cJSON_CreateObject();
    j_add_item(o, "listeners", od_j_host_listeners(h));
    j_add_item(o, "listener_owners", j_listener_owners(h, c->f.port));
    j_add_item(o, "systemd", j_systemd(&h->systemd));
    j_add_item(o, "firewall", j_firewall(&h->fw));
    j_add_item(o, "docker_bridges", j_bridges(h));
    j_add_item(o, "docker_proxies", j_docker_proxies(h));
    j_add_item(o, "docker", j_engine(&h->engine));
    return o;
}

static cJSON *j_target(const struct od_target *t)
{
    cJSON *j = cJSON_CreateObject(), *d;
    j_add_str(j, "kind", t->kind);
    j_add_str(j, "name", t->name);
    j_add_item(j, "id", od_j_str(t->id));
    j_add_item(j, "pid", t->pid ? cJSON_CreateNumber(t->pid) : cJSON_CreateNull());
    j_add_str(j, "netns", t->netns_path);
    j_add_bool(j, "host_netns", t->host_netns);
    j_add_item(j, "app", od_j_str(t->app.app));
    j_add_item(j, "service", od_j_str(t->service));
    j_add_item(j, "role", od_j_str(t->app.role));
    j_add_item(j, "picked", od_j_str(t->picked));
    if (!t->is_docker) {
        j_add_null(j, "docker");
        return j;
    }
    d = j_add_obj(j, "docker");
    j_add_str(d, "image", t->image);
    j_add_item(d, "extra_hosts", od_j_strv(&t->extra_hosts));
    j_add_str(d, "network_mode", t->network_mode);
    j_add_item(d, "networks", j_cnets(t->nets, t->nnets));
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
    j_add_str(o, "requested", m->requested);
    j_add_str(o, "model_type", m->model_type);
    j_add_str(o, "server", m->server);
    j_add_num(o, "tags_status", (double)m->tags_status);
    j_add_bool(o, "tags_ok", m->tags_ok);
    j_add_item(o, "installed", od_j_strv(&m->installed));
    j_add_bool(o, "found", m->found);
    j_add_item(o, "name", od_j_str(m->name));
    j_add_bool(o, "cut_short", m->cut_short);
    if (!m->found) {
        j_add_item(o, "closest", od_j_strv(&m->closest));
        return o;
    }
    j_add_num(o, "show_status", (double)m->show_status);
    if (m->show_ok) {
        j_add_item(o, "capabilities", od_j_strv(&m->capabilities));
        j_add_str(o, "capabilities_source", m->capabilities_source);
        j_add_str(o, "architecture", m->architecture);
        j_add_item(o, "family", od_j_str(m->family));
        j_add_item(o, "context_length", num_or_null(m->context_length));
        j_add_item(o, "num_ctx", num_or_null(m->num_ctx));
    }
    if (m->deep) {
        d = j_add_obj(o, "deep");
        j_add_num(d, "status", (double)m->deep_status);
        j_add_num(d, "load_ms", (double)(long)m->deep_load_ms);
        j_add_num(d, "app_read_timeout_ms", OD_DIFY_READ_TIMEOUT_MS);
        j_add_item(d, "done_reason", od_j_str(m->deep_done_reason));
        j_add_item(d, "context_length", num_or_null(m->deep_context_length));
    }
    return o;
}

cJSON *od_j_context(const struct od_check *c)
{
    const struct od_facts *f = &c->f;
    cJSON *x = cJSON_CreateObject(), *tos;
    j_add_str(x, "vantage_source", c->has_target ? "target" : f->vantage_source);
    j_add_item(x, "container", j_container(f));
    j_add_item(x, "os", j_os(f));
    tos = j_add_obj(x, "target_os");
    j_add_item(tos, "platforms", od_j_strv(&f->target_os));
    j_add_str(tos, "source", f->target_os_source);
    j_add_num(x, "port", f->port);
    j_add_str(x, "port_source", f->port_source);
    j_add_item(x, "ports", j_ports(f));
    j_add_item(x, "ollama_host", j_ollama_host(f));
    j_add_item(x, "gateways", j_gateways(f));
    j_add_item(x, "interfaces", j_interfaces(f));
    j_add_item(x, "hosts", j_hosts(f));
    j_add_num(x, "hosts_omitted",
                            f->hosts_known && f->hosts.n > OD_REPORT_MAX_HOSTS ? (double)(f->hosts.n - OD_REPORT_MAX_HOSTS) : 0);
    j_add_item(x, "resolv", j_resolv(f));
    j_add_item(x, "app_env", c->has_target ? od_appenv_target_json(c->t.kind, c->t.name) : od_appenv_json(&c->ae));
    j_add_item(x, "proxy", j_proxy(f));
    j_add_item(x, "listeners", j_listeners(c));
    j_add_item(x, "urls", od_j_strv(&c->o->urls));
    j_add_item(x, "model", j_model(c));
    j_add_item(x, "sources", j_sources(f));
    j_add_item(x, "run", j_run(c));
    if (c->has_host)
        j_add_item(x, "host", j_host(c));
    if (c->has_target)
        j_add_item(x, "target", j_target(&c->t));
    return x;
}

/* --- probes ---------------------------------------------------------------- */

static cJSON *j_dns(const struct od_dns *d)
{
    cJSON *o = cJSON_CreateObject();
    j_add_item(o, "status", od_j_str(d->status));
    j_add_item(o, "source", od_j_str(d->source));
    j_add_item(o, "addresses", od_j_strv(&d->addrs));
    j_add_item(o, "ms", ms_or_null(d->source && strcmp(d->source, "literal") ? d->ms : 0));
    j_add_item(o, "detail", od_j_str(d->detail));
    return o;
}

static cJSON *j_http(const struct od_http *h)
{
    cJSON *o;
    if (!h->got)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    j_add_num(o, "status", (double)h->status);
    j_add_bool(o, "ollama", h->ollama);
    j_add_item(o, "version", od_j_str(h->version));
    j_add_item(o, "server", od_j_str(h->server));
    j_add_item(o, "ms", ms_or_null(h->ms));
    j_add_item(o, "content_type", od_j_str(h->content_type));
    j_add_item(o, "via", od_j_str(h->via));
    j_add_item(o, "location", od_j_str(h->location));
    j_add_str(o, "body", h->body);
    j_add_num(o, "body_bytes", (double)h->body_bytes);
    j_add_bool(o, "truncated", h->truncated);
    j_add_num(o, "version_status", (double)h->version_status);
    if (h->app_path[0]) {
        cJSON *app = j_add_obj(o, "app");
        j_add_str(app, "path", h->app_path);
        j_add_num(app, "status", (double)h->app_status);
        j_add_bool(app, "ollama", h->app_ollama);
    }
    return o;
}

static cJSON *j_attempt(const struct od_attempt *a, const struct od_situation *s)
{
    cJSON *o = cJSON_CreateObject();
    const struct od_addr_role *r = a->addr[0] ? od_situation_role(s, a->addr) : NULL;
    j_add_str(o, "address", a->addr);
    j_add_item(o, "role", r ? cJSON_CreateString(od_role_name(r->role)) : cJSON_CreateNull());
    j_add_item(o, "tcp", a->skipped ? cJSON_CreateNull() : cJSON_CreateString(od_tcp_name(a->tcp)));
    j_add_item(o, "errno", od_j_str(od_errno_name(a->err)));
    j_add_item(o, "connect_ms", ms_or_null(a->connect_ms));
    j_add_item(o, "http", j_http(&a->http));
    j_add_item(o, "class", od_j_str(a->klass));
    j_add_item(o, "total_ms", ms_or_null(a->skipped ? -1 : a->total_ms));
    j_add_item(o, "error", od_j_str(a->skipped ? a->skip_reason : a->error));
    j_add_bool(o, "deadline_hit", a->deadline_hit);
    return o;
}

static cJSON *j_proxy_probe(const struct od_probe *p, const struct od_situation *s)
{
    cJSON *o;
    if (!p->proxied)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    j_add_str(o, "url", p->proxy_shown);
    j_add_item(o, "dns", j_dns(&p->proxy_dns));
    j_add_item(o, "attempt", j_attempt(p->proxy_att, s));
    return o;
}

static cJSON *j_probe(const struct od_probe *p, const struct od_probe_sit *ps, const struct od_situation *s)
{
    cJSON *o = cJSON_CreateObject(), *atts, *origins;
    j_add_str(o, "candidate", p->cand->text);
    j_add_str(o, "origin", p->cand->origin);
    origins = j_add_arr(o, "origins");
    for (size_t i = 0; i < p->cand->norigins; i++)
        cJSON_AddItemToArray(origins, cJSON_CreateString(p->cand->origins[i]));
    j_add_str(o, "url", p->cand->key);
    j_add_str(o, "scheme", p->cand->url.scheme);
    j_add_str(o, "host", p->cand->url.host);
    j_add_num(o, "port", p->cand->url.port);
    j_add_bool(o, "has_scheme", p->cand->url.has_scheme);
    j_add_str(o, "path", p->cand->url.path);
    j_add_bool(o, "asked", ps->asked);
    j_add_bool(o, "question", ps->question);
    j_add_bool(o, "recommended", ps->recommended);
    j_add_bool(o, "usable", ps->usable);
    j_add_str(o, "role", od_role_name(ps->role));
    j_add_bool(o, "role_confirmed", ps->role_confirmed);
    j_add_bool(o, "loopback", ps->loopback);
    j_add_str(o, "label", ps->label);
    j_add_item(o, "dns", j_dns(&p->dns));
    atts = j_add_arr(o, "attempts");
    for (size_t i = 0; i < p->natt; i++)
        cJSON_AddItemToArray(atts, j_attempt(&p->att[i], s));
    j_add_item(o, "proxy", j_proxy_probe(p, s));
    j_add_str(o, "class", p->klass);
    return o;
}

cJSON *od_j_probes(const struct od_check *c)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < c->run.n; i++)
        cJSON_AddItemToArray(a, j_probe(&c->run.probes[i], &c->sit.ps[i], &c->sit));
    return a;
}

/* --- situation ------------------------------------------------------------- */

static cJSON *j_app(const struct od_opts *o)
{
    const struct od_app_profile *p = od_app_find(o->app);
    cJSON *x = cJSON_CreateObject();
    if (!p)
        p = od_app_default();
    j_add_str(x, "name", p->name);
    j_add_str(x, "title", p->title);
    j_add_bool(x, "in_container", p->in_container);
    j_add_str(x, "joins", p->joins);
    j_add_str(x, "app_path", p->app_path);
    j_add_item(x, "service", od_j_str(p->service));
    j_add_str(x, "service_note", p->service_note);
    return x;
}

static cJSON *j_addresses(const struct od_situation *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->naddrs; i++) {
        cJSON *x = cJSON_CreateObject(), *why = cJSON_CreateArray();
        j_add_str(x, "address", s->addrs[i].addr);
        j_add_str(x, "role", od_role_name(s->addrs[i].role));
        j_add_bool(x, "loopback", s->addrs[i].loopback);
        j_add_bool(x, "confirmed", s->addrs[i].confirmed);
        for (size_t k = 0; k < s->addrs[i].nwhy; k++)
            cJSON_AddItemToArray(why, cJSON_CreateString(s->addrs[i].why[k]));
        j_add_item(x, "why", why);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_docker_host(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    j_add_item(x, "addresses", od_j_strv(&s->host_addrs));
    j_add_bool(x, "seen", s->dh_seen);
    j_add_bool(x, "refused_all", s->dh_refused_all);
    j_add_bool(x, "timeout", s->dh_timeout);
    j_add_bool(x, "answers", s->dh_answers);
    j_add_bool(x, "ok", s->dh_ok);
    return x;
}

/* "127.0.0.1:11434", "[::]:11434": an address with its port, as people write it. */
static void add_endpoint(cJSON *x, const char *addr, int port)
{
    char ep[80];
    snprintf(ep, sizeof ep, strchr(addr, ':') ? "[%s]:%d" : "%s:%d", addr, port);
    j_add_str(x, "endpoint", ep);
}

static cJSON *j_found(const struct od_situation *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->nfound; i++) {
        const struct od_ollama_at *at = &s->found[i];
        cJSON *x = cJSON_CreateObject();
        j_add_str(x, "address", at->addr);
        j_add_num(x, "port", at->port);
        add_endpoint(x, at->addr, at->port);
        j_add_str(x, "via", at->via);
        j_add_str(x, "owner_kind", at->owner_kind);
        j_add_str(x, "owner", at->owner);
        j_add_item(x, "container", od_j_str(at->container));
        j_add_str(x, "role", od_role_name(at->role));
        j_add_bool(x, "loopback", at->loopback);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_tristate(int v)
{
    return v < 0 ? cJSON_CreateNull() : cJSON_CreateBool(v);
}

static cJSON *j_ollama(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    j_add_item(x, "found", j_found(s));
    j_add_num(x, "port", s->ollama_port);
    j_add_item(x, "other_port", s->other_port ? cJSON_CreateNumber(s->other_port) : cJSON_CreateNull());
    j_add_bool(x, "listeners_known", s->listeners_known);
    j_add_item(x, "listening", j_tristate(s->listeners_known ? s->listening : -1));
    j_add_item(x, "loopback_only", j_tristate(s->listeners_known ? s->loopback_only : -1));
    j_add_item(x, "all_interfaces", j_tristate(s->listeners_known ? s->all_interfaces : -1));
    j_add_item(x, "container", s->ollama_container ? j_dcontainer(s->ollama_container) : cJSON_CreateNull());
    j_add_bool(x, "published", s->published);
    j_add_bool(x, "published_loopback", s->published_loopback);
    j_add_item(x, "shares_network", j_tristate(s->shares_network));
    j_add_item(x, "app_container", s->app_container ? cJSON_CreateString(s->app_container->name)
                                                               : cJSON_CreateNull());
    return x;
}

static cJSON *j_fix(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    j_add_num(x, "port", s->ollama_port);
    j_add_str(x, "bind_all", s->bind_all);
    j_add_item(x, "bind_narrow", od_j_str(s->bind_narrow));
    j_add_item(x, "bind_narrow_why", od_j_str(s->bind_narrow_why));
    j_add_item(x, "bridge", od_j_str(s->bridge_addr));
    j_add_item(x, "bridge_source", od_j_str(s->bridge_source));
    j_add_item(x, "subnets", od_j_str(s->subnets));
    j_add_item(x, "subnet", od_j_str(s->subnet));
    j_add_str(x, "service", s->service);
    j_add_item(x, "base_url", od_j_str(s->base_url));
    j_add_item(x, "no_proxy", od_j_str(s->no_proxy));
    j_add_bool(x, "firewall_known", s->firewall_known);
    return x;
}

cJSON *od_j_situation(const struct od_check *c)
{
    const struct od_situation *s = &c->sit;
    cJSON *x = cJSON_CreateObject();
    j_add_str(x, "question", s->question ? s->question : "which");
    j_add_item(x, "app", j_app(c->o));
    j_add_bool(x, "app_in_container", s->app_in_container);
    j_add_str(x, "network_mode", s->network_mode ? s->network_mode : "unknown");
    j_add_bool(x, "host_network", s->host_network);
    j_add_num(x, "asked", (double)s->nasked);
    j_add_num(x, "asked_ok", (double)s->asked_ok);
    j_add_bool(x, "reached", s->reached);
    j_add_num(x, "usable", (double)s->usable);
    j_add_item(x, "addresses", j_addresses(s));
    j_add_item(x, "docker_host", j_docker_host(s));
    j_add_item(x, "ollama", j_ollama(s));
    j_add_item(x, "fix", j_fix(s));
    return x;
}

cJSON *od_j_app_settings(const struct od_check *c)
{
    const struct od_app_settings *s = &c->model.settings;
    cJSON *x;
    if (!s->set)
        return cJSON_CreateNull();
    x = cJSON_CreateObject();
    j_add_str(x, "base_url", s->base_url);
    j_add_str(x, "model", s->model);
    j_add_str(x, "model_type", s->model_type);
    j_add_num(x, "context_size", (double)s->context_size);
    j_add_num(x, "max_tokens", (double)s->max_tokens);
    j_add_bool(x, "vision_support", s->vision);
    j_add_bool(x, "function_call_support", s->tools);
    j_add_str(x, "context_size_reason", s->context_size_reason);
    return x;
}
