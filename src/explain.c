/* explain.c — classify a pasted error message offline. Every rule is a row in
 * a table of POSIX extended regexes (case-insensitive, one line at a time):
 * kinds, errnos, HTTP statuses, models, clients and targets. A regex is
 * compiled when its row is tried and freed right after; no module state. */
#include "explain.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define TEXT_CAP (64 * 1024)
#define NMATCH 8

/* Error kinds in precedence order: when several match, the lowest wins. */
enum kind {
    K_PLUGIN, K_MODEL_NF, K_MODEL_UNSUP, K_SCHEME, K_TLS, K_PROXY, K_DNS, K_REFUSED,
    K_UNREACH, K_CTIMEOUT, K_RTIMEOUT, K_RESET, K_404, K_403, K_HTTP, K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    "plugin-daemon", "model-not-found", "model-unsupported", "missing-scheme", "tls",
    "proxy", "name-resolution", "refused", "unreachable", "connect-timeout",
    "read-timeout", "reset", "http-404", "http-403", "http-error",
};

/* A weak row only counts when no strong row of any kind matched (aiohttp's
 * "Connect call failed" and curl's "Couldn't connect" hide the real errno). */
static const struct kind_rule { enum kind kind; int weak; const char *re; } kind_rules[] = {
    {K_PLUGIN, 0, "PluginDaemon[a-z]*Error|no available node|plugin (runtime )?not found|no proper instance"},
    {K_PLUGIN, 0, "init environment.*failed|failed to install dependencies|killed by timeout|"
                  "is not active for [0-9]+ seconds|init process exited due to no activity"},
    {K_MODEL_NF, 0, "model[[:space:]]+[\\\"'`]*[a-z0-9._:/@+-]+[\\\"'`]*[[:space:]]+not found|"
                    "try pulling it first|pull model manifest: file does not exist"},
    {K_MODEL_UNSUP, 0, "does not support (chat|generate|embeddings?|tools|completions?|insert|thinking|vision)"},
    {K_SCHEME, 0, "MissingSchema|No connection adapters were found|No scheme supplied|"
                  "unsupported protocol scheme|Only absolute URLs are supported|UnsupportedProtocol"},
    {K_SCHEME, 0, "missing an [\"']?https?://[\"']? or|ERR_INVALID_URL|Failed to parse URL|"
                  "Protocol \"?[a-z0-9+.-]*\"? not supported|unknown scheme"},
    {K_TLS, 0, "WRONG_VERSION_NUMBER|wrong version number|\\[SSL[:_ ]|SSLError|SSL routines|"
               "SSL_ERROR|ERR_SSL|(^|[^a-z])EPROTO([^a-z]|$)|packet length too long|curl: \\(35\\)"},
    {K_TLS, 0, "does not look like a TLS handshake|HTTP response to HTTPS client|HTTP request to an HTTPS server|"
               "CERTIFICATE_VERIFY_FAILED|certificate verify failed|self[- ]signed certificate|(^|[^a-z])tls: "},
    {K_PROXY, 0, "ProxyError|(Unable to|Cannot) connect to proxy|Could not resolve proxy|X-Squid-Error|"
                 "TCP_DENIED|squid|Proxy Authentication Required|status code 407|ProxySchemeUnknown"},
    {K_PROXY, 0, "Tunnel connection failed|CONNECT tunnel failed|from proxy after CONNECT|Proxy CONNECT aborted|"
                 "ERR_PROXY|blocked by SSRF protection|SOCKS|status code 50[234]:? *<(html|!doctype)"},
    {K_DNS, 0, "Name or service not known|Temporary failure in name resolution|nodename nor servname|"
               "getaddrinfo|Failed to resolve|NameResolutionError|EAI_AGAIN|EAI_NONAME|ENOTFOUND"},
    {K_DNS, 0, "no such host|Could not resolve|No address associated with hostname|server misbehaving|"
               "Name does not resolve|Resolving timed out|DNS lookup failed"},
    {K_REFUSED, 0, "Connection refused|ECONNREFUSED|actively refused|refused the connection|"
                   "origins cannot be reached from inside|Cannot assign requested address|EADDRNOTAVAIL"},
    {K_REFUSED, 1, "Connect call failed|Couldn't connect to server|Failed to establish a new connection|"
                   "Failed to connect to|All connection attempts failed"},
    {K_UNREACH, 0, "No route to host|EHOSTUNREACH|ENETUNREACH|Network is unreachable|Host is unreachable|"
                   "EHOSTDOWN|Host is down"},
    {K_CTIMEOUT, 0, "ConnectTimeout|connect timeout|ConnectionTimeoutError|Connection timeout to host|"
                    "UND_ERR_CONNECT_TIMEOUT|connect ETIMEDOUT|Connection to [^ ]+ timed out|Connection timed out"},
    {K_CTIMEOUT, 0, "dial (tcp|udp)[46]? [^ ]+: (connect: )?(i/o timeout|context deadline exceeded|operation timed out)|"
                    "while waiting for connection|Failed to connect to .*(Timed out|Timeout was reached)"},
    {K_RTIMEOUT, 0, "Read timed out|read timeout|ReadTimeout|ETIMEDOUT|UND_ERR_(HEADERS|BODY)_TIMEOUT|"
                    "(Headers|Body) ?Timeout ?Error|awaiting headers|context deadline exceeded"},
    {K_RTIMEOUT, 0, "read tcp[46]? [^ ]+: i/o timeout|Operation timed out after|timed out waiting for llama runner|"
                    "Timeout on reading data|ServerTimeoutError|timeout of [0-9]+ ?ms exceeded|"
                    "Request timed out|APITimeoutError"},
    {K_RESET, 0, "Connection reset|ECONNRESET|RemoteDisconnected|Connection aborted|socket hang up|"
                 "Remote end closed connection|Server disconnected|other side closed|UND_ERR_SOCKET"},
    {K_RESET, 0, "Empty reply from server|(^|[^a-z])EPIPE([^a-z]|$)|Broken pipe|premature close|IncompleteRead|"
                 "ChunkedEncodingError|RemoteProtocolError|: EOF($|[^a-z])|unexpected EOF"},
};

