/* render — what every format of the report for people shares, so the text
 * and Markdown back ends only lay out: accessors of the report document,
 * the verdict sentence, severity marks, the root cause, a finding's texts in
 * the reader's language, the steps of a fix, the rows of facts and of the
 * candidate table, the explain fields; and display width (East Asian wide
 * characters count two columns) with line breaking that knows CJK text. */
#ifndef OD_RENDER_H
#define OD_RENDER_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>

#include "i18n.h"
#include "textwidth.h"

/* --- the document ------------------------------------------------------- */
const cJSON *od_rj(const cJSON *o, const char *key);            /* member or NULL */
const char *od_rs(const cJSON *o, const char *key);             /* string member or NULL */
double od_rn(const cJSON *o, const char *key, double dflt);     /* number member or dflt */
int od_rt(const cJSON *o, const char *key);                     /* true member */

/* --- the answer ------------------------------------------------------------ */
enum od_tone { OD_TONE_PLAIN, OD_TONE_OK, OD_TONE_BAD, OD_TONE_WARN, OD_TONE_DIM, OD_TONE_BOLD, OD_TONE_INFO };

struct od_verdict_line {
    enum od_tone tone;
    const char *mark;      /* ✓ ! ✗ (unicode) */
    const char *ascii;     /* OK ! X */
    char text[600];        /* the sentence, in the reader's language */
};
/* The verdict in one sentence: healthy runs say so and give the Base URL. */
void od_render_verdict(const cJSON *doc, enum od_lang l, struct od_verdict_line *v);

struct od_sev_mark {
    enum od_tone tone;
    const char *mark, *ascii;
    const char *name;      /* "error", localized */
};
void od_render_severity(const char *sev, enum od_lang l, struct od_sev_mark *m);

/* The root cause: the first error finding, else the first finding. */
const cJSON *od_render_root(const cJSON *findings);

/* A finding's texts for the reader: its localized ones when the report has
 * them (findings[].localized, made for the reader's language), else English. */
const char *od_render_title(const cJSON *f);
const char *od_render_detail(const cJSON *f);
const cJSON *od_render_evidence(const cJSON *f);
const cJSON *od_render_caveats(const cJSON *f);
/* Fix i of finding f, and its localized title, notes and step labels. */
const char *od_render_fix_title(const cJSON *f, int i, const cJSON *fix);
const char *od_render_fix_notes(const cJSON *f, int i, const cJSON *fix);
const char *od_render_step_label(const cJSON *f, int i, int s, const cJSON *step);

/* A fix's steps as the renderers show them: a shell block, a file's
 * content, or a value to type into a form. */
enum od_step_kind { OD_STEP_RUN, OD_STEP_FILE, OD_STEP_TYPE };
const char *od_render_continuation(const cJSON *step);
const char *od_render_syntax(const cJSON *step);
enum od_step_kind od_render_step_kind(const cJSON *step);
/* The heading of a step: "Run:", "Then run:", "Add to <file>:", "Type:". */
void od_render_step_heading(const cJSON *f, int fix, int s, const cJSON *step, enum od_lang l, char *buf, size_t n);
/* Steps of a fix without "steps" (an older rule set): one run step. */
const cJSON *od_render_steps(const cJSON *fix, cJSON **owned);

/* Which OS the fixes are for, as one sentence (or "" when detected/flag). */
/* 1 when finding f is about a URL the root cause's fix tells the user to
 * type: its own fix is then needed too, and is shown with it. */
int od_render_related(const cJSON *root, const cJSON *f);
/* "Fix (Linux):", or "Fix:" for a fix that holds on any platform. */
void od_render_fix_label(const char *platform, enum od_lang l, char *buf, size_t n);
void od_render_os_note(const cJSON *target_os, enum od_lang l, char *buf, size_t n);
/* A platform's name for a heading: "Linux", "macOS", "Windows", "Docker"... */
const char *od_render_platform(const char *platform, enum od_lang l);

/* --- rows ------------------------------------------------------------------- */
#define OD_ROW_MAX 48
struct od_kv {
    const char *label;     /* localized */
    char value[400];
};
/* The facts of a check report worth a person's eye, in order. verbose adds
 * the files read. Returns the number of rows. */
size_t od_render_facts(const cJSON *doc, enum od_lang l, int verbose, struct od_kv *rows, size_t max);
/* The parsed input of an explain report. */
size_t od_render_explain_input(const cJSON *doc, enum od_lang l, struct od_kv *rows, size_t max);
/* The line before explain's confirm command (English key for od_tr): it
 * names Dify's plugin_daemon container only when the app is Dify or unknown. */
const char *od_render_confirm_where(const cJSON *doc, int markdown);

#define OD_CAND_COLS 6
enum { OD_COL_CANDIDATE, OD_COL_ORIGIN, OD_COL_DNS, OD_COL_TCP, OD_COL_HTTP, OD_COL_RESULT };
struct od_cand_row {
    char cell[OD_CAND_COLS][200];
    enum od_tone tone;     /* of the result */
    int continuation;      /* a further address or the proxied attempt of the probe above */
};
/* Header labels, localized. */
const char *od_render_cand_header(int col, enum od_lang l);
/* The rows of the candidate table (probes, their addresses, proxies); how
 * many there are, for the caller to allocate them all. */
size_t od_render_candidates(const cJSON *doc, enum od_lang l, int unicode, struct od_cand_row *rows, size_t max);
size_t od_render_candidate_rows(const cJSON *doc);

#endif
