/* explain_int — what the reading of a pasted error (explain.c) and the
 * decisions taken on it (explain_decide.c: the kind; explain_platform.c:
 * where the client runs)
 * share: the accumulator of what the signatures said. */
#ifndef OD_EXPLAIN_INT_H
#define OD_EXPLAIN_INT_H

#include <stddef.h>

#include "explain.h"
#include "util.h"

#define RAW_MAX 48

/* The best value of one kind seen so far: lowest rank, then first in the text. */
struct best {
    int set, rank;
    size_t pos;
};

struct acc {
    const struct od_sigs *s;
    struct od_explain_input *out;
    unsigned strong, weak;
    unsigned guessed;               /* kinds only inferred (sig "guess"): strong unless a connection kind is said */
    struct best errno_b, status_b, model_b, client_b, app_b, platform_b, cause_b, joins_b, seconds_b, path_b, origin_b, service_b;
    int status_err;                 /* the status kept is an error status (>= 400) */
    int cause_yields;               /* the cause kept is an app's words that give way (sig "yields") */
    int cause_by_status;            /* the cause kept came from a status rule, not from words */
    const char *weak_cause;         /* a weak signature's cause: only if nothing else says anything */
    struct best weak_cause_b;
    int error_words;                /* the text has words of an error (no-network-failure's signature) */
    int linux_seen;
    struct best plain_b;            /* where a TLS client read a plain-HTTP answer (hint tls-plain) */
    struct { const struct od_sig *sig; char snip[80]; } plat[12]; /* platform hints, for the evidence */
    size_t nplat;
    char path[512];                 /* a path named without a host */
    struct od_explain_endpoint raw[RAW_MAX];
    size_t nraw;
    struct od_sig_hit st_q[16];     /* the statuses, read once every line's role is known */
    size_t nst_q;
    struct { size_t pos; unsigned kind; int guess; } kh[32]; /* where strong kinds were found */
    size_t nkh;
    struct best connected_b;        /* the last line where the client says it connected (hint connected) */
};

/* The kind's bit in a kind mask (0: not a kind). */
unsigned od_explain_kind_bit(const char *kind);
/* The kinds that say the connection itself failed (refused, a timeout, a name ...). */
unsigned od_explain_conn_kinds(void);
/* dst = a, then b, cut to fit (a may be dst itself). */
void od_explain_join2(char *dst, size_t n, const char *a, const char *b);

/* Captured fields as explain reports them (explain_fields.c). */
void od_explain_trim_tail(char *s, const char *chars); /* drops any of chars from the end */
int od_explain_clean_host(char *h, size_t n);          /* 0, or -1: no host (a number, "undefined") */
int od_explain_source_file(const char *h);             /* "client.py", "_ssl.c": a trace's file, not a host */
int od_explain_port_num(const char *s);                /* 1-65535, else 0 */
void od_explain_clean_model(char *m, size_t n);        /* no registry prefix, no stray word */
int od_explain_compose_service(char *name);            /* the service in place; 0: none of the app's */
/* A request the app's own server received (a client's line in its access
 * log) for a route that is not one of Ollama's. */
int od_explain_own_request(const struct od_explain_endpoint *e);
/* One of the app's own services (app-internal, app-service): not the model server. */
int od_explain_app_role(const char *role);
/* The endpoints' roles merged, names joined to their addresses, and
 * out->chosen (with host, port, path, url and chosen_why) set. */
void od_explain_choose(struct acc *a);

/* No model server (or one the failure was not said about), but a failure at
 * an endpoint whose host rule names a cause: the connection kinds were about
 * that endpoint, the reading is its cause. */
void od_explain_endpoint_cause(struct acc *a);
/* A hosted API named as the endpoint, and only weak words that the request
 * failed: no refusal is read into them. */
void od_explain_hosted_weak(struct acc *a);
/* A bare 503 for a listing, or at localhost without Ollama's body, came
 * from a proxy, not from Ollama's queue. */
void od_explain_status_503(struct acc *a);
void od_explain_status_405(struct acc *a);
/* An app's "not running at" an address off this machine: a refusal there. */
void od_explain_not_running_elsewhere(struct acc *a);
/* A hosted service's 404 for an API it does not offer (the Responses API). */
void od_explain_route_unsupported(struct acc *a);
/* A TLS handshake cut at port 443: no plain-HTTP port answered there. */
void od_explain_tls_at_443(struct acc *a);
/* A 504 before a server off this machine: the gateway's read timeout. */
void od_explain_gateway_timeout(struct acc *a);
/* A bare 408 beside the app's own "reason: timeout": its code for its own timeout. */
void od_explain_timeout_408(struct acc *a);
void od_explain_listing_timeout(struct acc *a);
/* The wait from an earlier timed row to the last one when it is a client's
 * default request timeout (300 s, 600 s), or -1: read from the text as
 * pasted, before its times are cleaned away. */
