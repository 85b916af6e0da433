/* paste — undo what travelling did to a pasted error (see paste.h). Every
 * step rewrites the text in place from left to right: it only shrinks. */
#include "paste.h"
#include "paste_int.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util.h"

typedef size_t (*paste_step)(char *s, size_t len);

/* A colour code that lost its ESC on the way ("[31m", "[0m", or Windows'
 * "←[0m"): its length at p, or 0. */
static size_t bare_sgr(const char *p, const char *end)
{
    const char *q = p + 1;
    if (*p != '[')
        return 0;
    while (q < end && q - p <= 12 && ((*q >= '0' && *q <= '9') || *q == ';'))
        q++;
    return q < end && *q == 'm' ? (size_t)(q + 1 - p) : 0;
}

/* A terminal's escape sequences: CSI ("ESC [ ... m"), OSC ("ESC ] ... BEL"),
 * and colour codes whose ESC was lost (only when the text has the reset code
 * "[0m", so a bracketed word is never taken). */
static size_t strip_ansi(char *s, size_t len)
{
    char *end = s + len, *d = s;
    int bare = strstr(s, "[0m") != NULL;
    for (const char *p = s; p < end;) {
        if (*p == '\x1b' && p + 1 < end && p[1] == '[') {
            p += 2;
            while (p < end && !(*p >= 0x40 && *p <= 0x7e))
                p++;
            p += p < end;
        } else if (*p == '\x1b' && p + 1 < end && p[1] == ']') {
            p += 2;
            while (p < end && *p != '\a' && !(*p == '\x1b' && p + 1 < end && p[1] == '\\'))
                p++;
            p += p < end ? (*p == '\a' ? 1 : 2) : 0;
        } else if (*p == '\x1b') {
            p += p + 1 < end ? 2 : 1;
        } else if (bare && end - p >= 3 && memcmp(p, "\xe2\x86\x90", 3) == 0 && bare_sgr(p + 3, end)) {
            p += 3 + bare_sgr(p + 3, end); /* "←[0m": the Windows console shows ESC as an arrow */
        } else if (bare && bare_sgr(p, end)) {
            p += bare_sgr(p, end);
        } else {
            *d++ = *p++;
        }
    }
    return (size_t)(d - s);
}

/* "\r\n" and a lone "\r" (a progress line redrawn) end a line. */
static size_t line_ends(char *s, size_t len)
{
    char *d = s;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            continue;
        *d++ = s[i] == '\r' ? '\n' : s[i];
    }
    return (size_t)(d - s);
}

/* Blanks at the end of a line: a wrap at a space leaves one there (fold -s),
 * a console's copy pads its rows with them. */
static size_t trailing_blanks(char *s, size_t len)
{
    char *d = s;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            while (d > s && (d[-1] == ' ' || d[-1] == '\t'))
                d--;
        *d++ = s[i];
    }
    while (d > s && (d[-1] == ' ' || d[-1] == '\t'))
        d--;
    return (size_t)(d - s);
}

/* Typography a web page or a chat app adds: no-break, narrow and
 * ideographic spaces, zero-width characters and the byte-order mark, curly
 * quotes. */
static size_t typography(char *s, size_t len)
{
    static const struct { const char *from, *to; } map[] = {
        {"\xc2\xa0", " "},     {"\xe2\x80\xaf", " "}, {"\xe2\x80\x8b", ""}, {"\xe2\x80\x8c", ""},
        {"\xe2\x80\x8d", ""},  {"\xef\xbb\xbf", ""},  {"\xe2\x81\xa0", ""}, {"\xe2\x80\x98", "'"},
        {"\xe2\x80\x99", "'"}, {"\xe2\x80\x9c", "\""}, {"\xe2\x80\x9d", "\""}, {"\xe3\x80\x80", " "}};
    char *d = s;
    for (size_t i = 0; i < len;) {
        size_t k = N_OF(map);
        if ((unsigned char)s[i] >= 0xc2)
            for (k = 0; k < N_OF(map); k++)
                if (strncmp(s + i, map[k].from, strlen(map[k].from)) == 0)
                    break;
        if (k == N_OF(map)) {
            *d++ = s[i++];
            continue;
        }
        memmove(d, map[k].to, strlen(map[k].to));
        d += strlen(map[k].to);
        i += strlen(map[k].from);
    }
    return (size_t)(d - s);
}

