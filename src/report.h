/* report — the JSON document (the contract, built once with cJSON) and the
 * renderers that read it; od_report_emit is the one place that prints. */
#ifndef OD_REPORT_H
#define OD_REPORT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "classify.h"
#include "err.h"
#include "facts.h"
#include "opts.h"
#include "probe.h"

#define OD_SCHEMA_VERSION 1

/* Build the report (SPEC "JSON report"). NULL on ENOMEM. */
cJSON *od_report_build(const struct od_opts *o, const struct od_facts *f, const struct od_run *r,
                       const struct od_outcome *out);
/* Put the rules' findings into doc and settle the verdict with them. */
enum od_verdict od_report_set_findings(cJSON *doc, cJSON *findings);
/* context.listeners as the host vantage reports them. */
cJSON *od_report_listeners(const struct od_facts *f);
/* A report that carries only an error (usage or internal), for --json. */
cJSON *od_report_error(enum od_err e, const char *message);

/* Text for people, rendered from the JSON document. */
struct od_style {
    int color;   /* ANSI colours */
    int unicode; /* ✓ ✗ → ; otherwise ASCII */
    int width;   /* terminal columns */
    int verbose, quiet;
};
void od_style_detect(const struct od_opts *o, FILE *fp, struct od_style *st);
void od_report_text(FILE *fp, const cJSON *doc, const struct od_style *st);

/* Wrap text at st->width: the first line starts at column first_col, the
 * others are indented by indent. Ends with a newline. */
void od_text_wrap(FILE *fp, const char *text, int indent, int first_col, const struct od_style *st);
void od_report_text_findings(FILE *fp, const cJSON *findings, const cJSON *target_os, const struct od_style *st);

/* explain: the parsed input, findings, and the check command that confirms. */
cJSON *od_report_explain(const cJSON *facts, cJSON *findings);
void od_report_text_explain(FILE *fp, const cJSON *doc, const struct od_style *st);

/* The report (check or explain document) as GitHub-flavoured Markdown for an
 * issue: verdict, Base URL and findings first, details in <details> blocks,
 * passed through od_redact. Malloc'd; NULL on ENOMEM. */
char *od_report_markdown(const cJSON *doc);

/* A copy of doc whose every string (keys too) is od_printable: what the text
 * and Markdown renderers get, so a server's header or name cannot put
 * terminal escapes on the user's screen. NULL on ENOMEM. */
cJSON *od_report_printable(const cJSON *doc);

/* Print doc in the chosen format to stdout. Returns 0 or -1 (I/O error). */
int od_report_emit(const struct od_opts *o, const cJSON *doc);

#endif
