/* docker — the Docker Engine API over its unix socket (read-only): version
 * negotiation from /_ping, list containers, inspect one, and recognise the
 * app behind it (Dify, Open WebUI, n8n, AnythingLLM). */
#ifndef OD_DOCKER_H
#define OD_DOCKER_H

#include <cjson/cJSON.h>
#include <stddef.h>

struct od_docker {
    char socket[512];   /* from DOCKER_HOST=unix://..., else /var/run/docker.sock */
    char api[16];       /* "v1.41", negotiated */
    char server[128];   /* Server header */
    int timeout_ms;
};

/* Connect (ping). 0; OD_DOCKER_NO_ENGINE when there is no engine to talk to
 * (no socket, not this user's, nothing answering: the user's set-up, said in
 * one line with what to check); -1 for an engine that misbehaves. */
#define OD_DOCKER_NO_ENGINE (-2)
int od_docker_open(struct od_docker *d, const char *docker_host, int timeout_ms, char *why, size_t whylen);
/* GET path (after /vX.Y) as parsed JSON; NULL with why on failure. */
cJSON *od_docker_get(struct od_docker *d, const char *path, char *why, size_t whylen);

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

#endif
