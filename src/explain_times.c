/* explain_times — what the times on a log's rows say about a failure that
 * names no reason: the last timed row (the failure's) came a client's
 * default request timeout after an earlier row (the request's start), so
 * the client gave up waiting for the answer ("TypeError: fetch failed"
 * 300 s after "Starting an inference job": Node's fetch, undici, waits 300 s
 * for the headers). Read from the text as pasted, before the cleaning
 * drops the times. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "explain_int.h"

/* The whole-request timeouts clients default to, in seconds. */
static const double defaults[] = {
    300, /* Node's fetch (undici's headersTimeout and bodyTimeout), aiohttp's ClientTimeout(total=300) */
    600, /* the OpenAI and Anthropic SDKs (Python and JavaScript), LiteLLM */
};
#define SLACK 3.0   /* a logger's row comes a little before or after the request itself */
#define ROW_LEAD 64 /* a row's time sits after its prefix (a compose name, a quote marker) */
#define ROWS 256

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

/* The first "YYYY-MM-DD[T ]hh:mm:ss[.,frac]" in the row's lead, as seconds, or -1. */
static double row_time(const char *l, size_t n)
{
    size_t lead = n < ROW_LEAD ? n : ROW_LEAD;
    for (size_t i = 0; i + 19 <= n && i < lead; i++) {
        unsigned y, mo, d, h, mi, s;
        int used = 0;
        double frac = 0;
        char sep;
        if (!isdigit((unsigned char)l[i]) || (i > 0 && isdigit((unsigned char)l[i - 1])))
            continue;
        if (sscanf(l + i, "%4u-%2u-%2u%c%2u:%2u:%2u%n", &y, &mo, &d, &sep, &h, &mi, &s, &used) != 7 || used != 19 ||
            (sep != 'T' && sep != ' ') || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
            continue;
        if (i + 20 < n && (l[i + 19] == '.' || l[i + 19] == ',') && isdigit((unsigned char)l[i + 20])) {
            double scale = 0.1;
            for (size_t k = i + 20; k < n && isdigit((unsigned char)l[k]) && scale > 1e-10; k++, scale /= 10)
                frac += (l[k] - '0') * scale;
        }
        return (double)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s + frac;
    }
    return -1;
}

/* The client default the wait from an earlier timed row to the last one
 * matches, in seconds, or -1 (also -1 without two timed rows). The last
 * ROWS timed rows are kept (a ring): a long log's first rows are no
 * request's start. */
double od_explain_default_wait(const char *text, size_t len)
{
    double times[ROWS], last;
    size_t n = 0, kept;
    for (const char *l = text, *end = text + len; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        size_t ll = nl ? (size_t)(nl - l) : (size_t)(end - l);
        double t = row_time(l, ll);
        if (t >= 0)
            times[n++ % ROWS] = t;
        if (!nl)
            break;
        l = nl + 1;
    }
    if (n < 2)
        return -1;
    last = times[(n - 1) % ROWS];
    kept = n < ROWS ? n : ROWS;
    for (size_t k = 0; k < sizeof defaults / sizeof *defaults; k++)
        for (size_t i = n - kept; i + 1 < n; i++) {
            double wait = last - times[i % ROWS], off = wait - defaults[k];
            if (off <= SLACK && off >= -SLACK)
                return wait;
        }
    return -1;
}

/* A failure that names no reason (node's bare "fetch failed"), a client's
 * default timeout after a row before it: the wait for the answer ran out.
 * Not beside words that name a connection's failure. */
void od_explain_timed_rows(struct acc *a, double wait)
{
    if (wait < 0 || (a->strong & od_explain_conn_kinds()) || a->out->cause[0] ||
        !od_explain_has_hint(a->out, "no-reason"))
        return;
    a->strong |= od_explain_kind_bit("read-timeout");
    if (a->out->seconds < 0)
        a->out->seconds = (double)(long)(wait + 0.5);
    od_explain_drop_hint(a->out, "no-reason");
}
