/* mcp — the Model Context Protocol server: JSON-RPC framing, the tool table,
 * arguments -> the command line's own option parsing -> the pipeline. */
#include "mcp.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app.h"
#include "bundle.h"
#include "commands.h"
#include "url.h"
#include "util.h"

#define MCP_LINE_CAP (4u << 20) /* a larger message is refused, the server goes on */

enum { RPC_PARSE = -32700, RPC_INVALID = -32600, RPC_NO_METHOD = -32601, RPC_PARAMS = -32602, RPC_INTERNAL = -32603 };

static const char *const protocols[] = {OD_MCP_PROTOCOL_LATEST, "2025-06-18", "2025-03-26", "2024-11-05", NULL};

/* --- the arguments: each is a command-line option of the same meaning ------- */

enum arg_kind { ARG_STR, ARG_STRS, ARG_INT };

struct argdef {
    const char *name;  /* the MCP argument */
    const char *flag;  /* the option it becomes (opts.c's table); NULL: not an option */
    enum arg_kind kind;
    long lo, hi;       /* ARG_INT: the option's range */
    const char *about; /* added to the option's help, or the whole description */
};

/* `app` is the SPEC's --app: accepted and checked here; it does not change
 * the result until the command line has the option. */

static const struct argdef argdefs[] = {
    {"text", NULL, ARG_STR, 0, 0,
     "The error message exactly as the app or its log showed it (a Python traceback, a log line, a toast)."},
    {"url", "url", ARG_STRS, 0, 0, "A string, or an array of strings for several."},
    {"model", "model", ARG_STR, 0, 0, "Checked on the server behind the working Base URL."},
    {"model_type", "model-type", ARG_STR, 0, 0, NULL},
    {"port", "port", ARG_INT, 1, 65535, NULL},
    {"timeout", "timeout", ARG_INT, 50, 600000, "In milliseconds."},
    {"candidates", "candidates", ARG_STR, 0, 0, NULL},
    {"container", "container", ARG_STR, 0, 0,
     "Needs root and the Docker socket where this server runs; the probes then run in that container's network."},
    {"app", "app", ARG_STR, 0, 0,
     "The app that connects to Ollama (default dify): how it joins paths to the Base URL and which container "
     "connects."},
    {"os", "os", ARG_STR, 0, 0, NULL},
    {"output", "output", ARG_STR, 0, 0,
     "Default: ollama-doctor-bundle-<UTC time>.tar.gz in the server's working directory. An existing file is "
     "never replaced."},
};
#define N_ARGDEFS (sizeof argdefs / sizeof argdefs[0])

static const struct argdef *argdef_find(const char *name)
{
    for (size_t i = 0; i < N_ARGDEFS; i++)
        if (strcmp(argdefs[i].name, name) == 0)
            return &argdefs[i];
    return NULL;
}

/* --- the tools -------------------------------------------------------------- */

struct tool;
typedef cJSON *(*tool_fn)(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why,
                          size_t whylen);

struct tool {
    const char *name, *title, *description;
    enum od_cmd cmd;
    const char *const *args;
    const char *required;              /* a required argument, or NULL */
    const char *const *result_keys;    /* outputSchema: required keys of structuredContent */
    int read_only, open_world;
    tool_fn run;
};

static cJSON *run_check(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why, size_t n);
static cJSON *run_explain(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why, size_t n);
static cJSON *run_bundle(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why, size_t n);

static const char *const check_args[] = {"url", "model", "model_type", "port", "timeout", "candidates",
                                         "container", "app", "os", NULL};
static const char *const explain_args[] = {"text", "app", "os", NULL};
static const char *const bundle_args[] = {"output", "url", "model", "model_type", "port", "timeout",
                                          "candidates", "container", "app", "os", NULL};
static const char *const check_keys[] = {"schema_version", "tool", "vantage", "context", "probes",
                                         "findings", "recommendation", "verdict", NULL};
static const char *const explain_keys[] = {"schema_version", "input", "findings", NULL};
static const char *const bundle_keys[] = {"path", "files", "verdict", NULL};

