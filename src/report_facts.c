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
    cJSON_AddBoolToObject(c, "detected", f->container.inside);
    cJSON_AddStringToObject(c, "runtime", f->container.runtime);
    cJSON_AddItemToObject(c, "markers", od_j_strv(&f->container.markers));
    return c;
}

static cJSON *j_os(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kernel", f->container.kernel);
    cJSON_AddStringToObject(o, "guess", f->container.os_guess);
    cJSON_AddItemToObject(o, "hostname", od_j_str(f->hostname));
    return o;
}

static cJSON *j_ollama_host(const struct od_facts *f)
{
    char url[600];
    cJSON *o = cJSON_CreateObject();
    const struct od_ollama_host *h = &f->ollama_host;
    cJSON_AddBoolToObject(o, "set", f->ollama_host_set);
    cJSON_AddItemToObject(o, "raw", f->ollama_host_set ? cJSON_CreateString(f->ollama_host_raw) : cJSON_CreateNull());
    od_ollama_host_url(h, url, sizeof url);
    cJSON_AddStringToObject(o, "url", url);
    cJSON_AddStringToObject(o, "scheme", h->scheme);
    cJSON_AddStringToObject(o, "host", h->host);
    cJSON_AddNumberToObject(o, "port", h->port);
    cJSON_AddStringToObject(o, "path", h->path);
    cJSON_AddBoolToObject(o, "listens_beyond_loopback", od_ollama_host_listens_beyond_loopback(h));
    return o;
}

static cJSON *j_gateways(const struct od_facts *f)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->ngateways; i++) {
        cJSON *g = cJSON_CreateObject();
        cJSON_AddStringToObject(g, "family", family_name(f->gateways[i].family));
        cJSON_AddStringToObject(g, "address", f->gateways[i].addr);
        cJSON_AddStringToObject(g, "interface", f->gateways[i].iface);
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
        cJSON_AddStringToObject(x, "name", d->name);
        cJSON_AddStringToObject(x, "family", family_name(d->family));
        cJSON_AddStringToObject(x, "address", d->addr);
        cJSON_AddNumberToObject(x, "prefix", d->prefix);
        cJSON_AddBoolToObject(x, "up", d->up);
        cJSON_AddBoolToObject(x, "loopback", d->loopback);
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
        cJSON_AddStringToObject(x, "address", f->hosts.v[i].addr);
        cJSON_AddItemToObject(x, "names", od_j_strv(&f->hosts.v[i].names));
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
    cJSON_AddItemToObject(o, "nameservers", od_j_strv(&f->resolv.nameservers));
    cJSON_AddItemToObject(o, "search", od_j_strv(&f->resolv.search));
    cJSON_AddItemToObject(o, "options", od_j_strv(&f->resolv.options));
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
    cJSON_AddStringToObject(x, "family", family_name(l->family));
    cJSON_AddStringToObject(x, "address", l->addr);
    cJSON_AddNumberToObject(x, "port", l->port);
    cJSON_AddStringToObject(x, "scope", od_listen_scope_name(l->scope));
    cJSON_AddNumberToObject(x, "inode", (double)l->inode);
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
    cJSON_AddStringToObject(o, "finished_at", when);
    cJSON_AddNumberToObject(o, "timeout_ms", c->run.timeout_ms);
    cJSON_AddNumberToObject(o, "deadline_ms", c->run.deadline_ms);
    cJSON_AddItemToObject(o, "elapsed_ms", ms_or_null(c->elapsed_ms));
    cJSON_AddItemToObject(o, "probe_ms", ms_or_null(c->run.elapsed_ms));
    cJSON_AddBoolToObject(o, "deadline_hit", c->run.deadline_hit || c->model.cut_short);
    cJSON_AddNumberToObject(o, "max_rss_kb", (double)c->run.max_rss_kb);
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
    cJSON_AddStringToObject(x, "kind", owner_kinds[o->kind]);
    cJSON_AddNumberToObject(x, "pid", o->pid);
    cJSON_AddStringToObject(x, "comm", o->comm);
    cJSON_AddItemToObject(x, "ollama_host", o->ollama_host_set ? cJSON_CreateString(o->ollama_host) : cJSON_CreateNull());
    cJSON_AddItemToObject(x, "unit", od_j_str(o->unit));
    if (o->kind == OD_OWNER_DOCKER_PROXY) {
        cJSON_AddItemToObject(x, "container_ip", od_j_str(o->proxy_to));
        cJSON_AddNumberToObject(x, "container_port", o->proxy_to_port);
    }
    return x;
}

