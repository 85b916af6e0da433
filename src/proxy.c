/* proxy.c — which proxy Python requests would use for a URL, given an environment. */
#include "proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"
#include "util.h"

const char *od_env_get(const struct od_env *env, const char *name)
{
    size_t n;

    if (!env || !env->vars || !name)
        return NULL;
    n = strlen(name);
    for (size_t i = 0; env->vars[i]; i++)
        if (strncmp(env->vars[i], name, n) == 0 && env->vars[i][n] == '=')
            return env->vars[i] + n + 1; /* first one wins, as in os.environ */
    return NULL;
}

/* An earlier entry with the same name hides this one (os.environ keeps the first). */
static int hidden(const struct od_env *env, size_t i, const char *name, size_t n)
{
    for (size_t j = 0; j < i; j++)
        if (strncmp(env->vars[j], name, n) == 0 && env->vars[j][n] == '=')
            return 1;
    return 0;
}

/* NAME is "<key>_proxy" with the prefix equal to key case-insensitively;
 * strict also wants "_proxy" itself in lower case (urllib's second pass). */
static int proxy_var_for(const char *name, size_t n, const char *key, size_t klen, int strict)
{
    if (n != klen + 6 || name[klen] != '_' || strncasecmp(name, key, klen) != 0)
        return 0;
    return strict ? memcmp(name + klen + 1, "proxy", 5) == 0
                  : strncasecmp(name + klen + 1, "proxy", 5) == 0;
}

/* urllib.request.getproxies_environment()[key], or NULL when absent. Pass 1
 * takes any case of "<key>_proxy"; REQUEST_METHOD (CGI) then drops "http";
 * pass 2 lets names ending in lower-case "_proxy" win, and an empty one
 * removes the key. Later environment entries win within a pass. */
static const char *env_proxy(const struct od_env *env, const char *key)
{
    size_t klen = strlen(key);
    const char *val = NULL;

    if (!env || !env->vars)
        return NULL;
    for (int strict = 0; strict <= 1; strict++) {
        if (strict && strcmp(key, "http") == 0 && od_env_get(env, "REQUEST_METHOD"))
            val = NULL;
        for (size_t i = 0; env->vars[i]; i++) {
            const char *var = env->vars[i], *eq = strchr(var, '=');
            size_t n = eq ? (size_t)(eq - var) : 0;

            if (!eq || !proxy_var_for(var, n, key, klen, strict) || hidden(env, i, var, n))
                continue;
            if (eq[1])
                val = eq + 1;
            else if (strict)
                val = NULL;
        }
    }
    return val;
}

