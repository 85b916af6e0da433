/* paste_dump — what a runtime's dump of an object puts in a paste that is
 * not the error: a table of every HTTP status and its reason phrase (Node's
 * http.STATUS_CODES, which console.log of an axios error prints with the
 * request's agent: "'407': 'Proxy Authentication Required',", "'408':
 * 'Request Timeout',"), and a client's lists of the errors and statuses it
 * retries on (got's options: "errorCodes: [ 'ETIMEDOUT', 'ECONNRESET',
 * 'ENOTFOUND', ... ]", "statusCodes: [ 408, 413, 429, 500, ... ]"), and an
 * object's flags, a row each ("unauthorized: false,", "forbidden: false,",
 * "notFound: true," in superagent's response). Those names are a library's
 * vocabulary, not what happened, so they go before the signatures read
 * them. A step of paste.c. */
#include "paste_int.h"
#include "util.h"

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

/* Whether l[0..n) is one flag of a dumped object: a bare key, then true,
 * false, undefined or null, and at most a comma ("  forbidden: false,"). */
static int flag_row(const char *l, size_t n)
{
    static const char *const values[] = {"true", "false", "undefined", "null"};
    size_t i = 0, k;
    while (i < n && (l[i] == ' ' || l[i] == '\t'))
        i++;
    for (k = i; k < n && (isalnum((unsigned char)l[k]) || l[k] == '_' || l[k] == '$');)
        k++;
    if (k == i || isdigit((unsigned char)l[i]) || n - k < 2 || l[k] != ':' || l[k + 1] != ' ')
        return 0;
    k += 2;
    while (n > k && (l[n - 1] == ',' || l[n - 1] == ' ' || l[n - 1] == '\r'))
        n--;
    for (size_t v = 0; v < N_OF(values); v++)
        if (n - k == strlen(values[v]) && strncmp(l + k, values[v], n - k) == 0)
            return 1;
    return 0;
}

/* The length of the line at s[i] with its '\n'. */
static size_t line_len(const char *s, size_t len, size_t i, size_t *n)
{
    const char *nl = memchr(s + i, '\n', len - i);
    *n = nl ? (size_t)(nl - (s + i)) : len - i;
    return nl ? *n + 1 : *n;
}

/* Items of such a list before it is taken for one. */
enum { LIST_ITEMS = 3 };

/* Whether s[i..end) is one item of a list of error names or statuses:
 * blanks, then 'ECODE' (quoted, E and capitals) or a bare HTTP status. */
static int vocabulary_item(const char *s, size_t i, size_t end)
{
    while (i < end && isspace((unsigned char)s[i]))
        i++;
    while (end > i && isspace((unsigned char)s[end - 1]))
        end--;
    if (end - i == 3)
        return s[i] >= '1' && s[i] <= '5' && isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2]);
    if (end - i < 5 || (s[i] != '\'' && s[i] != '"') || s[end - 1] != s[i] || s[i + 1] != 'E')
        return 0;
    for (size_t k = i + 2; k < end - 1; k++)
        if (!isupper((unsigned char)s[k]) && !isdigit((unsigned char)s[k]) && s[k] != '_')
            return 0;
    return 1;
}

/* The length of the items of a list of error names or statuses opening at
 * s[i] ('['), up to its ']', or 0 when it is no such list. An empty item
 * before the ']' is a trailing comma's. */
static size_t vocabulary_list(const char *s, size_t len, size_t i)
{
    size_t items = 0, from = i + 1;
    for (size_t k = from; k < len && k - i < 1024; k++) {
        if (s[k] == '[' || s[k] == '{' || s[k] == '(')
            return 0;
        if (s[k] != ',' && s[k] != ']')
            continue;
        int trailing = s[k] == ']' && items > 0 && strspn(s + from, " \t\r\n") >= k - from;
        if (!trailing && !vocabulary_item(s, from, k))
            return 0;
        items += !trailing;
        if (s[k] == ']')
            return items >= LIST_ITEMS ? k - i - 1 : 0;
        from = k + 1;
    }
    return 0;
}

/* Lists of error names and statuses go, their brackets stay ("[]"). */
static size_t vocabulary_lists(char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        size_t n;
        if (s[i] != '[' || (n = vocabulary_list(s, len, i)) == 0)
            continue;
        memmove(s + i + 1, s + i + 1 + n, len - (i + 1 + n));
        len -= n;
    }
    return len;
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
        if (flag_row(s + i, n)) {
            i += step;
            continue;
        }
        memmove(s + d, s + i, step);
        d += step;
        i += step;
    }
    return vocabulary_lists(s, d);
}
