/* report_text — the report for a terminal: the answer first (the verdict,
 * the root cause and its fix for the OS in question), then the other
 * findings, then the candidate table and the facts. Every line fits the
 * width; commands, file contents and notes are separate blocks. Layout
 * only: what to say comes from render.c. */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "render.h"
#include "util.h"


static const char *const ansi[] = {"", "\033[32m", "\033[31m", "\033[33m", "\033[2m", "\033[1m", "\033[36m"};

static void paint(FILE *fp, const struct od_style *st, enum od_tone t, const char *s)
{
    if (st->color && t != OD_TONE_PLAIN)
        fprintf(fp, "%s%s\033[0m", ansi[t], s);
    else
        fputs(s, fp);
}

static void heading(FILE *fp, const struct od_style *st, const char *s)
{
    fputc('\n', fp);
    paint(fp, st, OD_TONE_BOLD, s);
    fputc('\n', fp);
}

static void wrap(FILE *fp, const struct od_style *st, const char *text, int indent, int first_col)
{
    od_text_wrap_to(fp, text, indent, first_col, st->width);
}

/* The width of a label with the gap after it: a blank, except after a
 * full-width colon, which carries its own. */
static int label_width(const char *label, const char **gap)
{
    size_t n = strlen(label);
    *gap = n >= 3 && strcmp(label + n - 3, "：") == 0 ? "" : " ";
    return od_text_width(label) + (int)strlen(*gap);
}

/* "label: text" with the text wrapped under itself (label width in columns). */
static void labelled(FILE *fp, const struct od_style *st, int indent, const char *label, const char *text)
{
    const char *gap;
    int lw = label_width(label, &gap);
    fprintf(fp, "%*s%s%s", indent, "", label, gap);
    wrap(fp, st, text, indent + lw, indent + lw);
}

/* Where a line may be cut: a blank outside quotes within avail columns,
 * preferably one before an option ("-x", "--name") in the line's second half
 * so that an option stays with its value; NULL: none. */
static const char *cut_point(const char *p, int avail)
{
    const char *cut = NULL, *before_option = NULL;
    char quote = 0;
    for (int w = 0; p[w] && w <= avail; w++) {
        if (quote) {
            quote = p[w] == quote ? 0 : quote;
        } else if (p[w] == '\'' || p[w] == '"') {
            quote = p[w];
        } else if (p[w] == ' ') {
            cut = p + w;
            if (p[w + 1] == '-' && w >= avail / 2)
                before_option = p + w;
        }
    }
    return before_option ? before_option : cut;
}

/* A trailing comment ("  # ...") that may go on a line of its own. */
static const char *trailing_comment(const char *line)
{
    const char *c = strstr(line, " # ");
    return c && c > line && c[-1] == ' ' ? c : NULL;
}

/* One line of a step. What does not fit keeps its meaning when pasted: a
 * trailing comment moves onto the line above, a shell command is continued
 * with the shell's own mark (cont: " \\" or PowerShell's " `"), outside
 * quotes; a line of a file is never split. */
static void command_line(FILE *fp, const struct od_style *st, int indent, const char *cmd, const char *cont)
{
    int room = st->width - indent, lead = (int)strspn(cmd, " ");
    const char *p = cmd, *comment = trailing_comment(cmd);
    if (od_text_width(cmd) > room && comment) {
        const char *end = comment;
        while (end > cmd && end[-1] == ' ')
            end--;
        char code[1024];
        fprintf(fp, "%*s%s\n", indent + lead, "", comment + 1);
        snprintf(code, sizeof code, "%.*s", (int)(end - cmd), cmd);
        command_line(fp, st, indent, code, cont);
        return;
    }
    if (!cont || od_text_width(cmd) <= room || room < 30) {
        fprintf(fp, "%*s%s\n", indent, "", cmd);
        return;
    }
    while (*p) {
        int first = p == cmd, avail = room - (int)strlen(cont) - (first ? 0 : 2);
        const char *cut = cut_point(p, avail);
        if (od_text_width(p) <= room - (first ? 0 : 2) || !cut) {
            fprintf(fp, "%*s%s\n", indent + (first ? 0 : 2), "", p);
            return;
        }
        fprintf(fp, "%*s%.*s%s\n", indent + (first ? 0 : 2), "", (int)(cut - p), p, cont);
        p = cut + 1;
    }
}

