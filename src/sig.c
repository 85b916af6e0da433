/* sig — load and lint the error signatures (sig.h); their needles are
 * sig_needles.c, scanning a text with them sig_scan.c. */
#include "sig.h"
#include "sig_re.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIG_FILE_CAP (512u * 1024)

const char *const od_sig_kinds[] = {
    "plugin-daemon", "missing-scheme", "model-not-found", "model-unsupported", "proxy", "origin", "tls",
    "not-connectivity", "not-ollama", "name-resolution", "not-running", "refused", "unreachable",
    "connect-timeout", "read-timeout", "reset", "http-404", "http-403", "http-error", NULL};
const char *const od_sig_roles[] = {"model-server", "address", "proxy", "registry", "hosted-api", "app-internal", "app-service", "runner",
                                    "dns-server", "client", "link", "listen", "hidden", NULL};
const char *const od_sig_platforms[] = {"windows", "macos", "linux-host", "native", "container", "linux", "unknown", NULL};
const char *const od_sig_causes[] = {"out-of-memory", "gpu-memory", "gpu-unused", "context-length", "runner-crash", "rate-limit",
                                     "server-busy", "model-loading", "tool-call", "unauthorized", "registry", "model-capability",
                                     "bad-request", "server-error", "app-error", "app-setup", "client-policy", "client-scheme", "ssrf-guard", "server-config", "hosted-api", "hosted-ollama", "endpoint-missing", "route-unsupported", "docker-engine", "stream-cut", "csp", "model-runner", "hf-download", "app-scope", "wrong-protocol", "protocol-version", "cloud-off", "open-files", "local-ports", "unset-setting", "image-pull",
                                     "package-index", "no-network-failure", NULL};
const char *const od_sig_hints[] = {"browser", "tunnel", "mux-404", "html", "empty-body", "redirect", "needs-v1", "openai-404", "mixed-content", "tls-cert", "tls-plain", "uncaught", "no-reason", "registry-miss", "upstream", "bind-wider", "openai-route", "answered", "own-command", "cloud-model", "request-url", "get-post-route", "ollama-target", "other-server", "no-response", "host-check", "own-database", "foreign-404", "down-words", "whole-timeout", "kubernetes", "hosted-model", "published-lo", "server-linux", "server-macos", "server-windows", "firewall", "resolver-down", "local-network", "hosted-app", "fw-ufw", "fw-firewalld", "fw-nft", "cut-short", "connect-phase", "wait-ran-out", "connected", "guessed", "retried-status", "not-http", "proxy-malformed", "model-list", "split-command", "app-catalog", "bare-reason", "collector", "empty-host", "model-words", NULL};
const char *const od_sig_joins[] = {"ollama", "openai", NULL};
const char *const od_sig_fields[] = {"host", "port", "path", "url", "errno", "status", "model", "seconds", "ms", "origin", "service", NULL};

static const char *const file_keys[] = {"family", "about", "signatures", "hosts", "statuses", NULL};
static const char *const sig_keys[] = {"id", "re", "fields", "kind", "weak", "guess", "yields", "role", "platform", "cause", "hint",
                                       "joins", "client", "app", "errno", "host", "status", "rank", "raw", "source",
                                       "note", NULL};
static const char *const host_keys[] = {"id", "host", "port", "not_port", "min_port", "path", "role", "cause", "why", "source", NULL};
static const char *const status_keys[] = {"status", "kind", "weak", "cause", "hint", "why", NULL};