double od_explain_default_wait(const char *text, size_t len);
/* A failure that names no reason, a client's default timeout after a row before it. */
void od_explain_timed_rows(struct acc *a, double wait);
/* A version segment right after another (/v1/v1/, /api/paas/v4/v1/): a Base URL that had its version. */
int od_explain_two_versions(const char *path);
/* Dify's API timed out reading from its plugin daemon: the model behind it was slow. */
void od_explain_daemon_read_timeout(struct acc *a);
/* curl's errors about words a shell split off the command line, and a URL
 * with its scheme and an empty host: no missing scheme (hints split-command,
 * empty-host). */
void od_explain_void_url_kinds(struct acc *a);
/* A model both missing and unable to do the task (wrong kind), or refused by the app's own catalog. */
void od_explain_model_kind_words(struct acc *a);
/* A 4xx answered with an HTML page: a web server, not Ollama. */
void od_explain_html_4xx(struct acc *a);
/* A 5xx page where the only addresses are the app's own: its own error page. */
void od_explain_own_page(struct acc *a);
/* explain_routes.c: which routes a path names. path without its query,
 * fragment and trailing slash ("/" stays "/"): */
void od_explain_bare_path(char *dst, size_t n, const char *path);
int od_explain_path_in(const char *path, const char *const *paths, size_t n);
/* a bare path that is a listing (/api/tags, /v1/models, the root ...): answered at once */
int od_explain_listing_route(const char *bare);
/* a bare path that is a probe's (/metrics, /healthz, wherever mounted): answered at once */
int od_explain_probe_route(const char *bare);
/* a bare path every Ollama serves to anyone (/api/tags, /api/version) */
int od_explain_always_served(const char *bare);
/* NAME (n bytes) is one of Ollama's native /api/NAME */
int od_explain_native_name(const char *name, size_t n);
/* a bare path that is one of OpenAI's routes right after prefix (model routes only unless all) */
int od_explain_openai_route_after(const char *p, const char *prefix, int all);
/* p (a bare path) ends in one of OpenAI's routes, after any prefix. */
int od_explain_openai_route_suffix(const char *p);
/* under /v1/ or ending in an OpenAI route, and not one of Ollama's native routes */
int od_explain_openai_style_path(const char *path);
/* One of Ollama's native API routes, exactly (query and trailing slash aside). */
int od_explain_ollama_route(const char *path);
/* The same routes at the server's root, without /v1. */
int od_explain_openai_root_model_route(const char *path);
/* An endpoint on Ollama's port or at one of its native routes. */
int od_explain_ollama_endpoint(const struct od_explain_endpoint *e);
/* A request at an OpenAI route at the server's root, nothing else failing:
 * hint openai-route. */
void od_explain_openai_route(struct acc *a);
/* A 404 from Ollama for a path it has no route for (an /api/ name it never
 * served, a recent API an older server lacks, another server's health or
 * metrics probe): cause endpoint-missing. */
void od_explain_endpoint_missing(struct acc *a);
/* A 404 for a route every Ollama serves, as the request had it: not Ollama. */
void od_explain_foreign_404(struct acc *a);
void od_explain_openai_server_404(struct acc *a);
void od_explain_proxy_failed(struct acc *a);
/* The text says the connection never got to the server. */
int od_explain_never_reached(const struct acc *a);
/* Windows' 10049 beside a client's "could not connect": no refusal. */
void od_explain_address_invalid(struct acc *a);
/* A 401 or 403 for an Ollama cloud model: ollama.com's sign-in or plan. */
void od_explain_cloud_model(struct acc *a);
/* A 403 for an app whose backend calls the server (no Origin): an auth layer's. */
void od_explain_server_app_403(struct acc *a);
/* A 403 at loopback for a script that is no browser: a proxy answered. */
void od_explain_script_403(struct acc *a);
/* A 403 for a route no model server has (an app's own API): that server's auth. */
void od_explain_foreign_route_403(struct acc *a);
/* A 403 with a server's own error body: that server's auth (Ollama's checks send none). */
void od_explain_body_403(struct acc *a);
/* A browser that got no HTTP answer: its CORS words are no Origin refusal. */
void od_explain_browser_no_response(struct acc *a);
/* A redirect that tidies a doubled or trailing slash: Ollama's own. */
void od_explain_path_redirect(struct acc *a);
/* A CORS preflight answered with a redirect: not Ollama's origin check. */
void od_explain_preflight_redirect(struct acc *a);
/* A weak reason (timed out, no route, no such name) outweighs a generic weak refusal. */
void od_explain_weak_reason(struct acc *a);
/* out->error_kind (and out->cause) from the kinds and causes the text gave. */
void od_explain_pick_kind(struct acc *a);
void od_explain_add_hint(struct od_explain_input *out, const char *hint);
void od_explain_drop_hint(struct od_explain_input *out, const char *hint);
/* explain_platform.c: a runtime that mostly runs on the developer's machine
 * (a Java, Rust or curl client, a Python script stopped by its exception),
 * said in words; NULL otherwise. */
const char *od_explain_native_program(const struct od_explain_input *out);
/* out->in_container and why, from the platform, the app, the runtime. */
void od_explain_decide_container(struct od_explain_input *out);

#endif
