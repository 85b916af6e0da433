/* explain_auth.c — what a 401 or a 403 in a read error text amounts to:
 * Ollama's Origin or Host check, a key that a server or a gateway wants (an
 * Ollama cloud model's sign-in, an app's backend, a script's 403 at
 * loopback answered by a proxy in between). Passes over the accumulator, as
 * explain_decide.c's are. No module state. */
#include "explain_int.h"

#include <string.h>

#include "app.h"
#include "util.h"

/* A 401 or 403 for an Ollama cloud model (name:cloud, name:tag-cloud): the
 * local server relays the request to ollama.com, and a refusal there is the
 * sign-in or the plan, not Ollama's Origin or Host check. */
void od_explain_cloud_model(struct acc *a)
{
    if (!od_explain_has_hint(a->out, "cloud-model") || (a->out->status != 401 && a->out->status != 403))
        return;
    a->strong &= ~od_explain_kind_bit("http-403");
    a->weak &= ~od_explain_kind_bit("http-403");
    od_strlcpy(a->out->cause, "unauthorized", sizeof a->out->cause);
    a->cause_by_status = 0;
    a->strong |= od_explain_kind_bit("not-connectivity");
}

/* A client library that runs on a server or in a script, never in a page:
 * Python's (an uncaught exception's class line too), Go's, Java's, .NET's,
 * PHP's, Ruby's, Perl's, Elixir's and Erlang's, R's, Julia's, Zig's, Crystal's,
 * Haskell's. Rust and Node are not among them: a Tauri or Electron window
 * sends its page's Origin through them (Tauri's HTTP plugin on reqwest). */
static int server_side_client(const struct od_explain_input *out)
{
    static const char *const clients[] = {"python-requests", "httpx",         "aiohttp",     "python",
                                          "openai-python",   "ollama-python", "go",          "java",
                                          "dotnet",          "php",           "ruby",        "perl",
                                          "elixir",          "erlang-httpc",  "node-server", "r",
                                          "julia",           "zig",           "crystal",     "haskell-http-client"};
    for (size_t i = 0; i < N_OF(clients); i++)
        if (strcmp(out->client, clients[i]) == 0)
            return 1;
    return !out->client[0] || strcmp(out->client, "unknown") == 0 ? od_explain_has_hint(out, "uncaught") : 0;
}

/* Whether the text has one of the hints that keep a 403's reading. */
static int any_hint(const struct od_explain_input *out, const char *const *hints, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (od_explain_has_hint(out, hints[i]))
            return 1;
    return 0;
}

/* The 403 was an auth layer's (cause unauthorized), read from the status
 * and what surrounds it, not the words: the finding names what else answers
 * 403 (hint guessed). */
static void auth_layer_403(struct acc *a)
{
    unsigned forbidden = od_explain_kind_bit("http-403");
    a->strong &= ~forbidden;
    a->weak &= ~forbidden;
    od_strlcpy(a->out->cause, "unauthorized", sizeof a->out->cause);
    a->cause_by_status = 0;
    a->strong |= od_explain_kind_bit("not-connectivity");
    od_explain_add_hint(a->out, "guessed");
}

/* A 403 for an app with a profile that runs as a server (Dify, n8n,
 * LibreChat ...) and nothing of a browser in the text: such an app calls the
 * model server from its backend, which sends no Origin, so Ollama's Origin
 * check cannot be what refused. Open WebUI's backend passes the browser's
 * request on, and an editor's extension may send its webview's Origin: both
 * keep the 403's reading. So does a name with dots in the URL (a proxy or a
 * tunnel in front, whose Host Ollama may refuse), and a tunnel, a Host check
 * or CORS in the text. Otherwise the 403 is an auth layer's (an API
 * gateway's key, a model server's own login). The same holds for a text
 * that names no app but shows a server-side client library (a script's
 * Python exception, Go, Java, .NET) at no address or an IP address other
 * than loopback: at loopback od_explain_script_403 reads it as a proxy in
 * between, and at a name Ollama's Host check behind a proxy stays a reading. */
