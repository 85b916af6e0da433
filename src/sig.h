/* sig — error signatures: what the wording of a pasted error message means,
 * as data (signatures/ *.json, one file per runtime or app family, compiled
 * into the binary by tools/embed-rules.sh). A signature is one POSIX
 * extended regex (case-insensitive, one line at a time, {MACROS} expanded)
 * and what a match says: an error kind, an errno, a client, an app, a
 * platform hint, a non-connectivity cause, and the fields its capture groups
 * hold (host, port, URL, path, status, model, a duration). Host rules give
 * every host:port the text names a role (the model server, a proxy, a
 * registry, an app's internal service, a runner ...). Each regex is compiled
 * once when the set is loaded; `rules lint` checks the files
 * (file:line:col). docs/rules.md describes the language. */
#ifndef OD_SIG_H
#define OD_SIG_H

#include <regex.h>
#include <stddef.h>

#include "rules.h"
#include "util.h"

/* Generated at build time from signatures/ (tools/embed-rules.sh). */
extern const struct od_rule_src od_builtin_signatures[];

/* What capture groups can hold. */
enum od_sig_field {
    OD_SF_HOST, OD_SF_PORT, OD_SF_PATH, OD_SF_URL, OD_SF_ERRNO, OD_SF_STATUS, OD_SF_MODEL, OD_SF_SECONDS,
    OD_SF_MS, OD_SF_ORIGIN, OD_SF_SERVICE, OD_SF__COUNT
};

#define OD_SIG_ID 96

struct od_sig {
    char id[OD_SIG_ID];         /* family/id */
    char *re;                   /* the regex, macros expanded */
    regex_t rx;
    int state;                  /* 0 not compiled yet, 1 compiled, -1 does not compile */
    size_t nsub;
    struct od_strv needles;     /* lower-case literals one of which every match contains; empty: none known */
    const char *kind;           /* the vocabularies below; NULL when not said */
    int weak;                   /* the kind counts only when no strong kind matched; the cause only
                                 * when no kind and no other cause did */
    int guess;                  /* the kind is inferred (curl's time to fail), not said: a
                                 * connection kind the text says outweighs it */
    int yields;                 /* the cause is an app's own words: it gives way to a failed
                                 * connection at Ollama's own port or route */
    int raw;                    /* matched against the text as pasted, before explain cleans it (what a
                                 * viewer put around the rows, which the cleaning drops) */
    const char *role;           /* the role of the endpoint it captures (default model-server) */
    const char *platform, *cause, *hint, *joins;
    char client[32], app[32];   /* "" when not said */
    char errno_name[24];        /* a fixed errno ("" when not said) */
    char host[64];              /* a fixed endpoint host ("" when not said) */
    int status;                 /* a fixed HTTP status, 0 when not said */
    int rank;                   /* lower wins among signatures saying the same thing (default 50) */
    int field[OD_SF__COUNT];    /* capture group per field, 0 when none */
};

/* A host rule: an endpoint whose host, port and path match gets this role. */
struct od_hostrule {
    char id[OD_SIG_ID];
    regex_t host, path;
    int has_host, has_path;
    int ports[8];
    size_t nports;
    int not_ports[8]; /* ports where the rule does not hold */
    size_t nnot;
    int min_port;     /* the lowest port where it holds (0: any) */
    const char *role;
    const char *cause;          /* a failure at such an endpoint is this cause (e.g. registry) */
    char why[160];
};

/* A status rule: what an HTTP status in the text means. */
struct od_statusrule {
    int status;
    const char *kind, *cause, *hint;
    int weak;                   /* the kind counts only when no strong kind matched */
};

struct od_sigs {
    int lazy;                   /* compile each regex when a text first contains one of its needles */
    struct od_sig *v;
    size_t n, cap;
    struct od_hostrule *h;
    size_t nh, caph;
    struct od_statusrule *st;
    size_t nst, capst;
};

/* Vocabularies (NULL-terminated), in precedence order for kinds. */
extern const char *const od_sig_kinds[];
extern const char *const od_sig_roles[];
extern const char *const od_sig_platforms[];
extern const char *const od_sig_causes[];
extern const char *const od_sig_hints[];
extern const char *const od_sig_joins[];
extern const char *const od_sig_fields[];

/* A file is a signature file when its top-level object has "signatures". */
int od_sig_is_file(const char *text);

/* Load the built-in set, or the signature files of dir (other *.json files
 * are ignored). Problems go to lint ("file:line:col: message"); a file with
 * problems is not loaded. Returns 0 when the set is clean, -1 otherwise.
 * sigs_found, when given, says whether dir held any signature file. With
 * lint_all, every regex is compiled and checked now (rules lint, and any
 * directory); otherwise the built-in regexes, checked by the test suite's
 * lint, are compiled when a text first needs them. */
int od_sigs_load(struct od_sigs *s, const char *dir, struct od_strv *lint, int *sigs_found, int lint_all);
/* Lint one signature file's text into s (s may be NULL: lint only). 0 or -1. */
int od_sigs_add_text(struct od_sigs *s, const char *file, const char *text, struct od_strv *lint);
void od_sigs_free(struct od_sigs *s);

/* One match: the signature, where it starts in the text, and its groups. */
#define OD_SIG_NMATCH 10
struct od_sig_hit {
    const struct od_sig *sig;
    size_t pos;
    const char *text;
    regmatch_t m[OD_SIG_NMATCH];
};

/* Call fn for every match of every signature (at most 64 per signature), in
 * the order of the set; fn returns 0 to go on. raw: only the signatures
 * marked raw (text as pasted), else only the others (text cleaned). A
 * signature whose needles the text lacks is not run. Returns 0, or -1 when
 * fn did (or out of memory). */
int od_sigs_scan(struct od_sigs *s, const char *text, size_t len, int raw,
                 int (*fn)(const struct od_sig_hit *hit, void *arg), void *arg);

/* The lower-case literals, one of which every match of re (macros not
 * expanded) contains: the longest literal of each top-level alternative.
 * Returns 0, or -1 when some alternative has none of 3 characters or more
 * (then the regex runs on every text). Exposed for tests. */
int od_sig_needles(const char *re, struct od_strv *out);

/* Capture group g of a hit into dst ("" when the group took no part). */
void od_sig_group(const struct od_sig_hit *hit, int g, char *dst, size_t n);

/* The role and cause host rules give host:port/path, or NULL; why names the rule. */
const struct od_hostrule *od_sigs_host_role(const struct od_sigs *s, const char *host, int port, const char *path);

#endif
