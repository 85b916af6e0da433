/* report_findings — findings for people: what was seen, why, and the fix for
 * the chosen platform, wrapped to the terminal; and the explain report. */
#include "report.h"

#include <string.h>

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Print text wrapped at st->width, every line after the first indented. */
void od_text_wrap(FILE *fp, const char *text, int indent, int first_col, const struct od_style *st)
{
    int col = first_col, width = st->width > indent + 20 ? st->width : indent + 20;
    const char *p = text;
    while (*p) {
        const char *sp = p + strcspn(p, " \n");
        int wlen = (int)(sp - p);
        if (col > indent && col + 1 + wlen > width) {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent && col != first_col) {
            fputc(' ', fp);
            col++;
        } else if (col == first_col && col > indent && p != text) {
            fputc(' ', fp);
            col++;
        }
        fwrite(p, 1, (size_t)wlen, fp);
        col += wlen;
        if (*sp == '\n') {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        }
        p = *sp ? sp + 1 : sp;
    }
    fputc('\n', fp);
}

static void labelled(FILE *fp, const char *label, const char *text, const struct od_style *st)
{
    fprintf(fp, "      %-8s", label);
    od_text_wrap(fp, text, 14, 14, st);
}

static void print_fix(FILE *fp, const cJSON *fix, const struct od_style *st)
{
    const cJSON *c;
    char label[32];
    snprintf(label, sizeof label, "fix (%s):", jstr(fix, "platform"));
    fprintf(fp, "      ");
    if (st->color)
        fputs("\033[1m", fp);
    fputs(label, fp);
    if (st->color)
        fputs("\033[0m", fp);
    fputc(' ', fp);
    od_text_wrap(fp, jstr(fix, "title") ? jstr(fix, "title") : "", 14, 7 + (int)strlen(label), st);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(fix, "commands")) fprintf(fp, "          %s\n", c->valuestring);
    if (jstr(fix, "notes")) {
        fprintf(fp, "%*s", 10, "");
        od_text_wrap(fp, jstr(fix, "notes"), 10, 10, st);
    }
}

static void print_finding(FILE *fp, const cJSON *f, const struct od_style *st)
{
    static const struct { const char *sev; const char *mark, *ascii, *color; } marks[] = {
        {"error", "✗", "X", "\033[31m"}, {"warning", "!", "!", "\033[33m"}, {"info", "✓", "i", "\033[36m"}};
    const char *sev = jstr(f, "severity");
    const cJSON *it;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strcmp(sev, marks[i].sev) == 0)
            fprintf(fp, "\n  %s%s %s%s ", st->color ? marks[i].color : "", st->unicode ? marks[i].mark : marks[i].ascii,
                    sev, st->color ? "\033[0m" : "");
    fprintf(fp, "[%s] ", jstr(f, "id"));
    od_text_wrap(fp, jstr(f, "title"), 6, 6 + (int)strlen(sev) + (int)strlen(jstr(f, "id")) + 7, st);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(f, "evidence"))
        labelled(fp, it == cJSON_GetObjectItemCaseSensitive(f, "evidence")->child ? "seen:" : "", it->valuestring, st);
    if (jstr(f, "detail"))
        labelled(fp, "why:", jstr(f, "detail"), st);
    if (st->quiet)
        return;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(f, "fixes")) print_fix(fp, it, st);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(f, "caveats")) labelled(fp, "caveat:", it->valuestring, st);
    if (st->verbose)
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(f, "refs")) labelled(fp, "see:", it->valuestring, st);
}

void od_report_text_findings(FILE *fp, const cJSON *findings, const cJSON *target_os, const struct od_style *st)
{
    const cJSON *f;
    if (cJSON_GetArraySize(findings) == 0)
        return;
    fputc('\n', fp);
    if (st->color)
        fputs("\033[1m", fp);
    fputs("Findings", fp);
    if (st->color)
        fputs("\033[0m", fp);
    fputc('\n', fp);
    if (target_os && strcmp(jstr(target_os, "source"), "unknown") == 0)
        fprintf(fp, "  (I cannot tell which OS runs Ollama from here, so fixes for macOS, Linux and Windows\n"
                    "   all follow; --os macos|linux|windows picks one.)\n");
    else if (target_os && strcmp(jstr(target_os, "source"), "guessed") == 0) {
        char list[64] = "";
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(target_os, "platforms"))
        {
            strncat(list, list[0] ? " or " : "", sizeof list - strlen(list) - 1);
            strncat(list, p->valuestring, sizeof list - strlen(list) - 1);
        }
        fprintf(fp, "  (Fixes for %s: guessed from the kernel this container shares; --os overrides.)\n", list);
    }
    cJSON_ArrayForEach(f, findings) print_finding(fp, f, st);
}

/* --- explain ---------------------------------------------------------------- */

static void input_line(FILE *fp, const cJSON *in, const char *key, const char *label)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    if (cJSON_IsString(v))
        fprintf(fp, "  %-12s %s\n", label, v->valuestring);
    else if (cJSON_IsNumber(v))
        fprintf(fp, "  %-12s %d\n", label, v->valueint);
}

void od_report_text_explain(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(doc, "input");
    fprintf(fp, "What the error says\n");
    input_line(fp, in, "error_kind", "kind");
    input_line(fp, in, "host", "host");
    input_line(fp, in, "port", "port");
    input_line(fp, in, "path", "path");
    input_line(fp, in, "errno", "errno");
    input_line(fp, in, "status", "HTTP status");
    input_line(fp, in, "model", "model");
    input_line(fp, in, "client", "client");
    if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "findings")) == 0)
        fprintf(fp, "\nNo known failure mode matches this text.\n");
    od_report_text_findings(fp, cJSON_GetObjectItemCaseSensitive(doc, "findings"), NULL, st);
    fprintf(fp, "\nTo confirm, run where the app connects from (Dify 1.x: the plugin_daemon container):\n  %s\n",
            jstr(doc, "confirm"));
}