void od_explain_server_app_403(struct acc *a)
{
    static const char *const keep[] = {"browser", "tunnel", "host-check", "cloud-model", "upstream"};
    unsigned forbidden = od_explain_kind_bit("http-403");
    struct od_explain_input *out = a->out;
    const struct od_app_profile *app = out->app[0] ? od_app_find(out->app) : NULL;
    int server = app ? app->in_container && strcmp(app->name, "open-webui") != 0
                     : !out->app[0] && server_side_client(out) && !od_explain_this_machine(out->host) &&
                           (!out->host[0] || od_ip_family(out->host));
    if (out->status != 403 || !((a->strong | a->weak) & forbidden) || !server ||
        (strchr(out->host, '.') && !od_ip_family(out->host)) ||
        (a->strong & (od_explain_kind_bit("origin") | od_explain_kind_bit("proxy") | od_explain_kind_bit("not-ollama") |
                      od_explain_conn_kinds())))
        return; /* the text says who answered: a page, a WAF, a proxy */
    if (any_hint(out, keep, N_OF(keep)))
        return;
    auth_layer_403(a);
}

/* A 403 at the machine's own loopback, or at an address, for a program that
 * is no browser and names no app (a script stopped by its exception, a Java
 * or Rust program): Ollama answers 403 only to an Origin it does not allow or
 * a Host it does not know (and checks the Host only when it listens on
 * loopback), and such a program sends no Origin and asks for localhost or an
 * address. So something in between answered: a proxy the client was sent to
 * (Windows' system proxy, HTTP_PROXY). A curl command may carry a browser's
 * Origin (DevTools' "copy as cURL"), and an app's backend may pass one on:
 * both keep the 403's reading. */
void od_explain_script_403(struct acc *a)
{
    static const char *const keep[] = {"browser", "tunnel", "cloud-model"};
    unsigned forbidden = od_explain_kind_bit("http-403");
    const struct od_explain_input *out = a->out;
    if (out->status != 403 || !((a->strong | a->weak) & forbidden) || !out->host[0] ||
        !(od_explain_this_machine(out->host) || od_ip_family(out->host)) || out->app[0] ||
        !od_explain_native_program(out) || strcmp(out->client, "curl") == 0 || strcmp(out->client, "libcurl") == 0 ||
        strcmp(out->cause, "unauthorized") == 0 ||
        (a->strong & (od_explain_kind_bit("origin") | od_explain_conn_kinds())))
        return; /* beside a failed connection, the 403 is someone else's answer; beside a
                 * server's words that it wants a key, the server's own */
    if (any_hint(out, keep, N_OF(keep)))
        return;
    a->strong &= ~forbidden;
    a->weak &= ~forbidden;
    a->strong |= od_explain_kind_bit("proxy");
    od_explain_add_hint(a->out, "guessed"); /* the words name no proxy: the finding says so */
}

/* A 403 that came with a server's own JSON error body (the text carries
 * {"error": ...} or a JSON-RPC error object): Ollama's Origin and Host
 * checks answer 403 with an empty body, so the body is another server's or
 * a gateway's own authorization (a hosted RPC provider's "Access
 * forbidden", an API's key check). A relayed cloud model's 403, a browser's
 * or a tunnel's and a Host check's words keep their readings, and so does a
 * body whose words end in the bare reason phrase (an app relaying the
 * status it got: {"error": "Connection failed: Forbidden"}). */
void od_explain_body_403(struct acc *a)
{
    static const char *const keep[] = {"browser",  "tunnel",        "host-check", "cloud-model",
                                       "upstream", "mixed-content", "bare-reason"};
    unsigned forbidden = od_explain_kind_bit("http-403");
    struct od_explain_input *out = a->out;
    if (out->status != 403 || !((a->strong | a->weak) & forbidden) || !a->weak_cause ||
        strcmp(a->weak_cause, "server-error") != 0 ||
        (a->strong & (od_explain_kind_bit("origin") | od_explain_kind_bit("proxy") | od_explain_conn_kinds())))
        return;
    if (any_hint(out, keep, N_OF(keep)))
        return;
    auth_layer_403(a);
}

/* A 403 for the route the request went to (the client logged it: hint
 * request-url) when that route is none of Ollama's API nor an
 * OpenAI-compatible server's (an app's own API, Opik's
 * /opik/api/v1/private/spans at its cloud): the server that has that route
 * answered with its own authorization, not Ollama's Origin or Host check. */
void od_explain_foreign_route_403(struct acc *a)
{
    unsigned forbidden = od_explain_kind_bit("http-403");
    struct od_explain_input *out = a->out;
    char path[sizeof out->path];
    if (out->status != 403 || !((a->strong | a->weak) & forbidden) || !od_explain_has_hint(out, "request-url") ||
        od_explain_has_hint(out, "browser") || od_explain_has_hint(out, "cloud-model"))
        return;
    od_explain_bare_path(path, sizeof path, out->path);
    if (!path[0] || strcmp(path, "/") == 0 || od_explain_ollama_route(path) || od_explain_openai_route_suffix(path))
        return;
    auth_layer_403(a);
}
