/* report_md — the report as GitHub-flavoured Markdown, ready to paste into an
 * issue: the verdict and the findings (each fix's steps as code blocks of
 * their own language: sh, ini, yaml) first, then folded <details> with the
 * candidates table, the facts and the raw JSON. Layout only (render.c says
 * what); passed through od_redact at the end. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "render.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static int present(const cJSON *v)
{
    return v && !cJSON_IsNull(v);
}

static int is_alnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* --- escaping ---------------------------------------------------------- */

/* Text as Markdown inline content: punctuation Markdown (or GitHub: @mentions,
 * #references) would interpret is backslash-escaped, line breaks become <br>
 * so the text stays one paragraph or one table cell. */
static void md_text(FILE *fp, const char *s)
{
    static const char always[] = "\\`*[]<>~|";
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        int c = (unsigned char)*p, prev = p > s ? (unsigned char)p[-1] : 0, next = (unsigned char)p[1];
        if (c == '\r')
            continue;
        if (c == '\n') {
            fputs("<br>", fp);
            continue;
        }
        if (strchr(always, c) || (c == '_' && !(is_alnum(prev) && is_alnum(next))) || (c == '@' && !is_alnum(prev)) ||
            (c == '#' && !is_alnum(prev) && prev != '/') || (c == '&' && (is_alnum(next) || next == '#')) ||
            (p == s && strchr("+-=", c)) ||
            ((c == '.' || c == ')') && (next == ' ' || next == 0) && p > s &&
             strspn(s, "0123456789") == (size_t)(p - s))) /* "1. " would start a list */
            fputc('\\', fp);
        fputc(c, fp);
    }
}

/* A URL as an autolink (<...>: nothing inside is interpreted); other text
 * as text. */
static void md_link(FILE *fp, const char *s)
{
    if (s && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) && !s[strcspn(s, " \t\r\n<>")])
        fprintf(fp, "<%s>", s);
    else
        md_text(fp, s);
}

/* The longest run of backticks in s. */
static size_t backtick_run(const char *s)
{
    size_t best = 0, run = 0;
    for (; s && *s; s++) {
        run = *s == '`' ? run + 1 : 0;
        best = run > best ? run : best;
    }
    return best;
}

/* s as a code span, with a fence longer than any backtick run in it. Inside a
 * table a '|' still splits the cell, so it is escaped there too. */
static void md_code(FILE *fp, const char *s, int table)
{
    size_t n = backtick_run(s) + 1;
    int pad = s && (s[0] == '`' || (*s && s[strlen(s) - 1] == '`'));
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    if (pad)
        fputc(' ', fp);
    for (const char *p = s; p && *p; p++) {
        if (*p == '\n' || *p == '\r')
            fputc(' ', fp);
        else if (*p == '|' && table)
            fputs("\\|", fp);
        else
            fputc(*p, fp);
    }
    if (pad)
        fputc(' ', fp);
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
}

/* A fenced code block; the fence is longer than any backtick run inside. */
static void md_fence_open(FILE *fp, size_t n, const char *lang)
{
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    fprintf(fp, "%s\n", lang ? lang : "");
}

static void md_fence_close(FILE *fp, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc('`', fp);
    fputs("\n\n", fp);
}

static void md_block(FILE *fp, const char *body, const char *lang)
{
    size_t n = backtick_run(body) + 1;
    n = n < 3 ? 3 : n;
    md_fence_open(fp, n, lang);
    fputs(body, fp);
    if (*body && body[strlen(body) - 1] != '\n')
        fputc('\n', fp);
    md_fence_close(fp, n);
}

/* --- the answer: verdict, root cause, fixes --------------------------- */

static void md_verdict(FILE *fp, const cJSON *doc, enum od_lang l)
{
    struct od_verdict_line v;
    const cJSON *ctx = od_rj(doc, "context"), *t = od_rj(ctx, "target");
    const char *base = od_rs(od_rj(doc, "recommendation"), "base_url");
    od_render_verdict(doc, l, &v);
    fprintf(fp, "**%s ", v.mark);
    md_text(fp, v.text);
    fputs("**\n\n**", fp);
    md_text(fp, od_tr(l, "Base URL:"));
    fputs("** ", fp);
    if (base)
        md_code(fp, base, 0);
    else
        md_text(fp, od_tr(l, "none works from here yet"));
    fputs("\n\n", fp);
    fprintf(fp, "ollama-doctor %s · %s", or_empty(od_rs(od_rj(doc, "tool"), "version")),
            od_tr(l, strcmp(or_empty(od_rs(doc, "vantage")), "host") == 0 ? "probed from the host"
                                                                          : "probed from the container"));
    if (t && cJSON_IsObject(t)) {
        fputs(" ", fp);
        md_code(fp, od_rs(t, "name"), 0);
    }
    fprintf(fp, " · ");
    fprintf(fp, od_tr(l, "Candidates: %d probed in %.0f ms"), cJSON_GetArraySize(od_rj(doc, "probes")),
            od_rn(od_rj(ctx, "run"), "elapsed_ms", 0));
    if (od_rs(od_rj(ctx, "run"), "finished_at"))
        fprintf(fp, " · %s", od_rs(od_rj(ctx, "run"), "finished_at"));
    fputs("\n\n", fp);
}

