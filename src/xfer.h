/* xfer — the HTTP side of an attempt: libcurl easy handles on the shared
 * multi handle, one fresh handle per request: GET /, and once it is connected
 * /api/version and the app's joined path beside it (the app's profile says how it joins: "api/version"
 * onto an Ollama provider's Base URL, "models" onto an OpenAI-compatible
 * one). Results land in struct od_attempt. */
#ifndef OD_XFER_H
#define OD_XFER_H

#include <curl/curl.h>

#include "probe.h"

struct od_xfer;
struct od_queued;

/* Transfers running at once; more wait their turn. Connects are not counted
 * (dial.c makes them, all at once): this bounds what a thousand endpoints
 * that answer cost in libcurl handles, not how long black holes take. */
#define OD_XFER_MAX 256

struct od_xfers {
    CURLM *multi;
    struct od_xfer *head;   /* live transfers */
    struct od_xfer *ready;  /* steps 0 just connected: their follow-ups start next */
    struct od_queued *queue, *queue_tail; /* waiting for room (OD_XFER_MAX) */
    int active;
    int timeout_ms;
    double deadline;
    int openai;             /* the app speaks the OpenAI API: it joins "models" (a /v1 Base URL), not "api/version" */
};

/* Start (or queue) step 0 of an attempt on fd, the socket dial.c connected
 * to its address (or its proxy's), now owned here; -1 when libcurl refuses
 * (a->error says why). */
int od_xfer_start(struct od_xfers *xs, struct od_probe *p, struct od_attempt *a, int via_proxy, int fd);
/* Handle every finished transfer; starts follow-up steps. */
void od_xfers_collect(struct od_xfers *xs);
/* Stop everything still running, recording why (the deadline). */
void od_xfers_abort(struct od_xfers *xs, const char *why);

#endif