/* Macros: each is exactly one capture group, except {Q} (none). */
static const struct macro { const char *name, *re; int groups; } macros[] = {
    {"HOST", "(\\[[0-9a-f.]*:[0-9a-z:.%]*\\]|[a-z0-9_][a-z0-9_.-]*)", 1},
    {"HOSTC", "(\\[[0-9a-f.]*:[0-9a-z:.%]*\\]|[0-9a-z_:][0-9a-z_.:%-]*)", 1},
    {"PORT", "([0-9]{1,5})", 1},
    /* a URL or path ends at a non-ASCII byte: pastes run prose straight on (http://x:11434/，添加时);
     * and at a '*': Markdown's bold around it (**http://x:11434/embeddings**) */
    {"URL", "(https?://[][0-9a-z_.:%@~+-]+[^][:space:]'\"`<>(){}|\\\\^,;*\x80-\xff]*)", 1},
    {"PATH", "(/[^][:space:]?#'\"`()<>,;*\\\\\x80-\xff]*)", 1},
    {"MODEL", "([a-z0-9][a-z0-9._:/@+-]*)", 1},
    {"NUM", "([0-9]+[.]?[0-9]*)", 1},
    {"ST", "([1-5][0-9][0-9])", 1},
    {"B", "([^0-9a-z_]|$)", 1},
    {"BB", "(^|[^0-9a-z_])", 1},
    /* the start of a line of Ollama's access log, with gin's [GIN] or without it */
    {"GIN", "(\\[GIN\\]|^[0-9]{4}/[0-9]{2}/[0-9]{2} - [0-9:]{8} )", 1},
    {"Q", "[\\\\'\"`]*", 0},
};

static int in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static const char *interned(const char *s, const char *const *list)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return list[i];
    return NULL;
}

static int valid_id(const char *id)
{
    if (!*id)
        return 0;
    for (const char *p = id; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' || *p == '.'))
            return 0;
    return 1;
}

/* --- lint context ---------------------------------------------------------- */

struct lctx {
    const char *file, *text;
    struct od_strv *lint;
    size_t anchor;   /* messages about the current entry are located after it */
    int bad;
    int eager;       /* compile (and so check) every signature's regex now */
};

static void msg_at(struct lctx *x, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void msg_at(struct lctx *x, const char *at, const char *fmt, ...)
{
    char msg[1000], line[1400];
    int l = 1, c = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (const char *p = x->text; at && p < at && *p; p++) {
        if (*p == '\n')
            l++, c = 1;
        else
            c++;
    }
    snprintf(line, sizeof line, "%s:%d:%d: %s", x->file, l, c, msg);
    od_strv_push(x->lint, line);
    x->bad = 1;
}

/* Where needle first occurs after the current anchor (else anywhere, else the anchor). */
static const char *find(const struct lctx *x, const char *needle)
{
    const char *p = strstr(x->text + x->anchor, needle);
    if (!p)
        p = strstr(x->text, needle);
    return p ? p : x->text + x->anchor;
}

static const char *key_at(const struct lctx *x, const char *key)
{
    char needle[64];
    snprintf(needle, sizeof needle, "\"%s\"", key);
    return find(x, needle);
}

/* Move the anchor to the entry whose "id" (or other unique string) is value. */
static void anchor_on(struct lctx *x, const char *value)
{
    char needle[200];
    const char *p;
    snprintf(needle, sizeof needle, "\"%s\"", value);
    p = strstr(x->text + x->anchor, needle);
    if (!p)
        p = strstr(x->text, needle);
    if (p)
        x->anchor = (size_t)(p - x->text);
}

static void check_keys(struct lctx *x, const cJSON *obj, const char *const *allowed, const char *where)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) if (!in_list(it->string, allowed))
        msg_at(x, key_at(x, it->string), "unknown key '%s' in %s", it->string, where);
}

static const char *vocab(struct lctx *x, const cJSON *obj, const char *key, const char *const *list, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    const char *s;
    if (!v)
        return NULL;
    if (!cJSON_IsString(v) || !(s = interned(v->valuestring, list))) {
        char all[400] = "";
        for (size_t i = 0; list[i]; i++)
            snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "", list[i]);
        msg_at(x, key_at(x, key), "unknown %s '%s' (one of: %s)", what, cJSON_IsString(v) ? v->valuestring : "?",
               all);
        return NULL;
    }
    return s;
}

static void copy_id(struct lctx *x, const cJSON *obj, const char *key, char *dst, size_t n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return;
    if (!cJSON_IsString(v) || !valid_id(v->valuestring) || strlen(v->valuestring) >= n)
        msg_at(x, key_at(x, key), "\"%s\" must be a short lower-case id", key);
    else
        od_strlcpy(dst, v->valuestring, n);
}

/* --- regexes --------------------------------------------------------------- */

/* Expand {MACROS}; returns a new string, or NULL with a message. *groups gets
 * how many groups the macros add beyond the author's own parentheses. */
