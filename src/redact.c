/* redact.c — one forward scan; at each position a table of matchers is
 * tried in order, the first that recognises a secret writes its replacement
 * and says how many input bytes it consumed, otherwise one byte is copied. */
#include "redact.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NAME_MAX_LEN 256 /* longer runs of name characters are data, not names */

struct obuf {
    char *p;
    size_t n, cap;
    int oom;
};

struct text {
    const char *s;
    size_t len;
    int in_dq;  /* the scan is inside a double-quoted string (JSON) opened on this line */
    int esc;    /* ... right after a backslash */
    int dq_esc; /* that string has had a backslash escape: JSON, so it goes on past a line end */
    int json;   /* the whole text is JSON: no value runs past an unescaped '"' */
};

/* A quote that delimits a string: " or ' or \" (a quote inside a JSON string). */
struct quote {
    const char *q;
    size_t n; /* 0: none */
};

static void put(struct obuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* --- characters (ASCII only: the locale must not change what is a secret) --- */

static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) { return is_upper(c) || is_lower(c) || is_digit(c); }
static int is_blank(int c) { return c == ' ' || c == '\t'; }
static int is_eol(int c) { return c == '\n' || c == '\r' || c == 0; }
static int is_name(int c) { return is_alnum(c) || c == '_' || c == '-' || c == '.'; }

static int in_set(int c, const char *set)
{
    return c > 0 && strchr(set, c) != NULL;
}

static int at(const struct text *t, size_t p)
{
    return p < t->len ? (unsigned char)t->s[p] : -1;
}

static int token_start(const struct text *t, size_t pos)
{
    return pos == 0 || !is_name(at(t, pos - 1));
}

static size_t skip_blanks(const struct text *t, size_t p)
{
    while (is_blank(at(t, p)))
        p++;
    return p;
}

static int starts_with(const struct text *t, size_t p, const char *s, size_t n)
{
    return n > 0 && p + n <= t->len && memcmp(t->s + p, s, n) == 0;
}

static int starts_with_ci(const struct text *t, size_t p, const char *s, size_t n)
{
    return p + n <= t->len && strncasecmp(t->s + p, s, n) == 0;
}

/* The quote right before pos, if any. */
static struct quote quote_before(const struct text *t, size_t pos)
{
    struct quote q = {NULL, 0};
    if (pos >= 2 && t->s[pos - 1] == '"' && t->s[pos - 2] == '\\')
        q.q = "\\\"", q.n = 2;
    else if (pos >= 1 && (t->s[pos - 1] == '"' || t->s[pos - 1] == '\''))
        q.q = t->s + pos - 1, q.n = 1;
    return q;
}

/* The quote that opens at p, if any. */
static struct quote quote_at(const struct text *t, size_t p)
{
    struct quote q = {NULL, 0};
    if (starts_with(t, p, "\\\"", 2))
        q.q = "\\\"", q.n = 2;
    else if (at(t, p) == '"' || at(t, p) == '\'')
        q.q = t->s + p, q.n = 1;
    return q;
}

/* Where a value that runs inside quote q, from p, ends: at the closing quote
 * or the end of the line. Backslash escapes are skipped whole, so a JSON
 * string stays valid when the value is replaced; and inside a JSON string
 * (q is \" or the scan is within double quotes) an unescaped '"' ends the
 * value too, whatever q is: the string around it ends there. */
static size_t quoted_end(const struct text *t, size_t p, struct quote q)
{
    int dq = q.n == 2 || (q.q[0] != '"' && (t->in_dq || t->json));
    while (p < t->len && !is_eol(at(t, p))) {
        if (starts_with(t, p, q.q, q.n) || (dq && at(t, p) == '"'))
            return p;
        p += at(t, p) == '\\' && p + 1 < t->len && !is_eol(at(t, p + 1)) ? 2 : 1;
    }
    return p;
}

