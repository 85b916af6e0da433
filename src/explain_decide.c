/* explain_decide.c — what a read error text amounts to: its kind, ranked
 * (a status's cause against words that say the connection failed, a cause
 * at a registry or runner, a 503 for a listing). Which route a path is:
 * explain_routes.c; what a 404 for it says: explain_404.c; where the client
 * runs: explain_platform.c. No module state. */
#include "explain_int.h"

#include "situation.h"

#include <string.h>
#include <sys/socket.h>

#include "app.h"
#include "util.h"

/* The kinds that say the connection itself failed. */
unsigned od_explain_conn_kinds(void)
{
    static const char *const conn[] = {"missing-scheme", "tls", "name-resolution", "refused", "unreachable",
                                       "connect-timeout", "read-timeout", "reset"};
    unsigned mask = 0;
    for (size_t i = 0; i < N_OF(conn); i++)
        mask |= od_explain_kind_bit(conn[i]);
    return mask;
}

/* A host that, as a connect target, is the client's own machine: localhost, a
 * loopback address, or 0.0.0.0 / :: (which connect() takes as loopback). */
int od_explain_this_machine(const char *host)
{
    return od_is_loopback_name(host) || od_ip_is_loopback(host) || od_ip_is_unspecified(host);
}

/* The text says the connection never got to the server: a name that did
 * not resolve, a refusal, a connect timeout, no route, a TLS or proxy
 * failure (the kinds a signature names, else the weak ones). */
int od_explain_never_reached(const struct acc *a)
{
    static const char *const before[] = {"name-resolution", "refused", "connect-timeout", "unreachable", "tls", "proxy"};
    unsigned mask = 0;
    for (size_t i = 0; i < N_OF(before); i++)
        mask |= od_explain_kind_bit(before[i]);
    return ((a->strong ? a->strong : a->weak) & mask) != 0;
}

/* A model server was chosen, but the connection's failure was said about
 * another endpoint whose host rule names a cause, on its own line and not
 * about the server ("pulling ... using http://llm:11434", then the server's
 * log "couldn't get manifest: Get \"https://registry.ollama.ai/...\": tls:
 * ..."): the server's download failed, not the app's connection to it. On
 * one line with the server, the failure counts as the other endpoint's when
 * it is said of that endpoint's own address (Go's "dial tcp
 * 127.0.0.1:58867", a runner's port). A hosted API is not one: the app's
 * own call to it is another matter. */
static const struct od_explain_endpoint *failed_elsewhere(const struct acc *a)
{
    const struct od_explain_input *out = a->out;
    unsigned conn = (a->strong ? a->strong : a->weak) & od_explain_conn_kinds();
    const struct od_explain_endpoint *c = &out->ep[out->chosen];
    if (!conn || (c->kinds & conn))
        return NULL;
    for (size_t i = 0; i < out->nep; i++) {
        const struct od_explain_endpoint *e = &out->ep[i];
        /* said of that endpoint itself ("dial tcp 127.0.0.1:58867: refused"
         * in the server's own runner error), or on its line when not on the
         * server's */
        if (e->cause && strcmp(e->role, "hosted-api") != 0 &&
            ((e->kinds & conn) || (!(c->line_kinds & conn) && (e->line_kinds & conn))))
            return e;
    }
    return NULL;
}

/* In the server's own pull error, a web page ("pull model manifest: 502:
 * <html>...Bad Gateway") is the registry's front answering the download, not
 * a proxy or another server in the app's way; a proxy the server connects
 * through (proxyconnect) stays one. */
static unsigned registry_page(const struct acc *a)
{
    if (!od_explain_has_hint(a->out, "html"))
        return 0;
    return od_explain_kind_bit("proxy") | od_explain_kind_bit("not-ollama");
}

/* No model server (or one the failure was not said about: failed_elsewhere),
 * but a failure at an endpoint whose host rule names a cause (the registry
 * the server downloads from, a runner): not the connection to
 * Ollama. Connection-level kinds were about that endpoint, and so was a URL
 * it redirected to without a scheme (a proxy on the way stays: proxy-intercepts).
 * The same without an endpoint when Ollama's own pull error says so ("pull
 * model manifest: Get ...: tls: ... x509"): the server's download failed;
 * and when a package download's own words do (LibreTranslate's "Updating
 * language models" before an SSL error): the package index's.
 * A hosted API's cause (the service answered, or was slow) stands only when
 * the connection got there: failing on the way is the user's own network. */
