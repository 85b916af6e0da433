/* rules — the knowledge base: rule files (JSON, one per failure mode) loaded
 * from the built-in set or a directory, linted with file:line:col messages,
 * and evaluated over a fact tree into ordered findings. */
#ifndef OD_RULES_H
#define OD_RULES_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "cond.h"
#include "i18n.h"
#include "opts.h"
#include "util.h"

/* What a fix step's lines are written in ("syntax"), NULL-terminated: the
 * Markdown code block's language, and how a long shell line continues. */
extern const char *const od_step_syntaxes[];

struct od_rule_src {
    const char *file;
    const char *text;
};

/* Generated at build time from the rules directory (tools/embed-rules.sh). */
extern const struct od_rule_src od_builtin_rules[];

struct od_rule {
    cJSON *j;
    const char *id;
    enum od_severity sev;
    int rank;
    char file[256];
    cJSON *tr[OD_LANG__COUNT]; /* its translations (rules/i18n/<lang>/<id>.json); [OD_LANG_EN] unused */
};

struct od_rules {
    struct od_rule *v;
    size_t n, cap;
    struct od_regex_cache re; /* every "matches" pattern, compiled once at load */
};

/* Load the built-in set, or every *.json in dir with the translations in
 * dir/i18n/<lang>/ (JSON files). Problems are appended to lint ("file:line:col:
 * message"); a file with problems is not loaded. Every rule needs a
 * translation for every language that has a translation directory (the
 * built-in set has all). Returns 0 when the set is clean, -1 otherwise. */
int od_rules_load(struct od_rules *rs, const char *dir, struct od_strv *lint);
/* The built-in set without linting it again: the build linted it (the
 * Makefile runs `rules lint` on every binary it links), with the
 * translations into lang only (none for English). For check, explain and
 * the MCP server; `rules list` and `rules lint` use od_rules_load. */
int od_rules_load_builtin(struct od_rules *rs, enum od_lang lang, struct od_strv *lint);
void od_rules_free(struct od_rules *rs);

/* Evaluate every rule over facts. Fixes for an OS platform (macos, linux,
 * windows) are kept only when os_platforms lists it or no OS; so are those
 * for a deployment (docker, compose, kubernetes) when it lists one; "any"
 * always.
 * With a language other than English each finding also carries its texts
 * in that language (findings[].localized), rendered from the same facts.
 * Returns the findings array (errors first, then by rank; suppressed
 * symptoms removed); NULL on ENOMEM. */
cJSON *od_rules_eval(const struct od_rules *rs, const cJSON *facts, const struct od_strv *os_platforms,
                     enum od_lang lang);

const char *od_severity_name(enum od_severity s);

/* rules list as a document: {schema_version, source ("built-in" or the
 * directory), rules [{id, severity, title, platforms}]}. */
cJSON *od_rules_doc(const struct od_rules *rs, const char *dir);

#endif
