/* url.c — lenient Base URL parsing, formatting, and Python urljoin path joining. */
#include "url.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "util.h"

#define OD_URL_REDACTED "REDACTED"

/* Parser state: the text split into its parts, as (pointer, length) views. */
struct parts {
    const char *scheme, *auth, *path;
    size_t scheme_n, auth_n, path_n;
    const char *host, *port;
    size_t host_n, port_n;
    int bracketed;
};

__attribute__((format(printf, 3, 4)))
static int fail(char *why, unsigned n, const char *fmt, ...)
{
    va_list ap;

    if (why && n > 0) {
        va_start(ap, fmt);
        vsnprintf(why, n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int bad_char(const char *text, size_t *at)
{
    for (size_t i = 0; text[i]; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c <= 0x20 || c == 0x7f) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

static int scheme_char(char c, size_t i)
{
    return isalpha((unsigned char)c) ||
           (i > 0 && (isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.'));
}

/* Find "scheme://" at the start; fills p->scheme or leaves it NULL. */
static int split_scheme(const char *text, struct parts *p, const char **rest, char *why, unsigned wl)
{
    size_t i = 0;

    while (scheme_char(text[i], i))
        i++;
    *rest = text;
    if (strncmp(text + i, "://", 3) == 0) {
        if (i == 0)
            return fail(why, wl, "empty scheme before '://'");
        p->scheme = text;
        p->scheme_n = i;
        *rest = text + i + 3;
        if (!(i == 4 && strncasecmp(text, "http", 4) == 0) &&
            !(i == 5 && strncasecmp(text, "https", 5) == 0))
            return fail(why, wl, "unsupported scheme '%.*s' (expected http or https)",
                        (int)(i > 32 ? 32 : i), text);
        return 0;
    }
    if (text[i] == ':' && ((i == 4 && strncasecmp(text, "http", 4) == 0) ||
                           (i == 5 && strncasecmp(text, "https", 5) == 0)))
        return fail(why, wl, "expected '//' after '%.*s:'", (int)i, text);
    return 0;
}

/* Authority up to the first '/', '?' or '#'; path up to '?' or '#'. */
static void split_rest(const char *rest, struct parts *p)
{
    size_t a = strcspn(rest, "/?#");
    const char *at;

    p->auth = rest;
    p->auth_n = a;
    p->path = rest + a;
    p->path_n = rest[a] == '/' ? strcspn(rest + a, "?#") : 0;
    /* user:password@ goes: the last '@' ends it, as in Python's urlsplit. */
    for (at = rest + a; at > rest; at--)
        if (at[-1] == '@')
            break;
    if (at > rest) {
        p->auth_n -= (size_t)(at - rest);
        p->auth = at;
    }
}

static int has_byte(const char *s, size_t n, char c)
{
    return n > 0 && memchr(s, c, n) != NULL;
}

static int split_bracketed(struct parts *p, char *why, unsigned wl)
{
    const char *a = p->auth, *close = memchr(a, ']', p->auth_n);
    size_t after;

    if (!close)
        return fail(why, wl, "unbalanced brackets: missing ']'");
    p->host = a + 1;
    p->host_n = (size_t)(close - a - 1);
    p->bracketed = 1;
    after = (size_t)(close - a) + 1;
    if (after < p->auth_n && a[after] != ':')
        return fail(why, wl, "unexpected text after ']'");
    if (after < p->auth_n) {
        p->port = a + after + 1;
        p->port_n = p->auth_n - after - 1;
    }
    if (has_byte(p->host, p->host_n, '[') || has_byte(p->port, p->port_n, '[') ||
        has_byte(p->port, p->port_n, ']'))
        return fail(why, wl, "unbalanced brackets");
    return 0;
}

static int split_hostport(struct parts *p, char *why, unsigned wl)
{
    const char *colon;

    if (p->auth_n > 0 && p->auth[0] == '[')
        return split_bracketed(p, why, wl);
    if (has_byte(p->auth, p->auth_n, '[') || has_byte(p->auth, p->auth_n, ']'))
        return fail(why, wl, "unbalanced brackets");
    colon = memchr(p->auth, ':', p->auth_n);
    p->host = p->auth;
    p->host_n = colon ? (size_t)(colon - p->auth) : p->auth_n;
    if (colon && has_byte(colon + 1, p->auth_n - p->host_n - 1, ':'))
        return fail(why, wl, "too many ':' in '%.*s' (IPv6 addresses need brackets, e.g. "
                    "http://[::1]:11434)", (int)(p->auth_n > 64 ? 64 : p->auth_n), p->auth);
    if (colon) {
        p->port = colon + 1;
        p->port_n = p->auth_n - p->host_n - 1;
    }
    return 0;
}

/* Explicit port: digits only, 1-65535. An empty port (text "h:") means none. */
static int parse_port(const struct parts *p, struct od_url *u, char *why, unsigned wl)
{
    long v = 0;
    int shown = (int)(p->port_n > 20 ? 20 : p->port_n);

    if (p->port_n == 0)
        return 0;
    for (size_t i = 0; i < p->port_n; i++) {
        if (!isdigit((unsigned char)p->port[i]))
            return fail(why, wl, "port '%.*s' is not a number", shown, p->port);
        if (v <= 65535)
            v = v * 10 + (p->port[i] - '0');
    }
    if (v < 1 || v > 65535)
        return fail(why, wl, "port %.*s out of range 1-65535", shown, p->port);
    u->port = (int)v;
    u->port_explicit = 1;
    return 0;
}

static void copy_lower(char *dst, const char *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = (char)tolower((unsigned char)src[i]);
    dst[n] = '\0';
}

static int fill_url(const struct parts *p, int default_port, struct od_url *u, char *why,
                    unsigned wl)
{
    if (p->host_n == 0)
        return fail(why, wl, "empty host");
    if (p->host_n >= sizeof(u->host))
        return fail(why, wl, "host name too long (%zu characters)", p->host_n);
    if (p->path_n >= sizeof(u->path))
        return fail(why, wl, "path too long (%zu characters)", p->path_n);
    copy_lower(u->host, p->host, p->host_n);
    if (p->bracketed && od_ip_family(u->host) != AF_INET6)
        return fail(why, wl, "'%.*s' in brackets is not an IPv6 address", 64, u->host);
    u->family = p->bracketed ? AF_INET6 : (od_ip_family(u->host) == AF_INET ? AF_INET : 0);
    memcpy(u->path, p->path, p->path_n);
    u->path[p->path_n] = '\0';
    u->has_scheme = p->scheme != NULL;
    if (u->has_scheme)
        copy_lower(u->scheme, p->scheme, p->scheme_n);
    else
        od_strlcpy(u->scheme, "http", sizeof(u->scheme));
    if (parse_port(p, u, why, wl) != 0)
        return -1;
    if (!u->port_explicit && u->has_scheme)
        u->port = strcmp(u->scheme, "https") == 0 ? 443 : 80;
    else if (!u->port_explicit)
        u->port = default_port > 0 && default_port <= 65535 ? default_port : 80;
    return 0;
}

int od_url_parse(const char *text, int default_port, struct od_url *u, char *why, unsigned whylen)
{
    struct parts p = {0};
    const char *rest;
    size_t at;

    memset(u, 0, sizeof(*u));
    if (why && whylen > 0)
        why[0] = '\0';
    if (!text || !*text)
        return fail(why, whylen, "empty URL");
    if (bad_char(text, &at))
        return fail(why, whylen, "space or control character at position %zu", at + 1);
    if (split_scheme(text, &p, &rest, why, whylen) != 0)
        return -1;
    split_rest(rest, &p);
    if (split_hostport(&p, why, whylen) != 0 || fill_url(&p, default_port, u, why, whylen) != 0) {
        memset(u, 0, sizeof(*u)); /* no caller may use half a URL */
        return -1;
    }
    return 0;
}

/* Where the userinfo starts: after "scheme://", else 0. */
static size_t userinfo_start(const char *v)
{
    size_t i = 0;
    while (scheme_char(v[i], i))
        i++;
    return i > 0 && strncmp(v + i, "://", 3) == 0 ? i + 3 : 0;
}

int od_url_redact(const char *value, char *out, unsigned n)
{
    const char *v = value ? value : "", *at = strrchr(v, '@');
    size_t start = userinfo_start(v);

    if (!out || n == 0)
        return 0;
    if (!at || (size_t)(at - v) <= start) { /* no '@', or an empty userinfo */
        od_strlcpy(out, v, n);
        return 0;
    }
    snprintf(out, n, "%.*s" OD_URL_REDACTED "%s", (int)start, v, at);
    return 1;
}

int od_url_at_beyond_authority(const char *value)
{
    const char *v = value ? value : "", *at = strrchr(v, '@');
    size_t start = userinfo_start(v);
    return at && (size_t)(at - v) > start && strcspn(v + start, "/?#") < (size_t)(at - v) - start;
}

void od_url_format(const struct od_url *u, int with_path, char *buf, unsigned n)
{
    int v6 = strchr(u->host, ':') != NULL;

    if (!buf || n == 0)
        return;
    snprintf(buf, n, "%s://%s%s%s:%d%s", u->scheme, v6 ? "[" : "", u->host, v6 ? "]" : "",
             u->port, with_path ? u->path : "");
}

/* urljoin's path segments: a view of one '/'-separated piece. */
struct seg {
    const char *p;
    size_t n;
};

static size_t split_segs(const char *s, size_t len, struct seg *out, size_t at)
{
    size_t start = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '/') {
            out[at++] = (struct seg){s + start, i - start};
            start = i + 1;
        }
    }
    return at;
}

static int seg_is(struct seg s, const char *lit)
{
    return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

/* Python's urljoin loop: drop empty middle segments, resolve "." and "..". */
static size_t resolve_segs(struct seg *segs, size_t n, int rooted, struct seg *out)
{
    size_t r = 0;

    for (size_t i = 0; i < n; i++) {
        struct seg s = segs[i];

        if (!rooted && i > 0 && i + 1 < n && s.n == 0)
            continue;
        if (seg_is(s, ".."))
            r = r > 0 ? r - 1 : 0;
        else if (!seg_is(s, "."))
            out[r++] = s;
    }
    if (n > 0 && (seg_is(segs[n - 1], ".") || seg_is(segs[n - 1], "..")))
        out[r++] = (struct seg){"", 0};
    return r;
}

/* Append n bytes of p to buf (capacity cap, *len used), truncating safely. */
static void append(char *buf, size_t cap, size_t *len, const char *p, size_t n)
{
    size_t room = *len < cap ? cap - *len - 1 : 0;
    size_t c = n < room ? n : room;

    memcpy(buf + *len, p, c);
    *len += c;
    buf[*len] = '\0';
}

/* '/'.join(segs) or '/', with the leading '/' urlunparse adds under a host. */
static void join_segs(const struct seg *segs, size_t n, char *buf, size_t cap)
{
    size_t len = 0;

    buf[0] = '\0';
    if (n <= 1 || segs[0].n != 0)
        append(buf, cap, &len, "/", 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            append(buf, cap, &len, "/", 1);
        append(buf, cap, &len, segs[i].p, segs[i].n);
    }
}

void od_url_join_path(const char *base_path, const char *rel, char *buf, unsigned n)
{
    const char *b = base_path ? base_path : "";
    const char *r = rel ? rel : "";
    size_t bl = strlen(b), rl = strcspn(r, "?#"), ns = 0, len = 0;
    struct seg *segs = NULL, *res = NULL;
    int rooted = r[0] == '/';

    if (!buf || n == 0)
        return;
    buf[0] = '\0';
    if (rl == 0) { /* urljoin(base, "") is the base itself */
        append(buf, n, &len, b, bl);
        if (bl == 0 || b[bl - 1] != '/')
            append(buf, n, &len, "/", 1);
        return;
    }
    segs = calloc(bl + rl + 3, sizeof(*segs));
    res = calloc(bl + rl + 4, sizeof(*res));
    if (!segs || !res)
        goto out;
    if (!rooted) {
        /* (base + "/").split('/'): its last element is "", which urljoin keeps */
        ns = split_segs(b, bl, segs, 0);
        if (bl == 0 || b[bl - 1] != '/')
            segs[ns++] = (struct seg){"", 0};
    }
    ns = split_segs(r, rl, segs, ns);
    join_segs(res, resolve_segs(segs, ns, rooted, res), buf, n);
out:
    free(segs);
    free(res);
}