/* Where an unquoted value from p ends: a blank, a quote, the end of the line;
 * '&' too in a URL query. Inside a quoted string (q) only its closing quote
 * or the end of the line end it, and inside a JSON string (q is \" or the
 * scan is within double quotes) an unescaped '"' too: the string ends there. */
static size_t bare_end(const struct text *t, size_t p, int query, struct quote q)
{
    int dq = q.n == 2 || (q.n && q.q[0] != '"' && (t->in_dq || t->json));
    while (p < t->len && !is_eol(at(t, p))) {
        int c = at(t, p);
        if (q.n ? starts_with(t, p, q.q, q.n) || (dq && c == '"') : (is_blank(c) || c == '"' || c == '\''))
            break;
        if (query && c == '&')
            break;
        p += c == '\\' && p + 1 < t->len && !is_eol(at(t, p + 1)) ? 2 : 1;
    }
    return p;
}

/* The string the scan is in, mid-line: a '"' opened earlier on the line, or
 * anywhere when the whole text is JSON (where nothing but a string holds a
 * name followed by ": "). A value there ends with the string. */
static struct quote string_around(const struct text *t)
{
    return t->in_dq || t->json ? (struct quote){"\"", 1} : (struct quote){NULL, 0};
}

static size_t line_end(const struct text *t, size_t p)
{
    while (p < t->len && !is_eol(at(t, p)))
        p++;
    while (p > 0 && is_blank(at(t, p - 1)))
        p--;
    return p;
}

/* Only blanks (and a YAML list dash) between the start of the line and pos. */
static int first_on_line(const struct text *t, size_t pos)
{
    size_t p = pos;
    while (p > 0 && is_blank(at(t, p - 1)))
        p--;
    if (p > 0 && at(t, p - 1) == '-' && p < pos) {
        p--;
        while (p > 0 && is_blank(at(t, p - 1)))
            p--;
    }
    return p == 0 || is_eol(at(t, p - 1));
}

/* Copy t[pos..v) and REDACTED; the number of bytes consumed (0: empty value). */
static size_t replace(const struct text *t, size_t pos, size_t v, size_t end, struct obuf *out)
{
    if (end <= v)
        return 0;
    put(out, t->s + pos, v - pos);
    put(out, OD_REDACTED, sizeof OD_REDACTED - 1);
    return end - pos;
}

/* A value starting at v: quoted (to its closing quote) or bare. */
static size_t replace_value(const struct text *t, size_t pos, size_t v, int query, struct quote outer,
                            struct obuf *out)
{
    struct quote q = quote_at(t, v);
    if (outer.n && starts_with(t, v, outer.q, outer.n))
        return 0; /* "NAME=" : the enclosing string ends, the value is empty */
    if (q.n)
        return replace(t, pos, v + q.n, quoted_end(t, v + q.n, q), out);
    return replace(t, pos, v, bare_end(t, v, query, outer), out);
}

/* --- names ------------------------------------------------------------- */

enum { AT_START = 1, AT_END = 2, WHOLE = 4 };

static const struct {
    const char *word;
    int where;
} markers[] = {
    {"KEY", AT_START | AT_END},        {"TOKEN", AT_START | AT_END},      {"SECRET", AT_START | AT_END},
    {"PASSWORD", AT_START | AT_END},   {"PASSWD", AT_START | AT_END},     {"PASSPHRASE", AT_START | AT_END},
    {"CREDENTIAL", AT_START | AT_END}, {"AUTHORIZATION", AT_START},       {"AUTH", WHOLE | AT_END},
    {"PASS", WHOLE},                   {"PWD", WHOLE},
};

/* Ordinary words that end in a marker: their ending does not count. */
static const char *const ordinary[] = {"MONKEY", "DONKEY", "TURKEY", "HOCKEY", "JOCKEY", "WHISKEY", "LACKEY"};

/* Whole names that are kept although a segment matches. */
static const char *const kept_names[] = {"PWD"};

static int word_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static int ordinary_word(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof ordinary / sizeof ordinary[0]; i++)
        if (word_is(s, n, ordinary[i]))
            return 1;
    return 0;
}

