/* report_probes — the probes and the situation as JSON (report_int.h):
 * every candidate's DNS, attempts and HTTP answers, then who is where and
 * the measured values the fixes use. */
#include "report_int.h"

#include <string.h>

#include "app.h"
#include "errname.h"

static cJSON *j_dns(const struct od_dns *d)
{
    cJSON *o = cJSON_CreateObject();
    od_j_add_item(o, "status", od_j_str(d->status));
    od_j_add_item(o, "source", od_j_str(d->source));
    od_j_add_item(o, "addresses", od_j_strv(&d->addrs));
    od_j_add_item(o, "ms", od_j_ms(d->source && strcmp(d->source, "literal") ? d->ms : 0));
    od_j_add_item(o, "detail", od_j_str(d->detail));
    return o;
}

static cJSON *j_http(const struct od_http *h)
{
    cJSON *o;
    if (!h->got)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    od_j_add_num(o, "status", (double)h->status);
    od_j_add_bool(o, "ollama", h->ollama);
    od_j_add_item(o, "version", od_j_str(h->version));
    od_j_add_item(o, "server", od_j_str(h->server));
    od_j_add_item(o, "ms", od_j_ms(h->ms));
    od_j_add_item(o, "content_type", od_j_str(h->content_type));
    od_j_add_item(o, "via", od_j_str(h->via));
    od_j_add_item(o, "location", od_j_str(h->location));
    od_j_add_str(o, "body", h->body);
    od_j_add_num(o, "body_bytes", (double)h->body_bytes);
    od_j_add_bool(o, "truncated", h->truncated);
    od_j_add_num(o, "version_status", (double)h->version_status);
    if (h->app_path[0]) {
        cJSON *app = od_j_add_obj(o, "app");
        od_j_add_str(app, "path", h->app_path);
        od_j_add_num(app, "status", (double)h->app_status);
        od_j_add_bool(app, "ollama", h->app_ollama);
    }
    return o;
}

static cJSON *j_attempt(const struct od_attempt *a, const struct od_situation *s)
{
    cJSON *o = cJSON_CreateObject();
    const struct od_addr_role *r = a->addr[0] ? od_situation_role(s, a->addr) : NULL;
    od_j_add_str(o, "address", a->addr);
    od_j_add_item(o, "role", r ? cJSON_CreateString(od_role_name(r->role)) : cJSON_CreateNull());
    od_j_add_item(o, "tcp", a->skipped ? cJSON_CreateNull() : cJSON_CreateString(od_tcp_name(a->tcp)));
    od_j_add_item(o, "errno", od_j_str(od_errno_name(a->err)));
    od_j_add_item(o, "connect_ms", od_j_ms(a->connect_ms));
    od_j_add_item(o, "http", j_http(&a->http));
    od_j_add_item(o, "class", od_j_str(a->klass));
    od_j_add_item(o, "total_ms", od_j_ms(a->skipped ? -1 : a->total_ms));
    od_j_add_item(o, "error", od_j_str(a->skipped ? a->skip_reason : a->error));
    od_j_add_bool(o, "deadline_hit", a->deadline_hit);
    return o;
}

static cJSON *j_proxy_probe(const struct od_probe *p, const struct od_situation *s)
{
    cJSON *o;
    if (!p->proxied)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    od_j_add_str(o, "url", p->proxy_shown);
    od_j_add_item(o, "dns", j_dns(&p->proxy_dns));
    od_j_add_item(o, "attempt", j_attempt(p->proxy_att, s));
    return o;
}

