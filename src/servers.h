/* servers — model servers other than Ollama that an error may be about (LM
 * Studio, llama.cpp's llama-server, vLLM ...), and the other servers an app
 * calls (PostgreSQL, Redis, the SSH server ...): their default port, the words
 * that name them and where their own listen setting is, so that a fix for
 * their bind or start says theirs, not OLLAMA_HOST. */
#ifndef OD_SERVERS_H
#define OD_SERVERS_H

#include <stddef.h>

struct od_server_guess {
    char id[32];     /* "lm-studio", ...; "" when the text shows no other server */
    char name[96];   /* "LM Studio"; for a port several share, "A or B" */
    int strong;      /* the text names it; else only its default port (and an OpenAI-style path) */
    char why[160];
    char bind[600];  /* where it listens and its setting */
    char start[300]; /* how to start it */
    char refusal[160]; /* what a refusal at it means, for a title: "LM Studio listens on loopback only there, ..." */
    int service;       /* not a model server: an app's database or broker, the SSH server */
};

/* The model server the text shows when it is not Ollama: named in the text
 * (at a port that is not Ollama's 11434; when the text shows Ollama failing
 * too, only at the named server's own port), else only suggested by its
 * default port with no path or an OpenAI-style one. client is explain's
 * ("ollama-python" ...), port 0 and path "" when unknown. Returns 1 and fills
 * g, or 0. */
int od_server_guess(const char *text, const char *client, int port, const char *path, struct od_server_guess *g);

#endif