cJSON *od_j_host_listeners(const struct od_hostfacts *h)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nlisteners; i++) {
        cJSON *x = j_listener(&h->listeners[i].l);
        cJSON_AddItemToObject(x, "owner", j_owner(&h->listeners[i].owner));
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
        cJSON_AddStringToObject(x, "address", h->listeners[i].l.addr);
        cJSON_AddNumberToObject(x, "pid", o->pid);
        cJSON_AddStringToObject(x, "comm", o->comm);
        cJSON_AddItemToObject(x, "ollama_host", o->ollama_host_set ? cJSON_CreateString(o->ollama_host) : cJSON_CreateNull());
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
    cJSON_AddStringToObject(o, "LoadState", s->load);
    cJSON_AddStringToObject(o, "ActiveState", s->active);
    cJSON_AddStringToObject(o, "FragmentPath", s->fragment);
    cJSON_AddStringToObject(o, "DropInPaths", s->dropins);
    cJSON_AddStringToObject(o, "Environment", s->environment);
    return o;
}

static cJSON *j_firewall(const struct od_firewall *fw)
{
    cJSON *o = cJSON_CreateObject(), *x;
    x = cJSON_AddObjectToObject(o, "ufw");
    cJSON_AddBoolToObject(x, "present", fw->ufw_present);
    cJSON_AddBoolToObject(x, "enabled", fw->ufw_enabled);
    x = cJSON_AddObjectToObject(o, "firewalld");
    cJSON_AddBoolToObject(x, "present", fw->firewalld_present);
    cJSON_AddBoolToObject(x, "running", fw->firewalld_running);
    x = cJSON_AddObjectToObject(o, "nftables");
    cJSON_AddBoolToObject(x, "present", fw->nft_present);
    cJSON_AddBoolToObject(x, "readable", fw->nft_readable);
    if (fw->nft_readable)
        cJSON_AddItemToObject(x, "rules_with_port", od_j_strv(&fw->nft_rules));
    return o;
}

static cJSON *j_bridges(const struct od_hostfacts *h)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < h->nbridges; i++) {
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "name", h->bridges[i].name);
        cJSON_AddStringToObject(b, "address", h->bridges[i].addr);
        cJSON_AddNumberToObject(b, "prefix", h->bridges[i].prefix);
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
        cJSON_AddStringToObject(x, "name", n[i].name);
        cJSON_AddStringToObject(x, "ip", n[i].ip);
        cJSON_AddStringToObject(x, "gateway", n[i].gateway);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_dcontainer(const struct od_dcontainer *c)
{
    cJSON *x = cJSON_CreateObject(), *ports = cJSON_CreateArray();
    cJSON_AddStringToObject(x, "name", c->name);
    cJSON_AddStringToObject(x, "image", c->image);
    cJSON_AddBoolToObject(x, "ollama", c->ollama);
    cJSON_AddStringToObject(x, "network_mode", c->network_mode);
    cJSON_AddItemToObject(x, "service", od_j_str(c->service));
    cJSON_AddItemToObject(x, "networks", j_cnets(c->nets, c->nnets));
    for (size_t i = 0; i < c->nports; i++) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "host_ip", c->ports[i].host_ip);
        cJSON_AddNumberToObject(p, "host_port", c->ports[i].host_port);
        cJSON_AddNumberToObject(p, "container_port", c->ports[i].container_port);
        cJSON_AddItemToArray(ports, p);
    }
    cJSON_AddItemToObject(x, "published", ports);
    return x;
}