static cJSON *j_probe(const struct od_probe *p, const struct od_probe_sit *ps, const struct od_situation *s)
{
    cJSON *o = cJSON_CreateObject(), *atts, *origins;
    char root[300];
    od_j_add_str(o, "candidate", p->cand->text);
    od_j_add_str(o, "origin", p->cand->origin);
    origins = od_j_add_arr(o, "origins");
    for (size_t i = 0; i < p->cand->norigins; i++)
        cJSON_AddItemToArray(origins, cJSON_CreateString(p->cand->origins[i]));
    od_j_add_str(o, "url", p->cand->key);
    od_url_format(&p->cand->url, 0, root, sizeof root);
    od_j_add_str(o, "root", root);
    od_j_add_str(o, "authority", strstr(root, "://") + 3);
    od_j_add_str(o, "scheme", p->cand->url.scheme);
    od_j_add_str(o, "host", p->cand->url.host);
    od_j_add_num(o, "port", p->cand->url.port);
    od_j_add_bool(o, "has_scheme", p->cand->url.has_scheme);
    od_j_add_str(o, "path", p->cand->url.path);
    od_j_add_bool(o, "asked", ps->asked);
    od_j_add_bool(o, "question", ps->question);
    od_j_add_bool(o, "recommended", ps->recommended);
    od_j_add_bool(o, "usable", ps->usable);
    od_j_add_str(o, "role", od_role_name(ps->role));
    od_j_add_bool(o, "role_confirmed", ps->role_confirmed);
    od_j_add_bool(o, "loopback", ps->loopback);
    od_j_add_bool(o, "local_name", od_is_local_only_name(p->cand->url.host));
    od_j_add_bool(o, "private_target", od_is_private_target(p->cand->url.host, p->natt ? p->att[0].addr : ""));
    od_j_add_str(o, "label", ps->label);
    if (ps->forwarder)
        od_j_add_str(o, "forwarder", ps->forwarder);
    od_j_add_item(o, "dns", j_dns(&p->dns));
    atts = od_j_add_arr(o, "attempts");
    for (size_t i = 0; i < p->natt; i++)
        cJSON_AddItemToArray(atts, j_attempt(&p->att[i], s));
    od_j_add_item(o, "proxy", j_proxy_probe(p, s));
    od_j_add_str(o, "class", p->klass);
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
    od_j_add_str(x, "name", p->name);
    od_j_add_str(x, "title", p->title);
    od_j_add_bool(x, "in_container", p->in_container);
    od_j_add_str(x, "joins", p->joins);
    od_j_add_str(x, "app_path", p->app_path);
    od_j_add_item(x, "service", od_j_str(p->service));
    od_j_add_str(x, "service_note", p->service_note);
    od_j_add_item(x, "base_url_field", od_j_str(p->base_url_field));
    return x;
}

