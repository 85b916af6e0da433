/* explain_404.c — what a 404 says of the path it answered: a route the
 * server never had (an /api/ name Ollama lacks, an API a hosted service
 * does not offer), a Base URL's path (a version after a version), or
 * another server's default page. Passes over the accumulator, as
 * explain_decide.c's are; the route vocabulary is explain_routes.c's. No
 * module state. */
#include "explain_int.h"

#include <string.h>

#include "util.h"

/* A service name on the public Internet: dots, no IP, no LAN suffix. */
static int public_name(const char *host)
{
    static const char *const lan[] = {".local", ".lan", ".internal", ".home", ".localdomain"};
    if (!strchr(host, '.') || od_ip_family(host))
        return 0;
    for (size_t i = 0; i < N_OF(lan); i++)
        if (od_str_endswith(host, lan[i]))
            return 0;
    return 1;
}

/* The host is one of a table's: a name, or ".domain" for any name under it. */
static int host_listed(const char *host, const char *const *hosts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (hosts[i][0] == '.' ? od_str_endswith(host, hosts[i]) : od_strcaseeq(host, hosts[i]))
            return 1;
    return 0;
}

/* A 404 for an API the hosted service does not offer: the Responses API at
 * its root (/responses, /v1/responses) anywhere but the few that serve it,
 * embeddings where there are none. The service was
 * reached; the client's choice of API is what the 404 is about, not a path
 * to fix (adding /v1 gives the same 404). */
void od_explain_route_unsupported(struct acc *a)
{
    struct od_explain_input *out = a->out;
    char path[sizeof out->path];
    /* the hosted services that serve the Responses API; those without embeddings
     * (DeepSeek: chat and FIM completions only) */
    static const char *const responses_at[] = {"api.openai.com", ".openai.azure.com", "openrouter.ai", "api.groq.com",
                                               "api.x.ai"};
    static const char *const no_embeddings[] = {"api.deepseek.com", "api.anthropic.com", "api.groq.com"};
    int responses, embeddings;
    if (out->status != 404 || out->cause[0] || !public_name(out->host))
        return;
    od_explain_bare_path(path, sizeof path, out->path);
    responses = strcmp(path, "/responses") == 0 || strcmp(path, "/v1/responses") == 0;
    embeddings = strcmp(path, "/embeddings") == 0 || strcmp(path, "/v1/embeddings") == 0;
    if ((responses && !host_listed(out->host, responses_at, N_OF(responses_at))) ||
        (embeddings && host_listed(out->host, no_embeddings, N_OF(no_embeddings))))
        od_strlcpy(out->cause, "route-unsupported", sizeof out->cause);
}

/* A version segment right after another (/api/paas/v4/v1/..., /v1/v1/): a
 * Base URL that had its version, and a client that added one more. */
int od_explain_two_versions(const char *path)
{
    int prev = 0;
    for (const char *p = path; (p = strchr(p, '/')) != NULL;) {
        size_t n = strcspn(++p, "/");
        int version = n > 1 && p[0] == 'v' && strspn(p + 1, "0123456789") == n - 1;
        if (version && prev)
            return 1;
        prev = version;
    }
    return 0;
}

/* A 404 for a path under /api/ whose first name is no route of Ollama's
 * (/api/event_logging/batch, a vendor's telemetry or admin call): the client
 * asked the server for an endpoint it never serves. An extra path in the Base
 * URL would end in a route Ollama has (/x/api/chat, /api/v1/models), and a
 * name that is an OpenAI route (/api/models, /api/chat/completions) is a Base
 * URL ending in /api; both stay path readings. Likewise Go's "404 page not
 * found" for Ollama's Anthropic or Responses API (/v1/messages, /v1/responses,
 * 2025): Ollama answers a missing model there in JSON, so the router had no
 * such route: a server older than the API the app speaks. And a health or
 * metrics probe (/health, /metrics ...) that other servers answer and Ollama
 * does not: the app expects another kind of server at that address. And a
 * route that names no model (/v1/models, /api/ps) answered 404 at Ollama's
 * port: Ollama answers it whatever the models, so this server has no such
 * route: one older than the route (before 0.2), or another. And Go's 404
 * page for a route of Ollama's own, exactly, in the URL the request went to
 * (curl's command line or -v request line, Go's Post "URL", requests',
 * httpx's and aiohttp's URL of the answer): the path was
 * not doubled by a Base URL, so this Ollama is older than the route, or the
 * method is not the one it serves. And a GET shown for a route Ollama serves
 * only for POST (ollama-python 0.1's GET /api/show, a browser or a bare curl
 * at /api/chat), with no model named: the method is what the 404 is about. */
