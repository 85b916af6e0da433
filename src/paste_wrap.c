/* paste_wrap — the lines a wrap broke, joined again so that the words read as
 * the runtime printed them. Two steps of paste.c: first a terminal's copy of
 * lines longer than its width (rows of exactly that width, cut anywhere, even
 * inside a number); last the lines a mail client, a forum or a narrow
 * terminal broke at a space inside an error's words ("dial tcp\n10.0.0.5:11434:
 * i/o timeout", "Connection\nrefused", "host='ollama',\nport=11434"). Only a
 * break inside a known phrase is joined there: a line break elsewhere may be
 * the paste's own (a new log line, a stack frame). */
#include "paste_int.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "textwidth.h"
#include "util.h"

/* The runtimes' and servers' words that a wrap may split at one of their
 * spaces. A phrase is matched case-insensitively. */
static const char *const phrases[] = {
    "dial tcp",
    "dial udp",
    "i/o timeout",
    "no such host",
    "unsupported protocol scheme",
    "could not connect to ollama app, is it running?",
    "connection refused",
    "connection reset by peer",
    "connection timed out",
    "actively refused it",
    "no connection could be made because the target machine actively refused it",
    "name or service not known",
    "temporary failure in name resolution",
    "nodename nor servname provided, or not known",
    "failed to establish a new connection",
    "max retries exceeded with url",
    "read timed out",
    "no route to host",
    "network is unreachable",
    "failed to resolve",
    "getaddrinfo failed",
    "connect econnrefused",
    "connect etimedout",
    "connect ehostunreach",
    "getaddrinfo enotfound",
    "getaddrinfo eai_again",
    "failed to connect to",
    "couldn't connect to server",
    "could not resolve host",
    "404 page not found",
    "404 not found",
    "wrong version number",
    "remote end closed connection without response",
    "server disconnected without sending a response",
    "cannot connect to host",
    "connect call failed",
};

/* Whether phrase p, split at its space k, ends at s[i] (before the break) and
 * goes on at s[i + 2] (after it). */
static int split_at(const char *s, size_t len, size_t i, const char *p, size_t k)
{
    size_t rest = strlen(p) - k - 1;
    if (k > i + 1 || i + 2 + rest > len)
        return 0;
    if (strncasecmp(s + i + 1 - k, p, k) != 0 || strncasecmp(s + i + 2, p + k + 1, rest) != 0)
        return 0;
    /* the phrase starts a word: "dial tcp" is not "redial tcp" */
    return i + 1 == k || !isalnum((unsigned char)s[i - k]);
}

static int inside_phrase(const char *s, size_t len, size_t i)
{
    for (size_t n = 0; n < N_OF(phrases); n++)
        for (const char *sp = strchr(phrases[n], ' '); sp; sp = strchr(sp + 1, ' '))
            if (split_at(s, len, i, phrases[n], (size_t)(sp - phrases[n])))
                return 1;
    return 0;
}

/* Words that a value follows (an address, a URL): a wrap right after them. */
static const char *const leads[] = {
    "dial tcp", "dial udp",   "failed to connect to", "cannot connect to host",       "could not resolve host:",
    "for url",  "request to", "connection to",        "error sending request for url"};

static int after_lead(const char *s, size_t i)
{
    for (size_t n = 0; n < N_OF(leads); n++) {
        size_t k = strlen(leads[n]);
        if (i + 1 >= k && strncasecmp(s + i + 1 - k, leads[n], k) == 0 &&
            (i + 1 == k || !isalnum((unsigned char)s[i - k])))
            return 1;
    }
    return 0;
}

/* urllib3's pool and Python's reprs: "host='ollama'," then "port=11434" on
 * the next line; curl's "Failed to connect to localhost" then "port 11434". */
static int host_then_port(const char *s, size_t len, size_t i)
{
    if (i + 6 <= len && s[i] == ',' && strncmp(s + i + 2, "port=", 5) == 0)
        return 1;
    return i + 7 <= len && strncmp(s + i + 2, "port ", 5) == 0 && isdigit((unsigned char)s[i + 7]);
}

/* Whether the word before s[at] (a space between) is word w. */
static int word_before(const char *s, size_t at, const char *w)
{
    size_t k = strlen(w);
    return at >= k + 1 && s[at - 1] == ' ' && strncmp(s + at - 1 - k, w, k) == 0 &&
           (at == k + 1 || !isalnum((unsigned char)s[at - 2 - k]));
}