static void print_steps(FILE *fp, const struct od_style *st, const cJSON *f, int fi, const cJSON *fix, int indent)
{
    cJSON *owned;
    const cJSON *steps = od_render_steps(fix, &owned), *s, *line;
    int si = 0;
    cJSON_ArrayForEach(s, steps)
    {
        char head[300];
        od_render_step_heading(f, fi, si++, s, st->lang, head, sizeof head);
        fprintf(fp, "%*s", indent, "");
        wrap(fp, st, head, indent, indent); /* its lines, below, are indented further */
        cJSON_ArrayForEach(line, od_rj(s, "lines")) if (cJSON_IsString(line))
            command_line(fp, st, indent + 2, line->valuestring, od_render_continuation(s));
    }
    cJSON_Delete(owned);
}

/* The fixes for the OS in question (the rule engine kept only those). */
static void print_fixes(FILE *fp, const struct od_style *st, const cJSON *f, int brief)
{
    const cJSON *fix;
    int i = 0;
    cJSON_ArrayForEach(fix, od_rj(f, "fixes"))
    {
        char label[200];
        const char *notes = od_render_fix_notes(f, i, fix), *gap;
        int lw;
        od_render_fix_label(od_rs(fix, "platform"), st->lang, label, sizeof label);
        lw = label_width(label, &gap);
        fprintf(fp, "  ");
        paint(fp, st, OD_TONE_BOLD, label);
        fputs(gap, fp);
        wrap(fp, st, od_render_fix_title(f, i, fix), 4, 2 + lw);
        print_steps(fp, st, f, i, fix, 4);
        if (notes && !brief)
            labelled(fp, st, 4, od_tr(st->lang, "Note:"), notes);
        i++;
        if (brief)
            break;
    }
}

static void print_list(FILE *fp, const struct od_style *st, const char *label, const cJSON *arr)
{
    const cJSON *it;
    const char *gap;
    int first = 1, lw = label_width(label, &gap);
    cJSON_ArrayForEach(it, arr)
    {
        if (!cJSON_IsString(it))
            continue;
        if (first)
            fprintf(fp, "  %s%s", label, gap);
        else
            fprintf(fp, "  %*s", lw, "");
        wrap(fp, st, it->valuestring, 2 + lw, 2 + lw);
        first = 0;
    }
}

static void finding_head(FILE *fp, const struct od_style *st, const cJSON *f, const char *prefix)
{
    struct od_sev_mark m;
    char head[200];
    od_render_severity(od_rs(f, "severity"), st->lang, &m);
    snprintf(head, sizeof head, "%s%s %s [%s]", prefix, st->unicode ? m.mark : m.ascii, m.name, od_rs(f, "id"));
    paint(fp, st, m.tone, head);
    fputc(' ', fp);
    wrap(fp, st, od_render_title(f), 4, od_text_width(head) + 1);
}

/* A finding in full: title, the fix to type, why, what was seen, caveats. */
static void print_finding(FILE *fp, const struct od_style *st, const cJSON *f, const cJSON *target_os, int root)
{
    char os[400];
    finding_head(fp, st, f, "");
    if (root) {
        od_render_os_note(target_os, st->lang, os, sizeof os);
        if (os[0]) {
            fprintf(fp, "  ");
            wrap(fp, st, os, 2, 2);
        }
    }
    print_fixes(fp, st, f, 0);
    labelled(fp, st, 2, od_tr(st->lang, "Why:"), od_render_detail(f));
    print_list(fp, st, od_tr(st->lang, "Seen:"), od_render_evidence(f));
    print_list(fp, st, od_tr(st->lang, "Caveat:"), od_render_caveats(f));
    if (st->verbose)
        print_list(fp, st, od_tr(st->lang, "See:"), od_rj(f, "refs"));
}

/* The findings after the root cause: errors in full, the rest in brief. */
static void print_others(FILE *fp, const struct od_style *st, const cJSON *findings, const cJSON *root,
                         const cJSON *target_os)
{
    const cJSON *f;
    int any = 0;
    cJSON_ArrayForEach(f, findings)
    {
        int full = st->verbose || strcmp(od_rs(f, "severity"), "error") == 0;
        if (f == root)
            continue;
        if (!any++)
            heading(fp, st, od_tr(st->lang, "Also found"));
        else if (full)
            fputc('\n', fp);
        if (full) {
            print_finding(fp, st, f, target_os, 0);
        } else {
            finding_head(fp, st, f, "  ");
            if (od_render_related(root, f)) /* the Base URL the root's fix gives needs this one's fix too */
                print_fixes(fp, st, f, 1);
        }
    }
    if (any && !st->verbose)
        fprintf(fp, "  %s\n", od_tr(st->lang, "(-v shows every finding in full.)"));
}

