/* report_json — facts, probes, findings, recommendation and verdict as one
 * cJSON document (schema_version 1; field meanings in docs/facts.md). */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "errname.h"

static cJSON *str_or_null(const char *s)
{
    return s && *s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *strv_array(const struct od_strv *sv)
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

static const char *family_name(int fam)
{
    return fam == AF_INET6 ? "ipv6" : "ipv4";
}

static cJSON *j_container(const struct od_facts *f)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddBoolToObject(c, "detected", f->container.inside);
    cJSON_AddStringToObject(c, "runtime", f->container.runtime);
    cJSON_AddItemToObject(c, "markers", strv_array(&f->container.markers));
    return c;
}

static cJSON *j_os(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kernel", f->container.kernel);
    cJSON_AddStringToObject(o, "guess", f->container.os_guess);
    cJSON_AddItemToObject(o, "hostname", str_or_null(f->hostname));
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
    if (!f->ifaddrs_known)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray();
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

static cJSON *j_hosts(const struct od_facts *f)
{
    if (!f->hosts_known)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->hosts.n; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "address", f->hosts.v[i].addr);
        cJSON_AddItemToObject(x, "names", strv_array(&f->hosts.v[i].names));
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_resolv(const struct od_facts *f)
{
    if (!f->resolv_known)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "nameservers", strv_array(&f->resolv.nameservers));
    cJSON_AddItemToObject(o, "search", strv_array(&f->resolv.search));
    cJSON_AddItemToObject(o, "options", strv_array(&f->resolv.options));
    return o;
}

static cJSON *j_proxy(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < f->nproxyvars; i++)
        cJSON_AddStringToObject(o, f->proxyvars[i].name, f->proxyvars[i].value);
    return o;
}

cJSON *od_report_listeners(const struct od_facts *f)
{
    if (!f->listeners_checked || !f->listeners_known)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->nlisteners; i++) {
        const struct od_listener *l = &f->listeners[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "family", family_name(l->family));
        cJSON_AddStringToObject(x, "address", l->addr);
        cJSON_AddNumberToObject(x, "port", l->port);
        cJSON_AddStringToObject(x, "scope", od_listen_scope_name(l->scope));
        cJSON_AddNumberToObject(x, "inode", (double)l->inode);
        cJSON_AddItemToArray(a, x);
    }
    return a;
}

static cJSON *j_sources(const struct od_facts *f)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < f->nsources; i++)
        cJSON_AddStringToObject(o, f->sources[i].path, f->sources[i].status);
    return o;
}

static cJSON *j_run(const struct od_run *r)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    cJSON *o = cJSON_CreateObject();
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    cJSON_AddStringToObject(o, "finished_at", when);
    cJSON_AddNumberToObject(o, "timeout_ms", r->timeout_ms);
    cJSON_AddNumberToObject(o, "deadline_ms", r->deadline_ms);
    cJSON_AddItemToObject(o, "elapsed_ms", ms_or_null(r->elapsed_ms));
    cJSON_AddBoolToObject(o, "deadline_hit", r->deadline_hit);
    cJSON_AddNumberToObject(o, "max_rss_kb", (double)r->max_rss_kb);
    return o;
}

static cJSON *j_context(const struct od_opts *o, const struct od_facts *f, const struct od_run *r)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "vantage_source", f->vantage_source);
    cJSON_AddItemToObject(c, "container", j_container(f));
    cJSON_AddItemToObject(c, "os", j_os(f));
    cJSON *tos = cJSON_AddObjectToObject(c, "target_os");
    cJSON_AddItemToObject(tos, "platforms", strv_array(&f->target_os));
    cJSON_AddStringToObject(tos, "source", f->target_os_source);
    cJSON_AddNumberToObject(c, "port", f->port);
    cJSON_AddStringToObject(c, "port_source", f->port_source);
    cJSON_AddItemToObject(c, "ollama_host", j_ollama_host(f));
    cJSON_AddItemToObject(c, "gateways", j_gateways(f));
    cJSON_AddItemToObject(c, "interfaces", j_interfaces(f));
    cJSON_AddItemToObject(c, "hosts", j_hosts(f));
    cJSON_AddItemToObject(c, "resolv", j_resolv(f));
    cJSON_AddItemToObject(c, "proxy", j_proxy(f));
    cJSON_AddItemToObject(c, "listeners", od_report_listeners(f));
    cJSON_AddItemToObject(c, "urls", strv_array(&o->urls));
    cJSON_AddItemToObject(c, "model", str_or_null(o->model));
    cJSON_AddItemToObject(c, "sources", j_sources(f));
    cJSON_AddItemToObject(c, "run", j_run(r));
    return c;
}