void od_explain_endpoint_cause(struct acc *a)
{
    struct od_explain_input *out = a->out;
    const struct od_explain_endpoint *at = NULL;
    int own_words, pull;
    if (out->chosen >= 0 && !(at = failed_elsewhere(a)))
        return;
    for (size_t i = 0; i < out->nep && !at; i++)
        if (out->ep[i].cause)
            at = &out->ep[i];
    own_words = !at && a->cause_b.set && !a->cause_by_status;
    pull = own_words && strcmp(out->cause, "registry") == 0; /* only Ollama's pull has the registry's pages */
    if ((!at && !pull && !(own_words && strcmp(out->cause, "package-index") == 0)) ||
        (at && strcmp(at->role, "hosted-api") == 0 && od_explain_never_reached(a)))
        return;
    a->strong &= ~(od_explain_conn_kinds() | (pull ? registry_page(a) : 0));
    a->weak &= ~od_explain_conn_kinds();
    if (at && (!out->cause[0] || !a->cause_b.set || a->cause_by_status)) {
        od_strlcpy(out->cause, at->cause, sizeof out->cause);
        a->cause_by_status = 0;
    }
    a->strong |= od_explain_kind_bit("not-connectivity");
}

/* The request went to an https:// URL of a public host, but the connection
 * that failed was at this machine's own address on a local proxy's port
 * (Gradle through http.proxyHost: "Could not HEAD
 * 'https://repo.grails.org/...'", then "Connect to 127.0.0.1:8888 failed"):
 * the client was sent to a local proxy on the way. */
static int sent_elsewhere(const struct od_explain_input *out)
{
    /* the ports local proxies share with other servers (Squid's 3128,
     * tinyproxy's and Fiddler's 8888, 8080), read as a proxy's only beside a
     * request that went elsewhere; a proxy client's own ports are the host
     * rule proxy-client-port's (signatures/proxy.json), whose endpoints are
     * proxies already; not a database's or a broker's port, whose refusal
     * beside a request is that service's own */
    static const int proxy_ports[] = {3128, 8080, 8888};
    const struct od_explain_endpoint *c = out->chosen >= 0 ? &out->ep[out->chosen] : NULL;
    size_t k = 0;
    if (!c || c->url[0] || !(od_is_loopback_name(c->host) || od_ip_is_loopback(c->host)))
        return 0;
    while (k < N_OF(proxy_ports) && proxy_ports[k] != c->port)
        k++;
    if (k == N_OF(proxy_ports))
        return 0;
    for (size_t i = 0; i < out->nep; i++) {
        const struct od_explain_endpoint *e = &out->ep[i];
        if (e != c && e->requested && strncmp(e->url, "https://", 8) == 0 && strcmp(e->role, "link") != 0 &&
            !od_explain_this_machine(e->host) && !od_is_private_target(e->host, e->address) && e->port != c->port)
            return 1;
    }
    return 0;
}

/* A failed connection said of the proxy's own address, where the text names
 * that address as the proxy (curl -v's "Uses proxy env variable http_proxy
 * == 'http://127.0.0.1:7890'", then "Failed to connect to 127.0.0.1 port
 * 7890"; an export of HTTPS_PROXY, then Node's ECONNREFUSED there), or at a
 * proxy's port when no other address is named, or at this machine's own
 * port while the request went to a public https:// URL (sent_elsewhere):
 * the proxy failed on the way, not the model server. */
void od_explain_proxy_failed(struct acc *a)
{
    const struct od_explain_input *out = a->out;
    unsigned failed = (a->strong | a->weak) & od_explain_conn_kinds();
    int proxy = 0, other = 0;
    for (size_t i = 0; i < out->nep; i++) {
        int is_proxy = strcmp(out->ep[i].role, "proxy") == 0;
        if (is_proxy && ((out->ep[i].kinds | out->ep[i].line_kinds) & od_explain_conn_kinds())) {
            a->strong |= od_explain_kind_bit("proxy");
            return;
        }
        proxy |= is_proxy;
        other |= !is_proxy;
    }
    /* the proxy is the only address the text names, and a connection
     * failed (curl through http_proxy: "Failed to connect to 127.0.0.1 port
     * 3128"): it was the proxy's */
    if (proxy && !other && failed)
        a->strong |= od_explain_kind_bit("proxy");
    /* ... or the words say only that it failed (fetch failed, no cause)
     * while a proxy variable sends the request to it */
    else if (proxy && !other && !((a->strong | a->weak) & ~od_explain_kind_bit("not-connectivity")) &&
             od_explain_has_hint(out, "no-reason"))
        a->weak |= od_explain_kind_bit("proxy");
    else if (sent_elsewhere(out) && failed)
        a->strong |= od_explain_kind_bit("proxy");
}

/* The text carries a server's own error body ({"error": ...}). */
static int server_body(const struct acc *a)
{
    return a->weak_cause && strcmp(a->weak_cause, "server-error") == 0;
}

