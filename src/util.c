/* util.c — string vectors, bounded copies, file reading, clock, IP literal helpers. */
#include "util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int od_strv_push(struct od_strv *sv, const char *s)
{
    char *copy;

    if (!sv || !s)
        return -1;
    if (sv->n == sv->cap) {
        size_t ncap = sv->cap ? sv->cap * 2 : 8;
        char **nv;

        if (ncap > SIZE_MAX / sizeof(*nv))
            return -1;
        nv = realloc(sv->v, ncap * sizeof(*nv));
        if (!nv)
            return -1;
        sv->v = nv;
        sv->cap = ncap;
    }
    copy = od_strdup(s);
    if (!copy)
        return -1;
    sv->v[sv->n++] = copy;
    return 0;
}

int od_strv_contains(const struct od_strv *sv, const char *s)
{
    if (!sv || !s)
        return 0;
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return 1;
    return 0;
}

void od_strv_free(struct od_strv *sv)
{
    if (!sv)
        return;
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* Read until cap bytes, EOF, or an error; returns bytes read or -1. */
static ssize_t read_upto(int fd, char *buf, size_t cap)
{
    size_t got = 0;

    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && errno == EAGAIN)
            break; /* FIFO opened non-blocking: nothing more to read */
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

char *od_read_file(const char *path, size_t cap, size_t *len, int *truncated)
{
    char *buf = NULL, extra;
    ssize_t got;
    struct stat st;
    int fd, saved;

    if (len)
        *len = 0;
    if (truncated)
        *truncated = 0;
    if (!path || cap == SIZE_MAX) {
        errno = EINVAL;
        return NULL;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        goto fail;
    }
    buf = malloc(cap + 1);
    if (!buf)
        goto fail;
    got = read_upto(fd, buf, cap);
    if (got < 0)
        goto fail;
    buf[got] = '\0';
    if (truncated)
        *truncated = read_upto(fd, &extra, 1) == 1;
    if (len)
        *len = (size_t)got;
    close(fd);
    return buf;
fail:
    saved = errno;
    free(buf);
    close(fd);
    errno = saved;
    return NULL;
}

size_t od_strlcpy(char *dst, const char *src, size_t n)
{
    size_t len;

    if (!src)
        src = "";
    len = strlen(src);
    if (dst && n > 0) {
        size_t c = len < n - 1 ? len : od_utf8_cut(src, n - 1);

        memcpy(dst, src, c);
        dst[c] = '\0';
    }
    return len;
}

char *od_strdup(const char *s)
{
    return s ? od_strndup(s, strlen(s)) : NULL;
}

char *od_strndup(const char *s, size_t n)
{
    char *p;
    size_t len = 0;

    if (!s)
        return NULL;
    while (len < n && s[len])
        len++;
    p = malloc(len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int od_strcaseeq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcasecmp(a, b) == 0;
}

int od_str_endswith(const char *s, const char *suffix)
{
    size_t ls, lx;

    if (!s || !suffix)
        return 0;
    ls = strlen(s);
    lx = strlen(suffix);
    return lx <= ls && strcasecmp(s + ls - lx, suffix) == 0;
}

size_t od_http_method_len(const char *s, size_t n)
{
    static const char *const methods[] = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "PATCH ", "OPTIONS "};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        size_t m = strlen(methods[i]);
        if (n >= m && strncmp(s, methods[i], m) == 0)
            return m;
    }
    return 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *od_trim(char *s)
{
    size_t n;

    if (!s)
        return s;
    while (is_blank(*s))
        s++;
    n = strlen(s);
    while (n > 0 && is_blank(s[n - 1]))
        s[--n] = '\0';
    return s;
}

int od_next_line(const char **cur, struct od_view *line)
{
    const char *s = cur ? *cur : NULL;
    size_t n;

    if (!s || !*s)
        return 0;
    n = strcspn(s, "\n");
    *cur = s[n] ? s + n + 1 : s + n;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    *line = (struct od_view){s, n};
    return 1;
}

int od_next_field(struct od_view *line, struct od_view *field)
{
    size_t i = 0, start;

    while (i < line->n && (line->p[i] == ' ' || line->p[i] == '\t'))
        i++;
    if (i == line->n) {
        line->p += line->n;
        line->n = 0;
        return 0;
    }
    start = i;
    while (i < line->n && line->p[i] != ' ' && line->p[i] != '\t')
        i++;
    *field = (struct od_view){line->p + start, i - start};
    line->p += i;
    line->n -= i;
    return 1;
}

int od_view_copy(struct od_view v, char *dst, size_t n)
{
    if (!dst || n == 0)
        return -1;
    if (v.n >= n || (v.n > 0 && memchr(v.p, '\0', v.n))) {
        dst[0] = '\0';
        return -1;
    }
    memcpy(dst, v.p, v.n);
    dst[v.n] = '\0';
    return 0;
}

int od_hex_u32(const char *p, size_t n, uint32_t *out)
{
    uint32_t v = 0;

    if (!p || n == 0 || n > 8)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int d = hex_digit(p[i]);

        if (d < 0)
            return -1;
        v = (v << 4) | (uint32_t)d;
    }
    *out = v;
    return 0;
}

