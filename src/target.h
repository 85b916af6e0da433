/* target — the namespace to probe from when running on the host:
 * --container NAME|ID|auto (Docker Engine API), --pid PID, --netns NAME. */
#ifndef OD_TARGET_H
#define OD_TARGET_H

#include <stddef.h>

#include "docker.h"
#include "engine.h"
#include "err.h"
#include "opts.h"
#include "util.h"

struct od_target {
    const char *kind;        /* "container", "pid", "netns" */
    char name[256];
    char id[80];
    int pid;
    char netns_path[300];    /* /proc/PID/ns/net or /run/netns/NAME */
    char root[300];          /* /proc/PID/root, or "" for --netns */
    char hosts[400], resolv[400];
    struct od_strv env;      /* the target process's environment */
    struct od_app app;
    char service[64];        /* com.docker.compose.service */
    char picked[300];        /* why --container auto chose it */
    int host_netns;          /* its network namespace is the host's own */
    int is_docker;           /* found through the Engine API: the fields below are set */
    char image[160];
    char network_mode[128];  /* default, bridge, host, container:<id>, <network> */
    struct od_strv extra_hosts;
    struct od_dcnet nets[OD_ENGINE_MAX_CNETS];
    size_t nnets;
};

/* Resolve the target named by o. OD_ERR_USAGE for "no such / not running /
 * not root" (one line in why), OD_ERR_IO for an unreachable engine. */
enum od_err od_target_resolve(const struct od_opts *o, struct od_target *t, char *why, size_t whylen);
/* The target shares the host's network namespace (--network host). */
int od_target_host_network(const struct od_target *t);
void od_target_free(struct od_target *t);

#endif