/* Ollama answers 503 only where it queues work for a model (chat, generate,
 * embeddings), and always with its error body ("server busy, please try
 * again"): a 503 for a listing (/api/tags, /api/version, /v1/models, the
 * root), or one without that body at localhost or at no address named (the
 * clients' default is localhost), came from something in between: a proxy or
 * a gateway (at localhost, a system proxy the client was sent to). For an
 * Ollama cloud model the local server relayed the request: ollama.com's 503. */
void od_explain_status_503(struct acc *a)
{
    struct od_explain_input *out = a->out;
    char path[sizeof out->path];
    if (out->status != 503 || !a->cause_by_status || strcmp(out->cause, "server-busy") != 0 ||
        (a->strong & od_explain_kind_bit("read-timeout")))
        return; /* a platform's 503 for its own time limit (Heroku's H12) is that limit's */
    if (a->strong & od_explain_conn_kinds())
        return; /* a 503 that says what failed behind it: a gateway's (Kong's name resolution), an app's health report */
    if (od_explain_has_hint(out, "upstream") && !server_body(a)) {
        out->cause[0] = '\0'; /* a gateway's own 503 (its Server header), no server's body */
        a->strong |= od_explain_kind_bit("proxy");
        return;
    }
    if (od_explain_has_hint(out, "cloud-model") && !(a->strong & od_explain_conn_kinds())) {
        /* the local server relays a cloud model to ollama.com: the service's 503 */
        od_strlcpy(out->cause, "hosted-ollama", sizeof out->cause);
        a->cause_by_status = 0;
        a->strong |= od_explain_kind_bit("not-connectivity");
        return;
    }
    for (size_t i = 0; i < out->nep && out->chosen < 0; i++)
        if (out->ep[i].cause)
            return; /* the registry's or a hosted API's 503 (od_explain_endpoint_cause) */
    if ((!out->host[0] || od_explain_this_machine(out->host)) && !server_body(a)) {
        out->cause[0] = '\0';
        a->strong |= od_explain_kind_bit("proxy");
        return;
    }
    od_explain_bare_path(path, sizeof path, out->path);
    if (od_explain_listing_route(path)) {
        out->cause[0] = '\0';
        a->strong |= od_explain_kind_bit("proxy");
    }
}

/* A 405 at Ollama's own port, or at one of its native routes on a port no
 * web server takes (Ollama moved by OLLAMA_HOST): Ollama's router answered
 * that the route takes another method (GET on /api/chat, POST on the root),
 * so the server was reached; a 405 at 80 or 443 may be a web server's page
 * in its place. */
void od_explain_status_405(struct acc *a)
{
    struct od_explain_input *out = a->out;
    const struct od_explain_endpoint *e = out->chosen >= 0 ? &out->ep[out->chosen] : NULL;
    if (out->status != 405 || out->cause[0] || !e ||
        !(e->port == OD_DEFAULT_PORT || (od_explain_ollama_route(e->path) && e->port && e->port != 80 && e->port != 443)))
        return;
    od_strlcpy(out->cause, "bad-request", sizeof out->cause);
    a->cause_by_status = 1;
}

/* An app's words that the server "is not running at" an address that is no
 * address of this machine (host.docker.internal, a LAN IP): what it saw is
 * a refusal there, and the address's role (the Docker host, another
 * machine) says whose port refused, as for ECONNREFUSED. */
void od_explain_not_running_elsewhere(struct acc *a)
{
    const struct od_explain_input *out = a->out;
    unsigned not_running = od_explain_kind_bit("not-running");
    if (!out->host[0] || od_explain_this_machine(out->host) || !((a->strong | a->weak) & not_running))
        return;
    if (a->strong & not_running)
        a->strong = (a->strong & ~not_running) | od_explain_kind_bit("refused");
    else
        a->weak = (a->weak & ~not_running) | od_explain_kind_bit("refused");
}

/* A TLS handshake cut (the peer closed, an EOF) at port 443: that port
 * speaks TLS (a hosted API's, a reverse proxy's), so no plain-HTTP server
 * answered there; what closed it sits in between (a proxy, a firewall, a
 * VPN's or a TUN client's filter) or is the server's own TLS setup, and the
 * words do not say which. Bytes that were plain HTTP (tls-plain) or a
 * certificate refused (tls-cert) say more, and stay. */
void od_explain_tls_at_443(struct acc *a)
{
    struct od_explain_input *out = a->out;
    unsigned tls = od_explain_kind_bit("tls");
    if (out->port != 443 || !((a->strong | a->weak) & tls) || od_explain_has_hint(out, "tls-plain") ||
        od_explain_has_hint(out, "tls-cert"))
        return;
    a->strong &= ~tls;
    a->weak &= ~tls;
    od_explain_add_hint(out, "no-reason");
}

