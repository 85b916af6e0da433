/* xfer — the HTTP side of an attempt: libcurl easy handles on the shared
 * multi handle, one fresh handle per request, steps GET / → /api/version →
 * the app's joined path (the app's profile says how it joins: "api/version"
 * onto an Ollama provider's Base URL, "models" onto an OpenAI-compatible
 * one). Results land in struct od_attempt. */
#ifndef OD_XFER_H
#define OD_XFER_H

#include <curl/curl.h>

#include "probe.h"

struct od_xfer;

struct od_xfers {
    CURLM *multi;
    struct od_xfer *head;   /* live transfers */
    int active;
    int timeout_ms;
    double deadline;
    int openai;             /* the app speaks the OpenAI API: it joins "models" (a /v1 Base URL), not "api/version" */
};

/* Start step 0 of an attempt; -1 when libcurl refuses (a->error says why). */
int od_xfer_start(struct od_xfers *xs, struct od_probe *p, struct od_attempt *a, int via_proxy);
/* Handle every finished transfer; starts follow-up steps. */
void od_xfers_collect(struct od_xfers *xs);
/* Stop everything still running, recording why (the deadline). */
void od_xfers_abort(struct od_xfers *xs, const char *why);

#endif