static int ends_with_marker(const char *s, size_t n, const char *w, size_t wn)
{
    if (n > wn && (s[n - 1] == 's' || s[n - 1] == 'S') && strncasecmp(s + n - 1 - wn, w, wn) == 0)
        return 1; /* APIKEYS */
    return n >= wn && strncasecmp(s + n - wn, w, wn) == 0;
}

static int segment_sensitive(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        const char *w = markers[i].word;
        size_t wn = strlen(w);
        int where = markers[i].where;
        if ((where & WHOLE) && word_is(s, n, w))
            return 1;
        if ((where & AT_START) && n >= wn && strncasecmp(s, w, wn) == 0)
            return 1;
        if ((where & AT_END) && ends_with_marker(s, n, w, wn) && !ordinary_word(s, n))
            return 1;
    }
    return 0;
}

int od_redact_name_sensitive(const char *name, size_t n)
{
    size_t i = 0;
    if (!name || n == 0 || n > NAME_MAX_LEN)
        return 0;
    for (size_t k = 0; k < sizeof kept_names / sizeof kept_names[0]; k++)
        if (strlen(kept_names[k]) == n && memcmp(name, kept_names[k], n) == 0)
            return 0;
    while (i < n) {
        size_t j;
        while (i < n && !is_alnum((unsigned char)name[i]))
            i++;
        for (j = i; j < n && is_alnum((unsigned char)name[j]); j++)
            if (j > i && (is_lower((unsigned char)name[j - 1]) || is_digit((unsigned char)name[j - 1])) &&
                is_upper((unsigned char)name[j]))
                break; /* camelCase step */
        if (j > i && segment_sensitive(name + i, j - i))
            return 1;
        i = j;
    }
    return 0;
}

/* --- matchers ---------------------------------------------------------- */

/* "://" then userinfo up to the last '@' of the authority. */
static size_t m_url(const struct text *t, size_t pos, struct obuf *out)
{
    size_t p, last_at = 0;
    /* Whatever precedes "://": a replacement just before it (a bearer token
     * cut at '~') must not hide a URL that the next pass would find. */
    if (!starts_with(t, pos, "://", 3))
        return 0;
    for (p = pos + 3; p < t->len; p++) {
        int c = at(t, p);
        if (c == 0 || is_blank(c) || is_eol(c) || in_set(c, "/?#\"'<>\\`"))
            break;
        if (c == '@')
            last_at = p;
    }
    if (last_at <= pos + 3)
        return 0;
    put(out, "://" OD_REDACTED "@", sizeof "://" OD_REDACTED "@" - 1);
    return last_at + 1 - pos;
}

/* Authorization: / Proxy-Authorization: header values. */
static size_t m_header(const struct text *t, size_t pos, struct obuf *out)
{
    static const char *const headers[] = {"Authorization:", "Proxy-Authorization:"};
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
        size_t n = strlen(headers[i]), v;
        struct quote q;
        if (!starts_with_ci(t, pos, headers[i], n))
            continue;
        v = skip_blanks(t, pos + n);
        q = quote_before(t, pos);
        if (!q.n)
            q = string_around(t);
        return replace(t, pos, v, q.n ? quoted_end(t, v, q) : line_end(t, v), out);
    }
    return 0;
}

/* Bearer <token> anywhere (logs, curl -v, error messages). */
static size_t m_bearer(const struct text *t, size_t pos, struct obuf *out)
{
    size_t v, e;
    if (!starts_with_ci(t, pos, "bearer", 6) || !is_blank(at(t, pos + 6)))
        return 0;
    v = skip_blanks(t, pos + 6);
    for (e = v; e < t->len; e++) {
        int c = at(t, e);
        if (!is_alnum(c) && !in_set(c, "-._~+/="))
            break;
    }
    return replace(t, pos, v, e, out);
}

