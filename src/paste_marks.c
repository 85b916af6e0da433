/* paste_marks — what a chat app, an editor or a Markdown page puts around
 * each line of a pasted error, taken off so that the lines open as the
 * runtime printed them: a bullet ("• "), an editor's or a code view's line
 * numbers ("12 | ", "  12  "), a Markdown table's row ("| 12:01 | ERROR |
 * msg |", each cell then on a line of its own) and inline code's backticks
 * around a whole line. A step of paste.c, run before a terminal's rows are
 * joined. */
#include "paste_int.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

/* Bullets a chat app or a word processor opens a list item with. */
static const char *const bullets[] = {"\xe2\x80\xa2 ", "\xc2\xb7 ", "\xe2\x97\xa6 ", "\xe2\x80\xa3 ", "\xe2\x88\x99 "};

typedef size_t (*line_fn)(char *d, const char *l, size_t n, void *arg);

/* Rewrites every line of s[0..len) with fn (which writes at d, never past
 * where the line was, and returns what it wrote). Returns the new length. */
static size_t each_rewritten(char *s, size_t len, line_fn fn, void *arg)
{
    size_t d = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
        size_t w = fn(s + d, s + i, n, arg);
        d += w;
        if (nl && (w || !n)) /* a line fn took away entirely goes with its end */
            s[d++] = '\n';
        i += n + 1;
    }
    return d;
}

static size_t put(char *d, const char *l, size_t n)
{
    memmove(d, l, n);
    return n;
}

static size_t unbullet(char *d, const char *l, size_t n, void *arg)
{
    size_t k = 0;
    (void)arg;
    while (k < n && k < 3 && l[k] == ' ')
        k++;
    for (size_t i = 0; i < N_OF(bullets); i++)
        if (n - k >= strlen(bullets[i]) && strncmp(l + k, bullets[i], strlen(bullets[i])) == 0)
            return put(d, l + k + strlen(bullets[i]), n - k - strlen(bullets[i]));
    return put(d, l, n);
}

/* A line number opening l ("12 | ", "12|", "12\t", "  12  "): the number, and
 * the length of the number and what separates it, or 0. strong: a bar or a
 * tab separates it (blanks alone may be a log's own columns). */
static size_t line_number(const char *l, size_t n, long *num, int *strong)
{
    size_t i = 0, digits;
    while (i < n && l[i] == ' ')
        i++;
    for (digits = i, *num = 0; i < n && isdigit((unsigned char)l[i]) && i - digits < 5; i++)
        *num = *num * 10 + (l[i] - '0');
    if (i == digits || i >= n || isdigit((unsigned char)l[i]))
        return 0;
    *strong = 1;
    if (l[i] == '\t')
        return i + 1;
    if (l[i] == '|' || (l[i] == ' ' && i + 1 < n && l[i + 1] == '|')) {
        i += l[i] == ' ' ? 2 : 1;
        return i < n && l[i] == ' ' ? i + 1 : i;
    }
    *strong = 0;
    if (n - i < 3 || l[i] != ' ' || l[i + 1] != ' ')
        return 0;
    while (i < n && l[i] == ' ')
        i++;
    return i < n ? i : 0;
}

struct numbering {
    long next;  /* the number the next line must have */
    int lines;  /* how many lines are numbered */
    int strong; /* whether every separator was a bar or a tab */
    int broken; /* a line that is not blank has no number, or not the next */
};

static void check_number(const char *l, size_t n, struct numbering *c)
{
    long num;
    int strong;
    size_t blank = 0;
    while (blank < n && (l[blank] == ' ' || l[blank] == '\t'))
        blank++;
    if (blank == n || c->broken)
        return;
    if (!line_number(l, n, &num, &strong) || (c->lines && num != c->next)) {
        c->broken = 1;
        return;
    }
    c->next = num + 1;
    c->lines++;
    c->strong &= strong;
}

static size_t unnumber(char *d, const char *l, size_t n, void *arg)
{
    long num;
    int strong;
    size_t k = line_number(l, n, &num, &strong);
    (void)arg;
    return put(d, l + k, n - k);
}

/* Line numbers go when every line that is not blank has one, each the last
 * one plus one: two lines or more, or one whose number a bar or a tab ends. */
static size_t line_numbers(char *s, size_t len)
{
    struct numbering c = {0, 0, 1, 0};
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
        check_number(s + i, n, &c);
        i += n + 1;
    }
    if (c.broken || c.lines == 0 || (c.lines == 1 && !c.strong))
        return len;
    return each_rewritten(s, len, unnumber, NULL);
}

/* The next bar of a table's row at or after l[i] that no backslash
 * escapes; e when none is. */
static size_t next_bar(const char *l, size_t i, size_t e)
{
    for (; i < e; i++)
        if (l[i] == '|' && (i == 0 || l[i - 1] != '\\'))
            return i;
    return e;
}

/* A cell's text, trimmed, its escaped bars ("\|") plain again. */
static size_t put_cell(char *d, const char *l, size_t c, size_t e)
{
    size_t w = 0;
    while (c < e && l[c] == ' ')
        c++;
    while (e > c && l[e - 1] == ' ')
        e--;
    for (; c < e; c++)
        if (!(l[c] == '\\' && c + 1 < e && l[c + 1] == '|'))
            d[w++] = l[c];
    return w;
}

/* A Markdown table's row ("| a | b |"): its cells, each on a line of its
 * own; the row under the header ("|---|:--:|") goes. */
static size_t table_row(char *d, const char *l, size_t n, void *arg)
{
    size_t a = 0, b = n, w = 0;
    (void)arg;
    while (a < b && l[a] == ' ')
        a++;
    while (b > a && l[b - 1] == ' ')
        b--;
    if (b - a < 3 || l[a] != '|' || l[b - 1] != '|' || l[b - 2] == '\\')
        return put(d, l, n);
    if (strspn(l + a, "|-: ") == b - a)
        return 0;
    for (size_t i = a + 1; i < b;) {
        size_t bar = next_bar(l, i, b - 1), k;
        if (w)
            d[w++] = '\n';
        k = put_cell(d + w, l, i, bar);
        w = k ? w + k : w - (w > 0); /* an empty cell leaves no line */
        i = bar + 1;
    }
    return w;
}

/* Inline code's backticks around a whole line (`Error: ...`), not a fence's
 * three. */
static size_t unbacktick(char *d, const char *l, size_t n, void *arg)
{
    (void)arg;
    if (n >= 3 && l[0] == '`' && l[1] != '`' && l[n - 1] == '`' && l[n - 2] != '`' && !memchr(l + 1, '`', n - 2))
        return put(d, l + 1, n - 2);
    return put(d, l, n);
}

size_t od_paste_marks(char *s, size_t len)
{
    static const line_fn each[] = {unbullet, table_row, unbacktick};
    for (size_t i = 0; i < N_OF(each); i++)
        len = each_rewritten(s, len, each[i], NULL);
    return line_numbers(s, len);
}
