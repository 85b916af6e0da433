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
#define OD_OLLAMA_DEFAULT_CTX 4096       /* below 23 GiB of VRAM; more VRAM, more context */

struct answer {
    long status;
    double ms;
    int cut_short;             /* stopped by the run's deadline */
    struct od_body b;
};

static long left_ms(double deadline)
{
    double left = deadline - od_now_ms();
    return left < 1 ? 1 : (long)left;
}

/* One request to the server the best probe reached, the same way it was
 * reached (same address, same proxy), ending by deadline. */
static void call(const struct od_probe *p, const char *base, const char *path, const char *post, double deadline,
                 struct answer *ans)
{
    const struct od_attempt *a = NULL;
    struct curl_slist *pin = NULL, *hdr = NULL;
    char url[1600], entry[300];
    double t0 = od_now_ms();
    CURL *h = curl_easy_init();
    CURLcode rc;

    memset(ans, 0, sizeof *ans);
    ans->b.cap = OD_MODEL_BODY_CAP;
    for (size_t i = 0; i < p->natt && !a; i++)
        if (p->att[i].klass && strcmp(p->att[i].klass, "ok") == 0)
            a = &p->att[i];
    if (!h)
        return;
    snprintf(url, sizeof url, "%s%s", base, path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left_ms(deadline));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, od_body_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ans->b);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "ollama-doctor/" OD_VERSION);
    curl_easy_setopt(h, CURLOPT_PROXY, p->proxied && strcmp(p->proxy_att->klass ? p->proxy_att->klass : "", "ok") == 0
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
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &ans->status);
    ans->cut_short = rc == CURLE_OPERATION_TIMEDOUT;
    ans->ms = od_now_ms() - t0;
    curl_slist_free_all(pin);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
}

int od_model_distance(const char *a, const char *b)
{
    return od_edit_distance(a, b);
}

/* "llava" means "llava:latest", as Ollama reads it. */
static void full_name(const char *m, char *out, size_t n)
{
    const char *slash = strrchr(m, '/');
    snprintf(out, n, "%s%s", m, strchr(slash ? slash : m, ':') ? "" : ":latest");
}

/* Up to three installed names nearest to want (by the name or its base
 * without the tag), nearest first, no name twice. */
static void closest(struct od_model *m)
{
    for (int d = 0; d <= 6 && m->closest.n < 3; d++)
        for (size_t i = 0; i < m->installed.n && m->closest.n < 3; i++) {
            const char *name = m->installed.v[i];
            char base[256];
            int dist, db;
            od_strlcpy(base, name, sizeof base);
            base[strcspn(base, ":")] = '\0';
            dist = od_model_distance(m->requested, name);
            db = od_model_distance(m->requested, base);
            if (((dist < db ? dist : db) == d || (d == 6 && strncmp(name, m->requested, 3) == 0)) &&
                !od_strv_contains(&m->closest, name))
                od_strv_push(&m->closest, name);
        }
}

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static long bounded(const cJSON *v)
{
    return cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= (double)OD_MODEL_MAX_CTX ? (long)v->valuedouble
                                                                                                 : 0;
}

void od_model_read_tags(struct od_model *m, const char *body, size_t len)
{
    char want[300];
    cJSON *tags = body ? cJSON_ParseWithLength(body, len) : NULL;
    const cJSON *models = get(tags, "models"), *it;
    full_name(m->requested, want, sizeof want);
    m->tags_ok = cJSON_IsArray(models);
    cJSON_ArrayForEach(it, models)
    {
        const cJSON *n = get(it, "name");
        if (!cJSON_IsString(n) || !n->valuestring || strlen(n->valuestring) >= sizeof m->name)
            continue;
        if (m->installed.n < OD_MODEL_MAX_INSTALLED && !od_strv_contains(&m->installed, n->valuestring))
            od_strv_push(&m->installed, n->valuestring);
        if (strcmp(n->valuestring, want) == 0) {
            m->found = 1;
            od_strlcpy(m->name, want, sizeof m->name);
        }
    }
    cJSON_Delete(tags);
    if (m->tags_ok && !m->found)
        closest(m);
}