static char *expand(struct lctx *x, const char *where, const char *re)
{
    size_t cap = strlen(re) * 4 + 64, k = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (const char *p = re; *p;) {
        if (*p == '\\' && p[1]) {
            if (isalnum((unsigned char)p[1])) {
                msg_at(x, where, "'\\%c' is not POSIX extended regex syntax (use [0-9], [[:space:]], [a-z] ...)",
                       p[1]);
                free(out);
                return NULL;
            }
            out[k++] = *p++;
            out[k++] = *p++;
            continue;
        }
        if (*p == '{' && isupper((unsigned char)p[1])) {
            const char *end = strchr(p, '}');
            size_t len = end ? (size_t)(end - p - 1) : 0, i;
            for (i = 0; end && i < sizeof macros / sizeof macros[0]; i++)
                if (strlen(macros[i].name) == len && strncmp(macros[i].name, p + 1, len) == 0)
                    break;
            if (!end || i == sizeof macros / sizeof macros[0]) {
                msg_at(x, where, "unknown macro '%.*s' (HOST, HOSTC, PORT, URL, PATH, MODEL, NUM, ST, B, BB, GIN, Q)",
                       end ? (int)(end - p + 1) : 8, p);
                free(out);
                return NULL;
            }
            size_t ml = strlen(macros[i].re);
            if (k + ml + 1 >= cap) {
                char *n2 = realloc(out, cap = cap * 2 + ml);
                if (!n2) {
                    free(out);
                    return NULL;
                }
                out = n2;
            }
            memcpy(out + k, macros[i].re, ml);
            k += ml;
            p = end + 1;
            continue;
        }
        if (k + 2 >= cap) {
            char *n2 = realloc(out, cap *= 2);
            if (!n2) {
                free(out);
                return NULL;
            }
            out = n2;
        }
        out[k++] = *p++;
    }
    out[k] = '\0';
    return out;
}

static int compile(struct lctx *x, const char *where, const char *re, regex_t *rx)
{
    const char *why = od_sig_re_problem(re, 0);
    char *full, err[200];
    int rc;
    if (why) {
        msg_at(x, where, "%s", why);
        return -1;
    }
    if (!(full = expand(x, where, re)))
        return -1;
    if ((why = od_sig_re_problem(full, 1))) {
        msg_at(x, where, "%s", why);
        free(full);
        return -1;
    }
    rc = regcomp(rx, full, REG_EXTENDED | REG_ICASE | REG_NEWLINE);
    free(full);
    if (rc != 0) {
        regerror(rc, rx, err, sizeof err);
        msg_at(x, where, "invalid regular expression: %s", err);
        return -1;
    }
    return 0;
}

/* --- one signature --------------------------------------------------------- */

static void sig_fields(struct lctx *x, const cJSON *j, struct od_sig *s)
{
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(j, "fields"), *it;
    if (!fields)
        return;
    if (!cJSON_IsObject(fields)) {
        msg_at(x, key_at(x, "fields"), "\"fields\" maps field names to capture group numbers");
        return;
    }
    cJSON_ArrayForEach(it, fields)
    {
        size_t f;
        for (f = 0; od_sig_fields[f] && strcmp(od_sig_fields[f], it->string) != 0; f++)
            ;
        if (!od_sig_fields[f]) {
            msg_at(x, key_at(x, it->string), "unknown field '%s' (host, port, path, url, errno, status, model, "
                   "seconds, ms, origin, service)", it->string);
            continue;
        }
        if (!cJSON_IsNumber(it) || it->valueint < 1 || (size_t)it->valueint > s->nsub ||
            it->valueint >= OD_SIG_NMATCH) {
            msg_at(x, key_at(x, it->string), "bad capture index for '%s': the regex has %zu group%s (macros count "
                   "one each, {Q} none)", it->string, s->nsub, s->nsub == 1 ? "" : "s");
            continue;
        }
        s->field[f] = it->valueint;
    }
}

static void sig_free(struct od_sig *s)
{
    if (s->state == 1)
        regfree(&s->rx);
    free(s->re);
    od_strv_free(&s->needles);
    s->state = 0;
    s->re = NULL;
}

