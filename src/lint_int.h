/* lint_int — what the rule lint (lint.c) and the translation lint
 * (lint_tr.c) share: the file being checked and how a message is located. */
#ifndef OD_LINT_INT_H
#define OD_LINT_INT_H

#include <cjson/cJSON.h>

#include "util.h"

struct lctx {
    const char *file, *text;
    struct od_strv *lint;
    int depth;      /* conditions being checked, one inside the other */
    int too_deep;   /* said once */
};

/* "file:line:col: msg", the position of at in text (NULL: 1:1). */
void od_lint_msg(struct od_strv *lint, const char *file, const char *text, const char *at, const char *msg);
/* A message located at "value" quoted (or value bare, inside a template). */
void od_lint_str(struct lctx *x, const char *value, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Every key of obj is in allowed, else "unknown key 'k' in where". */
void od_lint_keys(struct lctx *x, const cJSON *obj, const char *const *allowed, const char *where);

#endif