/* Numeric errnos as Python prints them ("[Errno 111]", "[WinError 10061]"):
 * Linux, macOS and Winsock numbers do not collide on the ones that matter.
 * An empty name is a resolver code (EAI_*), which has no errno name. */
static const struct num_errno { int num; const char *name; enum kind kind; } num_errnos[] = {
    {111, "ECONNREFUSED", K_REFUSED},   {61, "ECONNREFUSED", K_REFUSED},   {10061, "ECONNREFUSED", K_REFUSED},
    {110, "ETIMEDOUT", K_CTIMEOUT},     {60, "ETIMEDOUT", K_CTIMEOUT},     {10060, "ETIMEDOUT", K_CTIMEOUT},
    {113, "EHOSTUNREACH", K_UNREACH},   {65, "EHOSTUNREACH", K_UNREACH},   {10065, "EHOSTUNREACH", K_UNREACH},
    {101, "ENETUNREACH", K_UNREACH},    {51, "ENETUNREACH", K_UNREACH},    {10051, "ENETUNREACH", K_UNREACH},
    {104, "ECONNRESET", K_RESET},       {54, "ECONNRESET", K_RESET},       {10054, "ECONNRESET", K_RESET},
    {99, "EADDRNOTAVAIL", K_REFUSED},   {49, "EADDRNOTAVAIL", K_REFUSED},  {10049, "EADDRNOTAVAIL", K_REFUSED},
    {103, "ECONNABORTED", K_RESET},     {10053, "ECONNABORTED", K_RESET},  {32, "EPIPE", K_RESET},
    {-2, "", K_DNS}, {-3, "", K_DNS}, {-5, "", K_DNS}, {8, "", K_DNS},
    {11001, "", K_DNS}, {11002, "", K_DNS}, {11004, "", K_DNS},
};

/* A value taken from one capture group; the first row that yields one wins. */
struct grab_rule { const char *re; int group; };

static const struct grab_rule errno_rules[] = {
    {"(Errno|WinError) (-?[0-9]+)", 2}, /* numeric: looked up in num_errnos */
    {"(^|[^a-z0-9_])(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EADDRNOTAVAIL|ENOTFOUND|"
     "EAI_AGAIN|EAI_NONAME|EAI_FAIL|EPIPE|ECONNABORTED|EPROTO|EHOSTDOWN|ENETDOWN)($|[^a-z0-9_])", 2},
};

#define ST "([1-5][0-9][0-9])([^0-9]|$)" /* a status code, not the start of a longer number */

