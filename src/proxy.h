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
 * the URL), copied to out; returns 1, or 0 for a direct connection. */
int od_proxy_for(const struct od_env *env, const char *scheme, const char *host, int port, char *out, size_t n);

/* requests' NO_PROXY test alone: 1 when no_proxy (a comma list) exempts host. */
int od_no_proxy_match(const char *no_proxy, const char *host, int port);

/* Copy a proxy URL with any user:password replaced by "REDACTED". */
void od_proxy_redact(const char *url, char *out, size_t n);

#endif