static cJSON *j_engine(const struct od_engine *e)
{
    cJSON *o = cJSON_CreateObject(), *nets, *cs;
    cJSON_AddBoolToObject(o, "available", e->available);
    cJSON_AddItemToObject(o, "why", e->available ? cJSON_CreateNull() : od_j_str(e->why));
    cJSON_AddItemToObject(o, "server", od_j_str(e->server));
    nets = cJSON_AddArrayToObject(o, "networks");
    for (size_t i = 0; i < e->nnets; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", e->nets[i].name);
        cJSON_AddStringToObject(x, "driver", e->nets[i].driver);
        cJSON_AddItemToObject(x, "bridge", od_j_str(e->nets[i].bridge));
        cJSON_AddItemToObject(x, "subnet", od_j_str(e->nets[i].subnet));
        cJSON_AddItemToObject(x, "gateway", od_j_str(e->nets[i].gateway));
        cJSON_AddItemToArray(nets, x);
    }
    cs = cJSON_AddArrayToObject(o, "containers");
    for (size_t i = 0; i < e->ncs; i++)
        cJSON_AddItemToArray(cs, j_dcontainer(&e->cs[i]));
    return o;
}

static cJSON *j_host(const struct od_check *c)
{
    const struct od_hostfacts *h = &c->hf;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "listeners", od_j_host_listeners(h));
    cJSON_AddItemToObject(o, "listener_owners", j_listener_owners(h, c->f.port));
    cJSON_AddItemToObject(o, "systemd", j_systemd(&h->systemd));
    cJSON_AddItemToObject(o, "firewall", j_firewall(&h->fw));
    cJSON_AddItemToObject(o, "docker_bridges", j_bridges(h));
    cJSON_AddItemToObject(o, "docker_proxies", j_docker_proxies(h));
    cJSON_AddItemToObject(o, "docker", j_engine(&h->engine));
    return o;
}

static cJSON *j_target(const struct od_target *t)
{
    cJSON *j = cJSON_CreateObject(), *d;
    cJSON_AddStringToObject(j, "kind", t->kind);
    cJSON_AddStringToObject(j, "name", t->name);
    cJSON_AddItemToObject(j, "id", od_j_str(t->id));
    cJSON_AddItemToObject(j, "pid", t->pid ? cJSON_CreateNumber(t->pid) : cJSON_CreateNull());
    cJSON_AddStringToObject(j, "netns", t->netns_path);
    cJSON_AddBoolToObject(j, "host_netns", t->host_netns);
    cJSON_AddItemToObject(j, "app", od_j_str(t->app.app));
    cJSON_AddItemToObject(j, "service", od_j_str(t->service));
    cJSON_AddItemToObject(j, "role", od_j_str(t->app.role));
    cJSON_AddItemToObject(j, "picked", od_j_str(t->picked));
    if (!t->is_docker) {
        cJSON_AddNullToObject(j, "docker");
        return j;
    }
    d = cJSON_AddObjectToObject(j, "docker");
    cJSON_AddStringToObject(d, "image", t->image);
    cJSON_AddItemToObject(d, "extra_hosts", od_j_strv(&t->extra_hosts));
    cJSON_AddStringToObject(d, "network_mode", t->network_mode);
    cJSON_AddItemToObject(d, "networks", j_cnets(t->nets, t->nnets));
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
    cJSON_AddStringToObject(o, "requested", m->requested);
    cJSON_AddStringToObject(o, "model_type", m->model_type);
    cJSON_AddStringToObject(o, "server", m->server);
    cJSON_AddNumberToObject(o, "tags_status", (double)m->tags_status);
    cJSON_AddBoolToObject(o, "tags_ok", m->tags_ok);
    cJSON_AddItemToObject(o, "installed", od_j_strv(&m->installed));
    cJSON_AddBoolToObject(o, "found", m->found);
    cJSON_AddItemToObject(o, "name", od_j_str(m->name));
    cJSON_AddBoolToObject(o, "cut_short", m->cut_short);
    if (!m->found) {
        cJSON_AddItemToObject(o, "closest", od_j_strv(&m->closest));
        return o;
    }
    cJSON_AddNumberToObject(o, "show_status", (double)m->show_status);
    if (m->show_ok) {
        cJSON_AddItemToObject(o, "capabilities", od_j_strv(&m->capabilities));
        cJSON_AddStringToObject(o, "capabilities_source", m->capabilities_source);
        cJSON_AddStringToObject(o, "architecture", m->architecture);
        cJSON_AddItemToObject(o, "family", od_j_str(m->family));
        cJSON_AddItemToObject(o, "context_length", num_or_null(m->context_length));
        cJSON_AddItemToObject(o, "num_ctx", num_or_null(m->num_ctx));
    }
    if (m->deep) {
        d = cJSON_AddObjectToObject(o, "deep");
        cJSON_AddNumberToObject(d, "status", (double)m->deep_status);
        cJSON_AddNumberToObject(d, "load_ms", (double)(long)m->deep_load_ms);
        cJSON_AddNumberToObject(d, "app_read_timeout_ms", OD_DIFY_READ_TIMEOUT_MS);
        cJSON_AddItemToObject(d, "done_reason", od_j_str(m->deep_done_reason));
        cJSON_AddItemToObject(d, "context_length", num_or_null(m->deep_context_length));
    }
    return o;
}

