/* cond — the rule condition language over a JSON fact tree: paths,
 * comparisons, all/any/not, quantifiers with named bindings, and {{path}}
 * templates. docs/rules.md is its manual. */
#ifndef OD_COND_H
#define OD_COND_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "i18n.h"

#define OD_MAX_BINDINGS 8

/* "matches" patterns compiled once per rule set (rules.c fills it at load),
 * found again by the JSON node the pattern came from. */
struct od_regex;
struct od_regex_cache {
    struct od_regex **v;
    size_t n, cap;
};

struct od_binding {
    const char *name;
    const cJSON *node;
};

/* Where paths are looked up: the document root ("$."), the current element
 * (inside some/every/none/each) and the names bound with "as". */
struct od_scope {
    const cJSON *root;
    const cJSON *here;
    struct od_binding b[OD_MAX_BINDINGS];
    int nb;
    enum od_lang lang; /* of the text being rendered: a "label" value is shown in it */
    const struct od_regex_cache *re; /* NULL: patterns are compiled when used */
};

/* The value at path, or NULL when absent. */
const cJSON *od_path_get(const struct od_scope *s, const char *path);
/* 1 when the condition holds; an unknown operator is false (lint catches it). */
int od_cond_eval(const cJSON *cond, struct od_scope *s);
/* Expand {{path}} in tmpl into a new string (caller frees); NULL on ENOMEM.
 * {{path|$.other|text}}: the first present value, else the text. A value
 * still absent renders as nothing and sets *missing (when not NULL): the
 * caller leaves out what cannot be said, never prints a placeholder. */
char *od_template(const char *tmpl, const struct od_scope *s, int *missing);

/* Bounds on a "matches" pattern, checked before it is ever compiled (glibc
 * copies a {m,n} repetition's subtree n times, so nested counts multiply):
 * at most OD_REGEX_MAX_LEN bytes, each count at most OD_REGEX_MAX_COUNT, and
 * at most OD_REGEX_MAX_COST pieces once every repetition is expanded.
 * 0, or -1 with a one-line reason in why. */
#define OD_REGEX_MAX_LEN 256
#define OD_REGEX_MAX_COUNT 255
#define OD_REGEX_MAX_COST 2000
int od_regex_check(const char *pattern, char *why, size_t n);
/* Compile every "matches" pattern found in rule (at any depth) into c.
 * 0, or -1 on ENOMEM or a pattern that fails od_regex_check or regcomp
 * (lint reports those first). */
int od_regex_cache_add_rule(struct od_regex_cache *c, const cJSON *rule);
void od_regex_cache_free(struct od_regex_cache *c);

/* The comparison operators, in the order docs/rules.md lists them. */
extern const char *const od_cond_ops[];
extern const char *const od_cond_quantifiers[];

#endif