/* A URL whose scheme a chat app or an autocorrect parted from the rest
 * ("POST http: //host/v1/completions"): joined again. */
static size_t scheme_spaces(char *s, size_t len)
{
    char *d = s;
    for (size_t i = 0; i < len;) {
        size_t k = i + 4, j;
        if (i + 7 < len && strncasecmp(s + i, "http", 4) == 0) {
            k += s[k] == 's' || s[k] == 'S';
            for (j = k + 1; s[k] == ':' && j < len && s[j] == ' '; j++)
                ;
            if (s[k] == ':' && j > k + 1 && j + 1 < len && s[j] == '/' && s[j + 1] == '/') {
                memmove(d, s + i, k + 1 - i);
                d += k + 1 - i;
                i = j;
                continue;
            }
        }
        *d++ = s[i++];
    }
    return (size_t)(d - s);
}

/* Full-width forms an input method types in Chinese or Japanese prose
 * ("localhost：11434", "（Errno 111）"): their ASCII letters, digits and
 * punctuation. */
static size_t fullwidth(char *s, size_t len)
{
    char *d = s;
    for (size_t i = 0; i < len;) {
        const unsigned char *u = (const unsigned char *)s + i;
        uint32_t cp = i + 2 < len && u[0] == 0xef && (u[1] == 0xbc || u[1] == 0xbd) && (u[2] & 0xc0) == 0x80
                          ? (uint32_t)(u[1] & 0x03) << 6 | (u[2] & 0x3f)
                          : 0;
        if (cp >= 0x01 && cp <= 0x5e) {
            *d++ = (char)(cp + 0x20); /* U+FF01..FF5E: "!".."~" */
            i += 3;
        } else {
            *d++ = s[i++];
        }
    }
    return (size_t)(d - s);
}

/* An HTML entity at p ("&quot;", "&#39;", "&#x2F;"): the ASCII character it
 * stands for (a no-break space is a space), its length in *n; 0 when p is
 * none of those. */
static char entity(const char *p, const char *end, size_t *n)
{
    static const struct { const char *name; char c; } named[] = {
        {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&nbsp;", ' '}};
    for (size_t i = 0; i < N_OF(named); i++) {
        size_t k = strlen(named[i].name);
        if ((size_t)(end - p) >= k && memcmp(p, named[i].name, k) == 0) {
            *n = k;
            return named[i].c;
        }
    }
    if (end - p >= 4 && p[1] == '#') {
        int hex = p[2] == 'x' || p[2] == 'X';
        const char *digits = p + 2 + hex, *q = digits;
        uint32_t v = 0;
        while (q < end && q - digits < 6 && (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q)))
            q++;
        if (hex && q > digits)
            (void)od_hex_u32(digits, (size_t)(q - digits), &v);
        for (const char *k = digits; !hex && k < q; k++)
            v = v * 10 + (uint32_t)(*k - '0');
        if (q < end && *q == ';' && q > digits && ((v >= 0x20 && v < 0x7f) || v == 0xa0)) {
            *n = (size_t)(q + 1 - p);
            return v == 0xa0 ? ' ' : (char)v;
        }
    }
    return 0;
}

/* One pass over the HTML entities; *amp says whether an "&amp;" was among them. */
static size_t entities_once(char *s, size_t len, int *amp)
{
    char *d = s, *end = s + len;
    *amp = 0;
    for (const char *p = s; p < end;) {
        size_t n = 0;
        char c = *p == '&' ? entity(p, end, &n) : 0;
        *amp |= c == '&';
        *d++ = c ? c : *p;
        p += c ? n : 1;
    }
    return (size_t)(d - s);
}

/* HTML entities, as a page or an HTML error body has them; again while a
 * pass made an '&' (a page that showed an escaped text escaped it again:
 * "&amp;#39;"), so that a second cleaning changes nothing. Each pass with
 * an entity shortens the text. */
static size_t html_entities(char *s, size_t len)
{
    int amp;
    do
        len = entities_once(s, len, &amp);
    while (amp);
    return len;
}

/* Calls fn(line, length, arg) for every line of s[0..len) that is not
 * blank; stops and returns 0 when fn does. */
static int each_line(const char *s, size_t len, int (*fn)(const char *, size_t, void *), void *arg)
{
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
        size_t blank = 0;
        while (blank < n && (s[i + blank] == ' ' || s[i + blank] == '\t'))
            blank++;
        if (blank < n && !fn(s + i, n, arg))
            return 0;
        i += n + 1;
    }
    return 1;
}

