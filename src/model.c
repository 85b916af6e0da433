/* model — /api/tags, /api/show, --deep load timing, and Dify's form values. */
#include "model.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "body.h"
#include "util.h"

#define OD_MODEL_BODY_CAP (4u << 20)
#define OD_DIFY_READ_TIMEOUT_MS 300000   /* the plugin's requests timeout=(10, 300) */
#define OD_OLLAMA_DEFAULT_CTX 4096       /* below 23 GiB of VRAM; more VRAM, more context */

/* The libcurl side: one request to the server the best probe reached, the
 * same way it was reached. The answer's status and body land in *status and *b. */
struct curl_ctx {
    const struct od_probe *p;
    const char *base;
};

static void curl_send(void *arg, const char *path, const char *post, long timeout_ms, long *status,
                      struct od_body *b)
{
    const struct curl_ctx *c = arg;
    const struct od_probe *p = c->p;
    const struct od_attempt *a = NULL;
    struct curl_slist *pin = NULL, *hdr = NULL;
    char url[1600], entry[300];
    CURL *h = curl_easy_init();

    for (size_t i = 0; i < p->natt && !a; i++)
        if (p->att[i].klass && strcmp(p->att[i].klass, "ok") == 0)
            a = &p->att[i];
    if (!h)
        return;
    snprintf(url, sizeof url, "%s%s", c->base, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, od_body_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "ollama-doctor/" OD_VERSION);
    curl_easy_setopt(h, CURLOPT_PROXY, p->proxied && strcmp(p->proxy_att.klass ? p->proxy_att.klass : "", "ok") == 0
                                           ? p->proxy_raw : "");
    if (a && !p->cand->url.family) {
        snprintf(entry, sizeof entry, a->family == AF_INET6 ? "::[%s]:" : "::%s:", a->addr);
        pin = curl_slist_append(NULL, entry);
        curl_easy_setopt(h, CURLOPT_CONNECT_TO, pin);
    }
    if (post) {
        hdr = curl_slist_append(NULL, "Content-Type: application/json");
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, post);
    }
    if (curl_easy_perform(h) == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    else {
        free(b->p);
        b->p = NULL, b->n = 0;
    }
    curl_slist_free_all(pin);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
}

/* One request through io: the answer as JSON (NULL when none or not JSON). */
static cJSON *call(const struct od_model_io *io, const char *path, const char *post, long timeout_ms, long *status,
                   double *ms)
{
    struct od_body b = {.cap = OD_MODEL_BODY_CAP};
    double t0 = od_now_ms();
    cJSON *j;
    *status = 0;
    io->send(io->ctx, path, post, timeout_ms, status, &b);
    j = b.p ? cJSON_ParseWithLength(b.p, b.n) : NULL;
    if (ms)
        *ms = od_now_ms() - t0;
    free(b.p);
    return j;
}

/* {"model": name} or {"model": name, "name": name}, built with cJSON so any
 * name stays valid JSON. Caller frees. */