/* Node's error codes after the call that failed are followed by the address
 * they were about ("connect ECONNREFUSED" then "127.0.0.1:11434"); npm's
 * "code EAI_AGAIN" line is followed by its next line, not an address. */
static int code_then_address(const char *s, size_t len, size_t i)
{
    static const char *const codes[] = {"ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH",
                                        "ENOTFOUND",    "EAI_AGAIN", "ECONNRESET"};
    static const char *const calls[] = {"connect", "getaddrinfo", "queryA", "queryAaaa", "read", "write"};
    for (size_t n = 0; n < N_OF(codes); n++) {
        size_t k = strlen(codes[n]), c;
        if (i + 1 < k || strncmp(s + i + 1 - k, codes[n], k) != 0 || i + 2 >= len ||
            !(isalnum((unsigned char)s[i + 2]) || s[i + 2] == '['))
            continue;
        for (c = 0; c < N_OF(calls) && !word_before(s, i + 1 - k, calls[c]); c++)
            ;
        if (c < N_OF(calls))
            return 1;
    }
    return 0;
}

/* The length of the line that starts at s[b]. */
static size_t line_len(const char *s, size_t len, size_t b)
{
    const char *nl = memchr(s + b, '\n', len - b);
    return nl ? (size_t)(nl - (s + b)) : len - b;
}

/* A row cut at the terminal's width goes on at the next line, unless that
 * line starts the way the row's own line did (a log's next line of the same
 * length: its time or its prefix again). head: that line's first bytes. */
static int continues(const char *head, const char *s, size_t len, size_t next)
{
    /* a row that ends in blanks was padded to the width (a console's
     * rectangular copy), not cut */
    if (next >= 3 && s[next - 2] == ' ' && s[next - 3] == ' ')
        return 0;
    return next < len && line_len(s, len, next) > 0 && strncmp(head, s + next, 4) != 0;
}

#define WRAP_MIN_WIDTH 40 /* narrower rows are a paste's own short lines */

/* Whether rows a and b, both n bytes, differ in at most three bytes: the
 * same line printed again with another number in it (a port, a counter). */
static int same_row_but_a_number(const char *a, const char *b, size_t n)
{
    size_t diff = 0;
    for (size_t i = 0; i < n && diff <= 3; i++)
        diff += a[i] != b[i];
    return diff <= 3;
}

/* The width of the widest rows when two or more different ones are cut at
 * it, each going on at the next line (a terminal's wrap); 0 when the text has
 * none. A row that repeats the first row of that width (a retry loop's log,
 * an error pasted twice, or with another port or count in it: curl refused
 * at 3001, then at 3002) has its width by being the same line, not by a cut. */
static size_t wrap_width(const char *s, size_t len)
{
    size_t width = 0, rows = 0, first = 0, first_n = 0;
    const char *head = s;
    for (size_t b = 0; b <= len;) {
        size_t n = line_len(s, len, b), w = (size_t)od_text_width_n(s + b, n);
        int on = b + n < len && continues(head, s, len, b + n + 1);
        if (w > width) {
            width = w;
            rows = 0;
        }
        if (w == width && on && (rows == 0 || n != first_n || !same_row_but_a_number(s + first, s + b, n))) {
            if (rows++ == 0) {
                first = b;
                first_n = n;
            }
        }
        if (!(w == width && on))
            head = s + b + n + 1;
        b += n + 1;
    }
    return width >= WRAP_MIN_WIDTH && rows >= 2 ? width : 0;
}

/* The widths terminals and consoles are opened at (xterm's and macOS
 * Terminal's 80, Windows' console 120, VT100's 132 ...): a row of exactly
 * one of them, cut inside a word, is a terminal's, whatever the word. */
static int terminal_width(size_t w)
{
    static const size_t widths[] = {80, 100, 120, 132, 140, 150, 160, 180, 200, 220, 240};
    for (size_t i = 0; i < N_OF(widths); i++)
        if (w == widths[i])
            return 1;
    return 0;
}

/* Two letters or two digits: one word or number cut in two. A number that
 * ends a row and a word that starts the next ("...:11434" then "or
 * configure") are a line's own end. */