/* Variables and keys whose value is a URL that may carry user:password@
 * without a scheme ("user:pw@proxy:3128", which requests accepts): names
 * ending in "proxy" (HTTP_PROXY, https_proxy, httpProxy) but not no_proxy /
 * noProxy, and OLLAMA_HOST. */
static int url_valued_name(const char *s, size_t n)
{
    if (n == 11 && memcmp(s, "OLLAMA_HOST", 11) == 0)
        return 1;
    if (n < 5 || strncasecmp(s + n - 5, "proxy", 5) != 0)
        return 0;
    return !(n >= 7 && strncasecmp(s + n - 7, "noproxy", 7) == 0) &&
           !(n >= 8 && strncasecmp(s + n - 8, "no_proxy", 8) == 0);
}

/* A URL value in [v, end): REDACTED from after "scheme://" (or v) to its
 * last '@', as od_url_redact does. 0 when it has no userinfo. */
static size_t strip_userinfo(const struct text *t, size_t pos, size_t v, size_t end, struct obuf *out)
{
    size_t start = v, i = v, last = 0;
    while (i < end && (is_alnum(at(t, i)) || (i > v && in_set(at(t, i), "+-."))))
        i++;
    if (i > v && i + 3 <= end && starts_with(t, i, "://", 3))
        start = i + 3;
    for (i = start; i < end; i++)
        if (at(t, i) == '@')
            last = i;
    return last > start ? replace(t, pos, start, last, out) : 0;
}

/* NAME=value and "NAME": "value" where the value is a URL (url_valued_name). */
static size_t m_url_var(const struct text *t, size_t pos, struct obuf *out)
{
    size_t e = pos, v;
    struct quote q = quote_before(t, pos), vq;
    while (e < t->len && is_name(at(t, e)))
        e++;
    if (e == pos || !url_valued_name(t->s + pos, e - pos))
        return 0;
    if (at(t, e) == '=') {
        v = e + 1;
        if (q.n && starts_with(t, v, q.q, q.n))
            return 0; /* "NAME=" : empty */
        vq = quote_at(t, v);
        if (vq.n)
            return strip_userinfo(t, pos, v + vq.n, quoted_end(t, v + vq.n, vq), out);
        return strip_userinfo(t, pos, v, bare_end(t, v, 0, q), out);
    }
    if (q.n && starts_with(t, e, q.q, q.n)) { /* "NAME": "value" */
        v = skip_blanks(t, e + q.n);
        if (at(t, v) != ':')
            return 0;
        v = skip_blanks(t, v + 1);
        if (!starts_with(t, v, q.q, q.n))
            return 0;
        return strip_userinfo(t, pos, v + q.n, quoted_end(t, v + q.n, q), out);
    }
    return 0;
}

/* NAME=value, "NAME": "value", NAME: value with a sensitive NAME. */
static size_t m_assign(const struct text *t, size_t pos, struct obuf *out)
{
    size_t e = pos, v;
    struct quote q = quote_before(t, pos);
    while (e < t->len && is_name(at(t, e)))
        e++;
    if (e == pos || !od_redact_name_sensitive(t->s + pos, e - pos))
        return 0;
    if (at(t, e) == '=' && at(t, e + 1) != '=') /* env, ini, query string, docker Env */
        return replace_value(t, pos, e + 1, pos > 0 && in_set(at(t, pos - 1), "?&"), q, out);
    if (q.n && starts_with(t, e, q.q, q.n)) { /* "NAME": "value" (JSON, Python) */
        v = skip_blanks(t, e + q.n);
        if (at(t, v) != ':')
            return 0;
        v = skip_blanks(t, v + 1);
        if (!starts_with(t, v, q.q, q.n))
            return 0; /* a number, an object, null: not a string */
        return replace(t, pos, v + q.n, quoted_end(t, v + q.n, q), out);
    }
    if (at(t, e) == ':' && (e + 1 == t->len || is_blank(at(t, e + 1)) || is_eol(at(t, e + 1))) &&
        first_on_line(t, pos)) { /* YAML, headers: the rest of the line */
        struct quote vq;
        v = skip_blanks(t, e + 1);
        vq = quote_at(t, v);
        if (vq.n)
            return replace(t, pos, v + vq.n, quoted_end(t, v + vq.n, vq), out);
        vq = string_around(t);
        return replace(t, pos, v, vq.n ? quoted_end(t, v, vq) : line_end(t, v), out);
    }
    return 0;
}