static const struct tool tools[] = {
    {"check", "Diagnose the connection to Ollama",
     "Probe every address at which the app could reach Ollama from where this server runs (DNS, TCP, HTTP, all at "
     "once), name each failure, and return the Base URL that works, findings with root causes and the exact fixes "
     "(the JSON report of `ollama-doctor check --json`). verdict: ok, problems or unreachable. Without url or "
     "candidates it tries the usual candidates (localhost, host.docker.internal, the gateway, 172.17.0.1, ...).",
     OD_CMD_CHECK, check_args, NULL, check_keys, 1, 1, run_check},
    {"explain", "Explain a pasted connection error",
     "Classify an error message the user pasted (Python requests/urllib3, httpx, aiohttp, Node, Go, curl, Windows) "
     "without touching the network: what failed, which host and port, the likely root causes and fixes (the JSON of "
     "`ollama-doctor explain --format json`). Start here when the user has an error message.",
     OD_CMD_EXPLAIN, explain_args, "text", explain_keys, 1, 0, run_explain},
    {"bundle", "Write a support bundle",
     "Run a check and write a .tar.gz for a bug report: the report (JSON, Markdown, text), the facts, host extras "
     "and Ollama's /api/version, /api/tags and /api/ps, with secrets redacted and a manifest of SHA-256 sums. "
     "Returns {path, files, verdict}. Never overwrites a file.",
     OD_CMD_BUNDLE, bundle_args, NULL, bundle_keys, 0, 1, run_bundle},
};
#define N_TOOLS (sizeof tools / sizeof tools[0])

/* "a|b|c" -> ["a", "b", "c"] */
static cJSON *enum_of(const char *list)
{
    cJSON *e = cJSON_CreateArray();
    char buf[160];
    char *save = NULL;
    od_strlcpy(buf, list, sizeof buf);
    for (char *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
        cJSON_AddItemToArray(e, cJSON_CreateString(t));
    return e;
}

static cJSON *arg_schema(const struct argdef *a)
{
    const struct od_optdef *d = a->flag ? od_optdef_find(a->flag) : NULL;
    cJSON *s = cJSON_CreateObject();
    char desc[600];
    if (d)
        snprintf(desc, sizeof desc, "%c%s (--%s).%s%s", d->help[0] >= 'a' && d->help[0] <= 'z' ? d->help[0] - 32 : d->help[0],
                 d->help + 1, d->name, a->about ? " " : "", a->about ? a->about : "");
    else
        snprintf(desc, sizeof desc, "%s", a->about);
    if (a->kind == ARG_STRS) {
        cJSON *any = cJSON_AddArrayToObject(s, "anyOf"), *arr = cJSON_CreateObject();
        cJSON *str = cJSON_CreateObject();
        cJSON_AddStringToObject(str, "type", "string");
        cJSON_AddItemToArray(any, str);
        cJSON_AddStringToObject(arr, "type", "array");
        cJSON_AddStringToObject(cJSON_AddObjectToObject(arr, "items"), "type", "string");
        cJSON_AddItemToArray(any, arr);
    } else if (a->kind == ARG_INT) {
        cJSON_AddStringToObject(s, "type", "integer");
        cJSON_AddNumberToObject(s, "minimum", (double)a->lo);
        cJSON_AddNumberToObject(s, "maximum", (double)a->hi);
    } else {
        cJSON_AddStringToObject(s, "type", "string");
        if (d && d->argname && strchr(d->argname, '|'))
            cJSON_AddItemToObject(s, "enum", enum_of(d->argname));
        else if (strcmp(a->name, "app") == 0) {
            cJSON *e = cJSON_AddArrayToObject(s, "enum");
            for (int i = 0; od_app_names[i]; i++)
                cJSON_AddItemToArray(e, cJSON_CreateString(od_app_names[i]));
        }
    }
    cJSON_AddStringToObject(s, "description", desc);
    return s;
}

static cJSON *tool_json(const struct tool *t)
{
    cJSON *j = cJSON_CreateObject(), *in, *props, *out, *req, *ann;
    cJSON_AddStringToObject(j, "name", t->name);
    cJSON_AddStringToObject(j, "title", t->title);
    cJSON_AddStringToObject(j, "description", t->description);
    in = cJSON_AddObjectToObject(j, "inputSchema");
    cJSON_AddStringToObject(in, "type", "object");
    props = cJSON_AddObjectToObject(in, "properties");
    for (int i = 0; t->args[i]; i++)
        cJSON_AddItemToObject(props, t->args[i], arg_schema(argdef_find(t->args[i])));
    if (t->required)
        cJSON_AddItemToArray(cJSON_AddArrayToObject(in, "required"), cJSON_CreateString(t->required));
    cJSON_AddFalseToObject(in, "additionalProperties");
    out = cJSON_AddObjectToObject(j, "outputSchema");
    cJSON_AddStringToObject(out, "type", "object");
    req = cJSON_AddArrayToObject(out, "required");
    for (int i = 0; t->result_keys[i]; i++)
        cJSON_AddItemToArray(req, cJSON_CreateString(t->result_keys[i]));
    ann = cJSON_AddObjectToObject(j, "annotations");
    cJSON_AddStringToObject(ann, "title", t->title);
    cJSON_AddBoolToObject(ann, "readOnlyHint", t->read_only);
    if (!t->read_only)
        cJSON_AddFalseToObject(ann, "destructiveHint");
    cJSON_AddBoolToObject(ann, "openWorldHint", t->open_world);
    return j;
}

/* --- what an agent may name ------------------------------------------------- */

static int v4_allowed(const unsigned char *a)
{
    return a[0] == 127 || a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) ||
           (a[0] == 169 && a[1] == 254) || (a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0);
}

