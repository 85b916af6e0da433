/* model — with --model: is it on the server behind the recommended Base URL,
 * what can it do (/api/show capabilities, context length, Modelfile num_ctx),
 * optionally how long it takes to load (--deep), and the values to type into
 * Dify's Ollama form (recommendation.app_settings). */
#ifndef OD_MODEL_H
#define OD_MODEL_H

#include <cjson/cJSON.h>

#include "opts.h"
#include "probe.h"

/* Query the server reached by best (pinned to the address that worked) and
 * return context.model; *app_settings gets the Dify form values or NULL. */
cJSON *od_model_check(const struct od_opts *o, const struct od_probe *best, const char *base_url,
                      cJSON **app_settings);

/* The seam between the transport and model.c's readers of /api/tags,
 * /api/show, /api/chat and /api/ps: send one request (post is a JSON body or
 * NULL) and leave the answer's HTTP status in *status (0 when none came) and
 * its body in *body (a capped od_body; NULL when none). od_model_check uses
 * libcurl, pinned to the address that worked; tests and fuzz targets hand in
 * their own answers. */
struct od_body;
struct od_model_io {
    void (*send)(void *ctx, const char *path, const char *post, long timeout_ms, long *status, struct od_body *body);
    void *ctx;
};
cJSON *od_model_check_io(const struct od_opts *o, const struct od_model_io *io, const char *base,
                         cJSON **app_settings);

/* Edit distance, for "did you mean" (exposed for tests). */
int od_model_distance(const char *a, const char *b);

#endif