cJSON *od_j_context(const struct od_check *c)
{
    const struct od_facts *f = &c->f;
    cJSON *x = cJSON_CreateObject(), *tos;
    cJSON_AddStringToObject(x, "vantage_source", c->has_target ? "target" : f->vantage_source);
    cJSON_AddItemToObject(x, "container", j_container(f));
    cJSON_AddItemToObject(x, "os", j_os(f));
    tos = cJSON_AddObjectToObject(x, "target_os");
    cJSON_AddItemToObject(tos, "platforms", od_j_strv(&f->target_os));
    cJSON_AddStringToObject(tos, "source", f->target_os_source);
    cJSON_AddNumberToObject(x, "port", f->port);
    cJSON_AddStringToObject(x, "port_source", f->port_source);
    cJSON_AddItemToObject(x, "ports", j_ports(f));
    cJSON_AddItemToObject(x, "ollama_host", j_ollama_host(f));
    cJSON_AddItemToObject(x, "gateways", j_gateways(f));
    cJSON_AddItemToObject(x, "interfaces", j_interfaces(f));
    cJSON_AddItemToObject(x, "hosts", j_hosts(f));
    cJSON_AddNumberToObject(x, "hosts_omitted",
                            f->hosts_known && f->hosts.n > OD_REPORT_MAX_HOSTS ? (double)(f->hosts.n - OD_REPORT_MAX_HOSTS) : 0);
    cJSON_AddItemToObject(x, "resolv", j_resolv(f));
    cJSON_AddItemToObject(x, "app_env", c->has_target ? od_appenv_target_json(c->t.kind, c->t.name) : od_appenv_json(&c->ae));
    cJSON_AddItemToObject(x, "proxy", j_proxy(f));
    cJSON_AddItemToObject(x, "listeners", j_listeners(c));
    cJSON_AddItemToObject(x, "urls", od_j_strv(&c->o->urls));
    cJSON_AddItemToObject(x, "model", j_model(c));
    cJSON_AddItemToObject(x, "sources", j_sources(f));
    cJSON_AddItemToObject(x, "run", j_run(c));
    if (c->has_host)
        cJSON_AddItemToObject(x, "host", j_host(c));
    if (c->has_target)
        cJSON_AddItemToObject(x, "target", j_target(&c->t));
    return x;
}

/* --- probes ---------------------------------------------------------------- */

static cJSON *j_dns(const struct od_dns *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "status", od_j_str(d->status));
    cJSON_AddItemToObject(o, "source", od_j_str(d->source));
    cJSON_AddItemToObject(o, "addresses", od_j_strv(&d->addrs));
    cJSON_AddItemToObject(o, "ms", ms_or_null(d->source && strcmp(d->source, "literal") ? d->ms : 0));
    cJSON_AddItemToObject(o, "detail", od_j_str(d->detail));
    return o;
}