/* The length of what opens a line and is to go, or 0. */
typedef size_t (*line_prefix)(const char *l, size_t n, const void *arg);

/* Removes cut(line) bytes from the start of every line that is not blank. */
static size_t cut_lines(char *s, size_t len, line_prefix cut, const void *arg)
{
    char *d = s;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) + 1 : len - i;
        size_t k = cut(s + i, n, arg);
        memmove(d, s + i + k, n - k);
        d += n - k;
        i += n;
    }
    return (size_t)(d - s);
}

/* A quote marker ("> ", up to three spaces before it) opening a line: its
 * length, or 0. */
static size_t quote_marker(const char *l, size_t n, const void *arg)
{
    size_t i = 0;
    (void)arg;
    while (i < n && i < 3 && l[i] == ' ')
        i++;
    if (i >= n || l[i] != '>')
        return 0;
    return i + 1 + (i + 1 < n && l[i + 1] == ' ');
}

static int quoted(const char *l, size_t n, void *arg)
{
    (void)arg;
    return quote_marker(l, n, NULL) > 0;
}

/* A curl -v request line ("> GET /api/tags"): its '>' is curl's, not a
 * quote's. */
static int curl_request(const char *l, size_t n, void *arg)
{
    size_t k = quote_marker(l, n, NULL);
    (void)arg;
    return od_http_method_len(l + k, n - k) == 0;
}

/* A forum or mail quote: every line that is not blank opens with "> ". Each
 * level goes; curl's own "> GET" lines stay. */
static size_t unquote(char *s, size_t len)
{
    for (int level = 0; level < 4 && each_line(s, len, quoted, NULL) && each_line(s, len, curl_request, NULL);
         level++)
        len = cut_lines(s, len, quote_marker, NULL);
    return len;
}

/* Whether l matches shape: 'd' a digit, 'a' a letter, '_' a digit or a
 * space, anything else itself. */
static int shaped(const char *l, size_t n, const char *shape)
{
    size_t i = 0;
    for (; shape[i]; i++) {
        unsigned char c = i < n ? (unsigned char)l[i] : 0;
        if (shape[i] == 'd' ? !isdigit(c) : shape[i] == 'a' ? !isalpha(c)
                : shape[i] == '_' ? !isdigit(c) && c != ' ' : c != (unsigned char)shape[i])
            return 0;
    }
    return 1;
}

/* A container log's prefix, as docker compose logs prints it before every
 * line ("docker-api-1  | ", "api_1  | ", Docker Desktop's with a date
 * before it): its length, "| " included, or 0. One space before the bar
 * only after a replica number, so that prose ("a | b") is not one. */