/* A true/false key: 1 when true; anything else but false is a lint message. */
static int flag(struct lctx *x, const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    if (v && !cJSON_IsBool(v))
        msg_at(x, key_at(x, key), "\"%s\" is true or false", key);
    return cJSON_IsTrue(v);
}

static int add_sig(struct lctx *x, struct od_sigs *set, const char *family, const cJSON *j)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id"), *re = cJSON_GetObjectItemCaseSensitive(j, "re");
    const cJSON *rank = cJSON_GetObjectItemCaseSensitive(j, "rank");
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "status"), *host = cJSON_GetObjectItemCaseSensitive(j, "host");
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(j, "errno");
    struct od_sig s;
    int before = x->bad;

    memset(&s, 0, sizeof s);
    if (!cJSON_IsObject(j)) {
        msg_at(x, x->text + x->anchor, "every entry of \"signatures\" is an object");
        return -1;
    }
    if (!cJSON_IsString(id) || !valid_id(id->valuestring)) {
        msg_at(x, x->text + x->anchor, "a signature needs an \"id\": lower case letters, digits, dots and dashes");
        return -1;
    }
    anchor_on(x, id->valuestring);
    snprintf(s.id, sizeof s.id, "%s/%s", family, id->valuestring);
    for (size_t i = 0; x->eager && set && i < set->n; i++) /* lint's (quadratic) check */
        if (strcmp(set->v[i].id, s.id) == 0)
            msg_at(x, x->text + x->anchor, "duplicate signature id '%s'", s.id);
    check_keys(x, j, sig_keys, "a signature");
    if (!cJSON_IsString(re) || !*re->valuestring) {
        msg_at(x, x->text + x->anchor, "signature '%s' needs \"re\", a regular expression", s.id);
        return -1;
    }
    if (!(s.re = expand(x, key_at(x, "re"), re->valuestring)))
        return -1;
    if (x->eager) {
        if (compile(x, key_at(x, "re"), re->valuestring, &s.rx) != 0) {
            free(s.re);
            return -1;
        }
        s.state = 1;
        s.nsub = s.rx.re_nsub;
    } else {
        s.nsub = OD_SIG_NMATCH - 1; /* checked by lint */
    }
    od_sig_needles(re->valuestring, &s.needles);
    sig_fields(x, j, &s);
    s.kind = vocab(x, j, "kind", od_sig_kinds, "kind");
    s.role = vocab(x, j, "role", od_sig_roles, "role");
    s.platform = vocab(x, j, "platform", od_sig_platforms, "platform");
    s.cause = vocab(x, j, "cause", od_sig_causes, "cause");
    s.hint = vocab(x, j, "hint", od_sig_hints, "hint");
    s.joins = vocab(x, j, "joins", od_sig_joins, "joins");
    copy_id(x, j, "client", s.client, sizeof s.client);
    copy_id(x, j, "app", s.app, sizeof s.app);
    s.weak = flag(x, j, "weak");
    if (s.weak && !s.kind && !s.cause)
        msg_at(x, key_at(x, "weak"), "\"weak\" only makes sense with a \"kind\" or a \"cause\"");
    s.guess = flag(x, j, "guess");
    if (s.guess && (!s.kind || s.weak))
        msg_at(x, key_at(x, "guess"), "\"guess\" only makes sense with a strong \"kind\"");
    s.yields = flag(x, j, "yields");
    if (s.yields && (!s.cause || s.weak))
        msg_at(x, key_at(x, "yields"), "\"yields\" only makes sense with a strong \"cause\"");
    s.raw = flag(x, j, "raw");
    if (s.raw && (s.kind || s.cause || s.role || cJSON_GetObjectItemCaseSensitive(j, "fields")))
        msg_at(x, key_at(x, "raw"),
               "\"raw\" only makes sense with a \"platform\" or a \"hint\": positions in the text as pasted are not "
               "those the fields are read from");
    s.rank = 50;
    if (rank && (!cJSON_IsNumber(rank) || rank->valueint < 0 || rank->valueint > 1000))
        msg_at(x, key_at(x, "rank"), "\"rank\" is a number 0-1000 (lower wins)");
    else if (rank)
        s.rank = rank->valueint;
    if (st && (!cJSON_IsNumber(st) || st->valueint < 100 || st->valueint > 599))
        msg_at(x, key_at(x, "status"), "\"status\" is an HTTP status 100-599");
    else if (st)
        s.status = st->valueint;
    if (en && (!cJSON_IsString(en) || strlen(en->valuestring) >= sizeof s.errno_name ||
               strncmp(en->valuestring, "E", 1) != 0))
        msg_at(x, key_at(x, "errno"), "\"errno\" is an errno name such as ECONNREFUSED");
    else if (en)
        od_strlcpy(s.errno_name, en->valuestring, sizeof s.errno_name);
    if (host && (!cJSON_IsString(host) || strlen(host->valuestring) >= sizeof s.host))
        msg_at(x, key_at(x, "host"), "\"host\" is a host name or address");
    else if (host)
        od_strlcpy(s.host, host->valuestring, sizeof s.host);
    if (s.role && !s.field[OD_SF_HOST] && !s.field[OD_SF_URL] && !s.host[0])
        msg_at(x, key_at(x, "role"), "\"role\" needs an endpoint: a host or url field, or a fixed \"host\"");
    if (x->bad != before || !set) {
        sig_free(&s);
        return x->bad != before ? -1 : 0;
    }
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        struct od_sig *v = realloc(set->v, cap * sizeof *v);
        if (!v) {
            sig_free(&s);
            return -1;
        }
        set->v = v, set->cap = cap;
    }
    set->v[set->n++] = s;
    return 0;
}

