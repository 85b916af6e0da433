/* mcp_tools — the MCP server's tools (check, explain, bundle): their input
 * schemas from the option table, arguments -> the command line's own option
 * parsing -> the pipeline, and which targets an agent may name. */
#include "mcp_tools.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "bundle.h"
#include "commands.h"
#include "url.h"
#include "util.h"

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

typedef cJSON *(*tool_fn)(const struct od_mcp *m, const struct od_opts *o, const cJSON *args, char *why,
                          size_t whylen);

struct od_mcp_tool {
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

static const struct od_mcp_tool tools[] = {
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

static cJSON *tool_json(const struct od_mcp_tool *t)
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

static int allowed_arg(const struct od_mcp_tool *t, const char *name)
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
static int tool_opts(const struct od_mcp *m, const struct od_mcp_tool *t, const cJSON *args, struct od_opts *o, char *why,
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

cJSON *od_mcp_tools_json(void)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; list && i < N_TOOLS; i++)
        cJSON_AddItemToArray(list, tool_json(&tools[i]));
    return list;
}

const struct od_mcp_tool *od_mcp_tool_find(const char *name)
{
    for (size_t i = 0; i < N_TOOLS; i++)
        if (strcmp(tools[i].name, name) == 0)
            return &tools[i];
    return NULL;
}

cJSON *od_mcp_tool_run(const struct od_mcp *m, const struct od_mcp_tool *t, const cJSON *args, char *why, size_t n)
{
    struct od_opts o;
    cJSON *doc = NULL;
    memset(&o, 0, sizeof o);
    why[0] = '\0';
    if (t->required && !cJSON_HasObjectItem(args, t->required))
        snprintf(why, n, "%s: this argument is required.", t->required);
    else if (tool_opts(m, t, args, &o, why, n) == 0) {
        doc = t->run(m, &o, args, why, n);
        if (!doc && why[0] && why[strlen(why) - 1] != '.' && strlen(why) + 1 < n)
            memcpy(why + strlen(why), ".", 2);
    }
    od_opts_free(&o);
    if (!doc && !why[0])
        snprintf(why, n, "%s failed for an unknown reason.", t->name);
    return doc;
}
