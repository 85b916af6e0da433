/* appenv — whose environment the app's proxy variables and OLLAMA_HOST are
 * read from (context.app_env, docs/facts.md).
 *
 * Inside the app's container (docker exec) and on the host it is this
 * process's own: "self". A sidecar (its image sets OLLAMA_DOCTOR_SIDECAR=1)
 * shares the app's network but not its environment, so it reads, in order:
 * PID 1's when it shares the app's PID namespace (docker run --pid
 * container:APP, kubectl debug --target): "process"; the app container's
 * Config.Env through the Docker Engine API when the socket is mounted (the
 * app is the container whose network namespace this one joined): "engine-api";
 * otherwise the app's variables are "unknown" and the note says so. */
#ifndef OD_APPENV_H
#define OD_APPENV_H

#include <cjson/cJSON.h>

#include "util.h"

#define OD_SIDECAR_ENV "OLLAMA_DOCTOR_SIDECAR"

struct od_appenv {
    const char *source;  /* "self", "process", "engine-api", "unknown" */
    char container[256]; /* engine-api: the app container's name */
    char note[1536];     /* "" for self */
    struct od_strv vars; /* process / engine-api: the app's environment */
    char **envp;         /* the environment to evaluate, NULL-terminated */
};

/* Decide for a run in this process; self_env is environ. Never fails: on
 * ENOMEM the source is "unknown". timeout_ms bounds the Engine API calls. */
void od_appenv_resolve(struct od_appenv *ae, char **self_env, int timeout_ms);
/* {source, container, note}: container and note null when empty. */
cJSON *od_appenv_json(const struct od_appenv *ae);
/* For --container / --pid / --netns: the target's environment came from the
 * Engine API, /proc/PID/environ, or is this process's own. */
cJSON *od_appenv_target_json(const char *kind, const char *name);
void od_appenv_free(struct od_appenv *ae);

#endif
