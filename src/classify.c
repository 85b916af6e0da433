/* classify — attempt and probe classes, verdict, recommended Base URL. */
#include "classify.h"

#include <string.h>

#include "url.h"

/* Failure classes from the most to the least telling: when a name has
 * several addresses, the probe carries the best-ranked attempt's class. */
static const char *const rank[] = {"ok",     "not-ollama",  "http-error", "tls-error", "reset",
                                   "refused", "unreachable", "timeout",    "skipped"};

static const struct { enum od_tcp tcp; const char *klass; } tcp_class[] = {
    {OD_TCP_REFUSED, "refused"},         {OD_TCP_TIMEOUT, "timeout"}, {OD_TCP_UNREACHABLE, "unreachable"},
    {OD_TCP_RESET, "reset"},             {OD_TCP_ERROR, "unreachable"}, {OD_TCP_NONE, "timeout"},
};

static size_t index_of(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return n;
}

static int wants_app_path(const struct od_probe *p)
{
    return p->cand->url.path[0] && strcmp(p->cand->url.path, "/") != 0;
}

static const char *http_class(const struct od_probe *p, const struct od_attempt *a)
{
    const struct od_http *h = &a->http;
    if (wants_app_path(p)) {
        if (h->app_ollama)
            return "ok";
        if (h->ollama)
            return "http-error"; /* Ollama is there, the app's joined URL is not */
    } else if (h->ollama) {
        return "ok";
    }
    if (h->status == 403 && h->body_bytes == 0)
        return "http-error"; /* Ollama's Host/Origin check answers exactly so */
    return "not-ollama";
}

static const char *attempt_class(const struct od_probe *p, const struct od_attempt *a)
{
    if (a->skipped)
        return "skipped";
    if (a->tcp == OD_TCP_CONNECTED) {
        if (a->tls_failed)
            return "tls-error";
        if (a->http_failed)
            return a->not_http ? "not-ollama" : "http-error";
        return http_class(p, a);
    }
    for (size_t i = 0; i < sizeof tcp_class / sizeof tcp_class[0]; i++)
        if (tcp_class[i].tcp == a->tcp)
            return tcp_class[i].klass;
    return "unreachable";
}

static const char *probe_class(struct od_probe *p)
{
    const size_t nrank = sizeof rank / sizeof rank[0];
    size_t best = nrank;

    for (size_t i = 0; i < p->natt; i++) {
        p->att[i].klass = attempt_class(p, &p->att[i]);
        size_t k = index_of(rank, nrank, p->att[i].klass);
        if (k < best)
            best = k;
    }
    if (p->proxied) {
        p->proxy_att->klass = attempt_class(p, p->proxy_att);
        return strcmp(p->proxy_att->klass, "ok") == 0 ? "ok" : "proxy-error";
    }
    if (!p->dns.status || strcmp(p->dns.status, "ok") != 0)
        return "dns-error";
    return best < nrank ? rank[best] : "skipped";
}

void od_classify(struct od_run *r)
{
    for (size_t i = 0; i < r->n; i++)
        r->probes[i].klass = probe_class(&r->probes[i]);
}

const char *od_verdict_name(enum od_verdict v)
{
    static const char *const names[] = {"ok", "problems", "unreachable"};
    return names[v];
}
