/* app — the apps that connect to Ollama (--app): how each joins paths to
 * the Base URL, whether it runs in a container, which compose service opens
 * the connection. One table; rules read it through situation.app. */
#ifndef OD_APP_H
#define OD_APP_H

struct od_app_profile {
    const char *name;          /* --app value */
    const char *title;         /* "Dify" */
    int in_container;          /* usually deployed as a container */
    const char *joins;         /* "ollama": native /api/... paths; "openai": /v1/chat/completions */
    const char *app_path;      /* what it appends to the Base URL for a chat, e.g. "api/chat" */
    const char *service;       /* the compose service that connects, "" unknown */
    const char *service_note;  /* where that is said more precisely */
};

/* The profile named name, or NULL. */
const struct od_app_profile *od_app_find(const char *name);
/* The default profile (dify). */
const struct od_app_profile *od_app_default(void);
/* NULL-terminated list of the names, for options and completions. */
extern const char *const od_app_names[];

#endif