static void md_steps(FILE *fp, const cJSON *f, int fi, const cJSON *fix, enum od_lang l)
{
    cJSON *owned;
    const cJSON *steps = od_render_steps(fix, &owned), *st, *line;
    int si = 0;
    cJSON_ArrayForEach(st, steps)
    {
        char head[300], *body = NULL;
        size_t len = 0;
        FILE *buf;
        od_render_step_heading(f, fi, si, st, l, head, sizeof head);
        md_text(fp, head);
        fputs("\n\n", fp);
        if ((buf = open_memstream(&body, &len))) {
            cJSON_ArrayForEach(line, od_rj(st, "lines")) if (cJSON_IsString(line)) fprintf(buf, "%s\n", line->valuestring);
            fclose(buf);
            md_block(fp, body, od_render_syntax(st));
            free(body);
        }
        si++;
    }
    cJSON_Delete(owned);
}

static void md_fix(FILE *fp, const cJSON *f, int i, const cJSON *fix, enum od_lang l)
{
    const char *notes = od_render_fix_notes(f, i, fix);
    char label[120];
    od_render_fix_label(od_rs(fix, "platform"), l, label, sizeof label);
    fputs("**", fp);
    md_text(fp, label);
    fputs("** ", fp);
    md_text(fp, od_render_fix_title(f, i, fix));
    fputs("\n\n", fp);
    md_steps(fp, f, i, fix, l);
    if (notes) {
        md_text(fp, notes);
        fputs("\n\n", fp);
    }
}