static const struct grab_rule status_rules[] = {
    {"status code:? ?" ST, 1},
    {"Error code: " ST, 1},
    {"([45][0-9][0-9]) (Client|Server) Error", 1},
    {"HTTP (Error |code )?" ST, 2},
    {"HTTP/[0-9.]+ " ST, 1},
    {"returned (an )?error:? " ST, 2},
    {"(^|[^0-9.])([1-5][0-9][0-9]) status code", 2},
    {"\"?status(_?code)?\"?[[:space:]]*[:=][[:space:]]*" ST, 2},
    {"(^|[^0-9.])([45][0-9][0-9]):? (page not found|Not Found|Forbidden|Bad Gateway|Service Unavailable|"
     "Internal Server Error|Bad Request|Unauthorized|Gateway Time-?out|Method Not Allowed|Too Many Requests)", 2},
    {"(^|[^0-9.])([1-5][0-9][0-9]), message=", 2}, /* aiohttp ClientResponseError */
    {"\\| +([1-5][0-9][0-9]) +\\|", 1}, /* Ollama's [GIN] access log */
    {"TCP_[a-z_]+/([1-5][0-9][0-9])", 1}, /* squid access.log */
};

static const struct grab_rule model_rules[] = {
    {"model[[:space:]]+[\\\"'`]*([a-z0-9._:/@+-]+)[\\\"'`]*[[:space:]]+not found", 1},
    {"[\\\"'`]+([a-z0-9._:/@+-]+)[\\\"'`]+[[:space:]]+does not support", 1},
    {"(^|[[:space:]])([a-z0-9._/@+-]+:[a-z0-9._+-]+)[[:space:]]+does not support", 2},
};

/* Client libraries first; "dify" only when no library shows. */
static const struct client_rule { const char *client, *re; } client_rules[] = {
    {"python-requests", "HTTPS?ConnectionPool|urllib3|requests\\.exceptions|Max retries exceeded|MissingSchema|"
                        "No connection adapters|[45][0-9][0-9] (Client|Server) Error: |\\((read|connect) timeout=|"
                        "RemoteDisconnected"},
    {"httpx", "httpx|httpcore|ollama\\._types"}, /* the ollama Python library uses httpx */
    {"aiohttp", "aiohttp|Cannot connect to host|ClientConnectorError|Connect call failed|ssl:default"},
    {"node", "ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|UND_ERR|undici|fetch failed|"
             "axios|node:internal|socket hang up|at .*\\.m?js:[0-9]+|write EPROTO"},
    {"go", "dial (tcp|udp)|lookup [^ ]+ on |Client\\.Timeout|context deadline exceeded|net/http|i/o timeout|"
           "no such host|(Get|Post|Head|Put|Delete) \"[^\"]*\": "},
    {"curl", "curl:? \\([0-9]+\\)|^\\* +Trying |^< HTTP/"},
    {"windows", "WinError|Errno 1[01][0-9][0-9][0-9]\\]"},
    {"dify", "PluginDaemon|plugin_daemon|langgenius|credentials validation|core\\.model_runtime|dify|"
             "API request failed with status code"},
};

/* Targets, most trustworthy first: the first row naming a host sets it; later
 * rows only fill the URL, the path, and the port when they name that host. */
#define HOST "(\\[[0-9a-z:.%]+\\]|[a-z0-9_.-]+)"          /* a name, IPv4, or [IPv6] */
#define HOSTC "(\\[[0-9a-z:.%]+\\]|[0-9a-z_.:%-]+)"       /* also bare IPv6 (then :port is the last one) */
#define PORT "([0-9]{1,5})"
#define PATHC "[^][:space:]?#'\"\\`()<>,;]"
#define URL_P "(https?://" HOST ":" PORT "(/" PATHC "*)?)"        /* url 1, host 2, port 3, path 4 */
#define URL_ANY "(https?://" HOST "(:" PORT ")?(/" PATHC "*)?)"  /* url 1, host 2, port 4, path 5 */
/* No port: only a bare host or an /api, /v1 path, so docs links do not count. url 1, host 2, path 3 */
#define URL_NP "(https?://" HOST "(/(api|v1)(/" PATHC "*)?)?)([^/:a-z0-9_.-]|$)"
#define Q "[\\\"']*"

enum { SKIP_PROXY = 1 }; /* ignore a match right after "proxy" (http_proxy=http://...) */