static size_t compose_prefix(const char *l, size_t n, const void *arg)
{
    size_t i = 0, name, sp = 0;
    (void)arg;
    if (shaped(l, n, "dddd-dd-dd dd:dd:dd "))
        i = 20; /* Docker Desktop: 2025-03-22 14:34:19 api-1  | */
    if (i >= n || !isalnum((unsigned char)l[i]))
        return 0;
    while (i < n && (isalnum((unsigned char)l[i]) || l[i] == '_' || l[i] == '.' || l[i] == '-'))
        i++;
    name = i;
    while (i < n && l[i] == ' ')
        i++, sp++;
    if (sp == 0 || i >= n || l[i] != '|')
        return 0;
    if (sp == 1) {
        size_t k = name;
        while (k > 0 && isdigit((unsigned char)l[k - 1]))
            k--;
        if (k == name || k < 2 || (l[k - 1] != '-' && l[k - 1] != '_'))
            return 0;
    }
    i++;
    return i < n && l[i] == ' ' ? i + 1 : i;
}

/* A pod's log prefix, as kubectl logs --prefix prints it before every line
 * ("[pod/open-webui-0/open-webui] "): its length, the space included, or 0. */
static size_t kubectl_prefix(const char *l, size_t n, const void *arg)
{
    static const char head[] = "[pod/";
    size_t i = sizeof head - 1, slashes = 0;
    (void)arg;
    if (n <= i || strncmp(l, head, i) != 0)
        return 0;
    for (; i < n && l[i] != ']'; i++) {
        if (l[i] == '/')
            slashes++;
        else if (!isalnum((unsigned char)l[i]) && l[i] != '-' && l[i] != '.' && l[i] != '_')
            return 0;
    }
    if (i >= n || slashes != 1 || l[i - 1] == '/')
        return 0;
    i++;
    return i < n && l[i] == ' ' ? i + 1 : i;
}

/* A line of a container's log file as containerd and CRI-O write it under
 * /var/log/pods ("2025-05-01T10:00:00.123456789Z stderr F ", the time,
 * the stream, F for a full line or P for part of one): its length, the
 * space included, or 0. */
static size_t cri_prefix(const char *l, size_t n, const void *arg)
{
    static const char *const streams[] = {"stdout ", "stderr "};
    size_t i = 19;
    (void)arg;
    if (!shaped(l, n, "dddd-dd-ddTdd:dd:dd"))
        return 0;
    while (i < n && (isdigit((unsigned char)l[i]) || strchr(".:+-Z", l[i])))
        i++;
    if (i >= n || l[i] != ' ')
        return 0;
    for (size_t j = 0; j < N_OF(streams); j++)
        if (n - i > 9 && strncmp(l + i + 1, streams[j], 7) == 0 && (l[i + 8] == 'F' || l[i + 8] == 'P') &&
            (l[i + 9] == ' ' || l[i + 9] == '\n'))
            return i + 9 + (l[i + 9] == ' ');
    return 0;
}

/* The time a syslog line opens with: journalctl's and syslog's short form
 * ("Dec  3 01:02:03") or the ISO one with its offset ("2025-12-03T01:02:03
 * +0000", "...03.123456+00:00"); its length, or 0. */
static size_t syslog_time(const char *l, size_t n)
{
    size_t i = 19;
    if (shaped(l, n, "aaa _d dd:dd:dd "))
        return 15;
    if (!shaped(l, n, "dddd-dd-ddTdd:dd:dd"))
        return 0;
    if (i < n && l[i] == '.')
        for (i++; i < n && isdigit((unsigned char)l[i]); i++)
            ;
    if (i < n && (l[i] == '+' || l[i] == '-') && shaped(l + i + 1, n - i - 1, "dd"))
        i += shaped(l + i + 1, n - i - 1, "dd:dd") ? 6 : shaped(l + i + 1, n - i - 1, "dddd") ? 5 : 0;
    else if (i < n && l[i] == 'Z')
        i++;
    return i > 19 && i < n && l[i] == ' ' ? i : 0;
}

/* The end of the word at l[i] (letters, digits and the punctuation given);
 * *small: whether it has a small letter or a digit, as a name has and a log
 * level (INFO, ERROR) has not. */