static cJSON *j_addresses(const struct od_situation *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->naddrs; i++) {
        cJSON *x = cJSON_CreateObject(), *why = cJSON_CreateArray();
        od_j_add_str(x, "address", s->addrs[i].addr);
        od_j_add_str(x, "role", od_role_name(s->addrs[i].role));
        od_j_add_bool(x, "loopback", s->addrs[i].loopback);
        od_j_add_bool(x, "confirmed", s->addrs[i].confirmed);
        for (size_t k = 0; k < s->addrs[i].nwhy; k++)
            cJSON_AddItemToArray(why, cJSON_CreateString(s->addrs[i].why[k]));
        od_j_add_item(x, "why", why);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_docker_host(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    od_j_add_item(x, "addresses", od_j_strv(&s->host_addrs));
    od_j_add_bool(x, "seen", s->dh_seen);
    od_j_add_bool(x, "refused_all", s->dh_refused_all);
    od_j_add_bool(x, "timeout", s->dh_timeout);
    od_j_add_bool(x, "answers", s->dh_answers);
    od_j_add_bool(x, "ok", s->dh_ok);
    return x;
}

/* "127.0.0.1:11434", "[::]:11434": an address with its port, as people write it. */
static void add_endpoint(cJSON *x, const char *addr, int port)
{
    char ep[80];
    snprintf(ep, sizeof ep, strchr(addr, ':') ? "[%s]:%d" : "%s:%d", addr, port);
    od_j_add_str(x, "endpoint", ep);
}

static cJSON *j_found(const struct od_situation *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < s->nfound; i++) {
        const struct od_ollama_at *at = &s->found[i];
        cJSON *x = cJSON_CreateObject();
        od_j_add_str(x, "address", at->addr);
        od_j_add_num(x, "port", at->port);
        add_endpoint(x, at->addr, at->port);
        od_j_add_str(x, "via", at->via);
        od_j_add_str(x, "owner_kind", at->owner_kind);
        od_j_add_str(x, "owner", at->owner);
        od_j_add_item(x, "container", od_j_str(at->container));
        od_j_add_str(x, "role", od_role_name(at->role));
        od_j_add_bool(x, "loopback", at->loopback);
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
    od_j_add_item(x, "found", j_found(s));
    od_j_add_num(x, "port", s->ollama_port);
    od_j_add_item(x, "other_port", s->other_port ? cJSON_CreateNumber(s->other_port) : cJSON_CreateNull());
    od_j_add_bool(x, "listeners_known", s->listeners_known);
    od_j_add_item(x, "listening", j_tristate(s->listeners_known ? s->listening : -1));
    od_j_add_item(x, "loopback_only", j_tristate(s->listeners_known ? s->loopback_only : -1));
    od_j_add_item(x, "all_interfaces", j_tristate(s->listeners_known ? s->all_interfaces : -1));
    od_j_add_item(x, "container", s->ollama_container ? od_j_docker_container(s->ollama_container) : cJSON_CreateNull());
    od_j_add_bool(x, "published", s->published);
    od_j_add_bool(x, "published_loopback", s->published_loopback);
    od_j_add_item(x, "shares_network", j_tristate(s->shares_network));
    od_j_add_item(x, "app_container", s->app_container ? cJSON_CreateString(s->app_container->name)
                                                               : cJSON_CreateNull());
    return x;
}

static cJSON *j_fix(const struct od_situation *s)
{
    cJSON *x = cJSON_CreateObject();
    od_j_add_num(x, "port", s->ollama_port);
    od_j_add_str(x, "bind_all", s->bind_all);
    od_j_add_item(x, "bind_narrow", od_j_str(s->bind_narrow));
    od_j_add_item(x, "bind_narrow_why", od_j_str(s->bind_narrow_why));
    od_j_add_item(x, "bridge", od_j_str(s->bridge_addr));
    od_j_add_item(x, "bridge_source", od_j_str(s->bridge_source));
    od_j_add_item(x, "subnets", od_j_str(s->subnets));
    od_j_add_item(x, "subnet", od_j_str(s->subnet));
    od_j_add_str(x, "service", s->service);
    od_j_add_item(x, "base_url", od_j_str(s->base_url));
    od_j_add_item(x, "no_proxy", od_j_str(s->no_proxy));
    od_j_add_bool(x, "firewall_known", s->firewall_known);
    return x;
}

cJSON *od_j_situation(const struct od_check *c)
{
    const struct od_situation *s = &c->sit;
    cJSON *x = cJSON_CreateObject();
    od_j_add_str(x, "question", s->question ? s->question : "which");
    od_j_add_item(x, "app", j_app(c->o));
    od_j_add_bool(x, "app_in_container", s->app_in_container);
    od_j_add_str(x, "network_mode", s->network_mode ? s->network_mode : "unknown");
    od_j_add_bool(x, "host_network", s->host_network);
    od_j_add_num(x, "asked", (double)s->nasked);
    od_j_add_num(x, "asked_ok", (double)s->asked_ok);
    od_j_add_bool(x, "reached", s->reached);
    od_j_add_num(x, "usable", (double)s->usable);
    od_j_add_item(x, "addresses", j_addresses(s));
    od_j_add_item(x, "docker_host", j_docker_host(s));
    od_j_add_item(x, "ollama", j_ollama(s));
    od_j_add_item(x, "fix", j_fix(s));
    return x;
}

cJSON *od_j_app_settings(const struct od_check *c)
{
    const struct od_app_settings *s = &c->model.settings;
    cJSON *x;
    if (!s->set)
        return cJSON_CreateNull();
    x = cJSON_CreateObject();
    od_j_add_str(x, "base_url", s->base_url);
    od_j_add_str(x, "model", s->model);
    od_j_add_str(x, "model_type", s->model_type);
    od_j_add_num(x, "context_size", (double)s->context_size);
    od_j_add_num(x, "max_tokens", (double)s->max_tokens);
    od_j_add_bool(x, "vision_support", s->vision);
    od_j_add_bool(x, "function_call_support", s->tools);
    od_j_add_str(x, "context_size_reason", s->context_size_reason);
    return x;
}