/* A gateway's timeout (504) before a model server that is not on this
 * machine: the gateway waited for the answer and gave up (a model loading, a
 * long generation); that the gateway's own page is not Ollama's says nothing
 * more (nginx's 504 page). At localhost no gateway belongs in between: a
 * proxy the client was sent to answered, and the proxy reading stays. */
void od_explain_gateway_timeout(struct acc *a)
{
    struct od_explain_input *out = a->out;
    unsigned proxy = od_explain_kind_bit("proxy");
    if (out->status != 504 || (a->strong & proxy) || !(a->weak & proxy) || od_explain_this_machine(out->host))
        return;
    a->weak &= ~proxy;
    a->strong &= ~od_explain_kind_bit("not-ollama");
    a->strong |= od_explain_kind_bit("read-timeout");
}

/* A bare status 408 beside the app's own word that the reason was a
 * timeout ("reason: timeout, status: 408", LiteLLM's Timeout, OpenClaw's
 * failover): apps give their own timeout that code, so the client's wait ran
 * out, not the server's wait for a request (whose reason phrase, "Request
 * Timeout", signature status-408 reads). */
void od_explain_timeout_408(struct acc *a)
{
    if (a->out->status != 408 || !a->cause_by_status || strcmp(a->out->cause, "bad-request") != 0 ||
        !od_explain_has_hint(a->out, "wait-ran-out"))
        return;
    a->out->cause[0] = '\0';
    a->cause_by_status = 0;
    a->strong |= od_explain_kind_bit("read-timeout");
}

/* A whole request's timeout (axios' "timeout of 5000ms exceeded", .NET's
 * HttpClient.Timeout) for a listing (/api/tags, /api/version, /v1/models) or
 * a probe (Prometheus scraping /metrics, a health check's /healthz):
 * these answer at once whatever the server is doing, a model loading
 * included, so nothing answered at all: the connection was never made (or
 * the server hangs), not a model slow to load. The same when the stack shows
 * the client still opening the connection as time ran out (.NET's
 * HttpConnectionPool.ConnectToTcpHostAsync: hint connect-phase). Not when
 * the words say the connection was made (curl's "with 1 bytes received"). */
void od_explain_listing_timeout(struct acc *a)
{
    struct od_explain_input *out = a->out;
    unsigned slow = od_explain_kind_bit("read-timeout");
    char path[sizeof out->path];
    if (!od_explain_has_hint(out, "whole-timeout") || !(a->strong & slow) || od_explain_has_hint(out, "connected"))
        return; /* the client's own words say the connection was made */
    od_explain_bare_path(path, sizeof path, out->path);
    if (!od_explain_has_hint(out, "connect-phase") &&
        (!out->host[0] || !path[0] || !(od_explain_listing_route(path) || od_explain_probe_route(path)) ||
         od_explain_this_machine(out->host)))
        return; /* no path shown is no listing shown; a loopback connect refuses or succeeds at once, never waits */
    a->strong &= ~slow;
    a->strong |= od_explain_kind_bit("connect-timeout");
}

/* Dify's API read from its own plugin daemon and the read ran out (httpx's
 * ReadTimeout beside "Request to Plugin Daemon Service failed"): the API was
 * connected to the daemon, which was waiting for the model server behind it
 * (in Dify 1.x every model call goes through the daemon), so the time a model
 * takes to load or answer ran out, not the daemon's readiness. */
void od_explain_daemon_read_timeout(struct acc *a)
{
    unsigned daemon = od_explain_kind_bit("plugin-daemon"), slow = od_explain_kind_bit("read-timeout");
    if (!(a->strong & daemon) || !(a->strong & slow) ||
        (strcmp(a->out->client, "httpx") != 0 && strcmp(a->out->client, "python-requests") != 0))
        return; /* the API's own client timed out; a browser's timeout or the daemon's "killed by timeout" is the daemon's */
    a->strong &= ~daemon;
}

/* Hints whose words say the URL-shaped failure is not about the server:
 * the kinds they void, and whether what is left is "not a connection
 * problem". A shell split the curl command (Windows cmd has no single
 * quotes): curl took a header's or the body's words for URLs, so its "Could
 * not resolve host: application" and "URL rejected" are about those words.
 * A URL with its scheme and an empty host (http://:8793/...: the host
 * setting, or a name the app recorded, was empty): httpx calls that
 * "missing an 'http://' or 'https://' protocol", but the scheme is there;
 * the host is what is missing, which the signature's cause says. */
