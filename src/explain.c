/* explain.c — read a pasted error message with the signature set: every
 * match adds what it says (a kind, an errno, a status, a client, an app, a
 * platform hint, a cause, an endpoint); a captured field's cleaning is
 * explain_fields.c's; the endpoints' roles and the model server among them
 * are explain_endpoints.c's; what the reading then decides
 * (the kind, where the client runs) is explain_decide.c's. No module state. */
#include "explain.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain_int.h"
#include "hostnames.h"
#include "paste.h"
#include "url.h"
#include "util.h"

#define TEXT_CAP (64 * 1024)

/* Keeps (rank, pos) in b when it beats what b holds: lowest rank, then first. */
static int better(struct best *b, int rank, size_t pos)
{
    if (b->set && (rank > b->rank || (rank == b->rank && pos >= b->pos)))
        return 0;
    b->set = 1, b->rank = rank, b->pos = pos;
    return 1;
}

unsigned od_explain_kind_bit(const char *kind)
{
    for (unsigned i = 0; od_sig_kinds[i]; i++)
        if (strcmp(od_sig_kinds[i], kind) == 0)
            return 1u << i;
    return 0;
}

/* The kind an errno name stands for, as a kind bit (0: none). */
static unsigned errno_kind(const char *name)
{
    static const struct {
        const char *errno_name, *kind;
    } map[] = {
        {"ECONNREFUSED", "refused"},      {"EADDRNOTAVAIL", "refused"},     {"ETIMEDOUT", "connect-timeout"},
        {"EHOSTUNREACH", "unreachable"},  {"ENETUNREACH", "unreachable"},   {"EHOSTDOWN", "unreachable"},
        {"ECONNRESET", "reset"},          {"ECONNABORTED", "reset"},        {"EPIPE", "reset"},
        {"ENOTFOUND", "name-resolution"}, {"EAI_AGAIN", "name-resolution"}, {"EAI_NONAME", "name-resolution"},
    };
    for (size_t i = 0; i < N_OF(map); i++)
        if (strcasecmp(map[i].errno_name, name) == 0)
            return od_explain_kind_bit(map[i].kind);
    return 0;
}

void od_explain_add_hint(struct od_explain_input *out, const char *hint)
{
    if (!hint || od_explain_has_hint(out, hint) || out->nhints >= OD_EXPLAIN_MAX_HINTS)
        return;
    od_strlcpy(out->hints[out->nhints++], hint, sizeof out->hints[0]);
}

void od_explain_drop_hint(struct od_explain_input *out, const char *hint)
{
    size_t w = 0;
    for (size_t i = 0; i < out->nhints; i++)
        if (strcmp(out->hints[i], hint) != 0)
            memmove(out->hints[w++], out->hints[i], sizeof out->hints[0]);
    out->nhints = w;
}

int od_explain_has_hint(const struct od_explain_input *in, const char *hint)
{
    for (size_t i = 0; i < in->nhints; i++)
        if (strcmp(in->hints[i], hint) == 0)
            return 1;
    return 0;
}

void od_explain_join2(char *dst, size_t n, const char *a, const char *b)
{
    size_t l = a == dst ? strlen(dst) : od_strlcpy(dst, a, n);
    if (l < n)
        od_strlcpy(dst + l, b, n - l);
}

/* Where the host or URL itself (capture group g, or the whole match) and its
 * line start. */
static void mention_span(struct od_explain_endpoint *e, const struct od_sig_hit *h, int g)
{
    regmatch_t m = g > 0 && h->m[g].rm_so >= 0 ? h->m[g] : h->m[0];
    e->cap = (size_t)m.rm_so;
    e->cap_end = (size_t)m.rm_eo;
    e->bol = e->cap;
    while (e->bol > 0 && h->text[e->bol - 1] != '\n')
        e->bol--;
}