static cJSON *j_http(const struct od_http *h)
{
    cJSON *o;
    if (!h->got)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", (double)h->status);
    cJSON_AddBoolToObject(o, "ollama", h->ollama);
    cJSON_AddItemToObject(o, "version", od_j_str(h->version));
    cJSON_AddItemToObject(o, "server", od_j_str(h->server));
    cJSON_AddItemToObject(o, "ms", ms_or_null(h->ms));
    cJSON_AddItemToObject(o, "content_type", od_j_str(h->content_type));
    cJSON_AddItemToObject(o, "via", od_j_str(h->via));
    cJSON_AddItemToObject(o, "location", od_j_str(h->location));
    cJSON_AddStringToObject(o, "body", h->body);
    cJSON_AddNumberToObject(o, "body_bytes", (double)h->body_bytes);
    cJSON_AddBoolToObject(o, "truncated", h->truncated);
    cJSON_AddNumberToObject(o, "version_status", (double)h->version_status);
    if (h->app_path[0]) {
        cJSON *app = cJSON_AddObjectToObject(o, "app");
        cJSON_AddStringToObject(app, "path", h->app_path);
        cJSON_AddNumberToObject(app, "status", (double)h->app_status);
        cJSON_AddBoolToObject(app, "ollama", h->app_ollama);
    }
    return o;
}

static cJSON *j_attempt(const struct od_attempt *a, const struct od_situation *s)
{
    cJSON *o = cJSON_CreateObject();
    const struct od_addr_role *r = a->addr[0] ? od_situation_role(s, a->addr) : NULL;
    cJSON_AddStringToObject(o, "address", a->addr);
    cJSON_AddItemToObject(o, "role", r ? cJSON_CreateString(od_role_name(r->role)) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "tcp", a->skipped ? cJSON_CreateNull() : cJSON_CreateString(od_tcp_name(a->tcp)));
    cJSON_AddItemToObject(o, "errno", od_j_str(od_errno_name(a->err)));
    cJSON_AddItemToObject(o, "connect_ms", ms_or_null(a->connect_ms));
    cJSON_AddItemToObject(o, "http", j_http(&a->http));
    cJSON_AddItemToObject(o, "class", od_j_str(a->klass));
    cJSON_AddItemToObject(o, "total_ms", ms_or_null(a->skipped ? -1 : a->total_ms));
    cJSON_AddItemToObject(o, "error", od_j_str(a->skipped ? a->skip_reason : a->error));
    cJSON_AddBoolToObject(o, "deadline_hit", a->deadline_hit);
    return o;
}

static cJSON *j_proxy_probe(const struct od_probe *p, const struct od_situation *s)
{
    cJSON *o;
    if (!p->proxied)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "url", p->proxy_shown);
    cJSON_AddItemToObject(o, "dns", j_dns(&p->proxy_dns));
    cJSON_AddItemToObject(o, "attempt", j_attempt(p->proxy_att, s));
    return o;
}