void od_explain_void_url_kinds(struct acc *a)
{
    static const struct {
        const char *hint;
        const char *kinds[2];
        int not_connectivity;
    } voids[] = {
        {"split-command", {"missing-scheme", "name-resolution"}, 1},
        {"empty-host", {"missing-scheme", NULL}, 0},
    };
    for (size_t i = 0; i < N_OF(voids); i++) {
        unsigned drop = 0;
        if (!od_explain_has_hint(a->out, voids[i].hint))
            continue;
        for (size_t k = 0; k < N_OF(voids[i].kinds) && voids[i].kinds[k]; k++)
            drop |= od_explain_kind_bit(voids[i].kinds[k]);
        a->strong &= ~drop;
        a->weak &= ~drop;
        if (voids[i].not_connectivity)
            a->strong |= od_explain_kind_bit("not-connectivity");
    }
}

/* The server says both that the model is missing and what the model cannot
 * do (LM Studio: "Failed to load model ... Model is not embedding" under the
 * code model_not_found): the model is there, of the wrong kind. And an
 * app that refused the name against its own catalog (hint app-catalog) asked
 * no server at all. */
void od_explain_model_kind_words(struct acc *a)
{
    unsigned missing = od_explain_kind_bit("model-not-found"), unsupported = od_explain_kind_bit("model-unsupported");
    if ((a->strong & missing) && (a->strong & unsupported) && !a->out->model[0])
        a->strong &= ~missing; /* a bare code said missing; a model named missing stays so */
    if (od_explain_has_hint(a->out, "app-catalog")) { /* the app's own list refused the name: nothing was asked */
        a->strong &= ~missing;
        a->weak &= ~missing;
    }
}

/* The path is one of OpenAI's routes at the server's root (/chat/completions,
 * /completions, /embeddings, /models: no /v1 before it), and no status came
 * back for it. */
static int openai_root_route(const struct od_explain_input *out)
{
    char path[sizeof out->path];
    if (out->status || !out->path[0])
        return 0;
    od_explain_bare_path(path, sizeof path, out->path);
    return od_explain_openai_route_after(path, "", 1);
}

/* EADDRNOTAVAIL on a connect. Windows' WSAEADDRNOTAVAIL (10049): the
 * destination is not one Windows connects to (0.0.0.0, the server's
 * OLLAMA_HOST taken as the client's target). Nothing was refused, so a
 * client's words that only say the connection failed (httpx's ConnectError)
 * do not make it a refusal. */
void od_explain_address_invalid(struct acc *a)
{
    const struct od_explain_input *out = a->out;
    const struct od_explain_endpoint *c = out->chosen >= 0 ? &out->ep[out->chosen] : NULL;
    const char *ip = c ? (od_ip_family(c->host) ? c->host : c->address) : "";
    unsigned refused = od_explain_kind_bit("refused");
    if (strcmp(out->errno_name, "EADDRNOTAVAIL") != 0)
        return;
    if (strcmp(out->platform, "windows") == 0)
        a->weak &= ~refused;
    /* elsewhere, to an IPv6 address other than the loopback: this machine has
     * no IPv6 address to send from (no route of that family), nothing refused */
    if ((a->strong & refused) && od_ip_family(ip) == AF_INET6 && !od_ip_is_loopback(ip) && !od_ip_is_unspecified(ip))
        a->strong = (a->strong & ~refused) | od_explain_kind_bit("unreachable");
    /* to an IPv4 address from Linux (a host or a container): every such
     * machine has an IPv4 address to send from, so the connect failed for
     * want of a local port (the ephemeral range used up by connections
     * opened faster than they close); the target is not in question. Not on
     * macOS, where a route whose interface lost its address (Wi-Fi, a VPN)
     * fails so too, nor where another cause is already named */
    if ((a->strong & refused) && strcmp(out->platform, "windows") != 0 && strcmp(out->platform, "macos") != 0 &&
        od_ip_family(ip) == AF_INET && !od_ip_is_unspecified(ip) && !out->cause[0]) {
        a->strong &= ~refused;
        a->weak &= ~refused;
        od_strlcpy(a->out->cause, "local-ports", sizeof a->out->cause);
        a->cause_by_status = 0;
        a->cause_yields = 0;
    }
}

/* Only an app's words ("Connection error.") say that a request to a hosted
 * API failed, not how: no refusal is read into them (such a service does not
 * refuse its own port, and its address is no machine of the user's whose bind
 * a fix could change), so the text says nothing of where it failed. */
void od_explain_hosted_weak(struct acc *a)
{
    struct od_explain_input *out = a->out;
    unsigned refused = od_explain_kind_bit("refused");
    if (out->chosen < 0 || strcmp(out->ep[out->chosen].role, "hosted-api") != 0 || (a->strong & od_explain_conn_kinds()) ||
        !(a->weak & refused))
        return;
    a->weak &= ~refused;
    od_explain_add_hint(out, "no-reason"); /* it failed, the words say; not how */
}