/* An endpoint from a hit: host (+ port, path), a URL, or a fixed host. */
static void hit_endpoint(struct acc *a, const struct od_sig_hit *h)
{
    const struct od_sig *s = h->sig;
    struct od_explain_endpoint e;
    char buf[1024];

    if (a->nraw >= RAW_MAX)
        return;
    memset(&e, 0, sizeof e);
    if (s->field[OD_SF_URL]) {
        struct od_url u;
        char why[64];
        const char *auth;
        int g = s->field[OD_SF_URL];
        od_sig_group(h, g, buf, sizeof buf);
        auth = strstr(buf, "://"); /* a url field's group may hold an address without a scheme */
        auth = auth ? auth + 3 : buf;
        if (h->m[g].rm_so >= 0 && strncmp(h->text + h->m[g].rm_eo, "\xe2\x80\xa6", 3) == 0 && !strpbrk(auth, "/:"))
            return; /* a URL cut short in its host (a chat app's ellipsis): the host may not be whole */
        od_explain_trim_tail(buf, ".:,;!'\"\\");
        if (!strchr(auth, '['))
            od_explain_trim_tail(buf, "]"); /* a URL in brackets ([http://sonarqube:9000]), not an IPv6 literal's */
        if (od_url_parse(buf, 0, &u, why, sizeof why) != 0)
            return;
        od_strlcpy(e.url, buf, sizeof e.url);
        od_strlcpy(e.host, u.host, sizeof e.host);
        e.port = u.port;
        od_strlcpy(e.path, u.path, sizeof e.path);
        od_explain_trim_tail(e.path, ".:");
    }
    if (s->field[OD_SF_HOST]) {
        od_sig_group(h, s->field[OD_SF_HOST], e.host, sizeof e.host);
    } else if (s->host[0] && !e.host[0]) {
        od_strlcpy(e.host, s->host, sizeof e.host);
    }
    if (od_explain_clean_host(e.host, sizeof e.host) != 0 || (s->field[OD_SF_HOST] && od_explain_source_file(e.host)))
        return;
    if (s->field[OD_SF_PORT]) {
        int g = s->field[OD_SF_PORT];
        od_sig_group(h, g, buf, sizeof buf);
        /* digits a letter goes on from are no port ("1l434", "1143A": a
         * screenshot's text recognition), not the digits before it */
        e.port = h->m[g].rm_so >= 0 && isalpha((unsigned char)h->text[h->m[g].rm_eo]) ? 0 : od_explain_port_num(buf);
    }
    if (s->field[OD_SF_PATH] && !e.path[0]) {
        od_sig_group(h, s->field[OD_SF_PATH], e.path, sizeof e.path);
        od_explain_trim_tail(e.path, ".:");
    }
    e.role = s->role ? s->role : "model-server";
    /* a web UI's call to "its backend" that is Ollama itself (Angular calling
     * :11434): the app's own services do not answer on Ollama's port or routes */
    if (s->field[OD_SF_URL] && strcmp(e.role, "app-internal") == 0 && od_explain_ollama_endpoint(&e))
        e.role = "model-server";
    e.cause = s->role ? s->cause : NULL; /* an upstream named with its cause (the server's call to the cloud) */
    e.kinds = s->kind ? od_explain_kind_bit(s->kind) : 0;
    if (s->field[OD_SF_ERRNO]) {
        od_sig_group(h, s->field[OD_SF_ERRNO], buf, sizeof buf);
        e.kinds |= errno_kind(buf);
    }
    snprintf(e.why, sizeof e.why, "%s", s->id);
    e.rank = s->rank;
    e.pos = e.last = h->pos;
    e.end = (size_t)h->m[0].rm_eo;
    mention_span(&e, h, s->field[OD_SF_URL] ? s->field[OD_SF_URL] : s->field[OD_SF_HOST]);
    e.requested = s->hint && strcmp(s->hint, "request-url") == 0;
    a->raw[a->nraw++] = e;
}

static void hit_status(struct acc *a, const struct od_sig_hit *h)
{
    const struct od_sig *s = h->sig;
    char buf[16];
    int st = s->status;

    if (s->field[OD_SF_STATUS]) {
        od_sig_group(h, s->field[OD_SF_STATUS], buf, sizeof buf);
        st = (int)strtol(buf, NULL, 10);
    }
    if (st < 100 || st > 599)
        return;
    for (size_t i = 0; i < a->s->nst; i++) {
        const struct od_statusrule *r = &a->s->st[i];
        if (r->status != st)
            continue;
        if (r->kind)
            *(r->weak ? &a->weak : &a->strong) |= od_explain_kind_bit(r->kind);
        if (r->cause && (a->cause_by_status || !a->out->cause[0]) && better(&a->cause_b, s->rank + 1, h->pos)) {
            od_strlcpy(a->out->cause, r->cause, sizeof a->out->cause);
            a->cause_by_status = 1;
            a->cause_yields = 0;
        }
        od_explain_add_hint(a->out, r->hint);
    }
    /* an error status (>= 400) wins over any other; then rank, then the first */
    if (st >= 400 && !a->status_err) {
        a->status_err = 1;
        a->status_b.set = 0;
    }
    if ((st >= 400) == a->status_err && better(&a->status_b, s->rank, h->pos))
        a->out->status = st;
}