static void md_list(FILE *fp, const char *label, const cJSON *arr)
{
    const cJSON *it;
    if (cJSON_GetArraySize(arr) == 0)
        return;
    fputs("**", fp);
    md_text(fp, label);
    fputs("**\n\n", fp);
    cJSON_ArrayForEach(it, arr)
    {
        fputs("- ", fp);
        md_text(fp, cJSON_IsString(it) ? it->valuestring : NULL);
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

static void md_finding(FILE *fp, const cJSON *f, enum od_lang l)
{
    struct od_sev_mark m;
    const cJSON *it;
    int i = 0;
    od_render_severity(od_rs(f, "severity"), l, &m);
    fprintf(fp, "### %s %s ", m.mark, m.name);
    md_code(fp, od_rs(f, "id"), 0);
    fputs(": ", fp);
    md_text(fp, od_render_title(f));
    fputs("\n\n", fp);
    cJSON_ArrayForEach(it, od_rj(f, "fixes")) md_fix(fp, f, i++, it, l);
    if (od_render_detail(f)) {
        fputs("**", fp);
        md_text(fp, od_tr(l, "Why:"));
        fputs("** ", fp);
        md_text(fp, od_render_detail(f));
        fputs("\n\n", fp);
    }
    md_list(fp, od_tr(l, "Seen:"), od_render_evidence(f));
    cJSON_ArrayForEach(it, od_render_caveats(f))
    {
        fputs("> **", fp);
        md_text(fp, od_tr(l, "Caveat:"));
        fputs("** ", fp);
        md_text(fp, cJSON_IsString(it) ? it->valuestring : NULL);
        fputs("\n\n", fp);
    }
    if (cJSON_GetArraySize(od_rj(f, "refs")) > 0) {
        md_text(fp, od_tr(l, "See:"));
        cJSON_ArrayForEach(it, od_rj(f, "refs"))
        {
            fputs(it == od_rj(f, "refs")->child ? " " : " · ", fp);
            md_link(fp, cJSON_IsString(it) ? it->valuestring : NULL);
        }
        fputs("\n\n", fp);
    }
}

static void md_findings(FILE *fp, const cJSON *findings, const cJSON *target_os, enum od_lang l)
{
    const cJSON *f;
    char os[400];
    fprintf(fp, "## %s\n\n", od_tr(l, "Findings"));
    if (cJSON_GetArraySize(findings) == 0) {
        fprintf(fp, "%s\n\n", od_tr(l, "No known failure mode matches."));
        return;
    }
    od_render_os_note(target_os, l, os, sizeof os);
    if (os[0]) {
        fputc('_', fp);
        md_text(fp, os);
        fputs("_\n\n", fp);
    }
    cJSON_ArrayForEach(f, findings) md_finding(fp, f, l);
}

/* --- details ----------------------------------------------------------------- */

static void details_open(FILE *fp, const char *summary)
{
    fputs("<details>\n<summary>", fp);
    md_text(fp, summary);
    fputs("</summary>\n\n", fp);
}

static void details_close(FILE *fp)
{
    fputs("</details>\n\n", fp);
}

static void md_candidates(FILE *fp, const cJSON *doc, enum od_lang l)
{
    size_t max = od_render_candidate_rows(doc);
    struct od_cand_row *rows = calloc(max ? max : 1, sizeof *rows);
    size_t n = rows ? od_render_candidates(doc, l, 1, rows, max) : 0;
    details_open(fp, od_tr(l, "Candidates"));
    fputc('|', fp);
    for (int c = 0; c < OD_CAND_COLS; c++) {
        fputc(' ', fp);
        md_text(fp, od_render_cand_header(c, l));
        fputs(" |", fp);
    }
    fputs("\n|", fp);
    for (int c = 0; c < OD_CAND_COLS; c++)
        fputs("---|", fp);
    fputc('\n', fp);
    for (size_t i = 0; i < n; i++) {
        fputc('|', fp);
        for (int c = 0; c < OD_CAND_COLS; c++) {
            fputc(' ', fp);
            if (rows[i].cell[c][0])
                md_code(fp, rows[i].cell[c], 1);
            fputs(" |", fp);
        }
        fputc('\n', fp);
    }
    fputc('\n', fp);
    details_close(fp);
    free(rows);
}

static void md_table(FILE *fp, const struct od_kv *rows, size_t n, enum od_lang l)
{
    fprintf(fp, "| %s | %s |\n|---|---|\n", od_tr(l, "Fact"), od_tr(l, "Value"));
    for (size_t i = 0; i < n; i++) {
        fputs("| ", fp);
        md_text(fp, rows[i].label);
        fputs(" | ", fp);
        md_code(fp, rows[i].value, 1);
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
}

static void md_facts(FILE *fp, const cJSON *doc, enum od_lang l)
{
    struct od_kv rows[OD_ROW_MAX];
    size_t n = od_render_facts(doc, l, 1, rows, OD_ROW_MAX);
    details_open(fp, od_tr(l, "Facts"));
    md_table(fp, rows, n, l);
    details_close(fp);
}

static void md_raw_json(FILE *fp, const cJSON *doc, enum od_lang l)
{
    char *s = cJSON_Print(doc);
    details_open(fp, od_tr(l, "Raw JSON report"));
    if (s)
        md_block(fp, s, "json");
    free(s);
    details_close(fp);
}

/* --- explain ----------------------------------------------------------- */

static void md_explain(FILE *fp, const cJSON *doc, enum od_lang l)
{
    struct od_kv rows[16];
    size_t n = od_render_explain_input(doc, l, rows, 16);
    fputs("# ollama-doctor explain\n\n", fp);
    md_findings(fp, od_rj(doc, "findings"), NULL, l);
    fprintf(fp, "## %s\n\n", od_tr(l, "What the error says"));
    md_table(fp, rows, n, l);
    fprintf(fp, "## %s\n\n", od_tr(l, "To confirm"));
    md_text(fp, od_tr(l, od_render_confirm_where(doc, 1)));
    fputs("\n\n", fp);
    md_block(fp, od_rs(doc, "confirm") ? od_rs(doc, "confirm") : "ollama-doctor check", "sh");
    md_raw_json(fp, doc, l);
}

/* --- the document ------------------------------------------------------ */

static void md_check(FILE *fp, const cJSON *doc, enum od_lang l)
{
    const cJSON *err = od_rj(doc, "error");
    fputs("# ollama-doctor report\n\n", fp);
    if (present(err)) {
        fputs("**Error:** ", fp);
        md_text(fp, od_rs(err, "message"));
        fputs("\n\n", fp);
        return;
    }
    md_verdict(fp, doc, l);
    md_findings(fp, od_rj(doc, "findings"), od_rj(od_rj(doc, "context"), "target_os"), l);
    fprintf(fp, "## %s\n\n", od_tr(l, "Details"));
    md_candidates(fp, doc, l);
    md_facts(fp, doc, l);
    md_raw_json(fp, doc, l);
}

/* --- the small documents ------------------------------------------------ */

static void md_bundle(FILE *fp, const cJSON *doc, enum od_lang l)
{
    const cJSON *f;
    char line[600];
    fputs("# ollama-doctor bundle\n\n", fp);
    snprintf(line, sizeof line, od_tr(l, "Wrote %s (%.0f bytes, %d files)"), or_empty(od_rs(doc, "bundle")),
             od_rn(doc, "bytes", 0), cJSON_GetArraySize(od_rj(doc, "files")));
    md_text(fp, line);
    fprintf(fp, "\n\n| %s | %s |\n|---|---:|\n", od_tr(l, "File"), od_tr(l, "Bytes"));
    cJSON_ArrayForEach(f, od_rj(doc, "files"))
    {
        fputs("| ", fp);
        md_code(fp, od_rs(f, "name"), 1);
        fprintf(fp, "%s | %.0f |\n", od_rt(f, "truncated") ? od_tr(l, "  truncated") : "", od_rn(f, "size", 0));
    }
    fputc('\n', fp);
    cJSON_ArrayForEach(f, od_rj(doc, "skipped"))
    {
        snprintf(line, sizeof line, od_tr(l, "not included: %s (%s)"), or_empty(od_rs(f, "name")),
                 or_empty(od_rs(f, "reason")));
        fputs("- ", fp);
        md_text(fp, line);
        fputc('\n', fp);
    }
    snprintf(line, sizeof line, od_tr(l, "Check verdict: %s (exit status %.0f)"), or_empty(od_rs(doc, "verdict")),
             od_rn(doc, "exit", 0));
    fputc('\n', fp);
    md_text(fp, line);
    fputs("\n", fp);
}

static void md_rules(FILE *fp, const cJSON *doc, enum od_lang l)
{
    const cJSON *r;
    fprintf(fp, "# ollama-doctor rules\n\n| id | %s | %s |\n|---|---|---|\n", od_tr(l, "Severity"), od_tr(l, "Title"));
    cJSON_ArrayForEach(r, od_rj(doc, "rules"))
    {
        fputs("| ", fp);
        md_code(fp, od_rs(r, "id"), 1);
        fputs(" | ", fp);
        md_text(fp, od_rs(r, "severity"));
        fputs(" | ", fp);
        md_text(fp, od_rs(r, "title"));
        fputs(" |\n", fp);
    }
}

static void md_version(FILE *fp, const cJSON *doc, enum od_lang l)
{
    const cJSON *lib;
    fprintf(fp, "# ollama-doctor %s\n\n| %s | %s |\n|---|---|\n", or_empty(od_rs(od_rj(doc, "tool"), "version")),
            od_tr(l, "Library"), od_tr(l, "Version"));
    cJSON_ArrayForEach(lib, od_rj(doc, "libraries"))
    {
        fputs("| ", fp);
        md_text(fp, od_rs(lib, "name"));
        fputs(" | ", fp);
        md_code(fp, od_rs(lib, "version"), 1);
        fputs(" |\n", fp);
    }
    fprintf(fp, "\n%s, %s\n", or_empty(od_rs(doc, "linkage")), or_empty(od_rs(doc, "libc")));
    if (od_rs(doc, "build")) {
        fputs("\n", fp);
        md_text(fp, od_rs(doc, "build"));
        fputs("\n", fp);
    }
}

/* What each kind of document looks like in Markdown. */
static void (*const md_of[])(FILE *, const cJSON *, enum od_lang) = {
    [OD_DOC_CHECK] = md_check, [OD_DOC_EXPLAIN] = md_explain, [OD_DOC_BUNDLE] = md_bundle,
    [OD_DOC_RULES] = md_rules, [OD_DOC_VERSION] = md_version,
};

char *od_report_markdown(const cJSON *doc, enum od_doc_kind kind, enum od_lang l)
{
    char *raw = NULL, *out;
    size_t len = 0;
    FILE *fp = open_memstream(&raw, &len);
    if (!fp)
        return NULL;
    md_of[kind](fp, doc, l);
    if (fclose(fp) != 0) {
        free(raw);
        return NULL;
    }
    out = od_redact(raw, len, NULL);
    free(raw);
    return out;
}