/* Only weak words say how the connection failed: a client's generic "could
 * not connect" (curl's exit 7, httpx's ConnectError, an app's "failed to
 * connect") stands for a refusal only when nothing says otherwise, so a
 * reason beside it (timed out, no route, a name that did not resolve, in any
 * language) is the kind. */
void od_explain_weak_reason(struct acc *a)
{
    unsigned refused = od_explain_kind_bit("refused");
    unsigned how = od_explain_kind_bit("name-resolution") | od_explain_kind_bit("unreachable") |
                   od_explain_kind_bit("connect-timeout");
    if (!a->strong && (a->weak & refused) && (a->weak & how))
        a->weak &= ~refused;
}

/* The chosen host is a name, and the connect was made to an address it
 * resolved to (asyncio's "Connect call failed ('172.18.0.2', 11434)"). */
static int resolved_name(const struct od_explain_input *out)
{
    const struct od_explain_endpoint *c = out->chosen >= 0 ? &out->ep[out->chosen] : NULL;
    return c && !od_ip_family(c->host) && od_ip_family(c->address);
}

void od_explain_pick_kind(struct acc *a)
{
    unsigned mask;
    /* A status's cause gives way to words that say the connection failed, or
     * to a 404, 403 or gateway status it relays: an app's wrapper carries its
     * own status (Dify's {"status": 400} around a connect timeout or a proxy's
     * 502, a server's 500 around the 404 its own request got); and to words
     * that name the model the server lacks (a 400 "The requested model is not
     * supported": OpenAI-style servers answer a missing model with 400). */
    unsigned yields_to = od_explain_conn_kinds() | od_explain_kind_bit("http-404") | od_explain_kind_bit("http-403") |
                         od_explain_kind_bit("proxy") | od_explain_kind_bit("not-ollama") |
                         od_explain_kind_bit("model-not-found");
    /* A 429 is always an answer, a rate limit: words of a failure beside it
     * are a router's relay of it (OpenRouter's "Provider returned error"). */
    if (a->out->status == 429)
        yields_to &= ~od_explain_conn_kinds();
    /* ...but an app's generic words ("Failed to connect to X: 400 {"error": ...}")
     * do not outweigh the server's own error body beside the status. */
    unsigned weak_yields = server_body(a) ? yields_to & ~od_explain_conn_kinds() : yields_to;
    /* ...nor a 401: a wrapper carries a 400 or 500 of its own, and a 401 is
     * always the server's answer to the credentials ("Failed connection to
     * URL with error: Request failed, status 401") */
    if (a->out->status == 401)
        weak_yields &= ~od_explain_conn_kinds();
    static const char *const cut_causes[] = {"stream-cut", "runner-crash", "gpu-memory", "out-of-memory"};
    unsigned failed = od_explain_conn_kinds() | od_explain_kind_bit("not-ollama");
    for (size_t i = 0; i < N_OF(cut_causes); i++)
        if (strcmp(a->out->cause, cut_causes[i]) == 0)
            failed &= ~od_explain_kind_bit("reset");
    if (a->cause_by_status && ((a->strong & yields_to) | (a->weak & weak_yields)))
        a->out->cause[0] = '\0';
    /* An app's own words (a tool failed, a price table, advice to upgrade,
     * "may be an invalid API key or usage limits") give way to a failed
     * connection (even one only an app's words report), or another server's
     * page, at Ollama's own address or a model route under /v1 ("Error
     * calling tool x: Post http://localhost:11434/...: refused"; a tool's own
     * web API does not count), or at any address an exporter's words name
     * (hint collector: the collector's failure is what the text is about),
     * and to Ollama's own 404. A body cut off
     * (stream-cut) or a runner that died (runner-crash, out of memory) does
     * not give way to a reset: the library's words for the same cut
     * ("ChunkedEncodingError", "other side closed", Go's EOF) say no more. */
    if (a->cause_yields && ((((a->strong | a->weak) & failed) && a->out->chosen >= 0 &&
                             (od_explain_ollama_endpoint(&a->out->ep[a->out->chosen]) ||
                              od_explain_openai_model_route(a->out->ep[a->out->chosen].path) ||
                              od_explain_has_hint(a->out, "collector"))) ||
                            od_explain_has_hint(a->out, "mux-404")))
        a->out->cause[0] = '\0';
    /* Words of refused credentials ("认证失败", "authentication failed": an
     * app's wrapper for any failure) give way to a 404 or 405 beside them:
     * the route or the model is missing, the key was never the question; */
    if (strcmp(a->out->cause, "unauthorized") == 0 && !a->cause_by_status &&
        (a->out->status == 404 || a->out->status == 405 || (a->strong & od_explain_conn_kinds())))
        a->out->cause[0] = '\0'; /* nor does a connection that failed (a refusal) ever reach a key's check */
    /* a weak cause stands when nothing says the connection failed; an error
     * with no network words at all is the app's own, unless the text is about
     * reachability in other terms (a wider bind) or asks Ollama's port for an
     * OpenAI route at its root (the word "error" beside it is no reason) */
    if (!a->out->cause[0] && !a->strong && !a->weak && a->weak_cause && !a->out->errno_name[0] &&
        !(od_explain_has_hint(a->out, "answered") && !a->error_words) && /* a success logged, and no error */
        !od_explain_has_hint(a->out, "no-reason") &&
        !(strcmp(a->weak_cause, "no-network-failure") == 0 &&
          (od_explain_has_hint(a->out, "bind-wider") || od_explain_has_hint(a->out, "cut-short") ||
           od_explain_has_hint(a->out, "wait-ran-out") ||
           (openai_root_route(a->out) && (a->out->port == 0 || a->out->port == OD_DEFAULT_PORT)))))
        od_strlcpy(a->out->cause, a->weak_cause, sizeof a->out->cause);
    /* a timeout in words that do not say which wait ran out, at the
     * client's own loopback: nothing there drops a connect (a port with no
     * listener refuses at once), so the wait was for the answer */
    if (!(a->strong & od_explain_conn_kinds()) &&
        (a->weak & (od_explain_conn_kinds() | od_explain_kind_bit("not-running"))) ==
            od_explain_kind_bit("connect-timeout") &&
        !a->out->cause[0] && a->out->host[0] && od_explain_this_machine(a->out->host))
        a->strong |= od_explain_kind_bit("read-timeout");
    /* a read timeout, or a bare "timed out", beside a body cut off: the
     * server had answered, so the wait that ran out was for the rest of the
     * answer (the cut is the client giving up, or the retry after it) */
    if (strcmp(a->out->cause, "stream-cut") == 0 &&
        (((a->strong | a->weak) & od_explain_kind_bit("read-timeout")) ||
         (!(a->strong & od_explain_conn_kinds()) && (a->weak & od_explain_kind_bit("connect-timeout"))))) {
        a->out->cause[0] = '\0';
        a->strong |= od_explain_kind_bit("read-timeout");
    }
    /* a URL that is no URL beside a proxy's own failure is the proxy
     * variable's (undici's ProxyAgent built from a malformed HTTP_PROXY):
     * the fix is the variable, not the Base URL */
    if ((a->strong & od_explain_kind_bit("proxy")) && (a->strong & od_explain_kind_bit("missing-scheme")))
        a->strong &= ~od_explain_kind_bit("missing-scheme");
    /* ...and so is a URL left incomplete by a setting the app never got (a
     * port printed as "undefined", no Base Path set): the setting is the fix */
    if (strcmp(a->out->cause, "unset-setting") == 0)
        a->strong &= ~od_explain_kind_bit("missing-scheme");
    if (a->out->cause[0])
        a->strong |= od_explain_kind_bit("not-connectivity");
    mask = a->strong ? a->strong : a->weak;
    for (unsigned k = 0; od_sig_kinds[k]; k++)
        if (mask & (1u << k)) {
            od_strlcpy(a->out->error_kind, od_sig_kinds[k], sizeof a->out->error_kind);
            break;
        }
    if (strcmp(a->out->error_kind, "not-connectivity") != 0)
        a->out->cause[0] = '\0'; /* a cause only stands for a not-connectivity reading */
    else
        od_explain_drop_hint(a->out, "no-reason"); /* a wrapper's "failed to fetch" beside the app's own reason */
    if (!a->strong && (a->weak & od_explain_conn_kinds()))
        od_explain_add_hint(a->out, "no-reason"); /* only an app's words say it failed, not how */
    if (a->strong & od_explain_conn_kinds()) /* a wrapper's "failed" (fetch failed, Max retries) beside the reason itself */
        od_explain_drop_hint(a->out, "no-reason");
    if (resolved_name(a->out)) /* the name resolved and the connect failed: not a name that does not resolve */
        od_explain_drop_hint(a->out, "no-reason");
    if (((a->strong | a->weak) & od_explain_kind_bit("not-running")) && strcmp(a->out->error_kind, "refused") == 0)
        od_explain_add_hint(a->out, "down-words");
}

