/* cand — the candidate endpoints, each with every origin that named it (SPEC). */
#ifndef OD_CAND_H
#define OD_CAND_H

#include <stddef.h>

#include "facts.h"
#include "opts.h"
#include "url.h"

#define OD_MAX_ORIGINS 8

struct od_cand {
    char text[320];      /* as written by the user, or the bare built-in host */
    const char *origin;  /* the first origin (SPEC probes[].origin) */
    const char *origins[OD_MAX_ORIGINS]; /* every source that named it, origin first */
    size_t norigins;
    struct od_url url;   /* parsed; scheme/port defaulted */
    char *key;           /* the URL with its path: duplicates share it (owned) */
    int builtin;         /* on the host, built-ins probe only local addresses */
    int asked;           /* a --url: the user's own question */
};

struct od_cands {
    struct od_cand *v;
    size_t n, cap;
    size_t *slots, nslots; /* index of v by key (cand.c) */
};

/* Fill out from --url, --candidates or the built-in list for the vantage in f,
 * the built-ins on every port in f->ports. Returns 0, or -1 on ENOMEM. A
 * candidate named twice keeps its first text and collects both origins. */
int od_cands_build(const struct od_opts *o, const struct od_facts *f, struct od_cands *out);
void od_cands_free(struct od_cands *c);
/* 1 when c was named by origin. */
int od_cand_has_origin(const struct od_cand *c, const char *origin);

#endif