static char *post_body(const char *name, int with_name)
{
    cJSON *o = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(o, "model", name);
    if (with_name)
        cJSON_AddStringToObject(o, "name", name);
    s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

/* Server values copied into the report: only what it defines, bounded. */
#define OD_MODEL_MAX_STR 256      /* a name, family, architecture, done_reason */
#define OD_MODEL_MAX_LIST 1024    /* installed models, capabilities */
#define OD_MODEL_MAX_CTX (1 << 24) /* tokens: larger is not a context size */

static cJSON *bounded_string(const cJSON *v)
{
    return cJSON_IsString(v) && strlen(v->valuestring) <= OD_MODEL_MAX_STR ? cJSON_CreateString(v->valuestring)
                                                                          : cJSON_CreateNull();
}

/* A context size the server states: a whole number 1..2^24, else 0. */
static double ctx_value(const cJSON *v)
{
    double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
    return d >= 1 && d <= OD_MODEL_MAX_CTX && d == (double)(long)d ? d : 0;
}

static cJSON *ctx_or_null(const cJSON *v)
{
    return ctx_value(v) > 0 ? cJSON_CreateNumber(ctx_value(v)) : cJSON_CreateNull();
}

int od_model_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int row[130];
    if (lb >= sizeof row / sizeof row[0])
        return 1000;
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

/* "llava" means "llava:latest", as Ollama reads it. */
static void full_name(const char *m, char *out, size_t n)
{
    const char *slash = strrchr(m, '/');
    snprintf(out, n, "%s%s", m, strchr(slash ? slash : m, ':') ? "" : ":latest");
}

static cJSON *closest(const cJSON *installed, const char *want)
{
    cJSON *out = cJSON_CreateArray();
    const cJSON *it;
    for (int d = 0; d <= 6 && cJSON_GetArraySize(out) < 3; d++)
        cJSON_ArrayForEach(it, installed)
        {
            char base[256];
            od_strlcpy(base, it->valuestring, sizeof base);
            base[strcspn(base, ":")] = '\0';
            int dist = od_model_distance(want, it->valuestring), db = od_model_distance(want, base);
            if ((dist < db ? dist : db) == d || (d == 6 && strncmp(it->valuestring, want, 3) == 0 &&
                                                  !cJSON_GetArrayItem(out, 2)))
                if (cJSON_GetArraySize(out) < 3)
                    cJSON_AddItemToArray(out, cJSON_CreateString(it->valuestring));
        }
    return out;
}

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* Capabilities, or what an old server (before 0.6.4) implies. */
static cJSON *capabilities(const cJSON *show, const char *arch, const char **source)
{
    const cJSON *caps = get(show, "capabilities");
    char key[200];
    cJSON *out;
    if (cJSON_IsArray(caps)) {
        const cJSON *it;
        *source = "show";
        out = cJSON_CreateArray();
        cJSON_ArrayForEach(it, caps) if (cJSON_IsString(it) && strlen(it->valuestring) <= OD_MODEL_MAX_STR &&
                                         cJSON_GetArraySize(out) < 64)
            cJSON_AddItemToArray(out, cJSON_CreateString(it->valuestring));
        return out;
    }
    *source = "derived";
    out = cJSON_CreateArray();
    snprintf(key, sizeof key, "%s.pooling_type", arch);
    cJSON_AddItemToArray(out, cJSON_CreateString(get(get(show, "model_info"), key) ? "embedding" : "completion"));
    if (get(show, "projector_info"))
        cJSON_AddItemToArray(out, cJSON_CreateString("vision"));
    return out;
}

static int has(const cJSON *arr, const char *s)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0) return 1;
    return 0;
}

/* "num_ctx 8192" in /api/show's parameters text. */
static long modelfile_num_ctx(const cJSON *show)
{
    const cJSON *p = get(show, "parameters");
    const char *at = cJSON_IsString(p) ? strstr(p->valuestring, "num_ctx") : NULL;
    long v = at ? strtol(at + 7, NULL, 10) : 0;
    return v >= 1 && v <= OD_MODEL_MAX_CTX ? v : 0;
}

static void add_show_facts(cJSON *m, const cJSON *show)
{
    const cJSON *info = get(show, "model_info"), *arch = get(info, "general.architecture");
    const char *a = cJSON_IsString(arch) && strlen(arch->valuestring) <= OD_MODEL_MAX_STR ? arch->valuestring : "";
    const char *src = "show";
    char key[200];
    long num_ctx = modelfile_num_ctx(show);
    cJSON *caps = capabilities(show, a, &src);
    cJSON_AddItemToObject(m, "capabilities", caps);
    cJSON_AddStringToObject(m, "capabilities_source", src);
    cJSON_AddStringToObject(m, "architecture", a);
    cJSON_AddItemToObject(m, "family", bounded_string(get(get(show, "details"), "family")));
    snprintf(key, sizeof key, "%s.context_length", a);
    cJSON_AddItemToObject(m, "context_length", ctx_or_null(get(info, key)));
    cJSON_AddItemToObject(m, "num_ctx", num_ctx > 0 ? cJSON_CreateNumber((double)num_ctx) : cJSON_CreateNull());
}

static void deep(const struct od_model_io *io, const char *name, cJSON *m)
{
    char *post = post_body(name, 0);
    long st = 0;
    double ms = 0;
    cJSON *d = cJSON_AddObjectToObject(m, "deep"), *r, *ps;
    const cJSON *it, *models;
    r = post ? call(io, "/api/chat", post, OD_DIFY_READ_TIMEOUT_MS + 10000, &st, &ms) : NULL;
    free(post);
    cJSON_AddNumberToObject(d, "status", (double)st);
    cJSON_AddNumberToObject(d, "load_ms", (double)(long)ms);
    cJSON_AddNumberToObject(d, "app_read_timeout_ms", OD_DIFY_READ_TIMEOUT_MS);
    cJSON_AddItemToObject(d, "done_reason", bounded_string(get(r, "done_reason")));
    cJSON_Delete(r);
    ps = call(io, "/api/ps", NULL, 5000, &st, NULL);
    models = cJSON_IsArray(get(ps, "models")) ? get(ps, "models") : NULL;
    cJSON_ArrayForEach(it, models)
        if (cJSON_IsString(get(it, "name")) && strcmp(get(it, "name")->valuestring, name) == 0 &&
            !get(d, "context_length"))
            cJSON_AddItemToObject(d, "context_length", ctx_or_null(get(it, "context_length")));
    cJSON_Delete(ps);
}

