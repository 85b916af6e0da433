/* explain — classify a pasted error message (a traceback, a log line, an app's
 * toast) offline: what kind of failure, which target, which HTTP client. */
#ifndef OD_EXPLAIN_H
#define OD_EXPLAIN_H

#include <cjson/cJSON.h>

struct od_explain_input {
    char host[256];      /* the failed connection's target, lower case, no brackets; "" when not found */
    int port;            /* 0 when not found */
    char path[512];      /* "" when not found, e.g. "/api/chat" */
    char url[1024];      /* a full URL when the text had one, else "" */
    char error_kind[32]; /* see below; "unknown" when nothing matched */
    char errno_name[32]; /* "ECONNREFUSED", ... or "" */
    int status;          /* HTTP status when the text has one, else 0 */
    char client[32];     /* "python-requests", "httpx", "aiohttp", "node", "go", "curl",
                          * "windows", "dify", "unknown" */
    char model[128];     /* a model name the error names ("model 'x' not found"), else "" */
};

/* error_kind, highest precedence first (the first that matches wins):
 * plugin-daemon, model-not-found, model-unsupported, missing-scheme, tls,
 * proxy, name-resolution, refused, unreachable, connect-timeout,
 * read-timeout, reset, http-404, http-403, http-error, unknown.
 *
 * Parse text (NULL counts as ""; only the first 64 KiB are read). The host is
 * the target of the failed connection: never a DNS server, and not a proxy
 * when the target is also named. Returns 0, or -1 (ENOMEM) with out holding
 * what was found so far. */
int od_explain_parse(const char *text, struct od_explain_input *out);

/* {host, port, path, url, error_kind, errno, status, client, model}; empty
 * strings and zero numbers become JSON null. NULL when out of memory. */
cJSON *od_explain_input_json(const struct od_explain_input *in);

#endif