static cJSON *j_dns(const struct od_dns *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "status", str_or_null(d->status));
    cJSON_AddItemToObject(o, "source", str_or_null(d->source));
    cJSON_AddItemToObject(o, "addresses", strv_array(&d->addrs));
    cJSON_AddItemToObject(o, "ms", ms_or_null(d->source && strcmp(d->source, "literal") ? d->ms : 0));
    cJSON_AddItemToObject(o, "detail", str_or_null(d->detail));
    return o;
}

static cJSON *j_http(const struct od_http *h)
{
    if (!h->got)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", (double)h->status);
    cJSON_AddBoolToObject(o, "ollama", h->ollama);
    cJSON_AddItemToObject(o, "version", str_or_null(h->version));
    cJSON_AddItemToObject(o, "server", str_or_null(h->server));
    cJSON_AddItemToObject(o, "ms", ms_or_null(h->ms));
    cJSON_AddItemToObject(o, "content_type", str_or_null(h->content_type));
    cJSON_AddItemToObject(o, "via", str_or_null(h->via));
    cJSON_AddItemToObject(o, "location", str_or_null(h->location));
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

static cJSON *j_attempt(const struct od_attempt *a)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "address", a->addr);
    cJSON_AddItemToObject(o, "tcp", a->skipped ? cJSON_CreateNull() : cJSON_CreateString(od_tcp_name(a->tcp)));
    cJSON_AddItemToObject(o, "errno", str_or_null(od_errno_name(a->err)));
    cJSON_AddItemToObject(o, "connect_ms", ms_or_null(a->connect_ms));
    cJSON_AddItemToObject(o, "http", j_http(&a->http));
    cJSON_AddItemToObject(o, "class", str_or_null(a->klass));
    cJSON_AddItemToObject(o, "total_ms", ms_or_null(a->skipped ? -1 : a->total_ms));
    cJSON_AddItemToObject(o, "error", str_or_null(a->skipped ? a->skip_reason : a->error));
    cJSON_AddBoolToObject(o, "deadline_hit", a->deadline_hit);
    return o;
}

static cJSON *j_proxy_probe(const struct od_probe *p)
{
    if (!p->proxied)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "url", p->proxy_shown);
    cJSON_AddItemToObject(o, "dns", j_dns(&p->proxy_dns));
    cJSON_AddItemToObject(o, "attempt", j_attempt(&p->proxy_att));
    return o;
}

static cJSON *j_probe(const struct od_probe *p)
{
    char url[1400];
    cJSON *o = cJSON_CreateObject(), *atts;
    od_url_format(&p->cand->url, 1, url, sizeof url);
    cJSON_AddStringToObject(o, "candidate", p->cand->text);
    cJSON_AddStringToObject(o, "origin", p->cand->origin);
    cJSON_AddStringToObject(o, "url", url);
    cJSON_AddStringToObject(o, "scheme", p->cand->url.scheme);
    cJSON_AddStringToObject(o, "host", p->cand->url.host);
    cJSON_AddNumberToObject(o, "port", p->cand->url.port);
    cJSON_AddBoolToObject(o, "has_scheme", p->cand->url.has_scheme);
    cJSON_AddStringToObject(o, "path", p->cand->url.path);
    cJSON_AddItemToObject(o, "dns", j_dns(&p->dns));
    atts = cJSON_AddArrayToObject(o, "attempts");
    for (size_t i = 0; i < p->natt; i++)
        cJSON_AddItemToArray(atts, j_attempt(&p->att[i]));
    cJSON_AddItemToObject(o, "proxy", j_proxy_probe(p));
    cJSON_AddStringToObject(o, "class", p->klass);
    return o;
}

static cJSON *j_recommendation(const struct od_outcome *out)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "base_url", str_or_null(out->base_url));
    cJSON_AddItemToObject(o, "candidate", out->best ? cJSON_CreateString(out->best->cand->text) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "origin", out->best ? cJSON_CreateString(out->best->cand->origin) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "app_settings", cJSON_CreateNull());
    return o;
}