/* A host rule's "port" or "not_port": at most 8 port numbers. */
static void read_ports(struct lctx *x, const cJSON *j, const char *key, int *ports, size_t *n)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(j, key), *it;
    if (!arr)
        return;
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) > 8)
        msg_at(x, key_at(x, key), "\"%s\" is an array of at most 8 ports", key);
    cJSON_ArrayForEach(it, arr)
    {
        if (!cJSON_IsNumber(it) || it->valueint < 1 || it->valueint > 65535)
            msg_at(x, key_at(x, key), "a port is a number 1-65535");
        else if (*n < 8)
            ports[(*n)++] = it->valueint;
    }
}

/* A host rule's "min_port": the lowest port where it holds (a runner's port
 * is one the system hands out, never a server's well-known one). */
static void read_min_port(struct lctx *x, const cJSON *j, int *min)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "min_port");
    if (!v)
        return;
    if (!cJSON_IsNumber(v) || v->valueint < 1 || v->valueint > 65535)
        msg_at(x, key_at(x, "min_port"), "\"min_port\" is a port number 1-65535");
    else
        *min = v->valueint;
}

static int add_host(struct lctx *x, struct od_sigs *set, const char *family, const cJSON *j)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id"), *host = cJSON_GetObjectItemCaseSensitive(j, "host");
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(j, "path"), *ports = cJSON_GetObjectItemCaseSensitive(j, "port");
    const cJSON *why = cJSON_GetObjectItemCaseSensitive(j, "why");
    struct od_hostrule h;
    int before = x->bad;

    memset(&h, 0, sizeof h);
    if (!cJSON_IsObject(j) || !cJSON_IsString(id) || !valid_id(id->valuestring)) {
        msg_at(x, x->text + x->anchor, "every entry of \"hosts\" is an object with an \"id\"");
        return -1;
    }
    anchor_on(x, id->valuestring);
    snprintf(h.id, sizeof h.id, "%s/%s", family, id->valuestring);
    check_keys(x, j, host_keys, "a host rule");
    if (host && (!cJSON_IsString(host) || compile(x, key_at(x, "host"), host->valuestring, &h.host) != 0)) {
        if (!cJSON_IsString(host))
            msg_at(x, key_at(x, "host"), "\"host\" is a regular expression");
        return -1;
    }
    h.has_host = host != NULL;
    if (path && (!cJSON_IsString(path) || compile(x, key_at(x, "path"), path->valuestring, &h.path) != 0)) {
        if (h.has_host)
            regfree(&h.host);
        return -1;
    }
    h.has_path = path != NULL;
    read_ports(x, j, "port", h.ports, &h.nports);
    read_ports(x, j, "not_port", h.not_ports, &h.nnot);
    read_min_port(x, j, &h.min_port);
    if (!host && !path && !ports)
        msg_at(x, x->text + x->anchor, "host rule '%s' needs \"host\", \"port\" or \"path\"", h.id);
    if (!(h.role = vocab(x, j, "role", od_sig_roles, "role")))
        if (!cJSON_GetObjectItemCaseSensitive(j, "role"))
            msg_at(x, x->text + x->anchor, "host rule '%s' needs a \"role\"", h.id);
    h.cause = vocab(x, j, "cause", od_sig_causes, "cause");
    if (cJSON_IsString(why))
        od_strlcpy(h.why, why->valuestring, sizeof h.why);
    else
        msg_at(x, x->text + x->anchor, "host rule '%s' needs \"why\", the role in words", h.id);
    if (x->bad != before || !set) {
        if (h.has_host)
            regfree(&h.host);
        if (h.has_path)
            regfree(&h.path);
        return x->bad != before ? -1 : 0;
    }
    if (set->nh == set->caph) {
        size_t cap = set->caph ? set->caph * 2 : 32;
        struct od_hostrule *v = realloc(set->h, cap * sizeof *v);
        if (!v)
            return -1;
        set->h = v, set->caph = cap;
    }
    set->h[set->nh++] = h;
    return 0;
}