/* A 4xx whose body is an HTML page: Ollama's client errors are JSON
 * ({"error": ...}), plain text ("404 page not found") or empty (its 403),
 * never HTML, so a web server answered where Ollama was expected (a site, a
 * reverse proxy's or a firewall's own page). A 5xx page stays a gateway's,
 * and a 401's page a login's. */
void od_explain_html_4xx(struct acc *a)
{
    unsigned not_ollama = od_explain_kind_bit("not-ollama");
    /* a 401's page is the login's (nginx's basic auth, a gateway's key check)
     * in front of the server: the credentials, not the server, are in question */
    if (a->out->status == 401 && od_explain_has_hint(a->out, "html")) {
        a->strong &= ~not_ollama;
        a->weak &= ~not_ollama;
        return;
    }
    if (a->out->status >= 400 && a->out->status < 500 && (a->weak & not_ollama) &&
        od_explain_has_hint(a->out, "html"))
        a->strong |= not_ollama;
}

/* A redirect (301, or 307 for a POST) for a path with a doubled or a
 * trailing slash is Ollama's own tidying of the path (Go's ServeMux sends
 * //api/chat to /api/chat, Gin drops /api/chat/'s slash), not another server
 * answering: the redirect's weak not-ollama reading becomes a plain HTTP
 * error, and the path, a Base URL ending in /, is what is wrong. */
