/* model — with --model: is it on the server behind the recommended Base URL,
 * what can it do (/api/show capabilities, context length, Modelfile num_ctx),
 * optionally how long it takes to load (--deep), and the values to type into
 * Dify's Ollama form. Typed facts; the report is built from them. */
#ifndef OD_MODEL_H
#define OD_MODEL_H

#include <cjson/cJSON.h>

#include "opts.h"
#include "probe.h"

#define OD_MODEL_MAX_INSTALLED 200
#define OD_MODEL_MAX_CTX (1L << 27)      /* larger "context lengths" are not believed */
#define OD_DIFY_READ_TIMEOUT_MS 300000   /* the plugin's requests timeout=(10, 300) */

struct od_app_settings {
    int set;
    char base_url[1400];
    char model[300];
    const char *model_type;   /* "llm" | "text-embedding" */
    long context_size;
    long max_tokens;
    int vision, tools;
    char context_size_reason[400];
};

struct od_model {
    int checked;              /* a server was asked */
    char requested[256];
    char model_type[16];      /* chat | embedding */
    char server[1400];
    long tags_status;
    int tags_ok;              /* /api/tags answered a model list we could read */
    struct od_strv installed; /* at most OD_MODEL_MAX_INSTALLED names */
    int found;
    char name[300];           /* the installed name ("llava" -> "llava:latest") */
    struct od_strv closest;   /* up to 3, no duplicates */
    long show_status;
    int show_ok;
    struct od_strv capabilities;
    const char *capabilities_source; /* "show" | "derived" */
    char architecture[64], family[64];
    long context_length;      /* trained; 0 unknown */
    long num_ctx;             /* Modelfile; 0 none */
    int deep;                 /* --deep ran */
    long deep_status;
    double deep_load_ms;
    char deep_done_reason[32];
    long deep_context_length; /* /api/ps after the load; 0 unknown */
    int cut_short;            /* the run's deadline ended a request */
    struct od_app_settings settings;
};

/* Query the server reached by best (pinned to the address that worked) for
 * o->model, every request ending by deadline (od_now_ms clock; --deep adds
 * the app's read timeout). */
void od_model_check(const struct od_opts *o, const struct od_probe *best, const char *base_url, double deadline,
                    struct od_model *m);
void od_model_free(struct od_model *m);

/* Parsers of Ollama's answers (exposed for tests and fuzzing). */
void od_model_read_tags(struct od_model *m, const char *body, size_t len);
void od_model_read_show(struct od_model *m, const char *body, size_t len);
/* Edit distance, for "did you mean". */
int od_model_distance(const char *a, const char *b);

#endif
