/* ollamahost — OLLAMA_HOST parsed exactly as Ollama's envconfig.Host() does. */
#ifndef OD_OLLAMAHOST_H
#define OD_OLLAMAHOST_H

struct od_ollama_host {
    char scheme[16]; /* "http" or "https" (or whatever was given) */
    char host[256];  /* without brackets; "" means all interfaces */
    int port;
    char path[256];  /* "" or "/ollama" */
    int port_defaulted; /* 1 when the port is the default (none given, or an
                         * invalid one Ollama warns about and replaces) */
};

/* value may be NULL or "" (the default 127.0.0.1:11434). Never fails.
 * Credentials (user:password@, od_url_redact) are read as REDACTED: no
 * field ever holds them. */
void od_ollama_host_parse(const char *value, struct od_ollama_host *out);
/* "http://127.0.0.1:11434", "http://[::1]:11434", "http://:1234", "https://example.com:443/ollama" */
void od_ollama_host_url(const struct od_ollama_host *h, char *buf, unsigned n);
/* 1 when the bind is reachable from other hosts/namespaces: empty host,
 * 0.0.0.0, ::, or any non-loopback address. A host name counts as beyond
 * loopback unless it is "localhost". */
int od_ollama_host_listens_beyond_loopback(const struct od_ollama_host *h);

#endif
