/* facts — discover: everything known about this vantage before any probe. */
#ifndef OD_FACTS_H
#define OD_FACTS_H

#include <stddef.h>

#include "container.h"
#include "hosts.h"
#include "listen.h"
#include "ollamahost.h"
#include "opts.h"
#include "proxy.h"
#include "resolv.h"
#include "route.h"

#define OD_MAX_GATEWAYS 8
#define OD_MAX_IFADDRS 64
#define OD_MAX_LISTENERS 32
#define OD_MAX_SOURCES 12
#define OD_MAX_PORTS 6

/* Where facts are read from; issue "--netns/--container" swaps these. */
struct od_paths {
    const char *root;   /* "" = live system; prefix for container markers */
    const char *hosts;
    const char *resolv;
    const char *route4, *route6;
    const char *tcp4, *tcp6;
};

struct od_ifaddr {
    char name[32];
    int family;
    char addr[OD_ADDRLEN];
    int prefix;
    int up, loopback;
};

/* What became of each file read: "ok" or "unknown: EACCES" ... */
struct od_source {
    const char *path;
    char status[48];
};

struct od_proxyvar {
    char name[32];
    char value[256]; /* redacted */
};

struct od_facts {
    int in_container;               /* the vantage used for this run */
    const char *vantage_source;     /* "flag" or "detected" */
    struct od_container container;
    char hostname[256];

    int port;                       /* the port of the user's question: ports[0] */
    const char *port_source;        /* "flag", "url", "OLLAMA_HOST", "default" */
    int ports[OD_MAX_PORTS];        /* built-in candidates go to each: the user's, */
    size_t nports;                  /* OLLAMA_HOST's, 11434, Ollama's found on the host */

    int ollama_host_set;
    char ollama_host_raw[256];
    struct od_ollama_host ollama_host;

    struct od_gateway gateways[OD_MAX_GATEWAYS];
    size_t ngateways;
    struct od_ifaddr ifaddrs[OD_MAX_IFADDRS];
    size_t nifaddrs;
    int ifaddrs_known;

    struct od_hosts hosts;
    int hosts_known;
    struct od_resolv resolv;
    int resolv_known;

    struct od_proxyvar proxyvars[16];
    size_t nproxyvars;

    int listeners_checked;          /* host vantage only */
    int listeners_known;
    struct od_listener listeners[OD_MAX_LISTENERS];
    size_t nlisteners;

    struct od_source sources[OD_MAX_SOURCES];
    size_t nsources;

    struct od_env env;              /* the environment the app's client would see */

    /* Whose fixes to print: "linux", "macos", "windows" (one or more). */
    struct od_strv target_os;
    const char *target_os_source;   /* "flag", "detected", "guessed", "unknown" */
};

extern const struct od_paths od_paths_live;

/* Never fails on unreadable files (they become "unknown"); -1 only on ENOMEM. */
int od_facts_discover(const struct od_opts *o, const struct od_paths *p, const struct od_env *env,
                      struct od_facts *f);
void od_facts_free(struct od_facts *f);
/* Add a port to f->ports (no duplicates, bounded). */
void od_facts_add_port(struct od_facts *f, int port);
/* 1 when addr (text) is held by a local interface (loopback included). */
int od_facts_is_local_addr(const struct od_facts *f, const char *addr);

#endif