static const struct {
    size_t (*match)(const struct text *t, size_t pos, struct obuf *out);
    int at_token_start;
} matchers[] = {
    {m_url, 0},
    {m_header, 1},
    {m_bearer, 1},
    {m_url_var, 1},
    {m_assign, 1},
};

/* Keep t->in_dq and t->esc true for the text before p, given them before from.
 * A double-quoted string ends at the line's end unless it has had a
 * backslash escape: a JSON string (which a lenient parser lets run over a raw
 * line break) goes on, so a quoted value on the next line still ends at its
 * closing '"'. */
static void track_quotes(struct text *t, size_t from, size_t p)
{
    for (size_t i = from; i < p; i++) {
        int c = at(t, i);
        if (is_eol(c))
            t->in_dq = t->in_dq && t->dq_esc, t->esc = 0;
        else if (t->esc)
            t->esc = 0;
        else if (c == '\\')
            t->esc = 1, t->dq_esc |= t->in_dq;
        else if (c == '"')
            t->in_dq ^= 1, t->dq_esc = 0;
    }
}

/* The whole text is JSON (a lenient parser's: a string may run over a raw
 * line break), so a replaced value must leave every string's closing quote
 * where it is, whatever the scan of one line can tell. */
static int is_json(const char *text, size_t len)
{
    cJSON *j;
    if (!len || memchr(text, '\0', len))
        return 0;
    j = cJSON_ParseWithLength(text, len);
    cJSON_Delete(j);
    return j != NULL;
}

/* One forward scan. */
static char *redact_pass(const char *text, size_t len, size_t *outlen)
{
    struct text t = {text, len, 0, 0, 0, is_json(text, len)};
    struct obuf out = {0};
    size_t pos = 0;

    put(&out, "", 0);
    while (pos < t.len && !out.oom) {
        size_t used = 0;
        int start = token_start(&t, pos);
        for (size_t i = 0; i < sizeof matchers / sizeof matchers[0] && !used; i++)
            if (start || !matchers[i].at_token_start)
                used = matchers[i].match(&t, pos, &out);
        if (!used) {
            size_t n = 1; /* copy up to the next place a matcher could start */
            while (pos + n < t.len && is_name(at(&t, pos + n)) && is_name(at(&t, pos + n - 1)))
                n++;
            put(&out, t.s + pos, n);
            used = n;
        }
        track_quotes(&t, pos, pos + used);
        pos += used;
    }
    if (out.oom || !out.p) {
        free(out.p);
        return NULL;
    }
    out.p[out.n] = '\0';
    *outlen = out.n;
    return out.p;
}

/* Passes until nothing changes: a replacement can remove what ended an
 * earlier match (a '/' that stopped a URL's authority), so one pass is not
 * always a fixed point; the result is, and redacting it again changes
 * nothing. Bounded: each pass that changes something turns more of the text
 * into REDACTED. */
#define OD_REDACT_MAX_PASSES 8

char *od_redact(const char *text, size_t len, size_t *outlen)
{
    size_t n = 0, m = 0;
    char *cur = redact_pass(text ? text : "", text ? len : 0, &n), *next;
    for (int i = 1; cur && i < OD_REDACT_MAX_PASSES; i++) {
        if (!(next = redact_pass(cur, n, &m)))
            break;
        if (m == n && memcmp(cur, next, n) == 0) {
            free(next);
            break;
        }
        free(cur);
        cur = next, n = m;
    }
    if (cur && outlen)
        *outlen = n;
    return cur;
}
