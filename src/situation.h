/* situation — what the measurements mean for the user's question, typed, in
 * one place between classification and the rules: the role of every address
 * from this vantage (the Docker host, this container, another container,
 * another machine), which probes are the question, where Ollama really is
 * (address, port, and who owns it), the verdict before findings, and the
 * measured values fixes are filled with. docs/facts.md lists each field. */
#ifndef OD_SITUATION_H
#define OD_SITUATION_H

#include <stddef.h>

#include "classify.h"
#include "facts.h"
#include "hostfacts.h"
#include "hostnames.h"
#include "opts.h"
#include "probe.h"
#include "target.h"

enum od_role { OD_ROLE_UNKNOWN, OD_ROLE_DOCKER_HOST, OD_ROLE_THIS_CONTAINER, OD_ROLE_OTHER_CONTAINER, OD_ROLE_OTHER_MACHINE };

#define OD_SIT_MAX_WHY 4
#define OD_SIT_MAX_FOUND 16

struct od_addr_role {
    char addr[OD_ADDRLEN];
    enum od_role role;
    int loopback;             /* loopback or unspecified: this network namespace itself */
    int confirmed;            /* measured, not presumed */
    const char *why[OD_SIT_MAX_WHY];
    size_t nwhy;
};

struct od_probe_sit {
    int asked;                /* a --url */
    int question;             /* part of the run's question (see od_situation) */
    int recommended;          /* the probe behind recommendation.base_url */
    int usable;               /* it reaches Ollama, and the app could use it */
    enum od_role role;        /* what it points at (for a name that did not resolve: what the name is for) */
    int role_confirmed;
    int loopback;
    char label[120];          /* "the Docker host", "another machine (192.168.1.50)" ... */
    const char *forwarder;    /* what answers there for the host's loopback (od_host_forwarder), or NULL */
};

struct od_ollama_at {         /* a place Ollama was found */
    char addr[OD_ADDRLEN];
    int port;
    const char *via;          /* "probe", "listener", "container" */
    const char *owner_kind;   /* "service", "process", "docker-proxy", "container", "unknown" */
    char owner[200];          /* "ollama (pid 812, ollama.service)" ... */
    char container[128];      /* the container behind it, "" when none */
    enum od_role role;
    int loopback;             /* listens on loopback only */
};

struct od_situation {
    const char *question;     /* "url": the user's URLs; "which": which URL to type */
    size_t nasked, asked_ok;
    int reached;              /* some probe reached Ollama */
    size_t usable;            /* ... and the app could use it */
    int app_in_container;     /* the app runs in a container */
    int host_network;         /* the probes ran in the host's network namespace (a --network host container) */
    const char *network_mode; /* "host", "bridge", "unknown" */

    struct od_addr_role *addrs;
    size_t naddrs;
    struct od_probe_sit *ps;  /* parallel to run->probes */
    const struct od_probe *best;

    /* The Docker host from here, at the question's port. */
    struct od_strv host_addrs;      /* its addresses known here (no loopback) */
    int dh_seen;                    /* some of them were tried */
    int dh_refused_all;             /* every attempt at them was refused */
    int dh_timeout;                 /* one of them timed out */
    int dh_answers;                 /* one of them answered TCP (refused or connected), any port */
    int dh_ok;                      /* Ollama answered at one of them, any port */

    /* Where Ollama is. */
    struct od_ollama_at found[OD_SIT_MAX_FOUND];
    size_t nfound;
    int ollama_port;                /* the port it really uses: found, else the question's */
    int other_port;                 /* found only on another port than asked: that port, else 0 */
    int listeners_known;            /* host evidence about sockets */
    int listening;                  /* something listens on the question's port, or an Ollama process anywhere */
    int loopback_only;              /* every Ollama listener is on loopback */
    int all_interfaces;             /* an Ollama listener takes every interface */
    const struct od_dcontainer *ollama_container; /* Ollama runs in this container (Engine API) */
    int published_loopback;         /* ... published on 127.0.0.1 only */
    int published;                  /* ... published at all */
    int shares_network;             /* the app's container shares a network with it: 1, 0, or -1 unknown */
    const struct od_dcontainer *app_container;

    /* Measured values for fixes. */
    char bridge_addr[OD_ADDRLEN];   /* docker0's real address, "" unknown */
    const char *bridge_source;      /* "host", "engine", "hosts-file", "gateway", "" */
    char bind_all[80], bind_narrow[96];
    const char *bind_narrow_why;
    char subnets[256];              /* the Docker subnets, comma-separated ("" unknown) */
    char subnet[64];                /* the first of them: the one fixes name */
    char service[64];               /* the compose service that connects */
    char base_url[600];             /* the Base URL to type once fixed */
    char no_proxy[1024];            /* the app's NO_PROXY plus what it lacks */
    int firewall_known;             /* host evidence about the firewall */
};

struct od_sit_in {
    const struct od_opts *o;
    const struct od_facts *f;       /* the vantage the probes ran in */
    const struct od_facts *hostf;   /* the host's own facts (host or combined vantage), or NULL */
    const struct od_hostfacts *hf;  /* or NULL */
    const struct od_target *t;      /* combined vantage, or NULL */
    const struct od_run *r;
};

/* Build the situation; fills out (the verdict before findings, best, base URL). */
int od_situation_build(const struct od_sit_in *in, struct od_situation *s, struct od_outcome *out);
/* The measured values of situation.fix, from what build found (situation_fix.c). */
void od_situation_fix_values(const struct od_sit_in *in, struct od_situation *s);
void od_situation_free(struct od_situation *s);

const char *od_role_name(enum od_role r);
/* The role of one address from this vantage (exposed for tests). */
const struct od_addr_role *od_situation_role(const struct od_situation *s, const char *addr);

#endif