/* --- the candidate table, fitted to the width --------------------------------- */

static void fit_widths(const struct od_cand_row *rows, size_t n, const struct od_style *st, int *w, int *shown)
{
    /* columns that go first when the table is too wide: DNS, role, HTTP */
    static const int drop_order[] = {OD_COL_DNS, OD_COL_ORIGIN, OD_COL_HTTP};
    static const int min_w[OD_CAND_COLS] = {16, 6, 8, 16, 8, 9};
    int total = 2;
    for (int c = 0; c < OD_CAND_COLS; c++) {
        shown[c] = 1;
        w[c] = od_text_width(od_render_cand_header(c, st->lang)); /* capitals: the same width */
        for (size_t i = 0; i < n; i++)
            if (od_text_width(rows[i].cell[c]) > w[c])
                w[c] = od_text_width(rows[i].cell[c]);
        total += w[c] + 2;
    }
    for (size_t d = 0; total > st->width && d < sizeof drop_order / sizeof drop_order[0]; d++) {
        shown[drop_order[d]] = 0;
        total -= w[drop_order[d]] + 2;
    }
    /* still too wide: cut the candidate and TCP columns down, down to a minimum */
    for (int c = 0; c < OD_CAND_COLS && total > st->width; c++)
        if (shown[c] && (c == OD_COL_CANDIDATE || c == OD_COL_TCP) && w[c] > min_w[c]) {
            int cut = total - st->width < w[c] - min_w[c] ? total - st->width : w[c] - min_w[c];
            w[c] -= cut;
            total -= cut;
        }
}

/* s with its ASCII letters in capitals (other scripts have none). */
static const char *capitals(const char *s, char *buf, size_t n)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        buf[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    buf[i] = '\0';
    return buf;
}

static void print_cells(FILE *fp, const struct od_style *st, const char *const *cells, const int *w, const int *shown,
                        enum od_tone last_tone, int header)
{
    int last = OD_CAND_COLS - 1, end = -1;
    for (int c = 0; c < OD_CAND_COLS; c++)
        if (shown[c] && cells[c] && *cells[c])
            end = c; /* nothing, not even padding, after the last cell with text */
    fputs("  ", fp);
    for (int c = 0; c <= end; c++) {
        char cut[220];
        if (!shown[c])
            continue;
        od_text_fit(cells[c], w[c], st->unicode, cut, sizeof cut);
        paint(fp, st, header ? OD_TONE_DIM : c == last ? last_tone : OD_TONE_PLAIN, cut);
        if (c != end)
            fprintf(fp, "%*s", w[c] - od_text_width(cut) + 2, "");
    }
    fputc('\n', fp);
}

static void print_candidates(FILE *fp, const struct od_style *st, const cJSON *doc)
{
    size_t max = od_render_candidate_rows(doc);
    struct od_cand_row *rows = calloc(max ? max : 1, sizeof *rows);
    size_t n = rows ? od_render_candidates(doc, st->lang, st->unicode, rows, max) : 0;
    int w[OD_CAND_COLS], shown[OD_CAND_COLS];
    const char *head[OD_CAND_COLS];
    char heads[OD_CAND_COLS][64];
    const cJSON *run = od_rj(od_rj(doc, "context"), "run");
    char title[200];
    snprintf(title, sizeof title, od_tr(st->lang, "Candidates: %d probed in %.0f ms"),
             cJSON_GetArraySize(od_rj(doc, "probes")), od_rn(run, "elapsed_ms", 0));
    heading(fp, st, title);
    fit_widths(rows, n, st, w, shown);
    for (int c = 0; c < OD_CAND_COLS; c++) /* a terminal table's header is in capitals */
        head[c] = capitals(od_render_cand_header(c, st->lang), heads[c], sizeof heads[c]);
    print_cells(fp, st, head, w, shown, OD_TONE_DIM, 1);
    for (size_t i = 0; i < n; i++) {
        const char *cells[OD_CAND_COLS];
        for (int c = 0; c < OD_CAND_COLS; c++)
            cells[c] = rows[i].cell[c];
        print_cells(fp, st, cells, w, shown, rows[i].tone, 0);
    }
    free(rows);
    if (od_rt(run, "deadline_hit")) {
        char note[300];
        snprintf(note, sizeof note, od_tr(st->lang, "The run stopped at its deadline of %.0f ms; what had not "
                                                    "finished counts as a timeout."), od_rn(run, "deadline_ms", 0));
        fprintf(fp, "  ");
        wrap(fp, st, note, 2, 2);
    }
}

