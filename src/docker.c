/* docker — Engine API client (libcurl over a unix socket) and app recognition. */
#include "docker.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "body.h"
#include "util.h"

#define OD_DOCKER_CAP (4u << 20)

int od_docker_name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 200 || !isalnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
            return 0;
    return 1;
}

int od_docker_inspect_path(const char *name, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!od_docker_name_ok(name))
        return -1;
    snprintf(buf, n, "/containers/%s/json", name);
    return 0;
}

/* "1.41": digits, one dot, digits; nothing else goes into a path. */
static int api_version_ok(const char *v)
{
    size_t a = strspn(v, "0123456789"), b;
    if (a == 0 || a > 3 || v[a] != '.')
        return 0;
    b = strspn(v + a + 1, "0123456789");
    return b > 0 && b <= 3 && v[a + 1 + b] == '\0';
}

void od_docker_header(struct od_docker *d, const char *line, size_t len)
{
    static const char *const keys[] = {"Api-Version:", "Server:"};
    for (int i = 0; i < 2; i++) {
        size_t kl = strlen(keys[i]);
        char v[160];
        size_t vl;
        char *t;
        if (len <= kl || strncasecmp(line, keys[i], kl) != 0)
            continue;
        vl = len - kl < sizeof v - 1 ? len - kl : sizeof v - 1;
        memcpy(v, line + kl, vl);
        v[vl] = '\0';
        t = od_trim(v);
        t[strcspn(t, "\r\n")] = '\0';
        if (i == 0 && api_version_ok(t))
            snprintf(d->api, sizeof d->api, "v%s", t);
        else if (i == 1)
            od_strlcpy(d->server, t, sizeof d->server);
    }
}

static size_t on_header(char *data, size_t s, size_t n, void *arg)
{
    od_docker_header(arg, data, s * n);
    return s * n;
}

/* One GET over the socket; the body in *b, the status returned (0 on failure). */
static long request(struct od_docker *d, const char *path, struct od_body *b, int headers, char *why, size_t whylen)
{
    char url[1024], err[CURL_ERROR_SIZE] = "";
    long status = 0;
    CURL *h = curl_easy_init();
    CURLcode rc;
    if (!h) {
        snprintf(why, whylen, "libcurl: cannot create a handle");
        return 0;
    }
    snprintf(url, sizeof url, "http://docker%s", path);
    curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, d->socket);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)d->timeout_ms);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, od_body_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    if (headers) {
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, d);
    }
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(why, whylen, "Docker Engine at %s: %s", d->socket, err[0] ? err : curl_easy_strerror(rc));
    curl_easy_cleanup(h);
    return status;
}

/* Why the engine's socket cannot be used, before trying it: none there, or
 * not ours to open. 0 when it may work. */
static int unreachable(const char *sock, char *why, size_t whylen)
{
    struct stat st;
    if (stat(sock, &st) != 0) {
        snprintf(why, whylen,
                 "no Docker Engine socket at %s: is Docker running? (or set DOCKER_HOST=unix:///path to its socket)",
                 sock);
        return 1;
    }
    if (access(sock, R_OK | W_OK) != 0) {
        snprintf(why, whylen, "the Docker Engine socket %s is not open to this user: run with sudo (or join the docker "
                              "group)", sock);
        return 1;
    }
    return 0;
}

int od_docker_open(struct od_docker *d, const char *docker_host, int timeout_ms, char *why, size_t whylen)
{
    struct od_body b = {.cap = OD_DOCKER_CAP};
    long st;
    memset(d, 0, sizeof *d);
    d->timeout_ms = timeout_ms;
    if (docker_host && *docker_host) {
        if (strncmp(docker_host, "unix://", 7) != 0) {
            snprintf(why, whylen, "DOCKER_HOST=%s: only unix:// sockets are supported", docker_host);
            return -1;
        }
        od_strlcpy(d->socket, docker_host + 7, sizeof d->socket);
    } else
        od_strlcpy(d->socket, "/var/run/docker.sock", sizeof d->socket);
    if (unreachable(d->socket, why, whylen))
        return OD_DOCKER_NO_ENGINE;
    st = request(d, "/_ping", &b, 1, why, whylen);
    free(b.p);
    if (st == 0 && !unreachable(d->socket, why, whylen)) /* connect refused: a socket left by a stopped daemon */
        snprintf(why, whylen, "no Docker Engine answers at %s: is Docker running? (or set DOCKER_HOST=unix:///path)",
                 d->socket);
    if (st == 0)
        return OD_DOCKER_NO_ENGINE;
    if (st != 200) {
        snprintf(why, whylen, "Docker Engine at %s answered /_ping with HTTP %ld", d->socket, st);
        return -1;
    }
    /* Speak the engine's own version (Debian's stops at 1.41); the calls used
     * here exist unchanged since 1.24. */
    if (!d->api[0])
        od_strlcpy(d->api, "v1.41", sizeof d->api);
    return 0;
}

