/* paste_literal — the string literals inside a paste (paste.c's last steps):
 * JSON's (a structured log line, an error body, Go's %q) and Python's (an
 * exception's repr), decoded in place so that what they hide reads as lines.
 * Every step only shrinks the text. */
#include "paste_int.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/* Writes code point cp as UTF-8 at d (at most 4 bytes); returns the bytes. */
static size_t put_utf8(char *d, uint32_t cp)
{
    if (cp < 0x80) {
        d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (char)(0xc0 | cp >> 6);
        d[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (char)(0xe0 | cp >> 12);
        d[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        d[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    d[0] = (char)(0xf0 | cp >> 18);
    d[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    d[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    d[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* The length of a valid JSON escape at p (after the backslash), or 0. */
static size_t json_escape(const char *p, const char *end)
{
    if (p >= end)
        return 0;
    if (strchr("\"\\/bfnrt", *p) && *p)
        return 1;
    uint32_t v;
    if (*p == 'u' && end - p >= 5 && od_hex_u32(p + 1, 4, &v) == 0)
        return 5;
    return 0;
}

/* A raw Windows path at q ("D:\new", not JSON's "D:\\new"; q is inside a
 * string, so q[-1] exists): its backslashes are separators, whatever letter
 * follows them. */
static int raw_drive_path(const char *q, const char *end)
{
    int letter = (q[0] | 0x20) >= 'a' && (q[0] | 0x20) <= 'z';
    int word = ((q[-1] | 0x20) >= 'a' && (q[-1] | 0x20) <= 'z') || (q[-1] >= '0' && q[-1] <= '9');
    return end - q > 3 && letter && !word && q[1] == ':' && q[2] == '\\' && q[3] != '\\';
}

/* The JSON string literal opening at the quote p: its closing quote, or NULL
 * when what follows is no string literal (an escape JSON does not have, a
 * line end before the close, a raw Windows path inside) or, when
 * need_escapes, one without escapes (nothing to do). */
static const char *json_string(const char *p, const char *end, int need_escapes)
{
    int escapes = 0;
    for (const char *q = p + 1; q < end; q++) {
        size_t k;
        if (*q == '"')
            return escapes || !need_escapes ? q : NULL;
        if (*q == '\n' || raw_drive_path(q, end))
            return NULL;
        if (*q != '\\')
            continue;
        if (!(k = json_escape(q + 1, end)))
            return NULL;
        escapes = 1;
        q += k;
    }
    return NULL;
}

/* The "\uXXXX" escape at p (at its 'u'; json_escape checked it): its code
 * point, a UTF-16 pair joined into one ('?' for half a pair), and in *last
 * the escape's last byte. */
static uint32_t json_code_point(const char *p, const char *close, const char **last)
{
    uint32_t hi = 0, lo = 0;
    (void)od_hex_u32(p + 1, 4, &hi);
    *last = p + 4;
    if (hi < 0xd800 || hi >= 0xe000)
        return hi;
    if (hi < 0xdc00 && close - p > 10 && p[5] == '\\' && p[6] == 'u' && od_hex_u32(p + 7, 4, &lo) == 0 &&
        lo >= 0xdc00 && lo < 0xe000) {
        *last = p + 10;
        return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
    }
    return '?';
}

/* Decodes the escapes of the string literal (p, close) into d; returns the
 * end of what was written. A "\r" goes (line ends are "\n"), and so do NUL and
 * the backspace and form feed. */
static char *json_decode(char *d, const char *p, const char *close)
{
    for (; p < close; p++) {
        char c = *p == '\\' ? *++p : 0;
        uint32_t cp;
        if (!c)
            *d++ = *p;
        else if (c == 'u' && (cp = json_code_point(p, close, &p)) != 0)
            d += put_utf8(d, cp);
        else if (c == 'n' || c == 't')
            *d++ = c == 'n' ? '\n' : '\t';
        else if (!strchr("urbf", c))
            *d++ = c;
    }
    return d;
}

/* Writes the string literal from the quote p to its closing quote, decoded,
 * at d; returns the end. A string of several lines, or any when block, is a
 * block of them: its quotes become line ends, so its first line starts a
 * line too. */
static char *put_literal(char *d, const char *p, const char *close, int block)
{
    char *open = d++, *body = d;
    d = json_decode(d, p + 1, close);
    block = block || memchr(body, '\n', (size_t)(d - body));
    *open = *d = block ? '\n' : '"';
    return d + 1;
}

/* The escapes of JSON string literals (a JSON log line, an error body, a Go
 * %q): "\n" is a line, "\"" a quote. A literal without escapes is left. */
size_t od_paste_json_strings(char *s, size_t len)
{
    char *d = s, *end = s + len;
    for (const char *p = s; p < end;) {
        const char *close = *p == '"' ? json_string(p, end, 1) : NULL;
        if (!close) {
            *d++ = *p++;
            continue;
        }
        d = put_literal(d, p, close, 0);
        p = close + 1;
    }
    return (size_t)(d - s);
}

/* The length of a valid escape of a Python string literal at p (after the
 * backslash), or 0; *nl is set for "\n". */
static size_t py_escape(const char *p, const char *end, int *nl)
{
    uint32_t v;
    if (p >= end)
        return 0;
    if (*p && strchr("\\'\"nrt", *p)) {
        *nl |= *p == 'n';
        return 1;
    }
    if (*p == 'x' && end - p >= 3 && od_hex_u32(p + 1, 2, &v) == 0)
        return 3;
    if (*p == 'u' && end - p >= 5 && od_hex_u32(p + 1, 4, &v) == 0)
        return 5;
    return 0;
}

/* The Python string literal opening at the quote p (a repr in a log:
 * 'Traceback ...\n  File ...'): its closing quote, or NULL when what follows
 * is no literal (a line end before the close, an escape Python does not
 * have, a raw Windows path inside); *lines says whether it hides lines. An
 * apostrophe inside a word opens or closes nothing. */
static const char *py_string(const char *s, const char *p, const char *end, int *lines)
{
    *lines = 0;
    if (p > s && isalnum((unsigned char)p[-1]))
        return NULL;
    for (const char *q = p + 1; q < end; q++) {
        size_t k;
        if (*q == '\'')
            return q + 1 < end && isalnum((unsigned char)q[1]) ? NULL : q;
        if (*q == '\n' || raw_drive_path(q, end))
            return NULL;
        if (*q != '\\')
            continue;
        if (!(k = py_escape(q + 1, end, lines)))
            return NULL;
        q += k;
    }
    return NULL;
}

/* Decodes the escapes of the Python literal (p, close) into d: a control
 * character goes ("\r", "\x1b"), as does a code point UTF-8 cannot carry. */
static char *py_decode(char *d, const char *p, const char *close)
{
    for (; p < close; p++) {
        uint32_t v = 0;
        char c = *p == '\\' ? *++p : 0;
        if (!c) {
            *d++ = *p;
        } else if (c == 'n' || c == 't') {
            *d++ = c == 'n' ? '\n' : '\t';
        } else if (c == 'x' || c == 'u') {
            size_t k = c == 'x' ? 2 : 4;
            (void)od_hex_u32(p + 1, k, &v);
            p += k;
            if (v >= 0x20 && v != 0x7f && (v < 0xd800 || v >= 0xe000))
                d += put_utf8(d, v);
        } else if (c != 'r') {
            *d++ = c;
        }
    }
    return d;
}

/* Python string literals that hide lines (an exception's repr, a dict of
 * them in a log): decoded, each on lines of its own, as the JSON ones. Any
 * other literal is kept whole, so that its closing quote opens nothing
 * ('' before a line's "\n"). */
size_t od_paste_py_strings(char *s, size_t len)
{
    char *d = s, *end = s + len;
    for (const char *p = s; p < end;) {
        int lines;
        const char *close = *p == '\'' ? py_string(s, p, end, &lines) : NULL;
        if (!close) {
            *d++ = *p++;
        } else if (!lines) {
            memmove(d, p, (size_t)(close + 1 - p));
            d += close + 1 - p;
            p = close + 1;
        } else {
            *d++ = '\n';
            d = py_decode(d, p + 1, close);
            *d++ = '\n';
            p = close + 1;
        }
    }
    return (size_t)(d - s);
}

/* A structured log line: a JSON object on one line with a log's own keys
 * (a level, a time, a stream; journalctl -o json's MESSAGE). Its value
 * strings are what was logged. */
static int log_line(const char *l, const char *e)
{
    static const char *const keys[] = {"\"level\":", "\"lvl\":",    "\"severity\":", "\"time\":", "\"ts\":",
                                       "\"timestamp\":", "\"@timestamp\":", "\"stream\":", "\"logger\":",
                                       "\"caller\":", "\"msg\":", "\"MESSAGE\":", "\"__REALTIME_TIMESTAMP\":"};
    while (l < e && (*l == ' ' || *l == '\t'))
        l++;
    while (e > l && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    if (e - l < 4 || l[0] != '{' || l[1] != '"' || e[-1] != '}')
        return 0;
    for (size_t i = 0; i < N_OF(keys); i++)
        for (const char *k = l; (k = memchr(k, '"', (size_t)(e - k))) != NULL; k++)
            if ((size_t)(e - k) > strlen(keys[i]) && strncmp(k, keys[i], strlen(keys[i])) == 0)
                return 1;
    return 0;
}

/* Docker's json-file log line ({"log":"text\n","stream":"stderr","time":
 * ...}, as the container's log file and some log shippers show it): the
 * opening quote of the "log" string, which comes first (and *close its
 * closing one); NULL for any other line. */
static const char *docker_log_value(const char *l, const char *e, const char **close)
{
    static const char key[] = "{\"log\":";
    const char *p = l;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    if ((size_t)(e - p) <= sizeof key || strncmp(p, key, sizeof key - 1) != 0)
        return NULL;
    for (p += sizeof key - 1; p < e && *p == ' ';)
        p++;
    *close = p < e && *p == '"' ? json_string(p, e, 0) : NULL;
    return *close && memmem(*close, (size_t)(e - *close), "\"stream\":", 9) ? p : NULL;
}

/* The text of a json-file log line alone, decoded, without the line end
 * Docker keeps inside it: the lines read as the program wrote them, so a
 * message spread over several lines stays whole. The first line's record
 * (,"stream":"stderr","time":"..."}) stays before it, on a line of its own,
 * as the sign that a container logged the text, as a log prefix's does. */
static char *put_docker_log(char *d, const char *open, const char *close, const char *e, int first)
{
    char record[96];
    size_t n = first ? (size_t)(e - close - 1) : 0;
    char *body = d;
    if (n >= sizeof record)
        n = sizeof record - 1;
    memcpy(record, close + 1, n);
    d = json_decode(d, open + 1, close);
    while (d > body && d[-1] == '\n')
        d--;
    if (n) { /* the line held the record and more, so it fits where the line was */
        memmove(body + n + 1, body, (size_t)(d - body));
        memcpy(body, record, n);
        body[n] = '\n';
        d += n + 1;
    }
    return d;
}

/* Every value string of a structured log line stands on lines of its own,
 * decoded (its quotes become line ends): a logged message reads like the
 * message itself, its first and last words at a line's ends. Docker's
 * json-file lines give their text alone. */
size_t od_paste_json_log_lines(char *s, size_t len)
{
    char *d = s, *end = s + len;
    int dockers = 0;
    for (const char *l = s; l < end;) {
        const char *e = memchr(l, '\n', (size_t)(end - l));
        e = e ? e : end;
        const char *shut, *docker = docker_log_value(l, e, &shut);
        if (docker) {
            d = put_docker_log(d, docker, shut, e, dockers++ == 0);
            if (e < end)
                *d++ = '\n';
            l = e + 1;
            continue;
        }
        int log = log_line(l, e);
        const char *prev = NULL; /* the last character outside a string */
        for (const char *p = l; p < e;) {
            const char *close = log && *p == '"' ? json_string(p, e, 0) : NULL;
            if (!close) {
                if (*p != ' ')
                    prev = p;
                *d++ = *p++;
                continue;
            }
            if (prev && *prev == ':') {
                d = put_literal(d, p, close, 1);
            } else {
                memmove(d, p, (size_t)(close + 1 - p));
                d += close + 1 - p;
            }
            prev = close;
            p = close + 1;
        }
        if (e < end)
            *d++ = '\n';
        l = e + 1;
    }
    return (size_t)(d - s);
}
