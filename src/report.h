/* report — the JSON document (the contract, built once with cJSON) and the
 * renderers that read it; od_report_emit is the one place that prints. */
#ifndef OD_REPORT_H
#define OD_REPORT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "classify.h"
#include "err.h"
#include "facts.h"
#include "i18n.h"
#include "opts.h"
#include "probe.h"

#define OD_SCHEMA_VERSION 1

struct od_check;
struct od_rules;

/* The documents the program prints: each is built once with cJSON (the
 * --json form) and rendered for people by the one layer (render.c, then
 * report_text.c or report_md.c). */
enum od_doc_kind {
    OD_DOC_CHECK,   /* od_report_build, od_report_error */
    OD_DOC_EXPLAIN, /* od_report_explain */
    OD_DOC_BUNDLE,  /* the bundle's listing (bundle.c) */
    OD_DOC_RULES,   /* rules list (od_rules_doc) */
    OD_DOC_VERSION, /* --version (od_version_doc) */
};

/* Build the report (SPEC "JSON report") once from a check's typed facts:
 * the facts, then the rules' findings over them (with their texts in lang
 * too, for people), then the verdict (also returned in *verdict). NULL on
 * ENOMEM. */
cJSON *od_report_build(const struct od_check *c, const struct od_rules *rs, enum od_lang lang, enum od_verdict *verdict);
/* The language of the texts a report for o carries: JSON stays English. */
enum od_lang od_report_lang(const struct od_opts *o);
/* A report that carries only an error (usage or internal), for --json. */
cJSON *od_report_error(enum od_err e, const char *message);

/* Text for people, rendered from the JSON document (render.c says what,
 * report_text.c lays it out). */
struct od_style {
    int color;          /* ANSI colours */
    int unicode;        /* ✓ ✗ … ; otherwise ASCII */
    int width;          /* columns: the terminal's, else COLUMNS, else 80 */
    int verbose, quiet;
    enum od_lang lang;  /* of everything a person reads */
};
void od_style_detect(const struct od_opts *o, FILE *fp, struct od_style *st);
void od_report_text(FILE *fp, const cJSON *doc, const struct od_style *st);

/* explain: the parsed input, findings, and the check command that confirms. */
cJSON *od_report_explain(const cJSON *facts, cJSON *findings);
void od_report_text_explain(FILE *fp, const cJSON *doc, const struct od_style *st);

/* A document as GitHub-flavoured Markdown for an issue, in language l (a
 * report: verdict, Base URL and findings first, details in
 * <details> blocks, passed through od_redact. Malloc'd; NULL on ENOMEM. */
char *od_report_markdown(const cJSON *doc, enum od_doc_kind kind, enum od_lang l);

/* Text and Markdown of the small documents. */
void od_text_bundle(FILE *fp, const cJSON *doc, const struct od_style *st);
void od_text_rules(FILE *fp, const cJSON *doc, const struct od_style *st);
void od_text_version(FILE *fp, const cJSON *doc, const struct od_style *st);

/* A copy of doc whose every string (keys too) is od_printable: what the text
 * and Markdown renderers get, so a server's header or name cannot put
 * terminal escapes on the user's screen. NULL on ENOMEM. */
cJSON *od_report_printable(const cJSON *doc);
/* Apply fix (od_printable, od_utf8_clean) to every string of doc, keys too, in place. */
void od_report_fix_strings(cJSON *doc, size_t (*fix)(char *));

/* Print doc in the chosen format to stdout. Returns 0 or -1 (I/O error). */
int od_report_emit(const struct od_opts *o, enum od_doc_kind kind, const cJSON *doc);

#endif