cJSON *od_docker_answer(long st, const char *body, size_t len, int over, char *why, size_t whylen)
{
    cJSON *j = NULL;
    if (st == 200 && body)
        j = cJSON_ParseWithLength(body, len);
    else if (st) {
        cJSON *e = body ? cJSON_ParseWithLength(body, len) : NULL;
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
        snprintf(why, whylen, "Docker Engine: %.300s (HTTP %ld)", cJSON_IsString(m) ? m->valuestring : "error", st);
        od_printable(why); /* the daemon's words go to a terminal */
        cJSON_Delete(e);
    }
    if (st == 200 && !j)
        snprintf(why, whylen, "Docker Engine: %s", over ? "answer too large" : "answer is not JSON");
    return j;
}

cJSON *od_docker_get(struct od_docker *d, const char *path, char *why, size_t whylen)
{
    struct od_body b = {.cap = OD_DOCKER_CAP};
    char full[1024];
    long st;
    cJSON *j;
    snprintf(full, sizeof full, "/%s%s", d->api, path);
    st = request(d, full, &b, 0, why, whylen);
    j = od_docker_answer(st, b.p, b.n, b.over, why, whylen);
    free(b.p);
    return j;
}

/* Known apps, by compose service label or image name. */
static const struct {
    const char *service;   /* com.docker.compose.service, or NULL */
    const char *image;     /* substring of the image, or NULL */
    struct od_app app;
} apps[] = {
    {"plugin_daemon", NULL, {"dify", "Dify 1.x plugin_daemon (runs the Ollama plugin)", 1, 1}},
    {NULL, "dify-plugin-daemon", {"dify", "Dify 1.x plugin_daemon (runs the Ollama plugin)", 1, 1}},
    {"api", "dify-api", {"dify", "Dify api (connects to Ollama in Dify 0.x)", 1, 2}},
    {"worker", "dify-api", {"dify", "Dify worker (connects to Ollama in Dify 0.x)", 1, 3}},
    {NULL, "open-webui", {"open-webui", "Open WebUI backend", 1, 4}},
    {NULL, "n8nio/n8n", {"n8n", "n8n", 1, 5}},
    {NULL, "anythingllm", {"anythingllm", "AnythingLLM server", 1, 6}},
    {NULL, "librechat", {"librechat", "LibreChat api", 1, 7}},
};

static const char *label(const cJSON *c, const char *key)
{
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive(c, "Labels");
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(c, "Config");
    const cJSON *v;
    if (!labels && cfg)
        labels = cJSON_GetObjectItemCaseSensitive(cfg, "Labels");
    v = cJSON_GetObjectItemCaseSensitive(labels, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *image(const cJSON *c)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, "Image");
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(c, "Config");
    if (cfg && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(cfg, "Image")))
        v = cJSON_GetObjectItemCaseSensitive(cfg, "Image");
    return cJSON_IsString(v) ? v->valuestring : "";
}

void od_docker_recognise(const cJSON *c, struct od_app *out)
{
    const char *svc = label(c, "com.docker.compose.service"), *img = image(c);
    memset(out, 0, sizeof *out);
    out->priority = 100;
    for (size_t i = 0; i < sizeof apps / sizeof apps[0]; i++) {
        int by_svc = apps[i].service && svc && strcmp(apps[i].service, svc) == 0;
        int by_img = apps[i].image && strstr(img, apps[i].image);
        /* "api"/"worker" are common service names: they count for Dify only with its image */
        if (apps[i].service && apps[i].image)
            by_svc = by_svc && by_img, by_img = by_svc;
        if (by_svc || by_img) {
            *out = apps[i].app;
            return;
        }
    }
}

/* --- reading the Engine's answers ------------------------------------------ */

#define OD_DOCKER_MAX_ITEMS 64    /* extra hosts, networks kept in the report */
#define OD_DOCKER_MAX_ENV 4096

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A container name from a list entry's Names[0] ("/name"), or NULL. */
static const char *list_name(const cJSON *c)
{
    const cJSON *n0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "Names"), 0);
    const char *s = cJSON_IsString(n0) ? n0->valuestring : NULL;
    if (s && *s == '/')
        s++;
    return od_docker_name_ok(s) ? s : NULL;
}

