/* explain_endpoints.c — which address in a read error is the model server:
 * every mention gets a role (its signature's, then the host rules'), mentions
 * of one host merge, a name takes the addresses it was connected as, and one
 * endpoint is chosen (the kinds named with it, Ollama's port, the failure
 * words on its line, rank and place). No module state. */
#include "explain_int.h"

#include "situation.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

#define NEAR 2000 /* an address belongs to a name at most this many characters away */

static int is_model(const char *role)
{
    return strcmp(role, "model-server") == 0;
}

static int is_addr(const char *role)
{
    return strcmp(role, "address") == 0;
}

int od_explain_app_role(const char *role)
{
    return strcmp(role, "app-internal") == 0 || strcmp(role, "app-service") == 0;
}

static int is_own(const char *role)
{
    return od_explain_app_role(role) || strcmp(role, "client") == 0;
}

static int cmp_pos(const void *x, const void *y)
{
    const struct od_explain_endpoint *a = x, *b = y;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The URL a request went to, with the failure on its line (Go's Get "URL":
 * net/http: TLS handshake timeout), not a command line that may have
 * worked (curl -fsSL https://ollama.com/install.sh). */
static int failed_request(const struct od_explain_endpoint *e)
{
    return e->requested && (e->line_kinds & od_explain_conn_kinds());
}

static void host_rules(const struct od_sigs *s, struct od_explain_endpoint *e)
{
    const struct od_hostrule *h = od_sigs_host_role(s, e->host, e->port, e->path);
    /* a link is a URL: a host named as where a connection went (ssh:
     * connect to host github.com port 22), or a URL a request went to (Go's
     * Get "https://raw.githubusercontent.com/...": ...), is a target */
    if (!h || (strcmp(h->role, "link") == 0 && (!e->url[0] || failed_request(e))))
        return;
    if (is_model(e->role) || is_addr(e->role) || strcmp(e->role, h->role) == 0) {
        e->role = h->role;
        e->cause = h->cause;
        char tail[OD_SIG_ID + 4];
        snprintf(tail, sizeof tail, " (%s)", h->id);
        od_explain_join2(e->why, sizeof e->why, h->why, tail);
    }
}

/* u is a URL for the model server (or the address a client connected to for
 * it) at the address and port l listens on, in words of its own (not the URL
 * of an OLLAMA_HOST setting itself) and at an address a client can be given
 * (not 0.0.0.0) */
static int url_at_listener(const struct od_explain_endpoint *u, const struct od_explain_endpoint *l)
{
    return (is_model(u->role) || is_addr(u->role)) && u->url[0] && strcmp(l->role, "listen") == 0 && u->port &&
           u->port == l->port && (u->end <= l->pos || l->end <= u->pos) && !od_ip_is_unspecified(l->host);
}

static int is_link(const struct od_explain_endpoint *e)
{
    return strcmp(e->role, "link") == 0;
}

/* l is a link (a URL at a documentation host) and t names the same host,
 * outside that URL and without one, as where a connection went (git's
 * "Failed to connect to github.com port 443" beside the repository's URL),
 * or is that URL as a request's (Go's Get "URL": ...): the host is a
 * target. The host:port inside the URL itself is the link's. */
static int link_of_target(const struct od_explain_endpoint *l, const struct od_explain_endpoint *t)
{
    return is_link(l) && l->url[0] && (is_model(t->role) || is_addr(t->role)) &&
           (failed_request(t) || (!t->url[0] && (t->pos >= l->end || t->end <= l->pos)));
}

static void merge_into(struct od_explain_endpoint *m, const struct od_explain_endpoint *e)
{
    int e_better = e->rank < m->rank;
    if (!m->port)
        m->port = e->port;
    if (e->path[0] && (!m->path[0] || e_better))
        od_strlcpy(m->path, e->path, sizeof m->path);
    if (e->url[0] && (!m->url[0] || e_better))
        od_strlcpy(m->url, e->url, sizeof m->url);
    /* a role other than the model server's wins (but a server's own listen
     * line does not outweigh a URL the app was given for that address and
     * port: the app's target is the server, listening); then "address" (the
     * connect target of a name, attached to it below) over a plain mention */
    if (link_of_target(m, e) || link_of_target(e, m)) {
        if (is_link(m)) { /* the target's words say where the connection went */
            m->role = e->role;
            od_strlcpy(m->why, e->why, sizeof m->why);
        }
    } else if (url_at_listener(m, e) || url_at_listener(e, m)) {
        if (is_model(e->role))
            od_strlcpy(m->why, e->why, sizeof m->why);
        m->role = "model-server";
        m->cause = NULL;
    } else if (!is_model(e->role) && !is_addr(e->role) && (is_model(m->role) || is_addr(m->role))) {
        m->role = e->role;
        m->cause = e->cause;
        od_strlcpy(m->why, e->why, sizeof m->why);
    } else if (is_addr(e->role) && is_model(m->role)) {
        m->role = e->role;
        od_strlcpy(m->why, e->why, sizeof m->why);
    }
    if (e->rank < m->rank)
        m->rank = e->rank;
    m->kinds |= e->kinds;
    m->line_kinds |= e->line_kinds;
    m->requested |= e->requested; /* any mention's signature may say a request went there */
    if (e->last > m->last)
        m->last = e->last;
}

/* A URL inside a listen line's own mention (a server's logged
 * OLLAMA_HOST:http://127.0.0.1:11434) is that line's, wherever else the
 * line is repeated: not a URL an app was given. */
static void urls_of_listeners(struct acc *a)
{
    for (size_t i = 0; i < a->nraw; i++) {
        struct od_explain_endpoint *u = &a->raw[i];
        for (size_t k = 0; k < a->nraw && u->url[0] && is_model(u->role); k++) {
            const struct od_explain_endpoint *l = &a->raw[k];
            if (strcmp(l->role, "listen") == 0 && l->port == u->port && strcmp(l->host, u->host) == 0 &&
                u->pos < l->end && l->pos < u->end)
                u->role = l->role;
        }
    }
}

/* Merge mentions of the same host (and port, when both say one). */
static void merge(struct acc *a)
{
    struct od_explain_input *out = a->out;
    qsort(a->raw, a->nraw, sizeof a->raw[0], cmp_pos);
    urls_of_listeners(a);
    for (size_t i = 0; i < a->nraw; i++) {
        struct od_explain_endpoint *e = &a->raw[i];
        size_t k;
        host_rules(a->s, e);
        for (k = 0; k < out->nep; k++) {
            struct od_explain_endpoint *m = &out->ep[k];
            /* the app's own services and a log's peers are one endpoint with
             * a mention of their host only on the same port */
            int own = is_own(m->role) || is_own(e->role);
            if (strcmp(m->host, e->host) == 0 && (m->port == e->port || (!own && (!m->port || !e->port))))
                break;
        }
        if (k < out->nep)
            merge_into(&out->ep[k], e);
        else if (out->nep < OD_EXPLAIN_MAX_EP)
            out->ep[out->nep++] = *e;
    }
}

/* How far apart the mentions of two endpoints are at their nearest: 0 when
 * one's mentions run on around the other's (an object dump that prints the
 * address, then the URL, then the address again). */
static size_t distance(const struct od_explain_endpoint *x, const struct od_explain_endpoint *y)
{
    if (x->last < y->pos)
        return y->pos - x->last;
    if (y->last < x->pos)
        return x->pos - y->last;
    return 0;
}

/* An http:// URL with no port of its own, connected at 443: the client was
 * sent on to HTTPS (a redirect, or a service that upgrades), so the address
 * is still that URL's host's. */
static int upgraded(const struct od_explain_endpoint *n, int port)
{
    const char *auth = n->url + 7;
    if (port != 443 || n->port != 80 || strncasecmp(n->url, "http://", 7) != 0)
        return 0;
    return auth[0] != '[' && memchr(auth, ':', strcspn(auth, "/?#")) == NULL;
}

/* Clients that try every address of a name and print one of them when all
 * fail: Java's (OkHttp's and Netty's "localhost/[0:0:0:0:0:0:0:1]") and Go's
 * (its dialer falls back from ::1 to 127.0.0.1 and reports the first). */
static int tries_every_address(const char *client)
{
    static const char *const clients[] = {"java", "go"};
    for (size_t i = 0; i < N_OF(clients); i++)
        if (strcmp(client, clients[i]) == 0)
            return 1;
    return 0;
}

/* Address e is written right after name n, on its line, in the same error:
 * Java's "keycloak/127.0.0.1:9080", Go's `Get "http://NAME/v2/": dial tcp
 * ADDR`. */
#define BOUND 24
static int bound(const struct od_explain_endpoint *n, const struct od_explain_endpoint *e)
{
    return e->bol == n->bol && e->cap >= n->cap_end && e->cap - n->cap_end <= BOUND;
}

/* Whether name n can have been connected as address e: a loopback name
 * resolves to loopback only; any other name not to loopback, unless the
 * error binds the two (a hosts file or a resolver that maps a name to
 * 127.x: Debian's 127.0.1.1 for the machine's own name, a compose alias
 * left in /etc/hosts, ICANN's 127.0.53.53 for a name that collides). */
static int resolves_to(const struct od_explain_endpoint *n, const struct od_explain_endpoint *e)
{
    int lo = od_ip_is_loopback(e->host) || od_ip_is_unspecified(e->host);
    if (od_is_loopback_name(n->host))
        return lo;
    return !lo || (od_ip_is_loopback(e->host) && bound(n, e));
}

/* An address (a connect call's target) belongs to the nearest name on the
 * same port: "request to http://ollama:11434/... failed, reason: connect
 * ECONNREFUSED 172.20.0.5:11434" is one endpoint, ollama, connected as
 * 172.20.0.5 (or on 443 for an http URL sent on to HTTPS). An address
 * without a name is the endpoint itself, and so is one a URL names (a
 * request to http://172.17.0.1:11434 beside a .env's localhost); a
 * listener's name (localhost:11434 in a listing) is no name a client
 * connected as, nor is a page the message links to (next-auth's error
 * reference before "connect ETIMEDOUT ADDRESS:443"), nor is a name the
 * address cannot be (localhost's is loopback). */
static void attach_addresses(struct od_explain_input *out)
{
    size_t w = 0;
    for (size_t i = 0; i < out->nep; i++) {
        struct od_explain_endpoint *e = &out->ep[i];
        struct od_explain_endpoint *best = NULL;
        if (is_addr(e->role) && !e->url[0]) {
            for (size_t k = 0; k < out->nep; k++) {
                struct od_explain_endpoint *n = &out->ep[k];
                if (k == i || is_addr(n->role) || od_ip_family(n->host) || strcmp(n->role, "listen") == 0 ||
                    strcmp(n->role, "link") == 0 || !resolves_to(n, e) ||
                    (n->port && e->port && n->port != e->port && !upgraded(n, e->port)) || distance(n, e) > NEAR)
                    continue;
                if (!best || distance(n, e) < distance(best, e))
                    best = n;
            }
            if (best) {
                if (strcmp(best->address, e->host) != 0) {
                    best->naddr++;
                    if (!best->address[0])
                        od_strlcpy(best->address, e->host, sizeof best->address);
                }
                if (!best->port)
                    best->port = e->port;
                best->kinds |= e->kinds;
                best->line_kinds |= e->line_kinds;
                continue; /* absorbed */
            }
        }
        if (is_addr(e->role))
            e->role = "model-server";
        if (w != i)
            out->ep[w] = *e;
        w++;
    }
    out->nep = w;
    /* The name as typed stands, except "localhost" connected as ::1 alone:
     * that it was IPv6 is what the diagnosis needs (ipv6-localhost). Not for
     * a client that tries every address (tries_every_address): 127.0.0.1
     * failed too. */
    for (size_t i = 0; i < out->nep && !tries_every_address(out->client); i++) {
        struct od_explain_endpoint *e = &out->ep[i];
        if (strcmp(e->host, "localhost") == 0 && e->naddr == 1 && od_ip_family(e->address) == AF_INET6 &&
            od_ip_is_loopback(e->address)) {
            char why[sizeof e->why], tail[96];
            snprintf(tail, sizeof tail, "; localhost was connected as %s", e->address);
            od_explain_join2(why, sizeof why, e->why, tail);
            od_strlcpy(e->why, why, sizeof e->why);
            od_strlcpy(e->host, e->address, sizeof e->host);
        }
    }
}

/* The first kind in precedence order of a mask, as a bit (0: none). */
static unsigned first_kind(unsigned mask)
{
    for (unsigned k = 0; od_sig_kinds[k]; k++)
        if (mask & (1u << k))
            return 1u << k;
    return 0;
}

/* 1 for an endpoint on Ollama's own port. */
static int ollama_port(const struct od_explain_endpoint *e)
{
    return e->port == OD_DEFAULT_PORT;
}

/* A model route with an endpoint, a version or /api said twice (a Base URL
 * that already held what the client appends): still a request for a model
 * server. */
static int doubled_route(const char *path)
{
    static const char *const twice[] = {"/completions/chat/completions", "/completions/completions",
                                        "/embeddings/embeddings", "/api/api/"};
    if (od_explain_two_versions(path))
        return 1;
    for (size_t i = 0; i < N_OF(twice); i++)
        if (strstr(path, twice[i]))
            return 1;
    return 0;
}

int od_explain_own_request(const struct od_explain_endpoint *e)
{
    /* Ollama's own route, or an OpenAI model route (under /v1 or at the
     * root), or one of them said twice: whoever logged it, it was asked of
     * a model server */
    return strcmp(e->role, "client") == 0 && e->path[0] && !od_explain_ollama_route(e->path) &&
           !od_explain_openai_model_route(e->path) && !od_explain_openai_root_model_route(e->path) &&
           !doubled_route(e->path);
}

/* A path named alone that is a request the app's own server received: the
 * app's route, not the model server's. */
static int own_route(const struct od_explain_input *out, const char *path)
{
    for (size_t i = 0; i < out->nep; i++)
        if (od_explain_own_request(&out->ep[i]) && strcmp(out->ep[i].path, path) == 0)
            return 1;
    return 0;
}

/* e is a better model server than b for a failure of kind: the kinds named
 * with it, a name for a lookup that failed, Ollama's port, the kinds on its
 * lines, then rank and place. */
static int better_model(const struct od_explain_endpoint *e, const struct od_explain_endpoint *b, unsigned kind)
{
    int ek = !!(e->kinds & kind), bk = !!(b->kinds & kind);
    int el = !!(e->line_kinds & kind), bl = !!(b->line_kinds & kind);
    if (ek != bk)
        return ek;
    /* a name that did not resolve is a name, never an address given as an IP */
    if (kind == od_explain_kind_bit("name-resolution") && !od_ip_family(e->host) != !od_ip_family(b->host))
        return !od_ip_family(e->host);
    if (ollama_port(e) != ollama_port(b))
        return ollama_port(e) > ollama_port(b);
    if (el != bl)
        return el;
    return e->rank < b->rank || (e->rank == b->rank && e->pos < b->pos);
}

/* TLS to a plain port beside a certificate refused elsewhere in the same
 * paste: the endpoint is the one named last before the plain answer (errors
 * name their address first: "Cannot connect to host X ... [SSL: ...]"). */
static int named_before(const struct acc *a, size_t pos, int chosen)
{
    const struct od_explain_input *out = a->out;
    const struct od_explain_endpoint *r = NULL;
    /* the mentions, not the merged endpoints: an endpoint keeps its first
     * mention's place, which may be a line of configuration above */
    for (size_t i = 0; i < a->nraw; i++)
        if ((is_model(a->raw[i].role) || is_addr(a->raw[i].role)) && a->raw[i].pos <= pos &&
            (!r || a->raw[i].pos > r->pos))
            r = &a->raw[i];
    for (size_t k = 0; r && k < out->nep; k++)
        if (is_model(out->ep[k].role) &&
            (strcmp(out->ep[k].host, r->host) == 0 || strcmp(out->ep[k].address, r->host) == 0) &&
            (!out->ep[k].port || !r->port || out->ep[k].port == r->port))
            return (int)k;
    return chosen;
}

/* No model server, and the connection to a hosted API failed on the way (a
 * name, a timeout, TLS, a proxy): that endpoint is the one the failure is
 * about, and the user's own network is in question. Not a refusal the text
 * reports itself: a hosted API listens on its port, so the refused address is
 * another one the text does not name (a default Base URL beside a logged
 * request to the cloud); an app's bare "Connection error." stays the API's. */
static int hosted_not_reached(const struct acc *a)
{
    if (!od_explain_never_reached(a) || first_kind(a->strong) == od_explain_kind_bit("refused"))
        return -1;
    for (size_t i = 0; i < a->out->nep; i++)
        if (strcmp(a->out->ep[i].role, "hosted-api") == 0)
            return (int)i;
    return -1;
}

/* No model server named, but an HTTP status came back and the server's own
 * log says where it listens, at one address a client can be given (not
 * 0.0.0.0): that is the endpoint the app was talking to ("main: server is
 * listening on http://127.0.0.1:8989" above the app's 502). Without a status
 * the log contradicts a failure to connect there, so it names nothing. */
static int sole_listener(const struct od_explain_input *out)
{
    int at = -1;
    if (!out->status)
        return -1;
    for (size_t i = 0; i < out->nep; i++) {
        if (strcmp(out->ep[i].role, "listen") != 0)
            continue;
        if (at >= 0 || od_ip_is_unspecified(out->ep[i].host) || !out->ep[i].port)
            return -1;
        at = (int)i;
    }
    return at;
}

/* No model server named but one address the reporter hid (http://xxxx:8080/v1/...):
 * its port and path are still the request's; the host stays unknown. */
static void hidden_port(struct od_explain_input *out)
{
    const struct od_explain_endpoint *h = NULL;
    for (size_t i = 0; i < out->nep; i++) {
        if (strcmp(out->ep[i].role, "hidden") != 0 || !out->ep[i].port)
            continue;
        if (h && h->port != out->ep[i].port)
            return;
        h = &out->ep[i];
    }
    if (!h)
        return;
    out->port = h->port;
    if (h->path[0])
        od_strlcpy(out->path, h->path, sizeof out->path);
}

/* A chosen name without a port (Go's "lookup docker on ...", a resolver's
 * words) takes the port its other mentions agree on (the URL it was asked
 * for, under another role: http://docker:2375 of a DOCKER_HOST). */
static int port_of_name(const struct od_explain_input *out, size_t chosen)
{
    int port = 0;
    for (size_t i = 0; i < out->nep; i++) {
        const struct od_explain_endpoint *e = &out->ep[i];
        if (i == chosen || !e->port || strcmp(e->host, out->ep[chosen].host) != 0)
            continue;
        if (port && port != e->port)
            return 0;
        port = e->port;
    }
    return port;
}

/* No model server named: the one service of the app's own (its database's
 * or its broker's URL) that the failure is named with, on its line ("Cannot
 * connect to amqp://guest:**@127.0.0.1:5672//: [Errno 111] Connection
 * refused"): the same network failure, about another server. Not one whose
 * failures a host rule explains (its cause), nor the app's other internal
 * connections (a kubelet's probe, an ssh client's own server). */
static int own_failed(const struct od_explain_input *out, unsigned kind)
{
    int at = -1;
    for (size_t i = 0; kind && i < out->nep; i++) {
        const struct od_explain_endpoint *e = &out->ep[i];
        if (strcmp(e->role, "app-service") != 0 || e->cause || !((e->kinds | e->line_kinds) & kind))
            continue;
        if (at >= 0)
            return -1;
        at = (int)i;
    }
    return at;
}

/* The model server: among the endpoints in that role, one that the error's
 * kind was said about (several errors in one paste: the one that decides),
 * then one on Ollama's port (an app's log names its other services too), then
 * the most trustworthy signature, then the first in the text; with none, a
 * hosted API the connection failed on the way to. */
static void choose_model(struct acc *a)
{
    struct od_explain_input *out = a->out;
    const struct od_explain_endpoint *c;
    unsigned kind = first_kind(a->strong ? a->strong : a->weak);
    out->chosen = -1;
    if (!own_route(out, a->path)) /* a path named alone, until an endpoint has its own */
        od_strlcpy(out->path, a->path, sizeof out->path);
    for (size_t i = 0; i < out->nep; i++) {
        const struct od_explain_endpoint *e = &out->ep[i], *b;
        if (!is_model(e->role))
            continue;
        b = out->chosen >= 0 ? &out->ep[out->chosen] : NULL;
        if (!b || better_model(e, b, kind))
            out->chosen = (int)i;
    }
    if (out->chosen >= 0 && a->plain_b.set && od_explain_has_hint(out, "tls-cert"))
        out->chosen = named_before(a, a->plain_b.pos, out->chosen);
    if (out->chosen < 0)
        out->chosen = hosted_not_reached(a);
    if (out->chosen < 0)
        out->chosen = sole_listener(out);
    if (out->chosen < 0)
        out->chosen = own_failed(out, kind & od_explain_conn_kinds());
    if (out->chosen < 0) {
        hidden_port(out);
        return;
    }
    c = &out->ep[out->chosen];
    od_strlcpy(out->host, c->host, sizeof out->host);
    out->port = c->port ? c->port : port_of_name(out, (size_t)out->chosen);
    od_strlcpy(out->path, c->path[0] ? c->path : out->path, sizeof out->path);
    od_strlcpy(out->url, c->url, sizeof out->url);
    od_explain_join2(out->chosen_why, sizeof out->chosen_why,
                     is_model(c->role)                     ? "the model server: "
                     : strcmp(c->role, "listen") == 0      ? "where the model server's own log says it listens: "
                     : strcmp(c->role, "app-service") == 0 ? "the app's own service the failure is named with: "
                                                           : "the hosted API the request went to: ",
                     c->why);
    if (out->nep > 1)
        od_explain_join2(out->chosen_why, sizeof out->chosen_why, out->chosen_why,
                         "; the others are not (their roles say why)");
}

/* The model server's endpoint at host on port, or NULL. */
static struct od_explain_endpoint *model_at(struct od_explain_input *out, const char *host, int port)
{
    for (size_t i = 0; i < out->nep; i++)
        if (strcmp(out->ep[i].host, host) == 0 && out->ep[i].port == port &&
            strcmp(out->ep[i].role, "model-server") == 0)
            return &out->ep[i];
    return NULL;
}

/* Removes out->ep[i]. */
static void drop_endpoint(struct od_explain_input *out, size_t i)
{
    memmove(out->ep + i, out->ep + i + 1, (out->nep - i - 1) * sizeof *out->ep);
    out->nep--;
}

/* ::1 and 127.0.0.1 both refused on one port are the two addresses of
 * localhost, each tried (Node's autoSelectFamily prints them in one
 * AggregateError): one endpoint, localhost (the one the text names, as an
 * axios error's URL does, or ::1's renamed), so that IPv4 is not read as
 * working (ipv6-localhost). */
static void both_loopbacks(struct od_explain_input *out)
{
    unsigned refused = od_explain_kind_bit("refused");
    for (size_t i = 0; i < out->nep; i++) {
        struct od_explain_endpoint *v6 = &out->ep[i], *v4, *name;
        if (strcmp(v6->host, "::1") != 0 || strcmp(v6->role, "model-server") != 0 || !v6->port ||
            !(v6->kinds & refused) || !(v4 = model_at(out, "127.0.0.1", v6->port)) || !(v4->kinds & refused))
            continue;
        if (!(name = model_at(out, "localhost", v6->port))) {
            name = v6;
            od_strlcpy(name->host, "localhost", sizeof name->host);
            name->address[0] = '\0';
        } else {
            name->kinds |= v6->kinds;
            name->line_kinds |= v6->line_kinds;
        }
        name->naddr = 2;
        name->kinds |= v4->kinds;
        name->line_kinds |= v4->line_kinds;
        od_strlcpy(name->why, "::1 and 127.0.0.1 both refused on one port: localhost, tried at both addresses",
                   sizeof name->why);
        size_t i4 = (size_t)(v4 - out->ep);
        drop_endpoint(out, i4);
        if (name != v6)
            drop_endpoint(out, i < i4 ? i : i - 1);
        return;
    }
}

void od_explain_choose(struct acc *a)
{
    merge(a);
    attach_addresses(a->out);
    both_loopbacks(a->out);
    choose_model(a);
}
