/* textwidth — the geometry of UTF-8 text on a terminal: display columns
 * (East Asian wide characters count two, combining marks none), cutting to a
 * width, and wrapping (at blanks, between CJK characters, never before
 * closing punctuation nor after opening punctuation). */
#include "textwidth.h"

#include <string.h>

#include "util.h"

/* One UTF-8 code point at s (malformed bytes count as one each). */
static unsigned decode(const char *s, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
        *len = 2;
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    }
    if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *len = 3;
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    }
    if ((u[0] & 0xF8) == 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
        *len = 4;
        return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
    }
    *len = 1;
    return 0xFFFD;
}

/* East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F, the
 * blocks that matter for Japanese and Chinese text). */
static int wide(unsigned c)
{
    static const unsigned r[][2] = {
        {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
        {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFF60},
        {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (c >= r[i][0] && c <= r[i][1])
            return 1;
    return 0;
}

static int zero_width(unsigned c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x300 && c <= 0x36F) || c == 0x200B || c == 0x200D ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

static int cp_width(unsigned c)
{
    return zero_width(c) ? 0 : wide(c) ? 2 : 1;
}

int od_text_width_n(const char *s, size_t n)
{
    int w = 0, len;
    for (size_t i = 0; i < n && s[i];) {
        w += cp_width(decode(s + i, &len));
        i += (size_t)len;
    }
    return w;
}

int od_text_width(const char *s)
{
    return s ? od_text_width_n(s, strlen(s)) : 0;
}

void od_text_fit(const char *s, int cols, int unicode, char *buf, size_t n)
{
    const char *ell = unicode ? "…" : "~";
    int w = 0, len, limit;
    size_t i = 0;
    if (od_text_width(s) <= cols) {
        od_strlcpy(buf, s, n);
        return;
    }
    limit = cols - 1;
    while (s[i]) {
        int cw = cp_width(decode(s + i, &len));
        if (w + cw > limit || i + (size_t)len + strlen(ell) + 1 > n)
            break;
        w += cw;
        i += (size_t)len;
    }
    snprintf(buf, n, "%.*s%s", (int)i, s, ell);
}

/* Kinsoku: no line starts with closing punctuation, none ends with opening. */
static int no_line_start(unsigned c)
{
    static const unsigned cl[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09, 0x300D,
                                  0x300F, 0x3011, 0x3009, 0x300B, 0x30FC, 0x3005, 0xFF3D, 0x201D, 0x2019, ')', ']',
                                  ',', '.', ':', ';'};
    for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++)
        if (c == cl[i])
            return 1;
    return 0;
}

static int no_line_end(unsigned c)
{
    static const unsigned op[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x3008, 0x300A, 0xFF3B, 0x201C, 0x2018, '(', '['};
    for (size_t i = 0; i < sizeof op / sizeof op[0]; i++)
        if (c == op[i])
            return 1;
    return 0;
}

/* The next unit that may not be split: opening brackets with what follows
 * them, then a run of non-blank, non-wide characters (a word, a URL, a
 * command) or one wide character, then the closing punctuation that must
 * stay with it. */
static size_t unit(const char *s, int *w)
{
    size_t i = 0;
    int len;
    unsigned c;
    *w = 0;
    while (s[i] && no_line_end(c = decode(s + i, &len))) {
        *w += cp_width(c);
        i += (size_t)len;
    }
    if (s[i] && wide(c = decode(s + i, &len))) {
        *w += cp_width(c);
        i += (size_t)len;
    } else {
        while (s[i] && s[i] != ' ' && s[i] != '\n' && !wide(c = decode(s + i, &len))) {
            *w += cp_width(c);
            i += (size_t)len;
        }
    }
    while (s[i] && s[i] != ' ' && s[i] != '\n' && no_line_start(c = decode(s + i, &len))) {
        *w += cp_width(c);
        i += (size_t)len;
    }
    return i;
}

/* How many bytes of the n at s fit in cols columns (at least one character). */
static size_t fit_prefix(const char *s, size_t n, int cols, int *w)
{
    size_t i = 0;
    int len;
    *w = 0;
    while (i < n) {
        int cw = cp_width(decode(s + i, &len));
        if (i > 0 && *w + cw > cols)
            break;
        *w += cw;
        i += (size_t)len;
    }
    return i;
}

void od_text_wrap_to(FILE *fp, const char *text, int indent, int first_col, int width)
{
    int col = first_col, start = first_col, w, pending_space = 0;
    const char *p = text ? text : "";
    if (width < indent + 20)
        width = indent + 20;
    while (*p) {
        size_t n;
        if (*p == '\n' || *p == ' ') {
            if (*p == '\n') {
                fprintf(fp, "\n%*s", indent, "");
                col = start = indent, pending_space = 0;
            } else {
                pending_space = col > start;
            }
            p++;
            continue;
        }
        n = unit(p, &w);
        if (n == 0) { /* never stall */
            n = 1;
            w = 1;
        }
        if (col > start && col + pending_space + w > width) {
            fprintf(fp, "\n%*s", indent, "");
            col = start = indent, pending_space = 0;
        }
        if (pending_space) {
            fputc(' ', fp);
            col++;
        }
        if (w > width - col) { /* longer than a line: cut where the line ends */
            n = fit_prefix(p, n, width - col, &w);
        }
        fwrite(p, 1, n, fp);
        col += w;
        p += n;
        pending_space = 0;
    }
    fputc('\n', fp);
}
