/* url — Base URLs as a user types them into an app, and how apps join paths. */
#ifndef OD_URL_H
#define OD_URL_H

struct od_url {
    char scheme[16];   /* lower case; "http" when the text had none */
    char host[256];    /* without brackets */
    int port;          /* explicit port, or the scheme default */
    int port_explicit;
    char path[1024];   /* "" or "/api" ...; never a query */
    int has_scheme;    /* 0 for "localhost:11434" (a finding, not an error) */
    int family;        /* AF_INET/AF_INET6 for IP literals, 0 for names */
};

/* Parse text. default_port applies when the text names none and has no
 * scheme (e.g. "ollama"). Returns 0, or -1 with a one-line reason in why
 * (e.g. "port 70000 out of range 1-65535") and u zeroed. Accepted schemes:
 * http, https. Scheme and host are lower-cased; user:password@ is dropped;
 * query and fragment are dropped (the path is kept); "h:" counts as no port.
 * Rejected: empty text or host, blanks or control characters, a port that is
 * not 1-65535 digits, another scheme, "http:h" (no "//"), unbalanced or
 * misplaced brackets, and IPv6 addresses without brackets. */
int od_url_parse(const char *text, int default_port, struct od_url *u, char *why, unsigned whylen);

/* The one credential-stripping function, for every URL-like value the tool
 * reads (a --url, --candidates, proxy variables, OLLAMA_HOST, Docker's proxy
 * settings): value copied into out (n bytes) with its userinfo replaced by
 * REDACTED. The userinfo runs from after "scheme://" (or from the start when
 * there is no scheme: "user:pw@proxy:3128", which Python requests accepts) to
 * the LAST '@' of the whole value, so a password with an unencoded '#', '?',
 * '/' or blank is still found. Idempotent. Returns 1 when the value had
 * userinfo, 0 when out is a plain copy. */
int od_url_redact(const char *value, char *out, unsigned n);
/* 1 when value has an '@' after its host (beyond the authority as
 * od_url_parse splits it): userinfo with an unencoded '#', '?', '/' or
 * blank, or an '@' in a path. */
int od_url_at_beyond_authority(const char *value);

/* scheme://host:port (brackets for IPv6) followed by path. */
void od_url_format(const struct od_url *u, int with_path, char *buf, unsigned n);

/* What Python's urljoin(base + "/" if missing, rel) gives for a relative rel
 * such as "api/chat": the path part only, e.g. "/api/api/chat". Follows
 * CPython's algorithm: empty middle segments collapse, "." and ".." resolve,
 * a rel starting with '/' replaces the path, a rel's ?query/#fragment is
 * ignored. */
void od_url_join_path(const char *base_path, const char *rel, char *buf, unsigned n);

#endif