int od_mcp_host_allowed(const char *host)
{
    static const unsigned char zero[16], v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const char *const suffixes[] = {".localhost", ".internal", ".local", ".svc", NULL};
    unsigned char a[16];
    char h[256];
    size_t n;
    if (!host || !*host || strlen(host) >= sizeof h)
        return 0;
    od_strlcpy(h, host, sizeof h);
    h[strcspn(h, "%")] = '\0'; /* fe80::1%eth0 */
    if (inet_pton(AF_INET, h, a) == 1)
        return v4_allowed(a);
    if (inet_pton(AF_INET6, h, a) == 1) {
        if (memcmp(a, v4mapped, 12) == 0)
            return v4_allowed(a + 12);
        return (memcmp(a, zero, 15) == 0 && a[15] <= 1) /* :: and ::1 */ || (a[0] & 0xfe) == 0xfc ||
               (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
    }
    if (strchr(h, ':'))
        return 0;
    n = strlen(h);
    if (n && h[n - 1] == '.')
        h[--n] = '\0';
    if (!n || strspn(h, "0123456789.") == n) /* "127.1": not a form this accepts */
        return 0;
    if (!strchr(h, '.'))
        return 1;
    for (int i = 0; suffixes[i]; i++)
        if (od_str_endswith(h, suffixes[i]))
            return 1;
    return 0;
}

/* Every URL and candidate the agent named must be allowed. */
static int targets_allowed(const struct od_opts *o, char *why, size_t n)
{
    const struct od_strv *lists[] = {&o->urls, &o->candidates};
    const char *names[] = {"url", "candidates"};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++) {
            struct od_url u;
            char reason[200];
            if (od_url_parse(lists[l]->v[i], OD_DEFAULT_PORT, &u, reason, sizeof reason) != 0)
                continue; /* the option parser has said so already */
            if (!od_mcp_host_allowed(u.host)) {
                snprintf(why, n,
                         "%s: '%s' names %s, which is not a loopback, private, link-local or container address; this "
                         "server probes only those (start it with --allow-any-target to lift the limit).",
                         names[l], lists[l]->v[i], u.host);
                return 0;
            }
        }
    return 1;
}

/* --- arguments -> struct od_opts ---------------------------------------------- */

static int allowed_arg(const struct tool *t, const char *name)
{
    for (int i = 0; t->args[i]; i++)
        if (strcmp(t->args[i], name) == 0)
            return 1;
    return 0;
}

/* "--model-type: 'x' is not one of chat|embedding" -> "model_type: ..." */
static void name_the_argument(char *why, size_t n)
{
    for (size_t i = 0; i < N_ARGDEFS; i++) {
        char prefix[64];
        if (!argdefs[i].flag)
            continue;
        snprintf(prefix, sizeof prefix, "--%s:", argdefs[i].flag);
        if (strncmp(why, prefix, strlen(prefix)) == 0) {
            char rest[512];
            od_strlcpy(rest, why + strlen(prefix), sizeof rest);
            snprintf(why, n, "%s:%s", argdefs[i].name, rest);
            break;
        }
    }
    if (why[0] && why[strlen(why) - 1] != '.' && strlen(why) + 1 < n)
        memcpy(why + strlen(why), ".", 2); /* a sentence ends with its full stop */
}