void od_explain_path_redirect(struct acc *a)
{
    const char *path = a->out->path;
    size_t n = strlen(path);
    int tidied = strstr(path, "//") != NULL || (n > 1 && path[n - 1] == '/');
    if ((a->out->status == 301 || a->out->status == 307) && tidied && od_explain_has_hint(a->out, "redirect"))
        a->weak = (a->weak & ~od_explain_kind_bit("not-ollama")) | od_explain_kind_bit("http-error");
}

/* A browser's CORS failure whose preflight was answered with a redirect
 * (Chromium's words, or a 3xx status beside Firefox's or Safari's): Ollama's
 * CORS answers a preflight with 204 or 403, never a 3xx, so something in
 * front of it (a proxy's http-to-https rule, a login page) answered, not
 * Ollama's origin check. */
void od_explain_preflight_redirect(struct acc *a)
{
    unsigned origin = od_explain_kind_bit("origin"), not_ollama = od_explain_kind_bit("not-ollama");
    if ((a->strong & origin) && ((a->strong | a->weak) & not_ollama) && od_explain_has_hint(a->out, "redirect"))
        a->strong = (a->strong & ~origin) | not_ollama;
}

/* A 5xx page when the only addresses in the text are the app's own (its web
 * UI calling its backend, Angular's "Http failure response for URL"): the
 * app's server failed and printed its error page; no server answered in
 * Ollama's place. So does a 500 page for an OpenAI-style path at a port
 * that is not Ollama's: the OpenAI-compatible server the app meant (a Flask
 * or FastAPI one, text-generation-webui) failed on the request. The status's
 * cause (server-error) then stands. */
void od_explain_own_page(struct acc *a)
{
    const struct od_explain_input *out = a->out;
    const struct od_explain_endpoint *c = out->chosen >= 0 ? &out->ep[out->chosen] : NULL;
    unsigned not_ollama = od_explain_kind_bit("not-ollama");
    int own = 0;
    if (out->status < 500 || (a->strong & not_ollama) || !(a->weak & not_ollama))
        return;
    if (c)
        own = (out->status == 500 || out->status == 501) && c->port && c->port != OD_DEFAULT_PORT &&
              od_explain_openai_style_path(c->path);
    for (size_t i = 0; !c && i < out->nep; i++)
        own |= od_explain_app_role(out->ep[i].role);
    if (own)
        a->weak &= ~not_ollama;
}

/* A request at an OpenAI route at the server's root (/chat/completions,
 * /completions, /embeddings, /models: no /v1 before it), and nothing else
 * failed: Ollama serves no such route and answers 404 page not found, which
 * is what an OpenAI client with a Base URL lacking /v1 gets. The text names
 * no status, so the hint says only which path was asked for. */
void od_explain_openai_route(struct acc *a)
{
    if (strcmp(a->out->error_kind, "unknown") == 0 && openai_root_route(a->out))
        od_explain_add_hint(a->out, "openai-route");
}

/* A browser that got no HTTP answer at all (Firefox: "CORS request did not
 * succeed", "Status code: (null)"): the CORS head it prints for every failed
 * cross-origin request is no Origin refusal, unless a reason of one is there
 * too (a 403, a missing Access-Control-Allow-Origin). What else failed
 * decides (https:// to Ollama's port, words that it could not connect);
 * otherwise nothing says how. */
void od_explain_browser_no_response(struct acc *a)
{
    unsigned origin = od_explain_kind_bit("origin");
    if (!od_explain_has_hint(a->out, "no-response") || (a->strong & origin))
        return;
    a->weak &= ~origin;
    if (!((a->strong | a->weak) & ~origin))
        od_explain_add_hint(a->out, "no-reason");
}
