/* paste_dump — what a runtime's dump of an object puts in a paste that is
 * not the error: a table of every HTTP status and its reason phrase (Node's
 * http.STATUS_CODES, which console.log of an axios error prints with the
 * request's agent: "'407': 'Proxy Authentication Required',", "'408':
 * 'Request Timeout',"). Those names are a library's vocabulary, not what
 * the server answered, so the rows go before the signatures read them. A
 * step of paste.c. */
#include "paste_int.h"

#include <ctype.h>
#include <string.h>

/* Rows of such a table in a run before they are taken for one: a single
 * "'404': 'Not Found'" may be an answer a program logged. */
enum { TABLE_ROWS = 3 };

/* Whether l[0..n) is one row of a status table: an HTTP status as a key,
 * quoted or not, and its reason as a quoted string ("'200': 'OK',",
 * "\"404\": \"Not Found\"", "404: 'Not Found'"). */
static int status_row(const char *l, size_t n)
{
    size_t i = 0;
    while (i < n && (l[i] == ' ' || l[i] == '\t'))
        i++;
    char kq = (i < n && (l[i] == '\'' || l[i] == '"')) ? l[i++] : 0;
    if (n - i < 3 || l[i] < '1' || l[i] > '5' || !isdigit((unsigned char)l[i + 1]) ||
        !isdigit((unsigned char)l[i + 2]))
        return 0;
    i += 3;
    if (kq && (i >= n || l[i++] != kq))
        return 0;
    if (i >= n || l[i++] != ':')
        return 0;
    while (i < n && l[i] == ' ')
        i++;
    if (i >= n || (l[i] != '\'' && l[i] != '"'))
        return 0;
    char vq = l[i++];
    const char *end = memchr(l + i, vq, n - i);
    if (!end)
        return 0;
    i = (size_t)(end - l) + 1;
    if (i < n && l[i] == ',')
        i++;
    while (i < n && (l[i] == ' ' || l[i] == '\r'))
        i++;
    return i == n;
}

/* The length of the line at s[i] with its '\n'. */
static size_t line_len(const char *s, size_t len, size_t i, size_t *n)
{
    const char *nl = memchr(s + i, '\n', len - i);
    *n = nl ? (size_t)(nl - (s + i)) : len - i;
    return nl ? *n + 1 : *n;
}

size_t od_paste_dumps(char *s, size_t len)
{
    size_t d = 0;
    for (size_t i = 0; i < len;) {
        size_t n, step = line_len(s, len, i, &n), j = i, rows = 0;
        while (j < len) {
            size_t m, k = line_len(s, len, j, &m);
            if (!status_row(s + j, m))
                break;
            rows++;
            j += k;
        }
        if (rows >= TABLE_ROWS) {
            i = j;
            continue;
        }
        memmove(s + d, s + i, step);
        d += step;
        i += step;
    }
    return d;
}