/* Label-value rows, the values aligned (labels measured in columns). */
static void print_rows(FILE *fp, const struct od_style *st, const struct od_kv *rows, size_t n)
{
    int lw = 0;
    for (size_t i = 0; i < n; i++)
        if (od_text_width(rows[i].label) > lw)
            lw = od_text_width(rows[i].label);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "  %s%*s ", rows[i].label, lw - od_text_width(rows[i].label), "");
        wrap(fp, st, rows[i].value, lw + 3, lw + 3);
    }
}

static void print_facts(FILE *fp, const struct od_style *st, const cJSON *doc)
{
    struct od_kv rows[OD_ROW_MAX];
    size_t n = od_render_facts(doc, st->lang, st->verbose, rows, OD_ROW_MAX);
    heading(fp, st, od_tr(st->lang, "Facts"));
    print_rows(fp, st, rows, n);
}

/* Dify's Ollama form, field by field, ready to copy. */
static void print_app_settings(FILE *fp, const struct od_style *st, const cJSON *rec)
{
    const cJSON *a = od_rj(rec, "app_settings");
    enum od_lang l = st->lang;
    char num[32];
    const char *llm = od_rs(a, "model_type");
    if (!a || !cJSON_IsObject(a))
        return;
    heading(fp, st, od_tr(l, "Dify settings (Settings > Model Provider > Ollama > Add Model), field by field:"));
    fprintf(fp, "  %-28s %s\n", "Model Name", od_rs(a, "model"));
    fprintf(fp, "  %-28s %s\n", "Base URL", od_rs(a, "base_url"));
    fprintf(fp, "  %-28s %s\n", "Model Type", llm && strcmp(llm, "llm") == 0 ? "LLM" : "Text Embedding");
    snprintf(num, sizeof num, "%.0f", od_rn(a, "context_size", 0));
    fprintf(fp, "  %-28s %s\n", "Model context size", num);
    if (od_rs(a, "context_size_reason")) {
        fprintf(fp, "  %-28s ", "");
        wrap(fp, st, od_tr(l, od_rs(a, "context_size_reason")), 31, 31);
    }
    if (llm && strcmp(llm, "llm") == 0) {
        snprintf(num, sizeof num, "%.0f", od_rn(a, "max_tokens", 0));
        fprintf(fp, "  %-28s %s\n", "Upper bound for max tokens", num);
        fprintf(fp, "  %-28s %s\n", "Vision support", od_rt(a, "vision_support") ? "Yes" : "No");
        fprintf(fp, "  %-28s %s\n", "Function call support", od_rt(a, "function_call_support") ? "Yes" : "No");
    }
}

static void print_verdict(FILE *fp, const struct od_style *st, const cJSON *doc)
{
    struct od_verdict_line v;
    char mark[8];
    od_render_verdict(doc, st->lang, &v);
    snprintf(mark, sizeof mark, "%s", st->unicode ? v.mark : v.ascii);
    paint(fp, st, v.tone, mark);
    fputc(' ', fp);
    wrap(fp, st, v.text, 2, od_text_width(mark) + 1);
}

void od_report_text(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const cJSON *findings = od_rj(doc, "findings"), *root = od_render_root(findings);
    const cJSON *target_os = od_rj(od_rj(doc, "context"), "target_os");
    const char *base = od_rs(od_rj(doc, "recommendation"), "base_url");

    print_verdict(fp, st, doc);
    if (st->quiet) {
        if (root)
            finding_head(fp, st, root, "  ");
        fprintf(fp, "  %s %s\n", od_tr(st->lang, "Base URL:"), base ? base : od_tr(st->lang, "none works from here yet"));
        return;
    }
    if (root) {
        fputc('\n', fp);
        print_finding(fp, st, root, target_os, 1);
    }
    print_others(fp, st, findings, root, target_os);
    print_app_settings(fp, st, od_rj(doc, "recommendation"));
    print_candidates(fp, st, doc);
    print_facts(fp, st, doc);
}

/* --- explain ------------------------------------------------------------------ */

