/* proxy — would the app's HTTP client use a proxy for this URL?  Python
 * `requests` semantics (requests.utils.get_environ_proxies / select_proxy,
 * urllib.request.getproxies_environment / proxy_bypass_environment). */
#ifndef OD_PROXY_H
#define OD_PROXY_H

#include <stddef.h>

/* An environment as a NULL-terminated "NAME=value" array (like environ). */
struct od_env {
    char *const *vars;
};

const char *od_env_get(const struct od_env *env, const char *name); /* exact name */

/* The proxy requests would use for scheme://host[:port] (port <= 0: none in
 * the URL), copied to out; returns 1, or 0 for a direct connection. As
 * requests.Session does: NO_PROXY from no_proxy, or NO_PROXY when no_proxy
 * is empty or unset; then urllib's getproxies_environment() (names ending in
 * _proxy in any case; lower-case "_proxy" names win and an empty one removes
 * the entry; REQUEST_METHOD set drops the upper-case http entry) and its
 * "no" entry; then the first of scheme://host, scheme, all://host, all.
 * Where a name appears twice in env the first one counts, as in os.environ. */
int od_proxy_for(const struct od_env *env, const char *scheme, const char *host, int port, char *out, size_t n);

/* requests' NO_PROXY test alone: 1 when no_proxy (a comma list) exempts host,
 * by requests' own loop (spaces removed; IPv4 literals by exact text or
 * a.b.c.d/n CIDR, 1<=n<=32; other hosts by exact text or ".entry" suffix of
 * host or host:port, leading dots ignored, case-sensitive) or by urllib's
 * proxy_bypass_environment (the whole value "*"; entries trimmed, leading dots
 * dropped, case-insensitive exact or ".entry" suffix match of the host).
 * requests 2.34.2 semantics; older releases matched bare suffixes. */
int od_no_proxy_match(const char *no_proxy, const char *host, int port);

/* Copy a proxy value with any user:password replaced by "REDACTED"
 * (od_url_redact: with or without a scheme, unencoded characters too). */
void od_proxy_redact(const char *url, char *out, size_t n);

#endif
