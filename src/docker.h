/* docker — the Docker Engine API over its unix socket (read-only): version
 * negotiation from /_ping, list containers, inspect one, and recognise the
 * app behind it (Dify, Open WebUI, n8n, AnythingLLM). */
#ifndef OD_DOCKER_H
#define OD_DOCKER_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "util.h"

struct od_docker {
    char socket[512];   /* from DOCKER_HOST=unix://..., else /var/run/docker.sock */
    char api[16];       /* "v1.41", negotiated */
    char server[128];   /* Server header */
    int timeout_ms;
};

/* 1 when s is a container name or ID as Docker writes them:
 * [a-zA-Z0-9][a-zA-Z0-9_.-]* (an ID is hex, a subset), at most 200 bytes.
 * Only such text ever goes into an Engine API path. */
int od_docker_name_ok(const char *s);
/* "/containers/NAME/json" into buf; -1 (buf "") when name is not ok. */
int od_docker_inspect_path(const char *name, char *buf, size_t n);

/* Connect (ping). 0; OD_DOCKER_NO_ENGINE when there is no engine to talk to
 * (no socket, not this user's, nothing answering: the user's set-up, said in
 * one line with what to check); -1 for an engine that misbehaves. */
#define OD_DOCKER_NO_ENGINE (-2)
int od_docker_open(struct od_docker *d, const char *docker_host, int timeout_ms, char *why, size_t whylen);
/* GET path (after /vX.Y) as parsed JSON; NULL with why on failure. */
cJSON *od_docker_get(struct od_docker *d, const char *path, char *why, size_t whylen);

/* The seam between libcurl and the code that reads the Engine's answers
 * (the fuzz targets call these directly). */
/* One response header line: Api-Version (kept only when it is N.N) and Server. */
void od_docker_header(struct od_docker *d, const char *line, size_t len);
/* A received status and body as parsed JSON; NULL with why otherwise. */
cJSON *od_docker_answer(long status, const char *body, size_t len, int over, char *why, size_t whylen);

/* What a container is to the user: app and service, and whether it is the
 * one that opens connections to Ollama. */
struct od_app {
    const char *app;      /* "dify", "open-webui", "n8n", "anythingllm", "librechat", or NULL */
    const char *role;     /* "Dify 1.x plugin_daemon (runs the Ollama plugin)" ... */
    int connects;         /* 1 when this container opens the connection to Ollama */
    int priority;         /* lower = better pick for --container auto */
};
/* Recognise an entry of /containers/json (or an inspect document). */
void od_docker_recognise(const cJSON *container, struct od_app *out);

/* --container auto over a /containers/json answer: the running container of
 * a known app that connects, best priority first. 0 with its name (no '/')
 * and why it was picked, or -1 when none fits. Entries of another shape and
 * names that are not od_docker_name_ok are skipped. */
int od_docker_pick(const cJSON *list, char *name, size_t nlen, char *picked, size_t plen);

/* What an inspect answer says; every field of an unexpected type or shape
 * counts as absent (Podman, old engines, proxies, broken daemons). */
struct od_docker_ctr {
    int running;          /* State.Running is true */
    char status[32];      /* State.Status, "" when absent */
    int pid;              /* State.Pid when it is a process id (1..2^30), else 0 */
    char id[13];          /* Id, short form, "" when absent */
    char name[256];       /* Name without its '/', "" when absent or not a name */
    char service[64];     /* com.docker.compose.service */
    struct od_app app;
    struct od_strv env;   /* Config.Env, strings only (at most 4096) */
    cJSON *facts;         /* {image, extra_hosts, network_mode, networks[]}: bounded copies */
};
/* 0, or -1 on ENOMEM. Free with od_docker_ctr_free. */
int od_docker_inspect_read(const cJSON *insp, struct od_docker_ctr *out);
void od_docker_ctr_free(struct od_docker_ctr *c);

#endif
