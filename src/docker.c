/* docker — Engine API client (libcurl over a unix socket) and app recognition. */
#include "docker.h"

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

static size_t on_header(char *d, size_t s, size_t n, void *arg)
{
    struct od_docker *dk = arg;
    size_t len = s * n;
    const char *keys[] = {"Api-Version:", "Server:"};
    char *dst[] = {dk->api, dk->server};
    size_t cap[] = {sizeof dk->api, sizeof dk->server};
    for (int i = 0; i < 2; i++) {
        size_t kl = strlen(keys[i]);
        if (len > kl && strncasecmp(d, keys[i], kl) == 0) {
            char v[160];
            size_t vl = len - kl < sizeof v - 1 ? len - kl : sizeof v - 1;
            memcpy(v, d + kl, vl);
            v[vl] = '\0';
            char *t = od_trim(v);
            t[strcspn(t, "\r\n")] = '\0';
            if (i == 0)
                snprintf(dst[i], cap[i], "v%s", t);
            else
                od_strlcpy(dst[i], t, cap[i]);
        }
    }
    return len;
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

cJSON *od_docker_get(struct od_docker *d, const char *path, char *why, size_t whylen)
{
    struct od_body b = {.cap = OD_DOCKER_CAP};
    char full[1024];
    long st;
    cJSON *j = NULL;
    snprintf(full, sizeof full, "/%s%s", d->api, path);
    st = request(d, full, &b, 0, why, whylen);
    if (st == 200 && b.p)
        j = cJSON_ParseWithLength(b.p, b.n);
    else if (st) {
        cJSON *e = b.p ? cJSON_ParseWithLength(b.p, b.n) : NULL;
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
        snprintf(why, whylen, "Docker Engine: %s (HTTP %ld)", cJSON_IsString(m) ? m->valuestring : "error", st);
        cJSON_Delete(e);
    }
    if (st == 200 && !j)
        snprintf(why, whylen, "Docker Engine: %s", b.over ? "answer too large" : "answer is not JSON");
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