int od_docker_pick(const cJSON *list, char *name, size_t nlen, char *picked, size_t plen)
{
    const cJSON *c;
    int best = 1000;
    if (!cJSON_IsArray(list))
        return -1;
    cJSON_ArrayForEach(c, list)
    {
        struct od_app a;
        const char *n = list_name(c);
        if (!cJSON_IsObject(c) || !n)
            continue;
        od_docker_recognise(c, &a);
        if (!a.app || !a.connects || a.priority >= best)
            continue;
        best = a.priority;
        od_strlcpy(name, n, nlen);
        snprintf(picked, plen, "auto: picked %s — %s", name, a.role);
    }
    return best == 1000 ? -1 : 0;
}

/* A JSON string, or "" when v is anything else. */
static cJSON *string_or_empty(const char *s)
{
    return cJSON_CreateString(s ? s : "");
}

/* Strings of an array, at most OD_DOCKER_MAX_ITEMS; null when not an array. */
static cJSON *strings_of(const cJSON *arr)
{
    const cJSON *it;
    cJSON *out;
    if (!cJSON_IsArray(arr))
        return cJSON_CreateNull();
    out = cJSON_CreateArray();
    cJSON_ArrayForEach(it, arr) if (cJSON_IsString(it) && cJSON_GetArraySize(out) < OD_DOCKER_MAX_ITEMS)
        cJSON_AddItemToArray(out, cJSON_CreateString(it->valuestring));
    return out;
}

/* image, extra hosts, network mode and networks: only the fields the report
 * defines, strings only, bounded. */
static cJSON *docker_facts(const cJSON *insp)
{
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(insp, "Config");
    const cJSON *hc = cJSON_GetObjectItemCaseSensitive(insp, "HostConfig");
    const cJSON *nets = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(insp, "NetworkSettings"),
                                                         "Networks");
    const cJSON *it;
    cJSON *d = cJSON_CreateObject(), *arr;
    cJSON_AddItemToObject(d, "image", string_or_empty(jstr(cfg, "Image")));
    cJSON_AddItemToObject(d, "extra_hosts", strings_of(cJSON_GetObjectItemCaseSensitive(hc, "ExtraHosts")));
    cJSON_AddItemToObject(d, "network_mode", string_or_empty(jstr(hc, "NetworkMode")));
    arr = cJSON_AddArrayToObject(d, "networks");
    if (cJSON_IsObject(nets))
        cJSON_ArrayForEach(it, nets)
        {
            cJSON *n;
            if (cJSON_GetArraySize(arr) >= OD_DOCKER_MAX_ITEMS)
                break;
            n = cJSON_CreateObject();
            cJSON_AddItemToObject(n, "name", string_or_empty(it->string));
            cJSON_AddItemToObject(n, "ip", string_or_empty(jstr(it, "IPAddress")));
            cJSON_AddItemToObject(n, "gateway", string_or_empty(jstr(it, "Gateway")));
            cJSON_AddItemToArray(arr, n);
        }
    return d;
}

/* State.Pid when it is a whole number that can be a process id. */
static int state_pid(const cJSON *state)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(state, "Pid");
    double v = cJSON_IsNumber(p) ? p->valuedouble : 0;
    return v >= 1 && v <= 0x3fffffff && v == (double)(int)v ? (int)v : 0;
}

int od_docker_inspect_read(const cJSON *insp, struct od_docker_ctr *out)
{
    const cJSON *state = cJSON_GetObjectItemCaseSensitive(insp, "State");
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(insp, "Config");
    const cJSON *it, *env = cJSON_GetObjectItemCaseSensitive(cfg, "Env");
    const char *name = jstr(insp, "Name"), *svc;
    memset(out, 0, sizeof *out);
    out->running = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(state, "Running"));
    od_strlcpy(out->status, jstr(state, "Status") ? jstr(state, "Status") : "", sizeof out->status);
    out->pid = state_pid(state);
    od_strlcpy(out->id, od_docker_name_ok(jstr(insp, "Id")) ? jstr(insp, "Id") : "", sizeof out->id);
    if (name && *name == '/')
        name++;
    od_strlcpy(out->name, od_docker_name_ok(name) ? name : "", sizeof out->name);
    svc = jstr(cJSON_GetObjectItemCaseSensitive(cfg, "Labels"), "com.docker.compose.service");
    od_strlcpy(out->service, svc ? svc : "", sizeof out->service);
    od_docker_recognise(insp, &out->app);
    if (!cJSON_IsArray(env))
        env = NULL;
    cJSON_ArrayForEach(it, env)
        if (cJSON_IsString(it) && out->env.n < OD_DOCKER_MAX_ENV && od_strv_push(&out->env, it->valuestring) != 0)
            return -1;
    return (out->facts = docker_facts(insp)) ? 0 : -1;
}

void od_docker_ctr_free(struct od_docker_ctr *c)
{
    od_strv_free(&c->env);
    cJSON_Delete(c->facts);
    memset(c, 0, sizeof *c);
}