double od_now_ms(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Parse s (IPv4, IPv6, "[v6]", "v6%zone") into out (16 bytes); returns family or 0. */
static int ip_parse(const char *s, unsigned char out[16])
{
    char tmp[OD_ADDRLEN];
    size_t len;
    char *pct;

    if (!s)
        return 0;
    len = strlen(s);
    if (len == 0 || len >= sizeof(tmp))
        return 0;
    if (inet_pton(AF_INET, s, out) == 1)
        return AF_INET;
    if (s[0] == '[') {
        if (len < 3 || s[len - 1] != ']')
            return 0;
        memcpy(tmp, s + 1, len - 2);
        tmp[len - 2] = '\0';
    } else {
        memcpy(tmp, s, len + 1);
    }
    pct = strchr(tmp, '%');
    if (pct) {
        if (pct[1] == '\0')
            return 0;
        *pct = '\0';
    }
    return inet_pton(AF_INET6, tmp, out) == 1 ? AF_INET6 : 0;
}

int od_ip_family(const char *s)
{
    unsigned char a[16];

    return ip_parse(s, a);
}

static const unsigned char v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int od_ip_is_loopback(const char *s)
{
    static const unsigned char v6lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    unsigned char a[16];
    int fam = ip_parse(s, a);

    if (fam == AF_INET)
        return a[0] == 127;
    if (fam != AF_INET6)
        return 0;
    if (memcmp(a, v6lo, 16) == 0)
        return 1;
    return memcmp(a, v4mapped_prefix, 12) == 0 && a[12] == 127;
}

int od_ip_is_unspecified(const char *s)
{
    static const unsigned char zero[16];
    unsigned char a[16];
    int fam = ip_parse(s, a);

    if (fam == AF_INET)
        return memcmp(a, zero, 4) == 0;
    if (fam != AF_INET6)
        return 0;
    if (memcmp(a, zero, 16) == 0)
        return 1;
    return memcmp(a, v4mapped_prefix, 12) == 0 && memcmp(a + 12, zero, 4) == 0;
}

int od_ip_in_prefix(const char *addr, const char *net, int prefix)
{
    unsigned char a[16], b[16];
    int fa = ip_parse(addr, a), fb = ip_parse(net, b), bits = fa == AF_INET ? 32 : 128;
    if (!fa || fa != fb || prefix < 0 || prefix > bits)
        return 0;
    for (int i = 0; i < prefix; i++)
        if (((a[i / 8] ^ b[i / 8]) >> (7 - i % 8)) & 1)
            return 0;
    return 1;
}

int od_ip_is_rfc1918(const char *addr)
{
    return od_ip_in_prefix(addr, "10.0.0.0", 8) || od_ip_in_prefix(addr, "172.16.0.0", 12) ||
           od_ip_in_prefix(addr, "192.168.0.0", 16);
}

void od_ip_network(const char *addr, int prefix, char *out, size_t n)
{
    unsigned char a[16];
    char buf[64];
    int fam = ip_parse(addr, a), bits = fam == AF_INET ? 32 : 128;
    out[0] = '\0';
    if (!fam || prefix < 0 || prefix > bits)
        return;
    for (int i = prefix; i < bits; i++)
        a[i / 8] &= (unsigned char)~(1u << (7 - i % 8));
    if (inet_ntop(fam, a, buf, sizeof buf))
        snprintf(out, n, "%s/%d", buf, prefix);
}

int od_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int row[130];
    if (lb >= sizeof row / sizeof row[0] || la >= 130)
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

/* The length of the valid UTF-8 sequence at p (1-4), or 0. */
static size_t utf8_len(const unsigned char *p, unsigned *cp)
{
    size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
    unsigned v = n == 1 ? p[0] : n == 2 ? p[0] & 0x1fu : n == 3 ? p[0] & 0x0fu : p[0] & 0x07u;
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3fu);
    }
    if (n == 0 || v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n;
}

/* Every byte that is not part of valid UTF-8 becomes one '?'; with controls,
 * so do C0 and C1 control characters and DEL. */
static size_t clean_utf8(char *s, int controls)
{
    unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
    if (!s)
        return 0;
    while (*r) {
        unsigned cp = 0;
        size_t n = utf8_len(r, &cp);
        if (n == 0 || (controls && (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)))) {
            *w++ = '?';
            r += n ? n : 1;
            continue;
        }
        memmove(w, r, n);
        w += n, r += n;
    }
    *w = '\0';
    return (size_t)(w - (unsigned char *)s);
}

size_t od_printable(char *s)
{
    return clean_utf8(s, 1);
}

size_t od_utf8_clean(char *s)
{
    return clean_utf8(s, 0);
}

size_t od_utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}