static size_t word_end(const char *l, size_t n, size_t i, const char *punct, int *small)
{
    for (*small = 0; i < n && (isalnum((unsigned char)l[i]) || (l[i] && strchr(punct, l[i]))); i++)
        *small |= islower((unsigned char)l[i]) || isdigit((unsigned char)l[i]);
    return i;
}

/* A journal's or syslog's prefix, as journalctl prints it before every line
 * ("Dec 03 01:02:03 myhost ollama[1234]: ", the pid optional): its length,
 * the space included, or 0. A host name, and a program without its pid,
 * have a small letter or a digit, so that an app's own "time LEVEL logger:"
 * or "time logger LEVEL:" is not one. */
static size_t journal_prefix(const char *l, size_t n, const void *arg)
{
    size_t i = syslog_time(l, n), word;
    int small, utc;
    (void)arg;
    if (!i)
        return 0;
    utc = l[i - 1] == 'Z'; /* docker logs -t's and kubectl's time; no journal prints Z */
    i = word_end(l, n, i + 1, "._-", &small);
    if (!small || i >= n || l[i] != ' ')
        return 0; /* a host, not a level (2025-05-01T10:00:00+0000 ERROR app: x) */
    word = i + 1;
    i = word_end(l, n, word, "._-/@", &small);
    if (i == word || (!small && (i >= n || l[i] != '[')))
        return 0; /* a program, not a level without a pid ("...T01:02:03 httpx INFO: x") */
    if (utc && (i >= n || l[i] != '['))
        return 0; /* not a host and a program but an error's words: "...Z Extra data: line 1" */
    if (i < n && l[i] == '[') {
        for (word = ++i; i < n && isdigit((unsigned char)l[i]); i++)
            ;
        if (i == word || i >= n || l[i] != ']')
            return 0;
        i++;
    }
    if (i >= n || l[i] != ':')
        return 0;
    i++;
    return i < n && l[i] == ' ' ? i + 1 : i;
}

/* A cloud platform's log prefix: Fly.io's "2024-09-02T11:47:05.902
 * app[e784e903f59118] fra [info] ", Heroku's "2024-03-17T10:22:41.512+00:00
 * app[web.1]: " and AWS Lambda's "2024-06-11T17:05:33.981Z\tREQUEST-ID\tERROR\t";
 * its length, or 0. */
static size_t cloud_prefix(const char *l, size_t n, const void *arg)
{
    size_t i = syslog_time(l, n), b;
    int small;
    (void)arg;
    if (!i && shaped(l, n, "dddd-dd-ddTdd:dd:dd.") && memchr(l, '\t', n))
        for (i = 20; i < n && (isdigit((unsigned char)l[i]) || l[i] == 'Z'); i++)
            ;
    if (!i || i >= n)
        return 0;
    if (l[i] == '\t') { /* Lambda: the request's id, then the level */
        b = i + 1;
        i = word_end(l, n, b, "-", &small);
        if (i - b != 36 || i >= n || l[i] != '\t')
            return 0;
        b = i + 1;
        i = word_end(l, n, b, "", &small);
        return i > b && !small && i < n && l[i] == '\t' ? i + 1 : 0;
    }
    b = i + 1;
    i = word_end(l, n, b, "", &small);
    if (i == b || i >= n || l[i] != '[')
        return 0;
    i = word_end(l, n, i + 1, "._-", &small);
    if (i >= n || l[i] != ']')
        return 0;
    if (++i < n && l[i] == ':') /* Heroku: app[web.1]: */
        return i + 1 < n && l[i + 1] == ' ' ? i + 2 : i + 1;
    if (i + 1 < n && l[i] == ' ' && shaped(l + i + 1, n - i - 1, "aaa [")) { /* Fly: app[id] fra [info] */
        const char *close = memchr(l + i + 6, ']', n - i - 6);
        if (close && (size_t)(close - l) - (i + 6) <= 5)
            return (size_t)(close - l) + 1 < n && close[1] == ' ' ? (size_t)(close - l) + 2 : (size_t)(close - l) + 1;
    }
    return 0;
}