static int push_opt(struct od_strv *av, const char *flag, const char *value)
{
    char f[64];
    snprintf(f, sizeof f, "--%s", flag);
    return od_strv_push(av, f) || od_strv_push(av, value);
}

/* One argument onto the command line; 0, or -1 with the sentence in why. */
static int add_arg(struct od_strv *av, const struct argdef *a, const cJSON *v, char *why, size_t n)
{
    char num[32];
    const cJSON *it;
    switch (a->kind) {
    case ARG_INT:
        if (!cJSON_IsNumber(v) || v->valuedouble < -1e9 || v->valuedouble > 1e9 ||
            (double)(long)v->valuedouble != v->valuedouble) {
            snprintf(why, n, "%s: expected an integer from %ld to %ld.", a->name, a->lo, a->hi);
            return -1;
        }
        snprintf(num, sizeof num, "%ld", (long)v->valuedouble);
        return a->flag ? push_opt(av, a->flag, num) : 0;
    case ARG_STRS:
        if (cJSON_IsString(v))
            return push_opt(av, a->flag, v->valuestring);
        if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0) {
            snprintf(why, n, "%s: expected a string or a non-empty array of strings.", a->name);
            return -1;
        }
        cJSON_ArrayForEach(it, v)
        {
            if (!cJSON_IsString(it)) {
                snprintf(why, n, "%s: expected a string or a non-empty array of strings.", a->name);
                return -1;
            }
            if (push_opt(av, a->flag, it->valuestring))
                return -1;
        }
        return 0;
    case ARG_STR:
        if (!cJSON_IsString(v)) {
            snprintf(why, n, "%s: expected a string.", a->name);
            return -1;
        }
        if (strcmp(a->name, "app") == 0) {
            for (int i = 0; od_app_names[i]; i++)
                if (strcmp(v->valuestring, od_app_names[i]) == 0)
                    return 0;
            snprintf(why, n, "app: '%s' is not one of dify, open-webui, librechat, anythingllm, n8n, flowise, "
                             "continue, openai-compatible, generic.", v->valuestring);
            return -1;
        }
        return a->flag ? push_opt(av, a->flag, v->valuestring) : 0;
    }
    return 0;
}

/* The server's own options are the defaults of a tool call. */
static int inherit(struct od_opts *o, const struct od_opts *s, const cJSON *args)
{
    int rc = 0;
    if (!o->rules_dir && s->rules_dir)
        rc |= !(o->rules_dir = od_strdup(s->rules_dir));
    if (!o->os && s->os)
        rc |= !(o->os = od_strdup(s->os));
    if (!o->container && !s->pid && !s->netns && s->container)
        rc |= !(o->container = od_strdup(s->container));
    if (!o->container && s->pid)
        o->pid = s->pid;
    if (!o->container && !o->pid && s->netns)
        rc |= !(o->netns = od_strdup(s->netns));
    if (!o->candidates_set && s->candidates_set) {
        o->candidates_set = 1;
        for (size_t i = 0; i < s->candidates.n; i++)
            rc |= od_strv_push(&o->candidates, s->candidates.v[i]) != 0;
    }
    for (size_t i = 0; o->host_ips.n == 0 && i < s->host_ips.n; i++)
        rc |= od_strv_push(&o->host_ips, s->host_ips.v[i]) != 0;
    if (!cJSON_HasObjectItem(args, "timeout"))
        o->timeout_ms = s->timeout_ms;
    if (!o->port)
        o->port = s->port;
    if (o->vantage == OD_VANTAGE_AUTO)
        o->vantage = s->vantage;
    o->fail_on = s->fail_on;
    o->deep = s->deep;
    return rc ? -1 : 0;
}

/* Arguments -> options, through the command line's parser (the same checks,
 * the same sentences); 0, or -1 with one sentence in why. */