static int add_status(struct lctx *x, struct od_sigs *set, const cJSON *j)
{
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "status");
    struct od_statusrule r;
    int before = x->bad;
    char num[16];

    memset(&r, 0, sizeof r);
    if (!cJSON_IsObject(j) || !cJSON_IsNumber(st) || st->valueint < 100 || st->valueint > 599) {
        msg_at(x, x->text + x->anchor, "every entry of \"statuses\" is an object with a \"status\" 100-599");
        return -1;
    }
    snprintf(num, sizeof num, "%d", st->valueint);
    {
        const char *p = strstr(x->text + x->anchor, num);
        if (p)
            x->anchor = (size_t)(p - x->text);
    }
    r.status = st->valueint;
    check_keys(x, j, status_keys, "a status rule");
    r.kind = vocab(x, j, "kind", od_sig_kinds, "kind");
    r.cause = vocab(x, j, "cause", od_sig_causes, "cause");
    r.hint = vocab(x, j, "hint", od_sig_hints, "hint");
    r.weak = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "weak"));
    if (!cJSON_GetObjectItemCaseSensitive(j, "kind") && !cJSON_GetObjectItemCaseSensitive(j, "cause") &&
        !cJSON_GetObjectItemCaseSensitive(j, "hint"))
        msg_at(x, x->text + x->anchor, "status rule %d says nothing: give a \"kind\", \"cause\" or \"hint\"", r.status);
    if (x->bad != before || !set)
        return x->bad != before ? -1 : 0;
    if (set->nst == set->capst) {
        size_t cap = set->capst ? set->capst * 2 : 32;
        struct od_statusrule *v = realloc(set->st, cap * sizeof *v);
        if (!v)
            return -1;
        set->st = v, set->capst = cap;
    }
    set->st[set->nst++] = r;
    return 0;
}

int od_sig_is_file(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    int yes = cJSON_IsObject(j) && cJSON_GetObjectItemCaseSensitive(j, "signatures") != NULL;
    cJSON_Delete(j);
    return yes;
}