/* Container log prefixes go, so that each line reads as the program wrote
 * it; the first stays, on a line of its own ("docker-api-1  |",
 * "[pod/api-0/api]", "2025-05-01T10:00:00.1Z stderr F", Fly's, Heroku's and
 * Lambda's, "Dec 03 01:02:03 myhost ollama[1234]:"), as the sign of where
 * the text was logged.
 * The first line with a prefix decides which kind goes from the rest; under
 * a journal's prefix a container's may follow (compose run by systemd). */
static size_t log_prefixes(char *s, size_t len)
{
    static const struct {
        line_prefix cut;
        int nests; /* another kind's prefix may follow it on each line */
    } kinds[] = {{compose_prefix, 0}, {kubectl_prefix, 0}, {cri_prefix, 0}, {cloud_prefix, 0}, {journal_prefix, 1}};
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) + 1 : len - i;
        for (size_t j = 0; j < N_OF(kinds); j++) {
            size_t k = kinds[j].cut(s + i, n, NULL);
            if (!k)
                continue;
            if (s[i + k - 1] == ' ' || s[i + k - 1] == '\t')
                s[i + k - 1] = '\n';
            len = i + k + cut_lines(s + i + k, len - i - k, kinds[j].cut, NULL);
            return kinds[j].nests ? i + k + log_prefixes(s + i + k, len - i - k) : len;
        }
        i += n;
    }
    return len;
}

/* The time docker logs -t and kubectl logs --timestamps put before every
 * line ("2025-05-01T10:00:00.123456789Z "): its length, or 0. Seven to nine
 * digits of a second only, so that an app's own log times (tracing's
 * microseconds, a time with its offset) stay where the app wrote them. */
static size_t log_time(const char *l, size_t n, const void *arg)
{
    size_t i = 20, digits = 0;
    (void)arg;
    if (!shaped(l, n, "dddd-dd-ddTdd:dd:dd."))
        return 0;
    for (; i < n && isdigit((unsigned char)l[i]); i++)
        digits++;
    if (digits < 7 || digits > 9 || i + 1 >= n || l[i] != 'Z' || l[i + 1] != ' ')
        return 0;
    return i + 2;
}

/* A log's times go from every line that opens with one: they say nothing of
 * the error, and hide what opens the line. */
static size_t log_times(char *s, size_t len)
{
    return cut_lines(s, len, log_time, NULL);
}

/* A Markdown fence ("```", "```python", "~~~"), indented or not: the whole
 * line but its newline, or 0. Its lines would keep the block's indent. */
static size_t fence_line(const char *l, size_t n, const void *arg)
{
    size_t i = 0, end = n && l[n - 1] == '\n' ? n - 1 : n;
    (void)arg;
    while (i < end && (l[i] == ' ' || l[i] == '\t'))
        i++;
    if (end - i < 3 || (strncmp(l + i, "```", 3) != 0 && strncmp(l + i, "~~~", 3) != 0))
        return 0;
    for (char c = l[i]; i < end && l[i] == c;)
        i++;
    for (; i < end; i++) /* an info string: a language's name */
        if (!isalnum((unsigned char)l[i]) && !strchr("-+._ \t\r", l[i]))
            return 0;
    return end;
}

/* Markdown fences go, so that an indent the block's lines share goes too. */
static size_t fences(char *s, size_t len)
{
    return cut_lines(s, len, fence_line, NULL);
}

/* A date and time opening a line, as a log viewer or a logger puts before
 * every row ("2025-03-04 10:11:12,345 ", "[2025-03-04 10:11:12 UTC] "): its
 * length with the blank after it, or 0. Not the ISO form with a T, which
 * opens the rows of the logs whose shape tells where they come from (the
 * journal's, Fly's, Heroku's, Lambda's: log_prefixes and the signatures
 * read them). */