static const struct target_rule { const char *re; int url, host, port, path, flags; } target_rules[] = {
    {"with url: " URL_ANY, 1, 2, 4, 5, 0}, /* requests through a proxy: the absolute URL is the target */
    {"host=" Q HOSTC Q ", *port=" Q PORT, 0, 1, 2, 0, 0},
    {"with url: (/" PATHC "*)", 0, 0, 0, 1, 0},
    {"(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EADDRNOTAVAIL) " HOSTC ":" PORT, 0, 2, 3, 0, 0},
    {"attempted address: " HOSTC ":" PORT, 0, 1, 2, 0, 0},
    {"dial (tcp|udp)[46]? " HOSTC ":" PORT, 0, 2, 3, 0, 0},
    {"Cannot connect to host " HOSTC ":" PORT, 0, 1, 2, 0, 0},
    {URL_P, 1, 2, 3, 4, SKIP_PROXY},
    {"Failed to connect to " HOSTC " port " PORT, 0, 1, 2, 0, 0},
    {"Could not resolve host: " HOST, 0, 1, 0, 0, 0},
    {"(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL) " HOST, 0, 2, 0, 0, 0},
    {"lookup " HOST "( on |: )", 0, 1, 0, 0, 0},
    {"Failed to resolve " Q HOST, 0, 1, 0, 0, 0},
    {"Connection to " HOSTC " timed out", 0, 1, 0, 0, 0},
    {"Connect call failed \\(" Q HOSTC Q ", " PORT, 0, 1, 2, 0, 0},
    {"CONNECT " HOST ":" PORT, 0, 1, 2, 0, 0},
    {"address: " Q HOSTC Q ",[[:space:]]+port: " PORT, 0, 1, 2, 0, 0},
    {"[\\\"']" HOST ":" PORT "(/" PATHC "*)[\\\"']", 0, 1, 2, 3, 0}, /* quoted, no scheme */
    {URL_NP, 1, 2, 0, 3, SKIP_PROXY},
    {"(localhost), 127\\.0\\.0\\.1,? or 0\\.0\\.0\\.0 origins", 0, 1, 0, 0, 0},
    {"(GET|POST|HEAD|PUT|DELETE) +\"?(/" PATHC "*)", 0, 0, 0, 2, 0},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Successive matches of one regex over the text. */
struct scan {
    regex_t rx;
    const char *text;
    size_t len, pos;
    regmatch_t m[NMATCH];
};

static int scan_open(struct scan *s, const char *re, const char *text, size_t len)
{
    int rc = regcomp(&s->rx, re, REG_EXTENDED | REG_ICASE | REG_NEWLINE);

    if (rc != 0) {
        errno = rc == REG_ESPACE ? ENOMEM : EINVAL;
        return -1;
    }
    s->text = text;
    s->len = len;
    s->pos = 0;
    return 0;
}

/* 1 with the next match in s->m (offsets from the start of the text), else 0.
 * Plain POSIX: no REG_STARTEND, so '^' after a previous match needs a newline. */
static int scan_next(struct scan *s)
{
    regmatch_t m[NMATCH];
    int flags = s->pos > 0 && s->text[s->pos - 1] != '\n' ? REG_NOTBOL : 0;

    if (s->pos > s->len || regexec(&s->rx, s->text + s->pos, NMATCH, m, flags) != 0)
        return 0;
    for (int i = 0; i < NMATCH; i++) {
        s->m[i] = m[i];
        if (m[i].rm_so >= 0) {
            s->m[i].rm_so += (regoff_t)s->pos;
            s->m[i].rm_eo += (regoff_t)s->pos;
        }
    }
    s->pos = (size_t)s->m[0].rm_eo + (m[0].rm_eo == m[0].rm_so);
    return 1;
}

/* Capture group g of the current match into dst ("" when it did not take part). */
static void group_copy(const struct scan *s, int g, char *dst, size_t n)
{
    struct od_view v = {"", 0};

    if (g > 0 && g < NMATCH && s->m[g].rm_so >= 0)
        v = (struct od_view){s->text + s->m[g].rm_so, (size_t)(s->m[g].rm_eo - s->m[g].rm_so)};
    if (od_view_copy(v, dst, n) != 0)
        od_strlcpy(dst, "", n);
}

/* 1 when re matches anywhere, 0 when not, -1 on error. */
static int matches(const char *re, const char *text, size_t len)
{
    struct scan s;
    int hit;

    if (scan_open(&s, re, text, len) != 0)
        return -1;
    hit = scan_next(&s);
    regfree(&s.rx);
    return hit;
}

/* First capture of the first matching row into dst; 0, or -1 on error. */
static int first_grab(const struct grab_rule *rules, size_t n, const char *text, size_t len,
                      char *dst, size_t dn)
{
    struct scan s;

    for (size_t i = 0; i < n && !*dst; i++) {
        if (scan_open(&s, rules[i].re, text, len) != 0)
            return -1;
        if (scan_next(&s))
            group_copy(&s, rules[i].group, dst, dn);
        regfree(&s.rx);
    }
    return 0;
}

static void trim_tail(char *s, const char *chars)
{
    size_t n = strlen(s);

    while (n > 0 && strchr(chars, s[n - 1]))
        s[--n] = '\0';
}

/* A captured host as we report it: no brackets, lower case, no final dot. */
static void host_copy(const struct scan *s, int g, char *dst, size_t n)
{
    char buf[256];
    char *h = buf;

    group_copy(s, g, buf, sizeof buf);
    if (*h == '[') {
        h++;
        trim_tail(h, "]");
    }
    trim_tail(h, ".");
    for (char *c = h; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    od_strlcpy(dst, h, n);
}

static int port_of(const struct scan *s, int g)
{
    char buf[8];
    long p;

    group_copy(s, g, buf, sizeof buf);
    p = strtol(buf, NULL, 10);
    return p >= 1 && p <= 65535 ? (int)p : 0;
}

static int after_proxy(const char *text, size_t at)
{
    for (size_t i = at > 24 ? at - 24 : 0; i + 5 <= at; i++)
        if (strncasecmp(text + i, "proxy", 5) == 0)
            return 1;
    return 0;
}

static void take_target(const struct scan *s, const struct target_rule *r, struct od_explain_input *out)
{
    char host[sizeof out->host] = "";
    int same = 0;

    if (r->host) {
        host_copy(s, r->host, host, sizeof host);
        if (!*host)
            return;
        if (!*out->host)
            od_strlcpy(out->host, host, sizeof out->host);
        same = strcmp(out->host, host) == 0;
    }
    if (same && r->port && !out->port)
        out->port = port_of(s, r->port);
    if (r->path && !*out->path) {
        group_copy(s, r->path, out->path, sizeof out->path);
        trim_tail(out->path, ".:");
    }
    if (r->url && !*out->url) {
        group_copy(s, r->url, out->url, sizeof out->url);
        trim_tail(out->url, ".:");
    }
}

static int find_targets(const char *text, size_t len, struct od_explain_input *out)
{
    struct scan s;

    for (size_t i = 0; i < N_OF(target_rules); i++) {
        const struct target_rule *r = &target_rules[i];

        if (scan_open(&s, r->re, text, len) != 0)
            return -1;
        while (scan_next(&s))
            if (!(r->flags & SKIP_PROXY) || !after_proxy(text, (size_t)s.m[0].rm_so))
                take_target(&s, r, out);
        regfree(&s.rx);
    }
    return 0;
}

/* Kinds of every numeric errno into *mask; the first one with a name (or a
 * named code such as ECONNREFUSED) into out->errno_name. */
static int find_errno(const char *text, size_t len, struct od_explain_input *out, unsigned *mask)
{
    struct scan s;
    char num[16];

    if (scan_open(&s, errno_rules[0].re, text, len) != 0)
        return -1;
    while (scan_next(&s)) {
        group_copy(&s, errno_rules[0].group, num, sizeof num);
        for (size_t i = 0; i < N_OF(num_errnos); i++) {
            if (num_errnos[i].num != strtol(num, NULL, 10))
                continue;
            *mask |= 1u << num_errnos[i].kind;
            if (!*out->errno_name)
                od_strlcpy(out->errno_name, num_errnos[i].name, sizeof out->errno_name);
        }
    }
    regfree(&s.rx);
    if (!*out->errno_name &&
        first_grab(errno_rules + 1, N_OF(errno_rules) - 1, text, len, out->errno_name, sizeof out->errno_name) != 0)
        return -1;
    for (char *c = out->errno_name; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    return 0;
}

/* The first error status (>= 400) by row order, else the first status at all. */
static int find_status(const char *text, size_t len, struct od_explain_input *out)
{
    struct scan s;
    char buf[8];
    int any = 0;

    for (size_t i = 0; i < N_OF(status_rules) && out->status < 400; i++) {
        if (scan_open(&s, status_rules[i].re, text, len) != 0)
            return -1;
        while (out->status < 400 && scan_next(&s)) {
            group_copy(&s, status_rules[i].group, buf, sizeof buf);
            long st = strtol(buf, NULL, 10); /* at most 7 digits: buf[8] */
            if (!any || st >= 400)
                out->status = (int)st;
            any = 1;
        }
        regfree(&s.rx);
    }
    return 0;
}

static enum kind status_kind(int status)
{
    return status == 404 ? K_404 : status == 403 ? K_403 : status >= 400 ? K_HTTP : K_COUNT;
}

static int find_kind(const char *text, size_t len, struct od_explain_input *out, unsigned strong)
{
    unsigned weak = 0, mask;

    for (size_t i = 0; i < N_OF(kind_rules); i++) {
        int hit = matches(kind_rules[i].re, text, len);

        if (hit < 0)
            return -1;
        if (hit)
            *(kind_rules[i].weak ? &weak : &strong) |= 1u << kind_rules[i].kind;
    }
    if (status_kind(out->status) != K_COUNT)
        strong |= 1u << status_kind(out->status);
    mask = strong ? strong : weak;
    for (int k = 0; k < K_COUNT; k++)
        if (mask & (1u << k)) {
            od_strlcpy(out->error_kind, kind_names[k], sizeof out->error_kind);
            break;
        }
    return 0;
}

static int find_client(const char *text, size_t len, struct od_explain_input *out)
{
    for (size_t i = 0; i < N_OF(client_rules); i++) {
        int hit = matches(client_rules[i].re, text, len);

        if (hit != 0) {
            if (hit > 0)
                od_strlcpy(out->client, client_rules[i].client, sizeof out->client);
            return hit < 0 ? -1 : 0;
        }
    }
    return 0;
}

/* "scheme://user:password@host" -> "scheme://host" in place: credentials
 * must not reach the output, and the host is what follows them. Returns the
 * new length. */
static size_t drop_userinfo(char *s, size_t len)
{
    for (char *p = strstr(s, "://"); p; p = strstr(p + 3, "://")) {
        char *a = p + 3, *end = a + strcspn(a, "/?#\"'<>` \t\r\n"), *at = NULL;
        for (char *q = a; q < end; q++)
            if (*q == '@')
                at = q;
        if (!at)
            continue;
        memmove(a, at + 1, len - (size_t)(at + 1 - s) + 1);
        len -= (size_t)(at + 1 - a);
    }
    return len;
}

int od_explain_parse(const char *text, struct od_explain_input *out)
{
    size_t len = text ? strnlen(text, TEXT_CAP) : 0;
    char *copy = od_strndup(text ? text : "", len);
    unsigned errno_kinds = 0;
    int rc = -1;

    memset(out, 0, sizeof *out);
    od_strlcpy(out->error_kind, "unknown", sizeof out->error_kind);
    od_strlcpy(out->client, "unknown", sizeof out->client);
    if (!copy) {
        errno = ENOMEM;
        goto out;
    }
    len = drop_userinfo(copy, len);
    if (find_errno(copy, len, out, &errno_kinds) != 0 || find_status(copy, len, out) != 0 ||
        find_kind(copy, len, out, errno_kinds) != 0 || find_targets(copy, len, out) != 0 ||
        first_grab(model_rules, N_OF(model_rules), copy, len, out->model, sizeof out->model) != 0 ||
        find_client(copy, len, out) != 0)
        goto out;
    rc = 0;
out:
    free(copy);
    return rc;
}

cJSON *od_explain_input_json(const struct od_explain_input *in)
{
    static const char *const keys[] = {"host", "port", "path", "url", "error_kind",
                                       "errno", "status", "client", "model"};
    const char *const strs[] = {in->host, NULL, in->path, in->url, in->error_kind,
                                in->errno_name, NULL, in->client, in->model};
    const int nums[] = {0, in->port, 0, 0, 0, 0, in->status, 0, 0};
    cJSON *o = cJSON_CreateObject();

    for (size_t i = 0; o && i < N_OF(keys); i++) {
        cJSON *v = strs[i] ? (*strs[i] ? cJSON_CreateString(strs[i]) : cJSON_CreateNull())
                           : (nums[i] ? cJSON_CreateNumber(nums[i]) : cJSON_CreateNull());

        if (!v || !cJSON_AddItemToObject(o, keys[i], v)) {
            cJSON_Delete(v);
            cJSON_Delete(o);
            o = NULL;
        }
    }
    return o;
}