/* Dify's Ollama form, field by field (SPEC recommendation.app_settings). */
static cJSON *app_settings(const struct od_opts *o, const char *base, const cJSON *m)
{
    const cJSON *caps = get(m, "capabilities"), *trained = get(m, "context_length"), *nc = get(m, "num_ctx");
    const cJSON *ran = get(get(m, "deep"), "context_length");
    double ctx = ctx_value(ran) ? ctx_value(ran) : ctx_value(nc) ? ctx_value(nc) : OD_OLLAMA_DEFAULT_CTX;
    char why[400];
    int embedding = has(caps, "embedding") && !has(caps, "completion");
    cJSON *s = cJSON_CreateObject();
    (void)o;
    if (ctx_value(trained) && ctx_value(trained) < ctx)
        ctx = ctx_value(trained);
    cJSON_AddStringToObject(s, "base_url", base);
    cJSON_AddStringToObject(s, "model", get(m, "name")->valuestring);
    cJSON_AddStringToObject(s, "model_type", embedding ? "text-embedding" : "llm");
    cJSON_AddNumberToObject(s, "context_size", ctx);
    cJSON_AddNumberToObject(s, "max_tokens", embedding ? 0 : ctx < 4096 ? ctx : 4096);
    cJSON_AddBoolToObject(s, "vision_support", has(caps, "vision"));
    cJSON_AddBoolToObject(s, "function_call_support", has(caps, "tools"));
    if (ctx_value(ran))
        snprintf(why, sizeof why, "Ollama allocated %.0f tokens of context when it loaded the model (/api/ps).", ctx);
    else if (ctx_value(nc))
        snprintf(why, sizeof why, "the model's Modelfile sets num_ctx %.0f%s.", nc->valuedouble,
                 ctx < nc->valuedouble ? ", capped by its trained context" : "");
    else
        snprintf(why, sizeof why, "Ollama runs models with %d tokens of context unless the request sets num_ctx (more "
                 "only with 23 GiB of VRAM or OLLAMA_CONTEXT_LENGTH), and Dify does not send this field to Ollama: a "
                 "larger number only makes Dify think long prompts fit. --deep measures it.", OD_OLLAMA_DEFAULT_CTX);
    cJSON_AddStringToObject(s, "context_size_reason", why);
    return s;
}

cJSON *od_model_check_io(const struct od_opts *o, const struct od_model_io *io, const char *base, cJSON **settings)
{
    cJSON *m = cJSON_CreateObject(), *tags, *installed, *show;
    const cJSON *it, *models;
    char name[300], *post;
    long st = 0;
    int found = 0;

    *settings = NULL;
    full_name(o->model, name, sizeof name);
    cJSON_AddStringToObject(m, "requested", o->model);
    cJSON_AddStringToObject(m, "model_type", o->model_type ? o->model_type : "chat");
    cJSON_AddStringToObject(m, "server", base);
    tags = call(io, "/api/tags", NULL, o->timeout_ms, &st, NULL);
    cJSON_AddNumberToObject(m, "tags_status", (double)st);
    installed = cJSON_AddArrayToObject(m, "installed");
    models = cJSON_IsArray(get(tags, "models")) ? get(tags, "models") : NULL;
    cJSON_ArrayForEach(it, models) if (cJSON_IsString(get(it, "name")) &&
                                       strlen(get(it, "name")->valuestring) <= OD_MODEL_MAX_STR &&
                                       cJSON_GetArraySize(installed) < OD_MODEL_MAX_LIST)
    {
        cJSON_AddItemToArray(installed, cJSON_CreateString(get(it, "name")->valuestring));
        found |= strcmp(get(it, "name")->valuestring, name) == 0;
    }
    cJSON_Delete(tags);
    cJSON_AddBoolToObject(m, "found", found);
    cJSON_AddItemToObject(m, "name", found ? cJSON_CreateString(name) : cJSON_CreateNull());
    if (!found) {
        cJSON_AddItemToObject(m, "closest", closest(installed, o->model));
        return m;
    }
    post = post_body(name, 1);
    show = post ? call(io, "/api/show", post, o->timeout_ms, &st, NULL) : NULL;
    free(post);
    cJSON_AddNumberToObject(m, "show_status", (double)st);
    if (st == 200 && cJSON_IsObject(show))
        add_show_facts(m, show);
    cJSON_Delete(show);
    if (o->deep)
        deep(io, name, m);
    *settings = app_settings(o, base, m);
    return m;
}

cJSON *od_model_check(const struct od_opts *o, const struct od_probe *best, const char *base, cJSON **settings)
{
    struct curl_ctx c = {best, base};
    struct od_model_io io = {curl_send, &c};
    return od_model_check_io(o, &io, base, settings);
}