static size_t row_time(const char *l, size_t n, const void *arg)
{
    size_t i = 0;
    int bracket = n > 0 && l[0] == '[';
    (void)arg;
    if (!shaped(l + bracket, n - bracket, "dddd-dd-dd dd:dd:dd"))
        return 0;
    i = bracket + 19;
    if (bracket) {
        const char *end = memchr(l + i, ']', n - i < 16 ? n - i : 16);
        if (!end)
            return 0;
        i = (size_t)(end - l) + 1;
    } else
        while (i < n && (isdigit((unsigned char)l[i]) || strchr(".,:+-Z", l[i])))
            i++;
    if (i >= n || (l[i] != ' ' && l[i] != '\t'))
        return 0;
    return i + 1; /* one blank: the row's own indent stays */
}

static int timed_row(const char *l, size_t n, void *arg)
{
    (void)arg;
    return row_time(l, n, NULL) > 0;
}

static int count_rows(const char *l, size_t n, void *arg)
{
    (void)l, (void)n;
    ++*(int *)arg;
    return 1;
}

/* Times that open every row of a paste of several rows were put there by
 * a viewer or a logger around the text, not by the error: they go, so that
 * what opens each row is seen (a traceback's lines, a CLI's "Error:"). */
static size_t row_times(char *s, size_t len)
{
    int rows = 0;
    each_line(s, len, count_rows, &rows);
    if (rows < 2 || !each_line(s, len, timed_row, NULL))
        return len;
    return cut_lines(s, len, row_time, NULL);
}

struct indent {
    const char *first;
    size_t n;
};

/* Narrows the common indent to what this line shares with the first. */
static int common_indent(const char *l, size_t n, void *arg)
{
    struct indent *in = arg;
    size_t k = 0;
    if (!in->first) {
        in->first = l;
        while (k < n && (l[k] == ' ' || l[k] == '\t'))
            k++;
        in->n = k;
        return 1;
    }
    while (k < in->n && k < n && l[k] == in->first[k])
        k++;
    in->n = k;
    return k > 0;
}

static size_t indent_of(const char *l, size_t n, const void *arg)
{
    const struct indent *in = arg;
    size_t k = 0;
    while (k < in->n && k < n && (l[k] == ' ' || l[k] == '\t'))
        k++;
    return k;
}

/* The indent every line that is not blank shares (a Markdown code block, a
 * paste from an indented log) goes; the lines keep their indent relative to
 * each other. */
static size_t dedent(char *s, size_t len)
{
    struct indent in = {NULL, 0};
    if (!each_line(s, len, common_indent, &in) || in.n == 0)
        return len;
    return cut_lines(s, len, indent_of, &in);
}

size_t od_paste_clean(char *s, size_t len)
{
    /* the order matters: escapes first, then what they may hide (an
     * entity's quote marker); what a forum or a code block added to every
     * row (entities, quote markers, an indent) goes before a terminal's
     * rows are joined, so they have the width the terminal gave them, and
     * what an input method typed (full-width forms) after; last the JSON inside
     * the lines (a string's "\r\n" is dropped as it is decoded); Python's
     * literals (an exception's repr in a log) before JSON's, whose quotes
     * would pair across a repr's lines, and again after them (a repr inside
     * a JSON string); a wrap inside an error's words once the lines are
     * what they will stay */
    static const paste_step steps[] = {strip_ansi,
                                       line_ends,
                                       html_entities,
                                       unquote,
                                       fences,
                                       dedent,
                                       od_paste_marks,
                                       od_paste_dumps,
                                       od_paste_hard_wraps,
                                       typography,
                                       scheme_spaces,
                                       fullwidth,
                                       log_prefixes,
                                       log_times,
                                       row_times,
                                       od_paste_json_log_lines,
                                       od_paste_py_strings,
                                       od_paste_json_strings,
                                       od_paste_json_strings,
                                       od_paste_py_strings,
                                       trailing_blanks,
                                       od_paste_soft_wraps};
    s[len] = '\0';
    for (size_t i = 0; i < N_OF(steps); i++) {
        len = steps[i](s, len);
        s[len] = '\0';
    }
    return len;
}
