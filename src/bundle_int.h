/* bundle_int — what bundle.c and bundle_collect.c share: the in-memory
 * bundle and the functions that add files to it. Not a public API. */
#ifndef OD_BUNDLE_INT_H
#define OD_BUNDLE_INT_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <time.h>

#include "bundle.h"
#include "opts.h"
#include "sha256.h"

#define READ_CAP (OD_BUNDLE_FILE_CAP + (256u << 10)) /* raw bytes read; the cap applies after redaction */
#define CMD_CAP (8u << 20) /* more than the file cap: a long journal keeps its end */
#define CMD_TIMEOUT_MS 5000
#define MAX_FILES 32


enum keep { KEEP_HEAD, KEEP_TAIL }; /* what a cut keeps: logs keep their end */

struct bfile {
    const char *name; /* path under the top directory */
    char *data;
    size_t len;
    int truncated;
    enum keep keep;
    char source[256];
    char sha256[OD_SHA256_HEXLEN];
};

struct bundle {
    struct bfile files[MAX_FILES];
    size_t n;
    cJSON *skipped; /* [{name, reason}] */
    time_t started;
    char stamp[32]; /* 20261124T231000Z */
    char top[64];   /* ollama-doctor-bundle-<stamp> */
    char *manifest;
    size_t manifest_len;
};


void od_bundle_iso_utc(time_t t, char *buf, size_t n);
void od_bundle_skip(struct bundle *b, const char *name, const char *reason);
/* Take ownership of data. */
void od_bundle_add(struct bundle *b, const char *name, char *data, size_t len, int truncated, enum keep keep,
                   const char *source);
void od_bundle_add_string(struct bundle *b, const char *name, char *s, const char *source);
void od_bundle_add_json(struct bundle *b, const char *name, const cJSON *v, const char *source);

/* The collectors, in the order files appear in the bundle. */
void od_bundle_collect_reports(struct bundle *b, const struct od_opts *o, const cJSON *doc);
struct od_check;
void od_bundle_collect_facts(struct bundle *b, const struct od_check *c, const cJSON *doc);
void od_bundle_collect_host(struct bundle *b, const struct od_check *c);
void od_bundle_collect_ollama(struct bundle *b, const struct od_check *c);

#endif
