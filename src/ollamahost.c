/* ollamahost.c — OLLAMA_HOST parsed as Ollama's envconfig.Host() does (Go net/strconv rules). */
#include "ollamahost.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"
#include "util.h"

/* A view into the caller's string; never NUL-terminated by itself. */
struct slice {
    const char *p;
    size_t n;
};

static int go_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static struct slice trim_space(struct slice s)
{
    while (s.n > 0 && go_space(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n > 0 && go_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

/* strings.Trim(s, set): drop every leading and trailing byte found in set. */
static struct slice trim_set(struct slice s, const char *set)
{
    while (s.n > 0 && strchr(set, s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n > 0 && strchr(set, s.p[s.n - 1]))
        s.n--;
    return s;
}

static int slice_eq(struct slice s, const char *lit)
{
    return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static const char *slice_chr(struct slice s, char c)
{
    return s.n ? memchr(s.p, c, s.n) : NULL;
}

static const char *slice_rchr(struct slice s, char c)
{
    for (size_t i = s.n; i > 0; i--)
        if (s.p[i - 1] == c)
            return s.p + i - 1;
    return NULL;
}

static void slice_copy(char *dst, size_t n, struct slice s)
{
    size_t c = s.n < n - 1 ? s.n : n - 1;

    memcpy(dst, s.p, c);
    dst[c] = '\0';
}

/* net.SplitHostPort; returns 0 and fills host/port, or -1. */
static int split_host_port(struct slice hp, struct slice *host, struct slice *port)
{
    const char *colon = slice_rchr(hp, ':');
    size_t j = 0, k = 0;

    if (!colon)
        return -1;
    if (hp.p[0] == '[') {
        const char *end = slice_chr(hp, ']');

        if (!end || end + 1 != colon)
            return -1; /* missing ']', missing port, or too many colons */
        *host = (struct slice){hp.p + 1, (size_t)(end - hp.p - 1)};
        j = 1;
        k = (size_t)(end - hp.p) + 1;
    } else {
        *host = (struct slice){hp.p, (size_t)(colon - hp.p)};
        if (slice_chr(*host, ':'))
            return -1;
    }
    if (slice_chr((struct slice){hp.p + j, hp.n - j}, '['))
        return -1;
    if (slice_chr((struct slice){hp.p + k, hp.n - k}, ']'))
        return -1;
    *port = (struct slice){colon + 1, (size_t)(hp.n - (size_t)(colon + 1 - hp.p))};
    return 0;
}

/* strconv.ParseInt(s, 10, 32) followed by Ollama's 0..65535 check. */
static int go_port(struct slice s, int *out)
{
    size_t i = 0;
    int neg = 0;
    long v = 0;

    if (s.n > 0 && (s.p[0] == '+' || s.p[0] == '-')) {
        neg = s.p[0] == '-';
        i = 1;
    }
    if (i == s.n)
        return -1;
    for (; i < s.n; i++) {
        if (!isdigit((unsigned char)s.p[i]))
            return -1;
        v = v * 10 + (s.p[i] - '0');
        if (v > 2147483648L)
            return -1; /* out of int32 range: ParseInt error */
    }
    if (neg)
        v = -v;
    if (v < 0 || v > 65535)
        return -1;
    *out = (int)v;
    return 0;
}

/* net.ParseIP(...).String(): canonical text, IPv4-mapped shown as IPv4. */
static int go_parse_ip(struct slice s, char *out, size_t n)
{
    static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char tmp[OD_ADDRLEN];
    unsigned char a[16];

    if (s.n == 0 || s.n >= sizeof(tmp))
        return -1;
    slice_copy(tmp, sizeof(tmp), s);
    if (inet_pton(AF_INET, tmp, a) == 1)
        return inet_ntop(AF_INET, a, out, (socklen_t)n) ? 0 : -1;
    if (inet_pton(AF_INET6, tmp, a) != 1)
        return -1;
    if (memcmp(a, v4mapped, sizeof(v4mapped)) == 0)
        return inet_ntop(AF_INET, a + 12, out, (socklen_t)n) ? 0 : -1;
    return inet_ntop(AF_INET6, a, out, (socklen_t)n) ? 0 : -1;
}

static int default_port_for(struct slice scheme, int had_scheme)
{
    if (had_scheme && slice_eq(scheme, "http"))
        return 80;
    if (had_scheme && slice_eq(scheme, "https"))
        return 443;
    return 11434;
}

/* Everything after "scheme://": host[:port][/path]. */
static void parse_hostport(struct slice hp, int defport, struct od_ollama_host *out)
{
    const char *slash = slice_chr(hp, '/');
    struct slice host, port;

    if (slash) {
        struct slice path = {slash + 1, hp.n - (size_t)(slash + 1 - hp.p)};

        if (path.n > 0) {
            out->path[0] = '/';
            slice_copy(out->path + 1, sizeof(out->path) - 1, path);
        }
        hp.n = (size_t)(slash - hp.p);
    }
    out->port = defport;
    out->port_defaulted = 1;
    if (split_host_port(hp, &host, &port) == 0) {
        slice_copy(out->host, sizeof(out->host), host);
        if (go_port(port, &out->port) == 0)
            out->port_defaulted = 0;
        return;
    }
    od_strlcpy(out->host, "127.0.0.1", sizeof(out->host));
    if (go_parse_ip(trim_set(hp, "[]"), out->host, sizeof(out->host)) != 0 && hp.n > 0)
        slice_copy(out->host, sizeof(out->host), hp);
}

void od_ollama_host_parse(const char *raw, struct od_ollama_host *out)
{
    size_t cap = (raw ? strlen(raw) : 0) + 16;
    char *value = malloc(cap);
    struct slice s;

    /* Ollama has no use for user:password@ (it reads them as part of the
     * host); they must not reach the report, so they are read as REDACTED. */
    if (value)
        od_url_redact(raw, value, (unsigned)cap);
    s = (struct slice){value ? value : "", value ? strlen(value) : 0};
    struct slice scheme = {"http", 4}, hp;
    const char *sep = NULL;
    int had_scheme = 0;

    memset(out, 0, sizeof(*out));
    s = trim_space(trim_set(trim_space(s), "\"'"));
    for (size_t i = 0; i + 3 <= s.n && !sep; i++)
        if (memcmp(s.p + i, "://", 3) == 0)
            sep = s.p + i;
    if (sep) {
        scheme = (struct slice){s.p, (size_t)(sep - s.p)};
        hp = (struct slice){sep + 3, s.n - (size_t)(sep + 3 - s.p)};
        had_scheme = 1;
    } else if (slice_eq(s, "ollama.com")) {
        scheme = (struct slice){"https", 5};
        hp = (struct slice){"ollama.com:443", 14};
    } else {
        hp = s;
    }
    slice_copy(out->scheme, sizeof(out->scheme), scheme);
    parse_hostport(hp, default_port_for(scheme, had_scheme), out);
    free(value);
}

void od_ollama_host_url(const struct od_ollama_host *h, char *buf, unsigned n)
{
    int v6 = strchr(h->host, ':') != NULL;

    if (!buf || n == 0)
        return;
    snprintf(buf, n, "%s://%s%s%s:%d%s", h->scheme, v6 ? "[" : "", h->host, v6 ? "]" : "",
             h->port, h->path);
}

int od_ollama_host_listens_beyond_loopback(const struct od_ollama_host *h)
{
    if (h->host[0] == '\0')
        return 1;
    if (od_ip_family(h->host))
        return !od_ip_is_loopback(h->host);
    /* A name: Go listens on one of its addresses; only "localhost" is known. */
    return strcasecmp(h->host, "localhost") != 0;
}