static int tool_opts(const struct od_mcp *m, const struct tool *t, const cJSON *args, struct od_opts *o, char *why,
                     size_t n)
{
    struct od_strv av = {0};
    const cJSON *v;
    int rc = -1;
    memset(o, 0, sizeof *o);
    if (od_strv_push(&av, "ollama-doctor") || od_strv_push(&av, t->cmd == OD_CMD_BUNDLE ? "bundle" : "check")) {
        snprintf(why, n, "out of memory.");
        goto out;
    }
    cJSON_ArrayForEach(v, args)
    {
        const struct argdef *a = argdef_find(v->string);
        if (!a || !allowed_arg(t, v->string)) {
            snprintf(why, n, "unknown argument '%s' for %s (see its inputSchema).", v->string, t->name);
            goto out;
        }
        if (add_arg(&av, a, v, why, n) != 0) /* text: only its type is checked here */
            goto out;
    }
    if (od_opts_parse((int)av.n, av.v, o, why, n) != OD_OK) {
        name_the_argument(why, n);
        goto out;
    }
    if (inherit(o, m->server, args) != 0) {
        snprintf(why, n, "out of memory.");
        goto out;
    }
    if (!m->server->allow_any_target && !targets_allowed(o, why, n))
        goto out;
    o->cmd = t->cmd;
    o->format = OD_FMT_JSON; /* nothing here prints, but errors stay machine-shaped */
    o->quiet = 1;
    o->color = OD_COLOR_NEVER;
    rc = 0;
out:
    od_strv_free(&av);
    return rc;
}

static cJSON *run_check(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why, size_t n)
{
    int rc = 0;
    enum od_err e = OD_ERR_INTERNAL;
    (void)m, (void)args;
    return od_check_doc(o, &rc, &e, why, n);
}

static cJSON *run_explain(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why, size_t n)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(args, "text");
    enum od_err e = OD_ERR_INTERNAL;
    (void)m;
    if (!cJSON_IsString(text)) {
        snprintf(why, n, "text: expected the error message as a string.");
        return NULL;
    }
    return od_explain_doc(o, text->valuestring, &e, why, n);
}

static cJSON *run_bundle(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why, size_t n)
{
    int rc = 0;
    enum od_err e = OD_ERR_INTERNAL;
    cJSON *l, *r;
    (void)m, (void)args;
    if (!(l = od_bundle_run(o, &rc, &e, why, n))) {
        char *opt = strstr(why, " (--force replaces it");
        if (opt) /* the tool has no force: say what the agent can do */
            snprintf(opt, n - (size_t)(opt - why), "; choose another output.");
        return NULL;
    }
    r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "path", cJSON_DetachItemFromObjectCaseSensitive(l, "path"));
    cJSON_AddItemToObject(r, "files", cJSON_DetachItemFromObjectCaseSensitive(l, "files"));
    cJSON_AddItemToObject(r, "verdict", cJSON_DetachItemFromObjectCaseSensitive(l, "verdict"));
    cJSON_AddItemToObject(r, "bytes", cJSON_DetachItemFromObjectCaseSensitive(l, "bytes"));
    cJSON_AddItemToObject(r, "skipped", cJSON_DetachItemFromObjectCaseSensitive(l, "skipped"));
    cJSON_Delete(l);
    return r;
}

/* --- JSON-RPC ------------------------------------------------------------------ */

static char *reply(const cJSON *id, cJSON *result)
{
    cJSON *r = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(r, "jsonrpc", "2.0");
    cJSON_AddItemToObject(r, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    cJSON_AddItemToObject(r, "result", result);
    s = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    return s;
}

static char *rpc_error(const cJSON *id, int code, const char *message)
{
    cJSON *r = cJSON_CreateObject(), *e;
    char *s;
    cJSON_AddStringToObject(r, "jsonrpc", "2.0");
    cJSON_AddItemToObject(r, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    e = cJSON_AddObjectToObject(r, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    s = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    return s;
}

/* A tool result: the document as structuredContent and as text, or one
 * sentence with isError. */
static cJSON *tool_result(cJSON *doc, const char *why)
{
    cJSON *r = cJSON_CreateObject(), *item = cJSON_CreateObject();
    char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_AddStringToObject(item, "type", "text");
    cJSON_AddStringToObject(item, "text", doc ? (text ? text : "{}") : why);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "content"), item);
    if (doc)
        cJSON_AddItemToObject(r, "structuredContent", doc);
    cJSON_AddBoolToObject(r, "isError", !doc);
    free(text);
    return r;
}

static char *m_initialize(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, "protocolVersion"));
    cJSON *r = cJSON_CreateObject(), *caps, *info;
    od_strlcpy(m->protocol, OD_MCP_PROTOCOL_LATEST, sizeof m->protocol);
    for (int i = 0; want && protocols[i]; i++)
        if (strcmp(want, protocols[i]) == 0)
            od_strlcpy(m->protocol, want, sizeof m->protocol);
    m->initialized = 1;
    cJSON_AddStringToObject(r, "protocolVersion", m->protocol);
    caps = cJSON_AddObjectToObject(r, "capabilities");
    cJSON_AddFalseToObject(cJSON_AddObjectToObject(caps, "tools"), "listChanged");
    info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "ollama-doctor");
    cJSON_AddStringToObject(info, "title", "ollama-doctor");
    cJSON_AddStringToObject(info, "version", OD_VERSION);
    cJSON_AddStringToObject(
        r, "instructions",
        "Diagnoses why a containerised app (Dify, Open WebUI, n8n, AnythingLLM, LibreChat, ...) cannot reach an "
        "Ollama server, and gives the exact fix. When the user pasted an error message, call explain first. check "
        "measures from where this server runs (inside the app's container it sees what the app sees; on the Docker "
        "host, container=NAME probes from inside that container); bundle writes a support archive. Quote the "
        "findings' fixes as given: their commands are filled with measured values. Targets you name (url, "
        "candidates) are limited to loopback, private, link-local and container addresses.");
    return reply(id, r);
}