static int same_class(char a, char b)
{
    return (isalpha((unsigned char)a) && isalpha((unsigned char)b)) ||
           (isdigit((unsigned char)a) && isdigit((unsigned char)b));
}

/* The length of a duration's unit letter at s[i] (h, m, s, u, n, or the
 * micro sign Go prints in "µs"), or 0. */
static size_t unit_at(const char *s, size_t len, size_t i)
{
    if (i + 1 < len && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xb5)
        return 2;
    return i < len && s[i] && strchr("hmsun", s[i]) ? 1 : 0;
}

/* Whether the text at s[i] ends a duration a number began before the cut:
 * Go's "5" then "m0s", "300" then "ms", "1.2" then "µs", "1" then "h2m3s"
 * (units between digits), with no other letter after. */
static int duration_tail(const char *s, size_t len, size_t i)
{
    size_t j = i, k;
    if (!unit_at(s, len, i))
        return 0;
    while (j < len && ((k = unit_at(s, len, j)) || isdigit((unsigned char)s[j]) || s[j] == '.'))
        j += k ? k : 1;
    return j == len || !isalpha((unsigned char)s[j]);
}

/* Whether the break after a row of exactly a terminal's width (at s[nl],
 * its line starting at s[b]) is the terminal's: the next line goes on at
 * once, inside a word or a number, after a separator (":" then the port),
 * or with the one space the cut fell on; not with an indent, a digit after
 * a letter or a letter after a digit (a row's own end), or the row's own
 * prefix again (a log's next line). */
static int terminal_cut(const char *s, size_t len, size_t b, size_t nl)
{
    unsigned char prev = (unsigned char)s[nl - 1], next;
    if (nl + 2 >= len || !terminal_width((size_t)od_text_width_n(s + b, nl - b)) || !continues(s + b, s, len, nl + 1))
        return 0;
    next = (unsigned char)s[nl + 1];
    if (isspace(next))
        return next == ' ' && !isspace(prev) && !isspace((unsigned char)s[nl + 2]);
    if (isspace(prev))
        return 1;
    if (isdigit(prev) && duration_tail(s, len, nl + 1))
        return 1;
    if (isalnum(prev) && isalnum(next))
        return same_class((char)prev, (char)next);
    if (isalnum(prev)) /* a host's port, a path's next part, a URL's query, a quoted name's end, a name's next part */
        return strchr(":/._=@?&#%)]}\"'", next) != NULL || (next == '-' && isalnum((unsigned char)s[nl + 2]));
    if (isalnum(next)) /* "host:" then the port, "/api/" then "chat"; not "response:" then a body's words */
        return isdigit(next) || strchr("/.-_=@", prev) != NULL;
    if (prev >= 0x80 && next >= 0x80) /* a sentence of wide characters cut between two of them */
        return 1;
    if ((prev == '"' || prev == '\'') && next == '/') /* a quoted path cut after its quote (an access log's "/api/chat") */
        return 1;
    return strchr("/:.", prev) && strchr("/:.", next); /* "http:" then "//" */
}

/* Single rows a terminal cut at its width, where no width is common to two
 * rows (wrap_width): the breaks terminal_cut takes for the terminal's. */
static size_t terminal_rows(char *s, size_t len)
{
    size_t d = 0;
    for (size_t b = 0; b < len;) {
        size_t n = line_len(s, len, b);
        int cut = b + n < len && n > 0 && terminal_cut(s, len, b, b + n);
        memmove(s + d, s + b, n);
        d += n;
        if (b + n < len && !cut)
            s[d++] = '\n';
        b += n + 1;
    }
    return d;
}

size_t od_paste_hard_wraps(char *s, size_t len)
{
    size_t width = wrap_width(s, len), d = 0;
    char head[5];
    if (!width)
        return terminal_rows(s, len);
    od_strlcpy(head, s, sizeof head);
    for (size_t b = 0; b < len;) {
        size_t n = line_len(s, len, b);
        int on = (size_t)od_text_width_n(s + b, n) == width && continues(head, s, len, b + n + 1);
        memmove(s + d, s + b, n);
        d += n;
        if (b + n < len && !on) {
            s[d++] = '\n';
            od_strlcpy(head, s + b + n + 1, sizeof head);
        }
        b += n + 1;
    }
    return d;
}