static int has_cap(const struct od_model *m, const char *s)
{
    return od_strv_contains(&m->capabilities, s);
}

/* "num_ctx 8192" in /api/show's parameters text. */
static long modelfile_num_ctx(const cJSON *show)
{
    const cJSON *p = get(show, "parameters");
    const char *at = cJSON_IsString(p) && p->valuestring ? strstr(p->valuestring, "num_ctx") : NULL;
    long v = at ? strtol(at + 7, NULL, 10) : 0;
    return v >= 1 && v <= OD_MODEL_MAX_CTX ? v : 0;
}

static const char *const known_caps[] = {"completion", "embedding", "vision", "tools", "insert", "thinking", NULL};

void od_model_read_show(struct od_model *m, const char *body, size_t len)
{
    cJSON *show = body ? cJSON_ParseWithLength(body, len) : NULL;
    const cJSON *info = get(show, "model_info"), *arch = get(info, "general.architecture"), *caps = get(show, "capabilities");
    const cJSON *fam = get(get(show, "details"), "family"), *it;
    char key[200];
    m->show_ok = cJSON_IsObject(show);
    if (!m->show_ok)
        goto out;
    if (cJSON_IsString(arch) && arch->valuestring && strlen(arch->valuestring) < sizeof m->architecture)
        od_strlcpy(m->architecture, arch->valuestring, sizeof m->architecture);
    if (cJSON_IsString(fam) && fam->valuestring && strlen(fam->valuestring) < sizeof m->family)
        od_strlcpy(m->family, fam->valuestring, sizeof m->family);
    if (cJSON_IsArray(caps)) {
        m->capabilities_source = "show";
        cJSON_ArrayForEach(it, caps) for (size_t i = 0; known_caps[i]; i++) if (cJSON_IsString(it) && it->valuestring &&
                                                                             strcmp(it->valuestring, known_caps[i]) == 0 &&
                                                                             !has_cap(m, known_caps[i]))
            od_strv_push(&m->capabilities, known_caps[i]);
    } else { /* before Ollama 0.6.4: what the model's metadata implies */
        m->capabilities_source = "derived";
        snprintf(key, sizeof key, "%s.pooling_type", m->architecture);
        od_strv_push(&m->capabilities, get(info, key) ? "embedding" : "completion");
        if (get(show, "projector_info"))
            od_strv_push(&m->capabilities, "vision");
    }
    snprintf(key, sizeof key, "%s.context_length", m->architecture);
    m->context_length = bounded(get(info, key));
    m->num_ctx = modelfile_num_ctx(show);
out:
    cJSON_Delete(show);
}

