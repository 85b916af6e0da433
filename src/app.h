/* app — the apps that connect to Ollama (--app): how each joins paths to
 * the Base URL, whether it runs in a container, which compose service opens
 * the connection. One table; rules read it through situation.app. */
#ifndef OD_APP_H
#define OD_APP_H

#include <stddef.h>

struct od_app_profile {
    const char *name;          /* --app value */
    const char *title;         /* "Dify" */
    int in_container;          /* usually deployed as a container */
    const char *joins;         /* "ollama": native /api/... paths; "openai": /v1/chat/completions */
    const char *app_path;      /* what it appends to the Base URL for a chat, e.g. "api/chat" */
    const char *service;       /* the compose service that connects, "" unknown */
    const char *service_note;  /* where that is said more precisely */
    const char *base_url_field; /* where its Base URL is typed, "" unknown */
    const char *const *services; /* its compose services that may connect, service first, and
                                  * NAME=SERVICE for a container_name its compose file gives
                                  * SERVICE; NULL: none known */
};

/* The profile named name, or NULL. */
const struct od_app_profile *od_app_find(const char *name);
/* The default profile (dify). */
const struct od_app_profile *od_app_default(void);
/* The profile named name, else the default. */
const struct od_app_profile *od_app_or_default(const char *name);
/* A Base URL as the app named name types it: an OpenAI-compatible app's
 * gets /v1 (where Ollama serves that API) when it has no path. url holds
 * n bytes. */
void od_app_base_url(const char *name, char *url, size_t n);
/* NULL-terminated list of the names, for options and completions. */
extern const char *const od_app_names[];

#endif
