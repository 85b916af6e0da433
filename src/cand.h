/* cand — the candidate endpoints, each with the origin it came from (SPEC). */
#ifndef OD_CAND_H
#define OD_CAND_H

#include <stddef.h>

#include "facts.h"
#include "opts.h"
#include "url.h"

struct od_cand {
    char text[320];      /* as written by the user, or the bare built-in host */
    const char *origin;  /* "url", "localhost", "gateway", ... (SPEC probes[].origin) */
    struct od_url url;   /* parsed; scheme/port defaulted */
    int builtin;         /* on the host, built-ins probe only local addresses */
};

struct od_cands {
    struct od_cand *v;
    size_t n, cap;
};

/* Fill out from --url, --candidates or the built-in list for the vantage in f.
 * Returns 0, or -1 on ENOMEM. Duplicates (same URL) keep the first origin. */
int od_cands_build(const struct od_opts *o, const struct od_facts *f, struct od_cands *out);
void od_cands_free(struct od_cands *c);

#endif