/* Python int() of the CIDR bits: blanks around, a sign, '_' between digits. */
static int py_int(const char *s, long *out)
{
    static const char ws[] = " \t\n\r\v\f\x1c\x1d\x1e\x1f";
    size_t i = strspn(s, ws), end = strlen(s);
    long v = 0;
    int neg = 0, digits = 0;

    while (end > i && strchr(ws, s[end - 1]))
        end--;
    if (i < end && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    for (; i < end; i++) {
        if (s[i] == '_' && digits && i + 1 < end && s[i + 1] >= '0' && s[i + 1] <= '9')
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (v < 1000)
            v = v * 10 + (s[i] - '0');
        digits++;
    }
    if (!digits)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

/* requests.utils.is_valid_cidr + address_in_network, with inet_aton as Python uses. */
static int cidr_match(const char *ip, char *entry)
{
    char *slash = strchr(entry, '/');
    struct in_addr a, net;
    uint32_t mask;
    long bits;

    if (!slash || strchr(slash + 1, '/'))
        return -1; /* not a CIDR: compare as a plain address */
    *slash = '\0';
    if (py_int(slash + 1, &bits) != 0 || bits < 1 || bits > 32 || !inet_aton(entry, &net)) {
        *slash = '/';
        return -1;
    }
    *slash = '/';
    mask = htonl(bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits));
    return inet_aton(ip, &a) && (a.s_addr & mask) == (net.s_addr & mask);
}

/* "." + name is a suffix of s (name given as a pointer and length). */
static int dot_suffix(const char *s, const char *name, size_t n)
{
    size_t ls = strlen(s);

    return ls > n && s[ls - n - 1] == '.' && memcmp(s + ls - n, name, n) == 0;
}

/* One no_proxy entry (spaces already removed) against the host, as requests
 * 2.34.2 does it: IPv4 literals by CIDR or exact text; anything else, after
 * dropping leading dots, by exact text or a ".entry" suffix of host or
 * host:port (case-sensitive; urllib's pass below ignores case). Older
 * requests releases used a bare suffix match ("ample.com" matched
 * "example.com"); the Dify Ollama plugin requires requests>=2.34.2. */
static int requests_entry(const char *host, const char *hwp, char *e)
{
    struct in_addr a;
    size_t n;
    int c;

    if (inet_aton(host, &a)) {
        c = cidr_match(host, e);
        return c >= 0 ? c : strcmp(host, e) == 0;
    }
    e += strspn(e, ".");
    n = strlen(e);
    if (strcmp(host, e) == 0 || strcmp(hwp, e) == 0)
        return 1;
    return dot_suffix(host, e, n) || dot_suffix(hwp, e, n);
}

/* requests.utils.should_bypass_proxies' own loop over no_proxy. */
static int requests_bypass(const char *no_proxy, const char *host, const char *hwp)
{
    char *copy = malloc(strlen(no_proxy) + 1), *e, *w;
    int hit = 0;

    if (!copy)
        return 0;
    for (w = copy; *no_proxy; no_proxy++)
        if (*no_proxy != ' ')
            *w++ = *no_proxy;
    *w = '\0';
    for (e = copy; e && !hit; e = w ? w + 1 : NULL) {
        w = strchr(e, ',');
        if (w)
            *w = '\0';
        if (*e)
            hit = requests_entry(host, hwp, e);
    }
    free(copy);
    return hit;
}

/* urllib's _splitport: the text before a last ':' that only digits follow. */
static size_t hostonly_len(const char *host)
{
    const char *colon = strrchr(host, ':');

    if (!colon || colon[1 + strspn(colon + 1, "0123456789")] != '\0')
        return strlen(host);
    return (size_t)(colon - host);
}

/* One urllib entry: s[0..n) stripped, leading dots dropped, lower-cased. */
static int urllib_entry(const char *host, size_t hlen, const char *s, size_t n)
{
    static const char ws[] = " \t\n\r\v\f\x1c\x1d\x1e\x1f";
    size_t tl = strlen(host);

    while (n > 0 && strchr(ws, *s)) {
        s++;
        n--;
    }
    while (n > 0 && strchr(ws, s[n - 1]))
        n--;
    if (n == 0)
        return 0;
    while (n > 0 && *s == '.') {
        s++;
        n--;
    }
    if ((hlen == n && strncasecmp(host, s, n) == 0) || (tl == n && strncasecmp(host, s, n) == 0))
        return 1;
    /* "." + name as a suffix of hostonly or of host */
    if (hlen > n && host[hlen - n - 1] == '.' && strncasecmp(host + hlen - n, s, n) == 0)
        return 1;
    return tl > n && host[tl - n - 1] == '.' && strncasecmp(host + tl - n, s, n) == 0;
}

/* urllib.request.proxy_bypass_environment(host) with proxies['no'] = no. */
static int urllib_bypass(const char *no, const char *host)
{
    size_t hlen = hostonly_len(host);

    if (strcmp(no, "*") == 0)
        return 1;
    for (const char *e = no;; e++) {
        size_t n = strcspn(e, ",");

        if (urllib_entry(host, hlen, e, n))
            return 1;
        e += n;
        if (!*e)
            return 0;
    }
}

/* parsed.hostname: lower case, without brackets. */
static char *hostname_of(const char *host)
{
    size_t n = host ? strlen(host) : 0;
    char *h;

    if (n >= 2 && host[0] == '[' && host[n - 1] == ']')
        h = od_strndup(host + 1, n - 2);
    else
        h = od_strdup(host ? host : "");
    for (char *p = h; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return h;
}

static char *with_port(const char *h, int port)
{
    size_t n = strlen(h) + 16;
    char *s = malloc(n);

    if (s)
        snprintf(s, n, port > 0 ? "%s:%d" : "%s", h, port);
    return s;
}

int od_no_proxy_match(const char *no_proxy, const char *host, int port)
{
    char *h = hostname_of(host), *hwp = h ? with_port(h, port) : NULL;
    int hit = 0;

    if (!no_proxy || !hwp)
        goto out;
    hit = requests_bypass(no_proxy, h, hwp) || urllib_bypass(no_proxy, h);
out:
    free(h);
    free(hwp);
    return hit;
}

/* requests.utils.select_proxy: scheme://host, scheme, all://host, all. */
static const char *select_proxy(const struct od_env *env, const char *scheme, const char *h)
{
    const char *bases[2] = {scheme, "all"};
    const char *v = NULL;

    for (int i = 0; i < 2 && !v; i++) {
        size_t n = strlen(bases[i]) + strlen(h) + 4;
        char *key = malloc(n);

        if (!key)
            return NULL;
        snprintf(key, n, "%s://%s", bases[i], h);
        v = env_proxy(env, key);
        free(key);
        if (!v)
            v = env_proxy(env, bases[i]);
    }
    return v;
}

int od_proxy_for(const struct od_env *env, const char *scheme, const char *host, int port, char *out, size_t n)
{
    char *h = hostname_of(host), *s = hostname_of(scheme), *hwp = h ? with_port(h, port) : NULL;
    const char *np, *v = NULL;

    if (out && n > 0)
        out[0] = '\0';
    if (!h || !s || !hwp || !*h)
        goto out; /* no hostname: requests bypasses the environment's proxies */
    np = od_env_get(env, "no_proxy");
    if (!np || !*np)
        np = od_env_get(env, "NO_PROXY");
    if (np && *np && requests_bypass(np, h, hwp))
        goto out;
    np = env_proxy(env, "no");
    if (np && urllib_bypass(np, h))
        goto out;
    v = select_proxy(env, s, h);
    if (v && out && n > 0)
        od_strlcpy(out, v, n);
out:
    free(h);
    free(s);
    free(hwp);
    return v != NULL;
}

void od_proxy_redact(const char *url, char *out, size_t n)
{
    od_url_redact(url, out, (unsigned)(n > 0xffffffffu ? 0xffffffffu : n));
}