static cJSON *j_tool(void)
{
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "name", "ollama-doctor");
    cJSON_AddStringToObject(t, "version", OD_VERSION);
    return t;
}

cJSON *od_report_build(const struct od_opts *o, const struct od_facts *f, const struct od_run *r,
                       const struct od_outcome *out)
{
    cJSON *doc = cJSON_CreateObject(), *probes;
    if (!doc)
        return NULL;
    cJSON_AddNumberToObject(doc, "schema_version", OD_SCHEMA_VERSION);
    cJSON_AddItemToObject(doc, "tool", j_tool());
    cJSON_AddStringToObject(doc, "vantage", f->in_container ? "container" : "host");
    cJSON_AddItemToObject(doc, "context", j_context(o, f, r));
    probes = cJSON_AddArrayToObject(doc, "probes");
    for (size_t i = 0; i < r->n; i++)
        cJSON_AddItemToArray(probes, j_probe(&r->probes[i]));
    cJSON_AddArrayToObject(doc, "findings");
    cJSON_AddItemToObject(doc, "recommendation", j_recommendation(out));
    cJSON_AddStringToObject(doc, "verdict", od_verdict_name(out->verdict));
    return doc;
}

enum od_verdict od_report_set_findings(cJSON *doc, cJSON *findings)
{
    const cJSON *f, *v = cJSON_GetObjectItemCaseSensitive(doc, "verdict");
    enum od_verdict verdict = OD_VERDICT_OK;
    int errors = 0;
    cJSON_ArrayForEach(f, findings)
    {
        const cJSON *sev = cJSON_GetObjectItemCaseSensitive(f, "severity");
        errors += cJSON_IsString(sev) && strcmp(sev->valuestring, "error") == 0;
    }
    /* the verdict from the probes alone, made worse by error findings */
    if (cJSON_IsString(v) && strcmp(v->valuestring, "unreachable") == 0)
        verdict = OD_VERDICT_UNREACHABLE;
    else if (errors || (cJSON_IsString(v) && strcmp(v->valuestring, "problems") == 0))
        verdict = OD_VERDICT_PROBLEMS;
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "findings", findings);
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "verdict", cJSON_CreateString(od_verdict_name(verdict)));
    return verdict;
}

/* The check command that would confirm what explain read in the text. */
static void confirm_command(const cJSON *in, char *buf, size_t n)
{
    const cJSON *host = cJSON_GetObjectItemCaseSensitive(in, "host"), *port = cJSON_GetObjectItemCaseSensitive(in, "port");
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(in, "model");
    int p = cJSON_IsNumber(port) ? port->valueint : 11434;
    size_t l;
    if (cJSON_IsString(host))
        snprintf(buf, n, "ollama-doctor check -u http://%s%s%s:%d", strchr(host->valuestring, ':') ? "[" : "",
                 host->valuestring, strchr(host->valuestring, ':') ? "]" : "", p);
    else
        snprintf(buf, n, "ollama-doctor check");
    l = strlen(buf);
    if (cJSON_IsString(model))
        snprintf(buf + l, n - l, " --model %s", model->valuestring);
}

cJSON *od_report_explain(const cJSON *facts, cJSON *findings)
{
    cJSON *doc = cJSON_CreateObject();
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(facts, "input");
    char confirm[600];
    if (!doc) {
        cJSON_Delete(findings);
        return NULL;
    }
    cJSON_AddNumberToObject(doc, "schema_version", OD_SCHEMA_VERSION);
    cJSON_AddItemToObject(doc, "tool", j_tool());
    cJSON_AddItemToObject(doc, "input", cJSON_Duplicate(in, 1));
    cJSON_AddItemToObject(doc, "findings", findings);
    confirm_command(in, confirm, sizeof confirm);
    cJSON_AddStringToObject(doc, "confirm", confirm);
    return doc;
}

cJSON *od_report_error(enum od_err e, const char *message)
{
    cJSON *doc = cJSON_CreateObject(), *err;
    if (!doc)
        return NULL;
    cJSON_AddNumberToObject(doc, "schema_version", OD_SCHEMA_VERSION);
    cJSON_AddItemToObject(doc, "tool", j_tool());
    err = cJSON_AddObjectToObject(doc, "error");
    cJSON_AddStringToObject(err, "code", od_err_name(e));
    cJSON_AddStringToObject(err, "message", message);
    cJSON_AddNumberToObject(err, "exit", od_err_exit(e));
    return doc;
}