static cJSON *j_probe(const struct od_probe *p, const struct od_probe_sit *ps, const struct od_situation *s)
{
    cJSON *o = cJSON_CreateObject(), *atts, *origins;
    cJSON_AddStringToObject(o, "candidate", p->cand->text);
    cJSON_AddStringToObject(o, "origin", p->cand->origin);
    origins = cJSON_AddArrayToObject(o, "origins");
    for (size_t i = 0; i < p->cand->norigins; i++)
        cJSON_AddItemToArray(origins, cJSON_CreateString(p->cand->origins[i]));
    cJSON_AddStringToObject(o, "url", p->cand->key);
    cJSON_AddStringToObject(o, "scheme", p->cand->url.scheme);
    cJSON_AddStringToObject(o, "host", p->cand->url.host);
    cJSON_AddNumberToObject(o, "port", p->cand->url.port);
    cJSON_AddBoolToObject(o, "has_scheme", p->cand->url.has_scheme);
    cJSON_AddStringToObject(o, "path", p->cand->url.path);
    cJSON_AddBoolToObject(o, "asked", ps->asked);
    cJSON_AddBoolToObject(o, "question", ps->question);
    cJSON_AddBoolToObject(o, "recommended", ps->recommended);
    cJSON_AddBoolToObject(o, "usable", ps->usable);
    cJSON_AddStringToObject(o, "role", od_role_name(ps->role));
    cJSON_AddBoolToObject(o, "role_confirmed", ps->role_confirmed);
    cJSON_AddBoolToObject(o, "loopback", ps->loopback);
    cJSON_AddStringToObject(o, "label", ps->label);
    cJSON_AddItemToObject(o, "dns", j_dns(&p->dns));
    atts = cJSON_AddArrayToObject(o, "attempts");
    for (size_t i = 0; i < p->natt; i++)
        cJSON_AddItemToArray(atts, j_attempt(&p->att[i], s));
    cJSON_AddItemToObject(o, "proxy", j_proxy_probe(p, s));
    cJSON_AddStringToObject(o, "class", p->klass);
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
    cJSON_AddStringToObject(x, "name", p->name);
    cJSON_AddStringToObject(x, "title", p->title);
    cJSON_AddBoolToObject(x, "in_container", p->in_container);
    cJSON_AddStringToObject(x, "joins", p->joins);
    cJSON_AddStringToObject(x, "app_path", p->app_path);
    cJSON_AddItemToObject(x, "service", od_j_str(p->service));
    cJSON_AddStringToObject(x, "service_note", p->service_note);
    return x;
}

