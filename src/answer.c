/* answer — status, headers and body of a probe step into struct od_http. */
#include "answer.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static void keep_header(const char *line, size_t len, const char *name, char *dst, size_t dstlen)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return;
    line += nl + 1;
    len -= nl + 1;
    while (len && (*line == ' ' || *line == '\t'))
        line++, len--;
    while (len && (line[len - 1] == '\r' || line[len - 1] == '\n' || line[len - 1] == ' '))
        len--;
    if (len >= dstlen)
        len = dstlen - 1;
    memcpy(dst, line, len);
    dst[len] = '\0';
}

void od_answer_header(struct od_answer *a, const char *line, size_t len)
{
    keep_header(line, len, "Server", a->server, sizeof a->server);
    keep_header(line, len, "Via", a->via, sizeof a->via);
    keep_header(line, len, "Content-Type", a->ctype, sizeof a->ctype);
    keep_header(line, len, "Location", a->location, sizeof a->location);
}

size_t od_answer_body(struct od_answer *a, const char *data, size_t len)
{
    size_t room = OD_BODY_CAP - a->len;
    if (len > room) {
        a->truncated = 1;
        len = room;
    }
    if (a->len + len + 1 > a->size) {
        size_t size = a->size ? 2 * a->size : 1024;
        char *b;
        while (size < a->len + len + 1)
            size *= 2;
        if (size > OD_BODY_CAP + 1)
            size = OD_BODY_CAP + 1;
        if (!(b = realloc(a->body, size)))
            return 0;
        a->body = b, a->size = size;
    }
    memcpy(a->body + a->len, data, len);
    a->len += len;
    a->body[a->len] = '\0';
    return len;
}

/* {"version": "..."} as Ollama's /api/version answers. */
static int version_json(const char *body, size_t len, char *out, size_t n)
{
    cJSON *j = cJSON_ParseWithLength(body, len);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "version");
    int ok = cJSON_IsString(v) && v->valuestring;
    if (ok && out)
        od_strlcpy(out, v->valuestring, n);
    cJSON_Delete(j);
    return ok;
}

static void excerpt(const char *body, size_t len, char *out, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < n; i++) {
        unsigned char c = (unsigned char)body[i];
        out[k++] = (c >= 0x20 && c < 0x7f) ? (char)c : (c == '\n' || c == '\r' || c == '\t') ? ' ' : '.';
    }
    out[k] = '\0';
}

static void record_root(struct od_http *h, long status, const struct od_answer *a, double ms)
{
    h->got = 1;
    h->status = status;
    h->ms = ms;
    h->body_bytes = a->len;
    h->truncated = a->truncated;
    od_strlcpy(h->server, a->server, sizeof h->server);
    od_strlcpy(h->via, a->via, sizeof h->via);
    od_strlcpy(h->content_type, a->ctype, sizeof h->content_type);
    od_strlcpy(h->location, a->location, sizeof h->location);
    excerpt(a->body, a->len, h->body, sizeof h->body);
    h->root_ollama = status == 200 && a->len >= 17 && strncmp(a->body, "Ollama is running", 17) == 0;
    h->ollama |= h->root_ollama;
}

/* {"object": "list", "data": [...]} as Ollama's /v1/models answers. */
static int models_json(const char *body, size_t len)
{
    cJSON *j = cJSON_ParseWithLength(body, len);
    int ok = cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "data"));
    cJSON_Delete(j);
    return ok;
}

void od_answer_record(struct od_http *h, enum od_step step, long status, const struct od_answer *a, double ms,
                      const char *app_path, int openai)
{
    if (step == OD_STEP_ROOT) {
        record_root(h, status, a, ms);
    } else if (step == OD_STEP_VERSION) {
        h->version_status = status;
        if (status == 200 && version_json(a->body, a->len, h->version, sizeof h->version))
            h->ollama = 1;
    } else {
        od_strlcpy(h->app_path, app_path ? app_path : "", sizeof h->app_path);
        h->app_status = status;
        h->app_ollama = status == 200 && (openai ? models_json(a->body, a->len) : version_json(a->body, a->len, NULL, 0));
    }
}

void od_answer_forget_followups(struct od_http *h)
{
    h->version_status = 0;
    h->version[0] = '\0';
    h->ollama = h->root_ollama;
    h->app_path[0] = '\0';
    h->app_status = 0;
    h->app_ollama = 0;
}
