/* explain_routes.c — which routes a path names: Ollama's native API, OpenAI's
 * (at the root or under /v1), the listings a server answers at once, and
 * those every Ollama serves. Vocabulary for explain_decide.c; no state. */
#include "explain_int.h"

#include <string.h>

#include "util.h"

/* path without its query, fragment and trailing slash ("/" stays "/"). */
void od_explain_bare_path(char *dst, size_t n, const char *path)
{
    size_t len;
    od_strlcpy(dst, path, n);
    dst[strcspn(dst, "?#")] = '\0';
    len = strlen(dst);
    if (len > 1 && dst[len - 1] == '/')
        dst[len - 1] = '\0';
}

int od_explain_path_in(const char *path, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(path, paths[i]) == 0)
            return 1;
    return 0;
}

/* Listings, which a server answers at once whatever it is doing: a model
 * loading keeps none of them waiting. */
static const char *const listing_routes[] = {"", "/", "/api/tags", "/api/version", "/api/ps", "/v1/models", "/models"};

int od_explain_listing_route(const char *bare)
{
    return od_explain_path_in(bare, listing_routes, N_OF(listing_routes));
}

/* A probe's route (Prometheus' /metrics, a health check's /healthz): any
 * server answers it at once, so a whole request's timeout there is no slow
 * answer. Judged by the last segment, wherever the app mounts it. */
static const char *const probe_names[] = {"metrics", "health", "healthz", "healthcheck",
                                          "livez",   "readyz", "ping",    "_ping"};

int od_explain_probe_route(const char *bare)
{
    const char *last = strrchr(bare, '/');
    return last && od_explain_path_in(last + 1, probe_names, N_OF(probe_names));
}

/* Routes every Ollama since its first releases serves, to anyone, whatever
 * its models: a 404 for one of them did not come from Ollama. */
static const char *const always_served[] = {"/api/tags", "/api/version"};

int od_explain_always_served(const char *bare)
{
    return od_explain_path_in(bare, always_served, N_OF(always_served));
}

/* The names of Ollama's native API: /api/NAME. */
static const char *const native_api[] = {"chat", "generate", "embed", "embeddings", "tags",   "show",  "pull",
                                         "push", "create",   "copy",  "delete",     "ps",     "version", "blobs"};

int od_explain_native_name(const char *name, size_t n)
{
    for (size_t i = 0; i < N_OF(native_api); i++)
        if (strlen(native_api[i]) == n && strncmp(name, native_api[i], n) == 0)
            return 1;
    return 0;
}

/* One of Ollama's native API routes, exactly (its query and a trailing slash
 * aside): an app's own /api/chatbot or /api/generate-report is not one. */
int od_explain_ollama_route(const char *path)
{
    char p[512];
    od_explain_bare_path(p, sizeof p, path);
    return strncmp(p, "/api/", 5) == 0 && od_explain_native_name(p + 5, strlen(p + 5));
}

/* OpenAI's routes, as the server's root or /v1 carries them; the model
 * routes (those that run a model) are all but the last. */
static const char *const openai_routes[] = {"/chat/completions",     "/completions",        "/embeddings",
                                            "/responses",            "/audio/transcriptions", "/audio/translations",
                                            "/audio/speech",         "/images/generations", "/models"};

/* p (a bare path) is one of OpenAI's routes right after prefix; only the
 * model routes unless all. */
int od_explain_openai_route_after(const char *p, const char *prefix, int all)
{
    size_t n = strlen(prefix);
    if (strncmp(p, prefix, n) != 0)
        return 0;
    for (size_t i = 0; i < N_OF(openai_routes) - (all ? 0 : 1); i++)
        if (strcmp(p + n, openai_routes[i]) == 0)
            return 1;
    return 0;
}

/* p (a bare path) ends in one of OpenAI's routes, after any prefix (a
 * gateway's /openai/v1/chat/completions too). */
int od_explain_openai_route_suffix(const char *p)
{
    size_t n = strlen(p);
    for (size_t i = 0; i < N_OF(openai_routes); i++) {
        size_t r = strlen(openai_routes[i]);
        if (n >= r && strcmp(p + n - r, openai_routes[i]) == 0)
            return 1;
    }
    return 0;
}

/* /v1/chat/completions, /v1/completions or /v1/embeddings, exactly (query
 * and trailing slash aside). */
int od_explain_openai_model_route(const char *path)
{
    char p[512];
    od_explain_bare_path(p, sizeof p, path);
    return od_explain_openai_route_after(p, "/v1", 0);
}

/* /chat/completions, /completions or /embeddings at the server's root (no
 * /v1): a model route too, though one that only some servers serve. */
int od_explain_openai_root_model_route(const char *path)
{
    char p[512];
    od_explain_bare_path(p, sizeof p, path);
    return od_explain_openai_route_after(p, "", 0);
}

/* An endpoint that is Ollama's by its port or native route (an OpenAI route is
 * not enough: api.openai.com serves those too). */
int od_explain_ollama_endpoint(const struct od_explain_endpoint *e)
{
    return e->port == OD_DEFAULT_PORT || od_explain_ollama_route(e->path);
}

/* A path of an OpenAI-style API: under /v1/, or ending in one of its routes
 * (or llama.cpp's /completion), and not one of Ollama's native routes. */
int od_explain_openai_style_path(const char *path)
{
    static const char *const tails[] = {"/chat/completions", "/completions", "/completion", "/embeddings", "/models"};
    char p[512];
    size_t len;
    od_explain_bare_path(p, sizeof p, path);
    if (od_explain_ollama_route(p))
        return 0;
    if (strncmp(p, "/v1/", 4) == 0)
        return 1;
    len = strlen(p);
    for (size_t i = 0; i < N_OF(tails); i++) {
        size_t n = strlen(tails[i]);
        if (len >= n && strcmp(p + len - n, tails[i]) == 0)
            return 1;
    }
    return 0;
}