void od_explain_endpoint_missing(struct acc *a)
{
    /* besides the native names, OpenAI's and Anthropic's, which are path readings */
    static const char *const known[] = {"api", "completions", "models", "responses", "messages"};
    static const char *const recent[] = {"/v1/messages", "/v1/responses"};
    /* OpenAI's routes, which Ollama gained one by one: as the request had them
     * (not as a Base URL names them), its router's 404 means an older Ollama */
    static const char *const openai[] = {"/v1/chat/completions", "/v1/completions", "/v1/embeddings"};
    static const char *const probes[] = {"/health", "/healthz", "/readyz", "/livez", "/ping", "/metrics", "/info",
                                         "/status", "/v1/health"};
    static const char *const model_free[] = {"/v1/models", "/api/ps"};
    struct od_explain_input *out = a->out;
    char path[sizeof out->path];
    int missing = 0, ollama = od_explain_has_hint(out, "mux-404"); /* Go's router answered: Ollama's */
    /* the answer itself says another server (a page, FastAPI's body, a
     * server's own words): that reading stands */
    if (out->status != 404 || out->cause[0] || ((a->strong | a->weak) & od_explain_kind_bit("not-ollama")) ||
        od_explain_has_hint(out, "html") || od_explain_has_hint(out, "other-server"))
        return;
    od_explain_bare_path(path, sizeof path, out->path);
    if (od_explain_always_served(path))
        return; /* od_explain_foreign_404: whatever answered is not Ollama */
    /* a GET for a route Ollama takes only by POST, and no model named: the
     * method, not the model, is what the 404 is about */
    if (od_explain_has_hint(out, "get-post-route") && od_explain_ollama_route(path) && !out->model[0])
        missing = 1;
    /* a recent API, or one of Ollama's own routes as the request had it */
    if (ollama)
        missing |= od_explain_path_in(path, recent, N_OF(recent)) ||
                  (od_explain_path_in(path, openai, N_OF(openai)) && od_explain_has_hint(out, "request-url")) ||
                  (od_explain_ollama_route(path) &&
                   (od_explain_has_hint(out, "request-url") || od_explain_has_hint(out, "get-post-route")));
    /* another server's probe (vLLM's /health, TGI's /info ...), or a route
     * without a model, answered by Ollama (its router, or at its port) */
    if (ollama || out->port == OD_DEFAULT_PORT)
        missing |= od_explain_path_in(path, probes, N_OF(probes)) || od_explain_path_in(path, model_free, N_OF(model_free));
    if (!missing && strncmp(path, "/api/", 5) == 0) {
        const char *name = path + 5;
        size_t n = strcspn(name, "/");
        /* a version (/api/v3/...): another API's base path, not a route Ollama lacks */
        int version = n > 1 && name[0] == 'v' && strspn(name + 1, "0123456789") == n - 1;
        missing = n > 0 && !version && !od_explain_native_name(name, n) && !od_explain_two_versions(path);
        for (size_t i = 0; i < N_OF(known) && missing; i++)
            missing = !(strlen(known[i]) == n && strncmp(name, known[i], n) == 0);
    }
    if (missing)
        od_strlcpy(out->cause, "endpoint-missing", sizeof out->cause);
}

/* A 404 for /api/tags or /api/version, as the request had them (no path
 * of a Base URL before them): every Ollama since its first releases serves
 * both, to anyone, whatever its models. So whatever answered is not Ollama
 * (another model server, an app's API, a proxy without that route), unless
 * the text already says why (a cause, another server's own words). And
 * another server's own 404 body (a web framework's "Route POST:/api/chat
 * not found", hint foreign-404) for one of Ollama's own routes: the server
 * that answered is not Ollama, whatever the model. */
void od_explain_foreign_404(struct acc *a)
{
    struct od_explain_input *out = a->out;
    char path[sizeof out->path];
    if (out->status != 404 || out->cause[0])
        return;
    od_explain_bare_path(path, sizeof path, out->path);
    if ((od_explain_has_hint(out, "request-url") && od_explain_always_served(path)) ||
        (od_explain_has_hint(out, "foreign-404") && od_explain_ollama_route(path)))
        a->strong |= od_explain_kind_bit("not-ollama");
}

/* Another server's default 404 body (FastAPI's {"detail":"Not Found"},
 * llama.cpp's "File Not Found") for an OpenAI-style path at a port that is
 * not Ollama's: vLLM, llama-cpp-python, LiteLLM, Xinference and
 * text-generation-webui are FastAPI servers, llama-server is llama.cpp's, so the
 * server the app was meant to reach answered, and the path is what it does
 * not serve (no /v1, a doubled or misspelt route). At Ollama's port, or for
 * one of Ollama's native routes, another server answered where Ollama was
 * meant to: that reading stands. */
void od_explain_openai_server_404(struct acc *a)
{
    struct od_explain_input *out = a->out;
    unsigned foreign = od_explain_kind_bit("not-ollama");
    if (out->status != 404 || !od_explain_has_hint(out, "foreign-404") || !out->port ||
        out->port == OD_DEFAULT_PORT || !od_explain_openai_style_path(out->path) || od_explain_has_hint(out, "html"))
        return;
    a->strong &= ~foreign;
    a->weak &= ~foreign;
    a->strong |= od_explain_kind_bit("http-404");
}
