/* check — the pipeline of one diagnosis, start to end, as typed facts:
 * discover (the vantage, and the host's side when there is one) → candidates
 * → probe → classify → model (--model) → situation. In combined mode
 * (--container, --pid, --netns) this process enters the target's network
 * namespace for the vantage's facts, the probes and the model queries, and
 * returns to its own; host facts are read before it leaves. Nothing here
 * prints; the report is built from the result (report_json.c). */
#ifndef OD_CHECK_H
#define OD_CHECK_H

#include "appenv.h"
#include "cand.h"
#include "classify.h"
#include "err.h"
#include "facts.h"
#include "hostfacts.h"
#include "model.h"
#include "opts.h"
#include "probe.h"
#include "situation.h"
#include "target.h"

struct od_check {
    const struct od_opts *o;
    double started, deadline;     /* od_now_ms clock: the whole run ends by deadline */
    struct od_facts f;            /* the vantage the probes ran in */
    int has_host;                 /* host or combined vantage */
    struct od_facts hostf;        /* combined: the host's own facts (host vantage: unused, f is the host) */
    struct od_hostfacts hf;
    int has_target;
    struct od_target t;
    struct od_cands cands;
    struct od_run run;
    struct od_outcome out;
    struct od_model model;
    struct od_situation sit;
    struct od_appenv ae;          /* whose environment is the app's (not combined mode) */
    double elapsed_ms;            /* the whole run */
    long max_rss_kb;              /* peak resident memory by its end */
};

/* Run the diagnosis for o. OD_OK, or an error with one line in why (a
 * target that cannot be entered, the libraries failing, ENOMEM). The
 * check is always safe to free. */
enum od_err od_check_run(const struct od_opts *o, struct od_check *c, char *why, size_t whylen);
void od_check_free(struct od_check *c);

/* The facts of the host side as read here (exposed for the bundle). */
const struct od_facts *od_check_host_facts(const struct od_check *c);

#endif
