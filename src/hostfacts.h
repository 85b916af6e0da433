/* hostfacts — what only the host can see (Linux, read-only): the sockets
 * Ollama listens on (any port) and who owns them (an ollama process with its
 * OLLAMA_HOST and systemd unit, a docker-proxy and the container behind it),
 * the systemd unit's Environment, firewall front-ends, Docker's bridges and
 * containers (Engine API), and the proxies Docker injects into containers. */
#ifndef OD_HOSTFACTS_H
#define OD_HOSTFACTS_H

#include <stddef.h>

#include "engine.h"
#include "facts.h"
#include "listen.h"

#define OD_HOST_MAX_LISTENERS 32
#define OD_HOST_MAX_BRIDGES 16

enum od_owner_kind { OD_OWNER_NONE, OD_OWNER_OLLAMA, OD_OWNER_DOCKER_PROXY, OD_OWNER_OTHER };

struct od_owner {
    enum od_owner_kind kind;
    int pid;
    char comm[32];
    int ollama_host_set;
    char ollama_host[256];       /* credentials stripped */
    char unit[128];              /* systemd unit from /proc/PID/cgroup, "" when none */
    char proxy_to[OD_ADDRLEN];   /* docker-proxy: -container-ip */
    int proxy_to_port;           /* docker-proxy: -container-port */
};

struct od_host_listener {
    struct od_listener l;
    struct od_owner owner;       /* kind NONE when it could not be read */
};

struct od_systemd {
    int known;                   /* systemctl answered */
    char load[32], active[32];
    char fragment[256], dropins[512], environment[1024];
};

struct od_firewall {
    int ufw_present, ufw_enabled;
    int firewalld_present, firewalld_running;
    int nft_present, nft_readable;
    struct od_strv nft_rules;    /* rules that name the port */
};

struct od_bridge {
    char name[32];
    int family;
    char addr[OD_ADDRLEN];
    int prefix;
};

struct od_hostfacts {
    int known;                   /* read on the host */
    /* Listening sockets on the ports asked about, and every socket an
     * Ollama process or a docker-proxy listens on. */
    struct od_host_listener listeners[OD_HOST_MAX_LISTENERS];
    size_t nlisteners;
    struct od_systemd systemd;
    struct od_firewall fw;
    struct od_bridge bridges[OD_HOST_MAX_BRIDGES];   /* docker0, br-*: the host's own view */
    size_t nbridges;
    int docker_proxies_known;
    struct od_strv docker_proxies;                   /* "default.httpProxy=value" (redacted) */
    struct od_engine engine;
};

/* Read the host's sockets, bridges, Docker Engine and Docker's proxies (call
 * in the host's network namespace, before probing: the ports found become
 * candidates). f gives the ports, the interfaces and the environment. */
void od_hostfacts_read(struct od_hostfacts *h, const struct od_facts *f, int timeout_ms);
/* Then the services (systemctl, nft), each command ending within timeout_ms;
 * timeout_ms <= 0 skips them. */
void od_hostfacts_read_services(struct od_hostfacts *h, int port, int timeout_ms);
void od_hostfacts_free(struct od_hostfacts *h);

/* Owner classification from a process's comm and NUL-separated cmdline
 * (exposed for tests): an Ollama server (not its runners, not this tool), a
 * docker-proxy (with its -container-ip/-container-port), or other. */
void od_owner_classify(const char *comm, const char *cmdline, size_t len, struct od_owner *o);

#endif
