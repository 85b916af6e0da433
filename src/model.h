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

/* Edit distance, for "did you mean" (exposed for tests). */
int od_model_distance(const char *a, const char *b);

#endif
