/* explain — classify a pasted error message (a traceback, a log line, an app's
 * toast) offline: what kind of failure, which endpoint is the model server,
 * which HTTP client, which app, on which platform. The wording is data
 * (signatures/, sig.h); this module turns the matches into one reading. */
#ifndef OD_EXPLAIN_H
#define OD_EXPLAIN_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "sig.h"
#include "servers.h"

#define OD_EXPLAIN_MAX_EP 16
#define OD_EXPLAIN_MAX_WHY 4
#define OD_EXPLAIN_MAX_HINTS 6
#define OD_EXPLAIN_MAX_SIGS 24

/* Every host:port or URL the text names, with its role. */
struct od_explain_endpoint {
    char host[256];      /* lower case, no brackets */
    int port;            /* 0 when the text does not say */
    char path[512];
    char url[1024];
    char address[64];    /* the address a name was connected as, "" when not said */
    int naddr;           /* distinct addresses seen for it */
    const char *role;    /* od_sig_roles */
    const char *cause;   /* a host rule's cause for failures there, or NULL */
    unsigned kinds;      /* the error kinds the signatures that named it stand for (bits of od_sig_kinds) */
    unsigned line_kinds; /* the failure kinds named just after it, when it is the only address on that line */
    char why[200];       /* why that role */
    int rank;
    size_t pos, end;     /* where its first mention starts and ends in the text */
    size_t last;         /* where its last mention starts */
    size_t cap, cap_end; /* where its first mention's host or URL itself starts and ends */
    size_t bol;          /* where the line of that mention starts */
    int requested;       /* a signature says a request went to this URL (hint request-url) */
};

struct od_explain_input {
    char host[256];      /* the chosen endpoint's host, lower case, no brackets; "" when none */
    int port;            /* 0 when not found */
    char path[512];      /* "" when not found, e.g. "/api/chat" */
    char url[1024];      /* a full URL when the text had one, else "" */
    char error_kind[32]; /* od_sig_kinds, or "unknown" */
    char errno_name[32]; /* "ECONNREFUSED", ... or "" */
    int status;          /* HTTP status when the text has one, else 0 */
    char client[32];     /* "python-requests", "httpx", "node", "go", "java", "dotnet", ... or "unknown" */
    char model[128];     /* a model name the error names, else "" */
    char origin[256];    /* the page's origin a browser names (https://chat.example), else "" */
    char service[64];    /* the compose service whose log line shows the error (api-1  | ...), else "" */
    char cause[32];      /* not-connectivity: od_sig_causes, else "" */
    char joins[16];      /* the API the client speaks: "ollama", "openai", "" unknown */
    double seconds;      /* a duration the text gives (a timeout), < 0 when none */
    struct od_server_guess server; /* another model server than Ollama, when the text shows one */
    /* where the client runs: windows, macos, linux-host, container, linux (a Linux errno: host or
     * container), "" unknown; with the evidence */
    char platform[16];
    char platform_why[OD_EXPLAIN_MAX_WHY][160];
    size_t nplatform_why;
    int in_container;    /* the client runs in a Linux container: from the platform, else the app's profile */
    char in_container_why[160];
    int in_container_assumed; /* the text does not show it: the app's profile (or the default app's) decided */
    char app[32];        /* the app: --app, else inferred from the text, else "" */
    char app_source[16]; /* "flag", "inferred", "" */
    char app_why[160];
    char hints[OD_EXPLAIN_MAX_HINTS][16];
    size_t nhints;
    struct od_explain_endpoint ep[OD_EXPLAIN_MAX_EP];
    size_t nep;
    int chosen;          /* index into ep of the model server, -1 when none */
    char chosen_why[240];
    char matched[OD_EXPLAIN_MAX_SIGS][OD_SIG_ID]; /* the signatures that matched, in set order */
    size_t nmatched;
};

/* Read text (NULL counts as ""; only the first 64 KiB: the command keeps a
 * longer paste's head and tail within that) with the signature set
 * sigs; app is --app (NULL: infer it from the text). Returns 0, or -1 (ENOMEM)
 * with out holding what was found so far. */
int od_explain_read(struct od_sigs *sigs, const char *app, const char *text, struct od_explain_input *out);

/* The same with the built-in signatures, loaded and freed in the call (tests). */
int od_explain_parse(const char *text, struct od_explain_input *out);

/* The facts explain's rules see (src/explain_facts.c): the input, the
 * situation and the one probe the text names; NULL when out of memory. */
cJSON *od_explain_facts(const struct od_explain_input *in);

/* An OpenAI model route under /v1 (chat, completions, embeddings, responses,
 * audio, images): what a model server serves (vLLM, LM Studio, llama.cpp,
 * Ollama), not an app. */
int od_explain_openai_model_route(const char *path);

/* 1 when the input has the hint. */
int od_explain_has_hint(const struct od_explain_input *in, const char *hint);
/* localhost, a loopback address, or 0.0.0.0 / :: as a connect target: the
 * client's own machine */
int od_explain_this_machine(const char *host);

/* {host, port, path, url, error_kind, errno, status, client, model, cause,
 * joins, seconds, platform, app, hints, endpoints, chosen, signatures}; empty
 * strings and zero numbers become JSON null. NULL when out of memory. */
cJSON *od_explain_input_json(const struct od_explain_input *in);

#endif