/* Whether a phrase goes on across the line break at s[nl], cut inside one
 * of its words ("connect: c" then "onnection refused"). */
static int phrase_across(const char *s, size_t len, size_t nl)
{
    for (size_t n = 0; n < N_OF(phrases); n++) {
        const char *p = phrases[n];
        for (size_t k = 1, plen = strlen(p); k < plen; k++) {
            if (p[k - 1] == ' ' || p[k] == ' ' || nl < k || nl + 1 + plen - k > len)
                continue;
            if (strncasecmp(s + nl - k, p, k) == 0 && strncasecmp(s + nl + 1, p + k, plen - k) == 0 &&
                (nl == k || !isalnum((unsigned char)s[nl - k - 1])))
                return 1;
        }
    }
    return 0;
}

/* Whether the line break at s[nl] cuts a port in two ("127.0.0.1:114" then
 * "34: connect", "port=1143" then "4)"): the digits on both sides make a
 * port, and the next line goes on with no other word. */
static int port_across(const char *s, size_t len, size_t nl)
{
    size_t a = nl, b = nl + 1;
    unsigned long v = 0;
    while (a > 0 && isdigit((unsigned char)s[a - 1]))
        a--;
    while (b < len && isdigit((unsigned char)s[b]))
        b++;
    if (a == nl || b == nl + 1 || (nl - a) + (b - nl - 1) > 5 || a == 0)
        return 0;
    if (!(s[a - 1] == ':' || s[a - 1] == '=' || (a >= 5 && strncmp(s + a - 5, "port ", 5) == 0)))
        return 0;
    if (b < len && (isalnum((unsigned char)s[b]) || s[b] == '.'))
        return 0;
    for (size_t i = a; i < b; i++)
        if (i != nl)
            v = v * 10 + (unsigned long)(s[i] - '0');
    return v > 0 && v <= 65535;
}

/* A single row a terminal cut at its width inside a word or a port (two
 * rows would be wrap_width's): the break goes when the row is a terminal's
 * width at least and the words or the port go on across it. */
static size_t cut_words(char *s, size_t len)
{
    size_t d = 0, line = 0;
    for (size_t i = 1; i + 1 < len; i++) { /* marked first (a NUL, which no text has), then gone */
        if (s[i] != '\n')
            continue;
        if (!isspace((unsigned char)s[i - 1]) && !isspace((unsigned char)s[i + 1]) &&
            (size_t)od_text_width_n(s + line, i - line) >= WRAP_MIN_WIDTH &&
            (phrase_across(s, len, i) || port_across(s, len, i)))
            s[i] = '\0';
        line = i + 1;
    }
    for (size_t i = 0; i < len; i++)
        if (s[i])
            s[d++] = s[i];
    return d;
}

/* A line that is only an exception's name and its colon
 * ("requests.exceptions.ConnectionError:" at s[i]): its message went on the
 * next line (a runtime prints both on one). */
static int exception_then_message(const char *s, size_t i)
{
    static const char *const ends[] = {"Error:", "Exception:", "Timeout:", "Failure:"};
    size_t b = i;
    while (b > 0 && s[b - 1] != '\n')
        b--;
    for (size_t k = b; k < i; k++)
        if (!isalnum((unsigned char)s[k]) && s[k] != '_' && s[k] != '.')
            return 0;
    for (size_t n = 0; n < N_OF(ends); n++) {
        size_t k = strlen(ends[n]);
        if (i + 1 >= b + k + 1 && strncmp(s + i + 1 - k, ends[n], k) == 0)
            return 1;
    }
    return 0;
}

size_t od_paste_soft_wraps(char *s, size_t len)
{
    len = cut_words(s, len);
    for (size_t i = 1; i + 2 < len; i++) {
        /* s[i] is the last character before a line break at s[i + 1], and the
         * next line goes on at once: a wrap at a space */
        if (s[i + 1] != '\n' || isspace((unsigned char)s[i]) || isspace((unsigned char)s[i + 2]))
            continue;
        if (inside_phrase(s, len, i) || after_lead(s, i) || host_then_port(s, len, i) || code_then_address(s, len, i) ||
            exception_then_message(s, i))
            s[i + 1] = ' ';
    }
    return len;
}