void od_report_text_explain(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    struct od_kv rows[16];
    const cJSON *findings = od_rj(doc, "findings"), *root = od_render_root(findings);
    size_t n = od_render_explain_input(doc, st->lang, rows, 16);
    if (!root)
        fprintf(fp, "%s\n", od_tr(st->lang, "No known failure mode matches this text."));
    if (st->quiet) {
        if (root)
            finding_head(fp, st, root, "");
        return;
    }
    if (root) {
        print_finding(fp, st, root, NULL, 1);
        print_others(fp, st, findings, root, NULL);
    }
    heading(fp, st, od_tr(st->lang, "What the error says"));
    print_rows(fp, st, rows, n);
    fputc('\n', fp);
    wrap(fp, st, od_tr(st->lang, od_render_confirm_where(doc, 0)), 0, 0);
    fprintf(fp, "  %s\n", od_rs(doc, "confirm") ? od_rs(doc, "confirm") : "ollama-doctor check");
}

/* --- the small documents: bundle listing, rules list, version ------------------ */

void od_text_bundle(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const cJSON *f, *files = od_rj(doc, "files");
    const char *verdict = od_rs(doc, "verdict");
    char line[600];
    snprintf(line, sizeof line, od_tr(st->lang, "Wrote %s (%.0f bytes, %d files)"), od_rs(doc, "bundle"),
             od_rn(doc, "bytes", 0), cJSON_GetArraySize(files));
    fprintf(fp, "%s\n  %s/\n", line, od_rs(doc, "directory"));
    cJSON_ArrayForEach(f, files)
        fprintf(fp, "    %-34s %9.0f%s\n", od_rs(f, "name"), od_rn(f, "size", 0),
                od_rt(f, "truncated") ? od_tr(st->lang, "  truncated") : "");
    cJSON_ArrayForEach(f, od_rj(doc, "skipped"))
    {
        snprintf(line, sizeof line, od_tr(st->lang, "not included: %s (%s)"), od_rs(f, "name"), od_rs(f, "reason"));
        fprintf(fp, "  %s\n", line);
    }
    wrap(fp, st, od_tr(st->lang, "Secrets are replaced by REDACTED (URL credentials, Authorization headers, Bearer "
                                 "tokens, variables named like KEY/TOKEN/SECRET/PASSWORD); IP addresses and host names "
                                 "are kept. Look it over before you attach it to an issue."), 0, 0);
    snprintf(line, sizeof line, od_tr(st->lang, "Check verdict: %s (exit status %.0f)"),
             verdict && *verdict ? verdict : "?", od_rn(doc, "exit", 0));
    fprintf(fp, "%s\n", line);
}

void od_text_rules(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const cJSON *r;
    (void)st;
    cJSON_ArrayForEach(r, od_rj(doc, "rules"))
        fprintf(fp, "%-36s %-8s %s\n", od_rs(r, "id"), od_rs(r, "severity"), od_rs(r, "title"));
}

void od_text_version(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const cJSON *l;
    int first = 1;
    (void)st;
    fprintf(fp, "ollama-doctor %s (", od_rs(od_rj(doc, "tool"), "version"));
    cJSON_ArrayForEach(l, od_rj(doc, "libraries"))
    {
        fprintf(fp, "%s%s %s", first ? "" : ", ", od_rs(l, "name"), od_rs(l, "version"));
        first = 0;
    }
    fprintf(fp, "; %s, %s)\n", od_rs(doc, "linkage"), od_rs(doc, "libc"));
    if (od_rs(doc, "build"))
        fprintf(fp, "build: %s\n", od_rs(doc, "build"));
}

/* --- style -------------------------------------------------------------------- */

static int utf8_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
    }
    return 0;
}

/* The terminal's width, else COLUMNS, else 80. */
static int terminal_width(FILE *fp)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    long c = cols ? strtol(cols, NULL, 10) : 0;
    if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return c >= 20 && c <= 1000 ? (int)c : 80;
}

void od_style_detect(const struct od_opts *o, FILE *fp, struct od_style *st)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    int tty = isatty(fileno(fp));
    memset(st, 0, sizeof *st);
    st->color = o->color == OD_COLOR_ALWAYS ||
                (o->color == OD_COLOR_AUTO && tty && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0));
    st->lang = od_lang_pick(o->lang, NULL);
    /* Japanese and Chinese need UTF-8 anyway; English keeps ASCII marks off a UTF-8 locale */
    st->unicode = utf8_locale() || st->lang != OD_LANG_EN;
    st->width = terminal_width(fp);
    st->verbose = o->verbose;
    st->quiet = o->quiet;
}
