/* engine — what the Docker Engine says about this host (read-only, over its
 * unix socket): its bridges with their real addresses, and the running
 * containers with their networks and published ports, Ollama's among them. */
#ifndef OD_ENGINE_H
#define OD_ENGINE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "util.h"

#define OD_ENGINE_MAX_NETS 32
#define OD_ENGINE_MAX_CONTAINERS 128
#define OD_ENGINE_MAX_PORTS 8
#define OD_ENGINE_MAX_CNETS 8

struct od_dnet {
    char name[128];
    char id[16];          /* short id */
    char driver[16];      /* bridge, host, null, overlay, ... */
    char bridge[32];      /* the host interface: docker0, br-<id> */
    char subnet[64];      /* first IPv4 subnet, "" when none */
    char gateway[OD_ADDRLEN];
};

struct od_dport {         /* a published port */
    char host_ip[OD_ADDRLEN]; /* "0.0.0.0", "127.0.0.1", "::" */
    int host_port;
    int container_port;
};

struct od_dcnet {         /* a container on a network */
    char name[128];
    char ip[OD_ADDRLEN];
    char gateway[OD_ADDRLEN];
};

struct od_dcontainer {
    char name[128];
    char id[16];
    char image[160];
    char command[160];
    char network_mode[128];   /* default, bridge, host, container:<id>, <network> */
    char service[64];         /* com.docker.compose.service */
    char project[64];         /* com.docker.compose.project */
    int ollama;               /* runs Ollama (image or command) */
    struct od_dcnet nets[OD_ENGINE_MAX_CNETS];
    size_t nnets;
    struct od_dport ports[OD_ENGINE_MAX_PORTS];
    size_t nports;
};

struct od_engine {
    int available;            /* the socket answered */
    char socket[256];
    char server[128];         /* Server header of /_ping */
    char why[256];            /* why not available */
    struct od_dnet nets[OD_ENGINE_MAX_NETS];
    size_t nnets;
    struct od_dcontainer *cs;
    size_t ncs;
};

/* Ask the engine at docker_host (DOCKER_HOST, or NULL for the default
 * socket). Never fails: an absent engine leaves available 0 and says why. */
void od_engine_read(struct od_engine *e, const char *docker_host, int timeout_ms);
/* Parse answers (exposed for tests and fuzzing): /networks and /containers/json. */
void od_engine_parse_networks(struct od_engine *e, const cJSON *list);
void od_engine_parse_containers(struct od_engine *e, const cJSON *list);
void od_engine_free(struct od_engine *e);

/* The container holding addr on one of its networks, or NULL. */
const struct od_dcontainer *od_engine_container_by_ip(const struct od_engine *e, const char *addr);
const struct od_dcontainer *od_engine_container_by_name(const struct od_engine *e, const char *name);
/* 1 when the two containers share a network (by name). */
int od_engine_share_network(const struct od_dcontainer *a, const struct od_dcontainer *b);

#endif