static char *m_ping(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    (void)m, (void)params;
    return reply(id, cJSON_CreateObject());
}

static char *m_tools_list(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    cJSON *r = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(r, "tools");
    (void)m, (void)params;
    for (size_t i = 0; i < N_TOOLS; i++)
        cJSON_AddItemToArray(list, tool_json(&tools[i]));
    return reply(id, r);
}

static char *m_tools_call(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, "name"));
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
    const struct tool *t = NULL;
    struct od_opts o;
    char why[1024] = "", msg[300];
    cJSON *doc = NULL, *empty = NULL;

    memset(&o, 0, sizeof o);
    if (!cJSON_IsObject(params) || !name)
        return rpc_error(id, RPC_PARAMS, "tools/call needs params.name (one of check, explain, bundle)");
    for (size_t i = 0; i < N_TOOLS && !t; i++)
        if (strcmp(tools[i].name, name) == 0)
            t = &tools[i];
    if (!t) {
        snprintf(msg, sizeof msg, "Unknown tool: %.200s (the tools are check, explain and bundle)", name);
        return rpc_error(id, RPC_PARAMS, msg);
    }
    if (args && !cJSON_IsNull(args) && !cJSON_IsObject(args))
        return rpc_error(id, RPC_PARAMS, "tools/call: params.arguments must be an object");
    if (!args || cJSON_IsNull(args))
        args = empty = cJSON_CreateObject();
    if (t->required && !cJSON_HasObjectItem(args, t->required))
        snprintf(why, sizeof why, "%s: this argument is required.", t->required);
    else if (tool_opts(m, t, args, &o, why, sizeof why) == 0) {
        doc = t->run(m, &o, args, why, sizeof why);
        if (!doc && why[0] && why[strlen(why) - 1] != '.' && strlen(why) + 1 < sizeof why)
            memcpy(why + strlen(why), ".", 2);
    }
    od_opts_free(&o);
    cJSON_Delete(empty);
    if (!doc && !why[0])
        snprintf(why, sizeof why, "%s failed for an unknown reason.", t->name);
    return reply(id, tool_result(doc, why));
}

static const struct {
    const char *method;
    char *(*fn)(struct od_mcp *m, const cJSON *id, const cJSON *params);
} methods[] = {
    {"initialize", m_initialize},
    {"ping", m_ping},
    {"tools/list", m_tools_list},
    {"tools/call", m_tools_call},
};