int od_sigs_add_text(struct od_sigs *set, const char *file, const char *text, struct od_strv *lint)
{
    struct lctx x = {file, text, lint, 0, 0, set ? !set->lazy : 1};
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithOpts(text, &end, 1), *it;
    const cJSON *family, *sigs, *hosts, *statuses;
    char fam[48] = "";

    if (!j) {
        msg_at(&x, end, "invalid JSON (a missing comma, quote or bracket just before here?)");
        return -1;
    }
    if (!cJSON_IsObject(j)) {
        msg_at(&x, text, "a signature file holds one JSON object");
        cJSON_Delete(j);
        return -1;
    }
    check_keys(&x, j, file_keys, "a signature file");
    family = cJSON_GetObjectItemCaseSensitive(j, "family");
    if (!cJSON_IsString(family) || !valid_id(family->valuestring) || strlen(family->valuestring) >= sizeof fam)
        msg_at(&x, key_at(&x, "family"), "\"family\" is the file's short lower-case name (e.g. python)");
    else
        od_strlcpy(fam, family->valuestring, sizeof fam);
    sigs = cJSON_GetObjectItemCaseSensitive(j, "signatures");
    hosts = cJSON_GetObjectItemCaseSensitive(j, "hosts");
    statuses = cJSON_GetObjectItemCaseSensitive(j, "statuses");
    if (!cJSON_IsArray(sigs))
        msg_at(&x, key_at(&x, "signatures"), "\"signatures\" is an array of signatures");
    if (hosts && !cJSON_IsArray(hosts))
        msg_at(&x, key_at(&x, "hosts"), "\"hosts\" is an array of host rules");
    if (statuses && !cJSON_IsArray(statuses))
        msg_at(&x, key_at(&x, "statuses"), "\"statuses\" is an array of status rules");
    if (!x.bad) {
        size_t n0 = set ? set->n : 0, nh0 = set ? set->nh : 0, nst0 = set ? set->nst : 0;
        x.anchor = (size_t)(key_at(&x, "signatures") - text);
        cJSON_ArrayForEach(it, sigs) add_sig(&x, set, fam, it);
        x.anchor = hosts ? (size_t)(key_at(&x, "hosts") - text) : 0;
        cJSON_ArrayForEach(it, hosts) add_host(&x, set, fam, it);
        x.anchor = statuses ? (size_t)(key_at(&x, "statuses") - text) : 0;
        cJSON_ArrayForEach(it, statuses) add_status(&x, set, it);
        while (x.bad && set && set->n > n0) /* a file with problems adds nothing */
            sig_free(&set->v[--set->n]);
        while (x.bad && set && set->nh > nh0) {
            struct od_hostrule *h = &set->h[--set->nh];
            if (h->has_host)
                regfree(&h->host);
            if (h->has_path)
                regfree(&h->path);
        }
        if (x.bad && set)
            set->nst = nst0;
    }
    cJSON_Delete(j);
    return x.bad ? -1 : 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct od_sigs *s, const char *dir, struct od_strv *lint, int *found)
{
    struct od_strv names = {0};
    struct dirent *de;
    DIR *d = opendir(dir);
    int rc = 0;
    char path[4096];

    (void)lint;
    if (!d)
        return 0; /* the rules loader says why */
    while ((de = readdir(d)))
        if (od_str_endswith(de->d_name, ".json") && de->d_name[0] != '.')
            od_strv_push(&names, de->d_name);
    closedir(d);
    if (names.n > 1) /* qsort(NULL, 0) is undefined */
        qsort(names.v, names.n, sizeof *names.v, cmp_names);
    for (size_t i = 0; i < names.n; i++) {
        char *text;
        snprintf(path, sizeof path, "%s%s%s", dir, od_str_endswith(dir, "/") ? "" : "/", names.v[i]);
        if (!(text = od_read_file(path, SIG_FILE_CAP, NULL, NULL)))
            continue; /* rules loading reports unreadable files */
        if (od_sig_is_file(text)) {
            *found = 1;
            if (od_sigs_add_text(s, path, text, lint) != 0)
                rc = -1;
        }
        free(text);
    }
    od_strv_free(&names);
    return rc;
}

int od_sigs_load(struct od_sigs *s, const char *dir, struct od_strv *lint, int *sigs_found, int lint_all)
{
    int rc = 0, found = 0;
    memset(s, 0, sizeof *s);
    if (dir)
        rc = load_dir(s, dir, lint, &found);
    s->lazy = !lint_all;
    if (!found) /* a rules directory without signature files keeps the built-in ones */
        for (const struct od_rule_src *src = od_builtin_signatures; src->file; src++)
            if (od_sigs_add_text(s, src->file, src->text, lint) != 0)
                rc = -1;
    if (sigs_found)
        *sigs_found = found;
    return rc;
}

void od_sigs_free(struct od_sigs *s)
{
    for (size_t i = 0; i < s->n; i++)
        sig_free(&s->v[i]);
    for (size_t i = 0; i < s->nh; i++) {
        if (s->h[i].has_host)
            regfree(&s->h[i].host);
        if (s->h[i].has_path)
            regfree(&s->h[i].path);
    }
    free(s->v);
    free(s->h);
    free(s->st);
    memset(s, 0, sizeof *s);
}
