/* sig_needles — the literals a signature's regex cannot match without (sig.h:
 * od_sig_needles): a text that holds none of them is not run through the
 * regex at all. */
#include "sig.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The index of the ']' that closes the bracket expression opening at re[i]
 * (a leading '^' or ']' and [:class:] inside it included), or n. */
static size_t bracket_end(const char *re, size_t i, size_t n)
{
    size_t j = i + 1;
    if (j < n && re[j] == '^')
        j++;
    if (j < n && re[j] == ']')
        j++;
    while (j < n && re[j] != ']') {
        if (re[j] == '[' && j + 1 < n && strchr(":.=", re[j + 1])) {
            const char *e = strstr(re + j + 2, "]");
            j = e ? (size_t)(e - re) : n;
        }
        j++;
    }
    return j;
}

/* The index just past the ')' that closes the group opening at re[i] (n or
 * beyond when it is not closed; *closed says which, when asked). */
static size_t group_end(const char *re, size_t i, size_t n, int *closed)
{
    int depth = 1;
    size_t j = i + 1;
    for (; j < n && depth > 0; j++) {
        if (re[j] == '\\')
            j++;
        else if (re[j] == '(')
            depth++;
        else if (re[j] == ')')
            depth--;
    }
    if (closed)
        *closed = depth == 0;
    return j;
}

/* The longest literal of one alternative re[0..n) (no top-level '|'). */
static void best_literal(const char *re, size_t n, char *best, size_t bn)
{
    char run[128];
    size_t k = 0;
    best[0] = '\0';
    for (size_t i = 0; i <= n; i++) {
        int lit = -1, brk = i == n;
        if (!brk) {
            char ch = re[i];
            if (ch == '\\' && i + 1 < n) {
                lit = (unsigned char)re[++i];
            } else if (ch == '[') { /* a bracket expression: skip it */
                i = bracket_end(re, i, n);
                brk = 1;
            } else if (ch == '(') { /* a group may be an alternation: skip it whole */
                i = group_end(re, i, n, NULL) - 1;
                brk = 1;
            } else if (ch == ')' || ch == '.' || ch == '^' || ch == '$' || ch == '+' || ch == '|') {
                brk = 1;
            } else if (ch == '{') { /* a macro or an interval */
                const char *e = memchr(re + i, '}', n - i);
                if (!isupper((unsigned char)re[i + 1]) && k > 0)
                    k--; /* {m,n} may make the last character optional */
                i = e ? (size_t)(e - re) : n;
                brk = 1;
            } else if (ch == '*' || ch == '?') {
                if (k > 0)
                    k--; /* the last character is optional */
                brk = 1;
            } else {
                lit = (unsigned char)ch;
            }
        }
        if (lit >= 0 && !brk) {
            if (i + 1 < n && strchr("*?{", re[i + 1])) {
                lit = -1; /* optional: it ends the run */
                brk = 1;
            } else if (k + 1 < sizeof run) {
                run[k++] = (char)tolower(lit);
                continue;
            }
        }
        run[k] = '\0';
        if (k > strlen(best) && k < bn)
            od_strlcpy(best, run, bn);
        k = 0;
    }
}

static int needles_n(const char *re, size_t n, struct od_strv *out);

/* A group in re[0..n) that every match goes through (not followed by ?, * or
 * {0,...}) whose alternatives all have needles: their needles. 0 or -1. */
static int group_needles(const char *re, size_t n, struct od_strv *out)
{
    for (size_t i = 0; i < n; i++) {
        size_t j;
        int closed;
        if (re[i] == '\\') {
            i++;
            continue;
        }
        if (re[i] == '[') {
            i = bracket_end(re, i, n);
            continue;
        }
        if (re[i] != '(')
            continue;
        j = group_end(re, i, n, &closed);
        if (closed && !(j < n && (re[j] == '?' || re[j] == '*' || (re[j] == '{' && re[j + 1] == '0')))) {
            struct od_strv tmp = {0};
            if (needles_n(re + i + 1, j - i - 2, &tmp) == 0) {
                for (size_t k = 0; k < tmp.n; k++)
                    if (!od_strv_contains(out, tmp.v[k]))
                        od_strv_push(out, tmp.v[k]);
                od_strv_free(&tmp);
                return 0;
            }
            od_strv_free(&tmp);
        }
        i = j - 1;
    }
    return -1;
}

int od_sig_needles(const char *re, struct od_strv *out)
{
    return needles_n(re, strlen(re), out);
}

static int needles_n(const char *re, size_t n, struct od_strv *out)
{
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i <= n; i++) {
        char best[128];
        if (i < n) {
            if (re[i] == '\\' && i + 1 < n) {
                i++;
                continue;
            }
            if (re[i] == '[') { /* skip a bracket expression */
                i = bracket_end(re, i, n);
                continue;
            }
            if (re[i] == '(')
                depth++;
            if (re[i] == ')')
                depth--;
            if (re[i] != '|' || depth != 0)
                continue;
        }
        best_literal(re + start, i - start, best, sizeof best);
        if (strlen(best) < 3 && group_needles(re + start, i - start, out) != 0) {
            od_strv_free(out);
            return -1;
        }
        if (strlen(best) >= 3 && !od_strv_contains(out, best) && od_strv_push(out, best) != 0)
            return -1;
        start = i + 1;
    }
    return 0;
}