char *od_mcp_handle(struct od_mcp *m, const char *line, size_t len)
{
    cJSON *req, *id;
    const cJSON *method, *ver;
    char *out = NULL, msg[200];

    if (len == strspn(line, " \t\r\n"))
        return NULL;
    if (!(req = cJSON_ParseWithLength(line, len)))
        return rpc_error(NULL, RPC_PARSE, "Parse error: not a JSON text");
    id = cJSON_GetObjectItemCaseSensitive(req, "id");
    method = cJSON_GetObjectItemCaseSensitive(req, "method");
    ver = cJSON_GetObjectItemCaseSensitive(req, "jsonrpc");
    if (cJSON_IsArray(req)) {
        out = rpc_error(NULL, RPC_INVALID, "Invalid Request: batches are not supported");
    } else if (!cJSON_IsObject(req) || !cJSON_IsString(ver) || strcmp(ver->valuestring, "2.0") != 0 ||
               (id && !cJSON_IsString(id) && !cJSON_IsNumber(id) && !cJSON_IsNull(id))) {
        out = rpc_error(cJSON_IsString(id) || cJSON_IsNumber(id) ? id : NULL, RPC_INVALID,
                        "Invalid Request: expected a JSON-RPC 2.0 object");
    } else if (!method) {
        out = NULL; /* a response to us (we send no requests): nothing to say */
        if (!cJSON_HasObjectItem(req, "result") && !cJSON_HasObjectItem(req, "error"))
            out = rpc_error(id, RPC_INVALID, "Invalid Request: no method");
    } else if (!cJSON_IsString(method) || (id && cJSON_IsNull(id))) {
        out = rpc_error(NULL, RPC_INVALID, "Invalid Request: method must be a string and id not null");
    } else if (!id) {
        out = NULL; /* notifications (initialized, cancelled, ...): nothing to answer */
    } else {
        const cJSON *params = cJSON_GetObjectItemCaseSensitive(req, "params");
        size_t i;
        for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
            if (strcmp(methods[i].method, method->valuestring) == 0)
                break;
        if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params))
            out = rpc_error(id, RPC_INVALID, "Invalid Request: params must be an object");
        else if (i < sizeof methods / sizeof methods[0])
            out = methods[i].fn(m, id, params);
        else {
            snprintf(msg, sizeof msg, "Method not found: %.120s", method->valuestring);
            out = rpc_error(id, RPC_NO_METHOD, msg);
        }
    }
    cJSON_Delete(req);
    return out;
}

/* --- stdio ----------------------------------------------------------------------- */

/* The next line of in, at most MCP_LINE_CAP bytes kept (*over set when the
 * line was longer); NULL at the end of input. */
static char *read_line(FILE *in, size_t *len, int *over)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap), chunk[8192];
    *over = 0;
    while (buf && fgets(chunk, sizeof chunk, in)) {
        size_t c = strlen(chunk);
        int eol = c && chunk[c - 1] == '\n';
        if (n + c > MCP_LINE_CAP)
            *over = 1;
        if (!*over) {
            if (n + c + 1 > cap) {
                char *nb;
                while (n + c + 1 > cap)
                    cap *= 2;
                if (!(nb = realloc(buf, cap))) {
                    free(buf);
                    return NULL;
                }
                buf = nb;
            }
            memcpy(buf + n, chunk, c);
            n += c;
        }
        if (eol) {
            buf[n] = '\0';
            *len = n;
            return buf;
        }
    }
    if (buf && n) { /* a last line without its newline */
        buf[n] = '\0';
        *len = n;
        return buf;
    }
    free(buf);
    return NULL;
}

int od_cmd_mcp(const struct od_opts *o)
{
    struct od_mcp m = {o, 0, ""};
    int fd, over, rc = OD_EXIT_OK;
    size_t len;
    char *line;
    FILE *out;

    /* The protocol gets its own descriptor; fd 1 becomes stderr, so that
     * nothing else (a library, a child) can ever write into the stream. */
    fflush(stdout);
    if ((fd = dup(STDOUT_FILENO)) < 0 || !(out = fdopen(fd, "w")) || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        fprintf(stderr, "ollama-doctor: mcp: cannot set up stdout\n");
        return OD_EXIT_INTERNAL;
    }
    signal(SIGPIPE, SIG_IGN);
    fprintf(stderr, "ollama-doctor %s: MCP server on stdin/stdout (tools: check, explain, bundle)%s\n", OD_VERSION,
            o->allow_any_target ? "; any target allowed" : "");
    while ((line = read_line(stdin, &len, &over))) {
        char *r = over ? rpc_error(NULL, RPC_INVALID, "Invalid Request: message larger than 4 MiB")
                       : od_mcp_handle(&m, line, len);
        free(line);
        if (!r)
            continue;
        if (fputs(r, out) < 0 || fputc('\n', out) == EOF || fflush(out) != 0) {
            free(r);
            rc = OD_EXIT_INTERNAL;
            break;
        }
        free(r);
    }
    fclose(out);
    return rc;
}
