/* commands — one function per subcommand; main dispatches through a table. */
#ifndef OD_COMMANDS_H
#define OD_COMMANDS_H

#include "opts.h"

int od_cmd_check(const struct od_opts *o);
/* The whole check (probes, host facts, rules) as the report document, with
 * *exit_code the status the check command would return; or NULL with the
 * error in *err and one line in why. */
#include <cjson/cJSON.h>
#include <stddef.h>
cJSON *od_check_doc(const struct od_opts *o, int *exit_code, enum od_err *err, char *why, size_t whylen);
/* The same, keeping the typed check (c, freed by the caller with
 * od_check_free whatever the outcome) for those who collect more (bundle). */
struct od_check;
cJSON *od_check_report(const struct od_opts *o, struct od_check *c, int *exit_code, enum od_err *err, char *why,
                       size_t whylen);
int od_cmd_explain(const struct od_opts *o);
/* explain's document for text (findings, parsed input), or NULL with the
 * error in *err and one line in why. */
cJSON *od_explain_doc(const struct od_opts *o, const char *text, enum od_err *err, char *why, size_t whylen);
int od_cmd_rules(const struct od_opts *o);
/* Report a failure (stderr, plus a JSON error document in JSON mode);
 * returns the exit status for e. */
int od_fail(enum od_err e, const char *why, int json);

#endif
