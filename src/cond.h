/* cond — the rule condition language over a JSON fact tree: paths,
 * comparisons, all/any/not, quantifiers with named bindings, and {{path}}
 * templates. docs/rules.md is its manual. */
#ifndef OD_COND_H
#define OD_COND_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "i18n.h"

#define OD_MAX_BINDINGS 8

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

/* The comparison operators, in the order docs/rules.md lists them. */
extern const char *const od_cond_ops[];
extern const char *const od_cond_quantifiers[];

#endif
