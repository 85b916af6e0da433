/* lint — validate one rule file and say where each problem is
 * ("file:line:col: message"), as `ollama-doctor rules lint` prints. */
#ifndef OD_LINT_H
#define OD_LINT_H

#include <cjson/cJSON.h>

#include "rules.h"
#include "util.h"

/* Parse and check a rule file. Returns the parsed rule (caller frees) or NULL
 * when it is not JSON; problems are appended to lint either way. */
cJSON *od_lint_rule(const char *file, const char *text, struct od_strv *lint);
/* Append a message located at the first occurrence of needle in text. */
void od_lint_at(struct od_strv *lint, const char *file, const char *text, const char *needle, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Parse and check a translation file (rules/i18n/<lang>/<id>.json) against
 * its rule in rs: only texts (title, detail, evidence, fixes' title, notes
 * and step labels, caveats), arrays the rule's length, and every template
 * with the same {{placeholders}} as the English one. Returns it with *rule
 * set, or NULL (problems appended to lint). */
cJSON *od_lint_translation(struct od_rules *rs, const char *file, const char *text, struct od_strv *lint,
                           struct od_rule **rule);
/* Every id a rule suppresses must exist in the set: 0 or -1. */
int od_lint_suppresses(const struct od_rules *rs, const struct od_rule *r, struct od_strv *lint);

#endif