static void hit_values(struct acc *a, const struct od_sig_hit *h)
{
    const struct od_sig *s = h->sig;
    struct od_explain_input *out = a->out;
    char buf[160];

    if (s->errno_name[0] && better(&a->errno_b, s->rank, h->pos))
        od_strlcpy(out->errno_name, s->errno_name, sizeof out->errno_name);
    if (s->field[OD_SF_ERRNO]) {
        od_sig_group(h, s->field[OD_SF_ERRNO], buf, sizeof buf);
        for (char *c = buf; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        if (buf[0] == 'E' && strspn(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == strlen(buf) &&
            better(&a->errno_b, s->rank, h->pos))
            od_strlcpy(out->errno_name, buf, sizeof out->errno_name);
    }
    if (s->field[OD_SF_MODEL]) {
        od_sig_group(h, s->field[OD_SF_MODEL], buf, sizeof buf);
        od_explain_clean_model(buf, sizeof buf);
        if (buf[0] && better(&a->model_b, s->rank, h->pos))
            od_strlcpy(out->model, buf, sizeof out->model);
    }
    if (s->field[OD_SF_ORIGIN]) {
        od_sig_group(h, s->field[OD_SF_ORIGIN], buf, sizeof buf);
        od_explain_trim_tail(buf, "/");
        if (buf[0] && better(&a->origin_b, s->rank, h->pos))
            od_strlcpy(out->origin, buf, sizeof out->origin);
    }
    if (s->field[OD_SF_SERVICE]) {
        od_sig_group(h, s->field[OD_SF_SERVICE], buf, sizeof buf);
        if (od_explain_compose_service(buf) && better(&a->service_b, s->rank, h->pos))
            od_strlcpy(out->service, buf, sizeof out->service);
    }
    if (s->field[OD_SF_SECONDS] || s->field[OD_SF_MS]) {
        int ms = !s->field[OD_SF_SECONDS];
        od_sig_group(h, ms ? s->field[OD_SF_MS] : s->field[OD_SF_SECONDS], buf, sizeof buf);
        if (buf[0] && better(&a->seconds_b, s->rank, h->pos))
            out->seconds = strtod(buf, NULL) / (ms ? 1000.0 : 1.0);
    }
    if (s->field[OD_SF_PATH] && !s->field[OD_SF_HOST] && !s->field[OD_SF_URL] && !s->host[0] &&
        better(&a->path_b, s->rank, h->pos)) {
        od_sig_group(h, s->field[OD_SF_PATH], a->path, sizeof a->path);
        od_explain_trim_tail(a->path, ".:");
    }
    if (s->client[0] && better(&a->client_b, s->rank, h->pos))
        od_strlcpy(out->client, s->client, sizeof out->client);
    if (s->app[0] && better(&a->app_b, s->rank, h->pos)) {
        od_strlcpy(out->app, s->app, sizeof out->app);
        snprintf(out->app_why, sizeof out->app_why, "%s", s->id);
    }
    if (s->joins && better(&a->joins_b, s->rank, h->pos))
        od_strlcpy(out->joins, s->joins, sizeof out->joins);
    if (s->cause && s->weak) {
        a->error_words |= strcmp(s->cause, "no-network-failure") == 0;
        if (better(&a->weak_cause_b, s->rank, h->pos))
            a->weak_cause = s->cause;
    } else if (s->cause) {
        if (a->cause_by_status) /* a signature's cause names what failed, and outweighs a status's */
            a->cause_b.set = 0;
        if (better(&a->cause_b, s->rank, h->pos)) {
            od_strlcpy(out->cause, s->cause, sizeof out->cause);
            a->cause_by_status = 0;
            a->cause_yields = s->yields;
        }
    }
    if (s->hint && strcmp(s->hint, "tls-plain") == 0)
        better(&a->plain_b, 0, h->pos);
    if (s->hint && strcmp(s->hint, "connected") == 0 && (!a->connected_b.set || h->pos > a->connected_b.pos))
        a->connected_b = (struct best){.set = 1, .pos = h->pos};
    od_explain_add_hint(out, s->hint);
}

/* pos and pos2 are on one line of the text. */
static int same_line(const char *text, size_t pos, size_t pos2)
{
    size_t lo = pos < pos2 ? pos : pos2, hi = pos < pos2 ? pos2 : pos;
    return !memchr(text + lo, '\n', hi - lo);
}

/* Words that say a connection failed, just after the one address on their
 * line, are about it ("http://host.docker.internal:11434 ❌ Connection
 * refused" beside a working "curl http://localhost:11434 ✅"), and so are
 * those just before it, where a runtime puts the reason first ("getaddrinfo:
 * Name or service not known (redis://redis:6379)"): a tie-break below the
 * kinds a signature gave an address itself. */
static void line_kinds(struct acc *a, const char *text)
{
    for (size_t k = 0; k < a->nkh; k++) {
        struct od_explain_endpoint *only = NULL;
        size_t n = 0;
        if (!(a->kh[k].kind & od_explain_conn_kinds()))
            continue;
        for (size_t i = 0; i < a->nraw; i++)
            if (same_line(text, a->raw[i].pos, a->kh[k].pos) && (!only || strcmp(only->host, a->raw[i].host) != 0))
                n++, only = &a->raw[i];
        if (n != 1)
            continue;
        for (size_t i = 0; i < a->nraw; i++) /* every mention of it there (a URL and its host:port) */
            if (same_line(text, a->raw[i].pos, a->kh[k].pos) &&
                ((a->kh[k].pos >= a->raw[i].end && a->kh[k].pos - a->raw[i].end <= 40) ||
                 (a->kh[k].pos < a->raw[i].pos && a->raw[i].pos - a->kh[k].pos <= 60)))
                a->raw[i].line_kinds |= a->kh[k].kind;
    }
}

/* Whether a URL at port is named on the line of pos. */
static int url_on_line_at_port(const struct acc *a, const char *text, size_t pos, int port)
{
    for (size_t k = 0; k < a->nraw; k++)
        if (a->raw[k].url[0] && a->raw[k].port == port && same_line(text, pos, a->raw[k].pos))
            return 1;
    return 0;
}

/* Whether the URL u is the request a client echoed first ("GET URL" or
 * "POST URL HTTP/1.1" on the text's first line: Postman's console, VS Code's
 * REST Client, HTTPie), and the failed address e one the request could not
 * have reached by itself: a loopback URL failing at a public address, or a
 * public name failing at loopback on another port (a hosts file keeps the
 * port). What was connected to is then the proxy the client uses. */
static int echoed_request_elsewhere(const char *text, const struct od_explain_endpoint *u,
                                    const struct od_explain_endpoint *e)
{
    size_t at = strspn(text, " \t\n"), m = od_http_method_len(text + at, strlen(text + at));
    int u_lo = od_explain_this_machine(u->host), e_lo = od_explain_this_machine(e->host);
    if (!m || u->pos != at + m)
        return 0;
    return u_lo ? !e_lo && !od_is_private_target(e->host, "")
                : e_lo && strchr(u->host, '.') && !od_is_private_target(u->host, "");
}

/* An address a connection failure is said of ("Failed to connect to HOST
 * port N", "connect ECONNREFUSED ADDR:N", "Cannot connect to host ADDR:N")
 * on the line of the URL the request was for, at another port: the client
 * connected elsewhere than the URL says, to the proxy it was given
 * (HTTP_PROXY), whatever its port (Guzzle's and Symfony's "... for URL",
 * node-fetch's "request to URL failed, reason: ..."). Not in a gateway's
 * log about its upstream (cloudflared's "dial tcp [::1]:11434 ...
 * dest=https://NAME/..."): the URL there is the request the gateway took
 * in, the address the upstream it passes it to. The same for a request a
 * client echoed first (echoed_request_elsewhere), on any line. */
static void connected_elsewhere(struct acc *a, const char *text)
{
    if (od_explain_has_hint(a->out, "upstream"))
        return;
    for (size_t i = 0; i < a->nraw; i++) {
        struct od_explain_endpoint *e = &a->raw[i];
        if (!(e->kinds & od_explain_conn_kinds()) || !e->port || e->url[0] ||
            (strcmp(e->role, "model-server") != 0 && strcmp(e->role, "address") != 0))
            continue;
        if (url_on_line_at_port(a, text, e->pos, e->port))
            continue; /* a URL at that port is there too: the request the address was connected for (Argo CD's
                         "Failed to query provider URL1: Get URL2:5556: dial tcp ADDR:5556") */
        for (size_t k = 0; k < a->nraw; k++) {
            const struct od_explain_endpoint *u = &a->raw[k];
            if (u->url[0] && u->port && u->port != e->port &&
                (same_line(text, e->pos, u->pos) || echoed_request_elsewhere(text, u, e)) &&
                strcmp(u->role, "model-server") == 0 && !od_sigs_host_role(a->s, u->host, u->port, u->path)) {
                e->role = "proxy";
                snprintf(e->why, sizeof e->why, "the client connected here for %.120s: the proxy it was given", u->url);
                break;
            }
        }
    }
}

/* The Origin a server or browser refused (Safari's "Origin URL is not
 * allowed", a server's "Invalid origin: URL") names the page that sent the
 * request, not where it went: the URL read there is the client's. */
static void page_origin(struct acc *a)
{
    size_t n = strlen(a->out->origin);
    for (size_t i = 0; n && i < a->nraw; i++) {
        struct od_explain_endpoint *e = &a->raw[i];
        if (strcmp(e->role, "model-server") == 0 && strncasecmp(e->url, a->out->origin, n) == 0 &&
            (e->url[n] == '\0' || (e->url[n] == '/' && e->url[n + 1] == '\0'))) {
            e->role = "client";
            snprintf(e->why, sizeof e->why, "the Origin that was refused: the page that sent the request");
        }
    }
}

/* The status right after the request line of the app's own access log (a
 * peer's request for a route that is not Ollama's: uvicorn's 'INFO: PEER -
 * "POST /chat HTTP/1.1" 503') is the app's answer to its caller, not the
 * model server's. A route that ends in one of Ollama's (Open WebUI's
 * /ollama/api/chat) relays Ollama's status. */
static int app_answer(const struct acc *a, const struct od_sig_hit *h)
{
    for (size_t i = 0; i < a->nraw; i++) {
        const struct od_explain_endpoint *e = &a->raw[i];
        const char *api = strstr(e->path, "/api/");
        if (od_explain_own_request(e) && !(api && od_explain_ollama_route(api)) && h->pos >= e->end &&
            h->pos - e->end <= 24 && same_line(h->text, e->pos, h->pos))
            return 1;
    }
    return 0;
}

static void read_statuses(struct acc *a)
{
    for (size_t i = 0; i < a->nst_q; i++)
        if (!app_answer(a, &a->st_q[i]))
            hit_status(a, &a->st_q[i]);
}

/* A platform hint, kept for the evidence of the platform chosen. */
static void keep_platform(struct acc *a, const struct od_sig_hit *h)
{
    size_t len = (size_t)(h->m[0].rm_eo - h->m[0].rm_so);
    char *snip;
    for (size_t i = 0; i < a->nplat; i++)
        if (a->plat[i].sig == h->sig)
            return;
    if (a->nplat >= N_OF(a->plat))
        return;
    a->plat[a->nplat].sig = h->sig;
    snip = a->plat[a->nplat++].snip;
    od_view_copy((struct od_view){h->text + h->m[0].rm_so, len < 79 ? len : od_utf8_cut(h->text + h->m[0].rm_so, 79)},
                 snip, 80);
    for (char *c = snip; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
}

static void platform_evidence(struct acc *a)
{
    struct od_explain_input *out = a->out;
    for (size_t i = 0; i < a->nplat && out->nplatform_why < OD_EXPLAIN_MAX_WHY; i++) {
        char tail[96];
        if (strcmp(a->plat[i].sig->platform, out->platform) != 0)
            continue;
        snprintf(tail, sizeof tail, ": %s", od_trim(a->plat[i].snip));
        od_explain_join2(out->platform_why[out->nplatform_why], sizeof out->platform_why[0], a->plat[i].sig->id, tail);
        out->nplatform_why++;
    }
}

/* A kind only inferred (curl's "after 0 ms: Couldn't connect" read as a
 * refusal) stands when the text says no connection kind itself, with the
 * hint "guessed"; curl -v's "Immediate connect fail ...: Network is
 * unreachable" above it is what happened. */
static void settle_guesses(struct acc *a)
{
    size_t n = 0;
    if (!(a->strong & od_explain_conn_kinds())) {
        if (a->guessed & ~a->strong)
            od_explain_add_hint(a->out, "guessed"); /* the rules say how little the words said */
        a->strong |= a->guessed;
        return;
    }
    for (size_t k = 0; k < a->nkh; k++)
        if (!a->kh[k].guess)
            a->kh[n++] = a->kh[k];
    a->nkh = n;
}

/* Lines from a refused address to the connection that followed it, within
 * one attempt (wget's next "Connecting to" line; curl -v's "Trying" line
 * between). */
enum { FALLBACK_LINES = 3 };

/* A refusal the client went past: it tried the name's first address (::1),
 * was refused, and connected to the next a line or two later (wget's
 * "|127.0.0.1|:11434... connected.", curl -v's "Connected to localhost
 * (127.0.0.1)"). What failed came after the connection (an empty answer, a
 * timeout, a status). A refusal after the connection, or further above it
 * (the app's error, then a curl that works), still stands. */
static void fell_back(struct acc *a, const char *text)
{
    unsigned refused = od_explain_kind_bit("refused");
    size_t n = 0, at = a->connected_b.pos;
    if (!a->connected_b.set)
        return;
    for (size_t k = 0; k < a->nkh; k++) {
        size_t lines = 0;
        if (!(a->kh[k].kind & refused))
            continue;
        if (a->kh[k].pos > at)
            return;
        for (const char *p = text + a->kh[k].pos; p < text + at; p++)
            lines += *p == '\n';
        if (lines > FALLBACK_LINES)
            return;
    }
    for (size_t k = 0; k < a->nkh; k++)
        if (!(a->kh[k].kind & refused))
            a->kh[n++] = a->kh[k];
    a->nkh = n;
    a->strong &= ~refused;
    if (strcmp(a->out->errno_name, "ECONNREFUSED") == 0)
        a->out->errno_name[0] = '\0';
}

static int on_hit(const struct od_sig_hit *h, void *arg)
{
    struct acc *a = arg;
    const struct od_sig *s = h->sig;
    struct od_explain_input *out = a->out;
    int known = 0;

    if (s->kind)
        *(s->weak ? &a->weak : s->guess ? &a->guessed : &a->strong) |= od_explain_kind_bit(s->kind);
    if (s->kind && !s->weak && a->nkh < N_OF(a->kh)) {
        a->kh[a->nkh].pos = h->pos;
        a->kh[a->nkh].guess = s->guess;
        a->kh[a->nkh++].kind = od_explain_kind_bit(s->kind);
    }
    hit_values(a, h);
    if ((s->field[OD_SF_STATUS] || s->status) && a->nst_q < N_OF(a->st_q))
        a->st_q[a->nst_q++] = *h;
    else if (s->field[OD_SF_STATUS] || s->status)
        hit_status(a, h);
    if (s->field[OD_SF_HOST] || s->field[OD_SF_URL] || s->host[0])
        hit_endpoint(a, h);
    if (s->platform)
        keep_platform(a, h);
    if (s->platform && strcmp(s->platform, "linux") == 0)
        a->linux_seen = 1; /* a Linux errno: a Linux host or a container, it does not decide */
    else if (s->platform && better(&a->platform_b, s->rank, h->pos)) {
        od_strlcpy(out->platform, s->platform, sizeof out->platform);
    }
    for (size_t i = 0; i < out->nmatched; i++)
        known |= strcmp(out->matched[i], s->id) == 0;
    if (!known && out->nmatched < OD_EXPLAIN_MAX_SIGS)
        od_strlcpy(out->matched[out->nmatched++], s->id, sizeof out->matched[0]);
    return 0;
}

/* "scheme://user:password@host" -> "scheme://host" in place: credentials
 * must not reach the output, and the host is what follows them (the last '@'
 * of the authority, so an unencoded '@' in a password is covered). Returns
 * the new length. */
static size_t drop_userinfo(char *s, size_t len)
{
    for (char *p = strstr(s, "://"); p; p = strstr(p + 3, "://")) {
        char *at = NULL, *q = p + 3, *end = q + strcspn(q, "/?#\"'<>` \t\r\n");
        for (; q < end; q++)
            if (*q == '@')
                at = q;
        if (!at)
            continue;
        memmove(p + 3, at + 1, len - (size_t)(at + 1 - s) + 1);
        len -= (size_t)(at + 1 - (p + 3));
    }
    return len;
}

int od_explain_read(struct od_sigs *sigs, const char *app, const char *text, struct od_explain_input *out)
{
    size_t len = text ? strnlen(text, TEXT_CAP) : 0;
    char *copy = od_strndup(text ? text : "", len);
    struct acc *a = calloc(1, sizeof *a);
    double wait;
    int rc = -1;

    memset(out, 0, sizeof *out);
    out->seconds = -1;
    out->chosen = -1;
    od_strlcpy(out->error_kind, "unknown", sizeof out->error_kind);
    od_strlcpy(out->client, "unknown", sizeof out->client);
    if (!copy || !a) {
        errno = ENOMEM;
        goto out;
    }
    a->s = sigs;
    a->out = out;
    wait = od_explain_default_wait(copy, len);
    if (od_sigs_scan(sigs, copy, len, 1, on_hit, a) != 0)
        goto out;
    len = od_paste_clean(copy, len);
    len = drop_userinfo(copy, len);
    if (od_sigs_scan(sigs, copy, len, 0, on_hit, a) != 0)
        goto out;
    settle_guesses(a);
    fell_back(a, copy);
    read_statuses(a);
    line_kinds(a, copy);
    connected_elsewhere(a, copy);
    page_origin(a);
    if (strcmp(out->platform, "unknown") == 0) /* the best hint says the text cannot tell (a file shown at a prompt) */
        out->platform[0] = '\0';
    if (!out->platform[0] && a->linux_seen)
        od_strlcpy(out->platform, "linux", sizeof out->platform);
    platform_evidence(a);
    od_explain_choose(a);
    od_explain_proxy_failed(a);
    od_explain_endpoint_cause(a);
    od_explain_status_503(a);
    od_explain_status_405(a);
    od_explain_not_running_elsewhere(a);
    od_explain_tls_at_443(a);
    od_explain_gateway_timeout(a);
    od_explain_timeout_408(a);
    od_explain_timed_rows(a, wait);
    od_explain_listing_timeout(a);
    od_explain_daemon_read_timeout(a);
    od_explain_void_url_kinds(a);
    od_explain_model_kind_words(a);
    od_explain_html_4xx(a);
    od_explain_own_page(a);
    od_explain_openai_server_404(a);
    od_explain_route_unsupported(a);
    od_explain_endpoint_missing(a);
    od_explain_foreign_404(a);
    od_explain_address_invalid(a);
    od_explain_hosted_weak(a);
    od_explain_cloud_model(a);
    od_explain_server_app_403(a);
    od_explain_script_403(a);
    od_explain_foreign_route_403(a);
    od_explain_body_403(a);
    od_explain_browser_no_response(a);
    od_explain_weak_reason(a);
    od_explain_path_redirect(a);
    od_explain_preflight_redirect(a);
    od_explain_pick_kind(a);
    od_explain_openai_route(a);
    od_server_guess(copy, out->client, out->port, out->path, &out->server);
    if (app && *app) {
        od_strlcpy(out->app, app, sizeof out->app);
        od_strlcpy(out->app_source, "flag", sizeof out->app_source);
        od_strlcpy(out->app_why, "--app", sizeof out->app_why);
    } else if (out->app[0]) {
        od_strlcpy(out->app_source, "inferred", sizeof out->app_source);
    }
    od_explain_decide_container(out);
    rc = 0;
out:
    free(a);
    free(copy);
    return rc;
}

int od_explain_parse(const char *text, struct od_explain_input *out)
{
    struct od_sigs s;
    struct od_strv lint = {0};
    int rc = -1;
    if (od_sigs_load(&s, NULL, &lint, NULL, 0) == 0)
        rc = od_explain_read(&s, NULL, text, out);
    od_sigs_free(&s);
    od_strv_free(&lint);
    return rc;
}