static cJSON *j_addresses(const struct od_situation *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->naddrs; i++) {
        cJSON *x = cJSON_CreateObject(), *why = cJSON_CreateArray();
        cJSON_AddStringToObject(x, "address", s->addrs[i].addr);
        cJSON_AddStringToObject(x, "role", od_role_name(s->addrs[i].role));
        cJSON_AddBoolToObject(x, "loopback", s->addrs[i].loopback);
        cJSON_AddBoolToObject(x, "confirmed", s->addrs[i].confirmed);
        for (size_t k = 0; k < s->addrs[i].nwhy; k++)
            cJSON_AddItemToArray(why, cJSON_CreateString(s->addrs[i].why[k]));
        cJSON_AddItemToObject(x, "why", why);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_docker_host(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    cJSON_AddItemToObject(x, "addresses", od_j_strv(&s->host_addrs));
    cJSON_AddBoolToObject(x, "seen", s->dh_seen);
    cJSON_AddBoolToObject(x, "refused_all", s->dh_refused_all);
    cJSON_AddBoolToObject(x, "timeout", s->dh_timeout);
    cJSON_AddBoolToObject(x, "answers", s->dh_answers);
    cJSON_AddBoolToObject(x, "ok", s->dh_ok);
    return x;
}

/* "127.0.0.1:11434", "[::]:11434": an address with its port, as people write it. */
static void add_endpoint(cJSON *x, const char *addr, int port)
{
    char ep[80];
    snprintf(ep, sizeof ep, strchr(addr, ':') ? "[%s]:%d" : "%s:%d", addr, port);
    cJSON_AddStringToObject(x, "endpoint", ep);
}

static cJSON *j_found(const struct od_situation *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->nfound; i++) {
        const struct od_ollama_at *at = &s->found[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "address", at->addr);
        cJSON_AddNumberToObject(x, "port", at->port);
        add_endpoint(x, at->addr, at->port);
        cJSON_AddStringToObject(x, "via", at->via);
        cJSON_AddStringToObject(x, "owner_kind", at->owner_kind);
        cJSON_AddStringToObject(x, "owner", at->owner);
        cJSON_AddItemToObject(x, "container", od_j_str(at->container));
        cJSON_AddStringToObject(x, "role", od_role_name(at->role));
        cJSON_AddBoolToObject(x, "loopback", at->loopback);
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
    cJSON_AddItemToObject(x, "found", j_found(s));
    cJSON_AddNumberToObject(x, "port", s->ollama_port);
    cJSON_AddItemToObject(x, "other_port", s->other_port ? cJSON_CreateNumber(s->other_port) : cJSON_CreateNull());
    cJSON_AddBoolToObject(x, "listeners_known", s->listeners_known);
    cJSON_AddItemToObject(x, "listening", j_tristate(s->listeners_known ? s->listening : -1));
    cJSON_AddItemToObject(x, "loopback_only", j_tristate(s->listeners_known ? s->loopback_only : -1));
    cJSON_AddItemToObject(x, "all_interfaces", j_tristate(s->listeners_known ? s->all_interfaces : -1));
    cJSON_AddItemToObject(x, "container", s->ollama_container ? j_dcontainer(s->ollama_container) : cJSON_CreateNull());
    cJSON_AddBoolToObject(x, "published", s->published);
    cJSON_AddBoolToObject(x, "published_loopback", s->published_loopback);
    cJSON_AddItemToObject(x, "shares_network", j_tristate(s->shares_network));
    cJSON_AddItemToObject(x, "app_container", s->app_container ? cJSON_CreateString(s->app_container->name)
                                                               : cJSON_CreateNull());
    return x;
}

static cJSON *j_fix(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    cJSON_AddNumberToObject(x, "port", s->ollama_port);
    cJSON_AddStringToObject(x, "bind_all", s->bind_all);
    cJSON_AddItemToObject(x, "bind_narrow", od_j_str(s->bind_narrow));
    cJSON_AddItemToObject(x, "bind_narrow_why", od_j_str(s->bind_narrow_why));
    cJSON_AddItemToObject(x, "bridge", od_j_str(s->bridge_addr));
    cJSON_AddItemToObject(x, "bridge_source", od_j_str(s->bridge_source));
    cJSON_AddItemToObject(x, "subnets", od_j_str(s->subnets));
    cJSON_AddItemToObject(x, "subnet", od_j_str(s->subnet));
    cJSON_AddStringToObject(x, "service", s->service);
    cJSON_AddItemToObject(x, "base_url", od_j_str(s->base_url));
    cJSON_AddItemToObject(x, "no_proxy", od_j_str(s->no_proxy));
    cJSON_AddBoolToObject(x, "firewall_known", s->firewall_known);
    return x;
}

cJSON *od_j_situation(const struct od_check *c)
{
    const struct od_situation *s = &c->sit;
    cJSON *x = cJSON_CreateObject();
    cJSON_AddStringToObject(x, "question", s->question ? s->question : "which");
    cJSON_AddItemToObject(x, "app", j_app(c->o));
    cJSON_AddBoolToObject(x, "app_in_container", s->app_in_container);
    cJSON_AddStringToObject(x, "network_mode", s->network_mode ? s->network_mode : "unknown");
    cJSON_AddBoolToObject(x, "host_network", s->host_network);
    cJSON_AddNumberToObject(x, "asked", (double)s->nasked);
    cJSON_AddNumberToObject(x, "asked_ok", (double)s->asked_ok);
    cJSON_AddBoolToObject(x, "reached", s->reached);
    cJSON_AddNumberToObject(x, "usable", (double)s->usable);
    cJSON_AddItemToObject(x, "addresses", j_addresses(s));
    cJSON_AddItemToObject(x, "docker_host", j_docker_host(s));
    cJSON_AddItemToObject(x, "ollama", j_ollama(s));
    cJSON_AddItemToObject(x, "fix", j_fix(s));
    return x;
}

cJSON *od_j_app_settings(const struct od_check *c)
{
    const struct od_app_settings *s = &c->model.settings;
    cJSON *x;
    if (!s->set)
        return cJSON_CreateNull();
    x = cJSON_CreateObject();
    cJSON_AddStringToObject(x, "base_url", s->base_url);
    cJSON_AddStringToObject(x, "model", s->model);
    cJSON_AddStringToObject(x, "model_type", s->model_type);
    cJSON_AddNumberToObject(x, "context_size", (double)s->context_size);
    cJSON_AddNumberToObject(x, "max_tokens", (double)s->max_tokens);
    cJSON_AddBoolToObject(x, "vision_support", s->vision);
    cJSON_AddBoolToObject(x, "function_call_support", s->tools);
    cJSON_AddStringToObject(x, "context_size_reason", s->context_size_reason);
    return x;
}
