/* explain_fields.c — a field a signature captured, as explain reports it:
 * a host (no brackets, lower case, an IPv6 address in its canonical form),
 * a port, a model name (no registry prefix, no stray word), a compose
 * service; and whether a host:port capture is a source file of a trace. No
 * module state. */
#include "explain_int.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void od_explain_trim_tail(char *s, const char *chars)
{
    size_t n = strlen(s);
    while (n > 0 && strchr(chars, s[n - 1]))
        s[--n] = '\0';
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* A source file named by a trace ("_ssl.c:1000", "client.py:123"): one dot,
 * then a source language's extension. Only a bare host:port capture can be
 * one; a URL's host is a host ("http://ollama.rs:11434"). */
int od_explain_source_file(const char *h)
{
    static const char *const ext[] = {"c",     "h",    "cc",  "cpp", "cs",    "go", "java", "js", "mjs",
                                      "cjs",   "ts",   "tsx", "jsx", "kt",    "rb", "php",  "ex", "exs",
                                      "swift", "dart", "lua", "zig", "scala", "py", "rs"};
    const char *dot = strchr(h, '.');
    if (!dot || strchr(dot + 1, '.'))
        return 0;
    for (size_t i = 0; i < N_OF(ext); i++)
        if (strcmp(dot + 1, ext[i]) == 0)
            return 1;
    return 0;
}

/* An IPv6 literal in its one canonical form (Java prints ::1 as
 * 0:0:0:0:0:0:0:1), and an IPv4-mapped one as the IPv4 address it maps
 * (Node's ::ffff:127.0.0.1 is 127.0.0.1). Anything else is left alone. */
static void canonical_ip6(char *p, size_t n)
{
    struct in6_addr a;
    char out[INET6_ADDRSTRLEN];
    if (!strchr(p, ':') || inet_pton(AF_INET6, p, &a) != 1)
        return;
    if (IN6_IS_ADDR_V4MAPPED(&a) ? !inet_ntop(AF_INET, &a.s6_addr[12], out, sizeof out)
                                 : !inet_ntop(AF_INET6, &a, out, sizeof out))
        return;
    od_strlcpy(p, out, n);
}

static int is_ip6(const char *p)
{
    struct in6_addr a;
    return strchr(p, ':') && inet_pton(AF_INET6, p, &a) == 1;
}

/* A captured host as we report it: no brackets, lower case, no final dot,
 * an IPv6 address in its canonical form, its zone as the system names it
 * (a URL writes fe80::1%25eth0, RFC 6874; the dialer fe80::1%eth0). */
/* A paste that lost the space after a socket error's code glues the code to
 * the address ("ECONNREFUSED127.0.0.1:8080"): the host is what follows it. */
static char *after_glued_code(char *p)
{
    static const char *const codes[] = {"econnrefused", "etimedout",  "ehostunreach",
                                        "enetunreach",  "econnreset", "eaddrnotavail"};
    for (size_t i = 0; i < N_OF(codes); i++) {
        size_t k = strlen(codes[i]);
        if (strncmp(p, codes[i], k) == 0 && isdigit((unsigned char)p[k]))
            return p + k;
    }
    return p;
}

int od_explain_clean_host(char *h, size_t n)
{
    static const char *const no_value[] = {"undefined", "null", "nil", "none"};
    char buf[256];
    char *p = buf, *zone;
    od_strlcpy(buf, h, sizeof buf);
    if (*p == '[') {
        p++;
        od_explain_trim_tail(p, "]");
    }
    if (strchr(p, ':') && (zone = strstr(p, "%25")) != NULL)
        memmove(zone + 1, zone + 3, strlen(zone + 3) + 1);
    if (!is_ip6(p)) /* "::" and "fe80::" end in colons of their own */
        od_explain_trim_tail(p, ".:");
    lower(p);
    p = after_glued_code(p);
    canonical_ip6(p, sizeof buf - (size_t)(p - buf));
    od_strlcpy(h, p, n);
    if (!*h || strspn(h, "0123456789") == strlen(h))
        return -1; /* not a host: a bare number */
    for (size_t i = 0; i < N_OF(no_value); i++)
        if (strcmp(h, no_value[i]) == 0)
            return -1; /* a runtime's word for a field left empty (got's localAddress: undefined) */
    return 0;
}

int od_explain_port_num(const char *s)
{
    char *end;
    long p = strtol(s, &end, 10);
    return *s && p >= 1 && p <= 65535 ? (int)p : 0;
}

void od_explain_clean_model(char *m, size_t n)
{
    static const char *const prefixes[] = {"registry.ollama.ai/library/", "registry.ollama.ai/", "library/"};
    static const char *const words[] = {"is",   "was",   "the",    "a",  "an", "your", "not", "found", "with", "this",
                                        "that", "model", "models", "it", "to", "and",  "or",  "for",   "of"};
    char buf[128];
    const char *p = buf;
    od_strlcpy(buf, m, sizeof buf);
    od_explain_trim_tail(buf, ".,:;'\"`\\");
    while (*p == '\'' || *p == '"' || *p == '`' || *p == '\\')
        p++;
    for (size_t i = 0; i < N_OF(prefixes); i++)
        if (strncasecmp(p, prefixes[i], strlen(prefixes[i])) == 0) {
            p += strlen(prefixes[i]);
            break;
        }
    for (size_t i = 0; i < N_OF(words); i++)
        if (strcasecmp(p, words[i]) == 0)
            p = "";
    od_strlcpy(m, p, n);
}

/* A compose log prefix's container name as the service it runs: without its
 * replica number (api-1, docker_api_1), and without the project Compose v1
 * put before it (docker_plugin_daemon_1); 0 for no service of the app's (the
 * model server's own container: ollama, ollama-gpu; not the old ollama-webui). */
int od_explain_compose_service(char *name)
{
    size_t n = strlen(name), k = n;
    while (k > 0 && isdigit((unsigned char)name[k - 1]))
        k--;
    if (k > 1 && k < n && (name[k - 1] == '-' || name[k - 1] == '_')) {
        const char *us = strchr(name, '_');
        int v1 = name[k - 1] == '_' && us && us < name + k - 1; /* PROJECT_SERVICE_N */
        name[k - 1] = '\0';
        if (v1)
            memmove(name, us + 1, strlen(us + 1) + 1);
    }
    return name[0] && !(strncasecmp(name, "ollama", 6) == 0 && !strstr(name, "ui")); /* ollama-webui is an app */
}