static char *json_body(const char *model, int with_name)
{
    cJSON *o = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(o, "model", model);
    if (with_name)
        cJSON_AddStringToObject(o, "name", model);
    s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

/* --deep: one load-only chat (only the model: Ollama loads it and answers
 * done_reason "load"), timed against the app's read timeout; then /api/ps
 * for the context Ollama really allocated. */
static void deep(struct od_model *m, const struct od_probe *p, const char *base, double deadline)
{
    struct answer a;
    char *post = json_body(m->name, 0);
    cJSON *r, *ps;
    const cJSON *it;
    m->deep = 1;
    call(p, base, "/api/chat", post, deadline, &a);
    free(post);
    m->deep_status = a.status;
    m->deep_load_ms = a.ms;
    m->cut_short |= a.cut_short;
    r = a.b.p ? cJSON_ParseWithLength(a.b.p, a.b.n) : NULL;
    if (cJSON_IsString(get(r, "done_reason")) && strlen(get(r, "done_reason")->valuestring) < sizeof m->deep_done_reason)
        od_strlcpy(m->deep_done_reason, get(r, "done_reason")->valuestring, sizeof m->deep_done_reason);
    cJSON_Delete(r);
    free(a.b.p);
    if (a.cut_short || a.status != 200)
        return;
    call(p, base, "/api/ps", NULL, deadline, &a);
    ps = a.b.p ? cJSON_ParseWithLength(a.b.p, a.b.n) : NULL;
    cJSON_ArrayForEach(it, get(ps, "models")) if (cJSON_IsString(get(it, "name")) &&
                                                   strcmp(get(it, "name")->valuestring, m->name) == 0)
        m->deep_context_length = bounded(get(it, "context_length"));
    cJSON_Delete(ps);
    free(a.b.p);
}

/* Dify's Ollama form, field by field (SPEC recommendation.app_settings). */
static void app_settings(struct od_model *m, const char *base)
{
    struct od_app_settings *s = &m->settings;
    long ctx = m->deep_context_length ? m->deep_context_length : m->num_ctx ? m->num_ctx : OD_OLLAMA_DEFAULT_CTX;
    int embedding = has_cap(m, "embedding") && !has_cap(m, "completion");
    if (m->context_length && m->context_length < ctx)
        ctx = m->context_length;
    s->set = 1;
    od_strlcpy(s->base_url, base, sizeof s->base_url);
    od_strlcpy(s->model, m->name, sizeof s->model);
    s->model_type = embedding ? "text-embedding" : "llm";
    s->context_size = ctx;
    s->max_tokens = embedding ? 0 : ctx < 4096 ? ctx : 4096;
    s->vision = has_cap(m, "vision");
    s->tools = has_cap(m, "tools");
    if (m->deep_context_length)
        snprintf(s->context_size_reason, sizeof s->context_size_reason,
                 "Ollama allocated %ld tokens of context when it loaded the model (/api/ps).", ctx);
    else if (m->num_ctx)
        snprintf(s->context_size_reason, sizeof s->context_size_reason, "the model's Modelfile sets num_ctx %ld%s.",
                 m->num_ctx, ctx < m->num_ctx ? ", capped by its trained context" : "");
    else
        snprintf(s->context_size_reason, sizeof s->context_size_reason,
                 "Ollama runs models with %d tokens of context unless the request sets num_ctx (more only with 23 GiB "
                 "of VRAM or OLLAMA_CONTEXT_LENGTH), and Dify does not send this field to Ollama: a larger number only "
                 "makes Dify think long prompts fit. --deep measures it.", OD_OLLAMA_DEFAULT_CTX);
}

void od_model_check(const struct od_opts *o, const struct od_probe *best, const char *base, double deadline,
                    struct od_model *m)
{
    struct answer a;
    char *post;

    memset(m, 0, sizeof *m);
    m->checked = 1;
    od_strlcpy(m->requested, o->model, sizeof m->requested);
    od_strlcpy(m->model_type, o->model_type ? o->model_type : "chat", sizeof m->model_type);
    od_strlcpy(m->server, base, sizeof m->server);
    call(best, base, "/api/tags", NULL, deadline, &a);
    m->tags_status = a.status;
    m->cut_short |= a.cut_short;
    if (a.status == 200 && !a.b.over)
        od_model_read_tags(m, a.b.p, a.b.n);
    free(a.b.p);
    if (!m->found)
        return;
    post = json_body(m->name, 1);
    call(best, base, "/api/show", post, deadline, &a);
    free(post);
    m->show_status = a.status;
    m->cut_short |= a.cut_short;
    if (a.status == 200 && !a.b.over)
        od_model_read_show(m, a.b.p, a.b.n);
    free(a.b.p);
    if (o->deep && !m->cut_short)
        deep(m, best, base, deadline + OD_DIFY_READ_TIMEOUT_MS);
    app_settings(m, base);
}

void od_model_free(struct od_model *m)
{
    od_strv_free(&m->installed);
    od_strv_free(&m->closest);
    od_strv_free(&m->capabilities);
}
