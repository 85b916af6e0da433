/* classify — name each attempt and probe (SPEC probes[].class). The verdict
 * and the recommended Base URL come from the situation (situation.c). */
#ifndef OD_CLASSIFY_H
#define OD_CLASSIFY_H

#include "probe.h"

enum od_verdict { OD_VERDICT_OK, OD_VERDICT_PROBLEMS, OD_VERDICT_UNREACHABLE };

struct od_outcome {
    enum od_verdict verdict;
    const struct od_probe *best;   /* the probe behind the recommendation, or NULL */
    char base_url[1400];           /* "" when none was verified */
    int url_broken;                /* a --url given does not work as typed */
};

/* Sets klass on every attempt and probe of r. */
void od_classify(struct od_run *r);
const char *od_verdict_name(enum od_verdict v);

#endif
