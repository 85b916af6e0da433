/* report_md — the report as GitHub-flavoured Markdown, ready to paste into an
 * issue: verdict, Base URL and findings first, then folded <details> with the
 * candidates table, the facts and the raw JSON. Rendered from the JSON
 * document like the text report, and passed through od_redact at the end. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *jget(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static double jnum(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
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

/* --- header: verdict and Base URL -------------------------------------- */

static const struct {
    const char *verdict, *mark, *text;
} verdicts[] = {
    {"ok", "✓", "Ollama is reachable from here."},
    {"problems", "⚠", "Ollama is reachable from here, but not the way the app is set up."},
    {"unreachable", "✗", "no candidate reaches Ollama from here."},
};

static void md_verdict(FILE *fp, const cJSON *doc)
{
    const char *v = jstr(doc, "verdict");
    const cJSON *rec = jget(doc, "recommendation"), *ctx = jget(doc, "context"), *c = jget(ctx, "container");
    for (size_t i = 0; v && i < sizeof verdicts / sizeof verdicts[0]; i++)
        if (strcmp(v, verdicts[i].verdict) == 0)
            fprintf(fp, "**Verdict: %s %s** — %s\n\n", verdicts[i].mark, v, verdicts[i].text);
    if (jstr(rec, "base_url")) {
        fputs("**Base URL to use:** ", fp);
        md_code(fp, jstr(rec, "base_url"), 0);
        fputs(" (candidate ", fp);
        md_code(fp, jstr(rec, "candidate"), 0);
        fputs(", origin ", fp);
        md_text(fp, jstr(rec, "origin"));
        fputs(")\n\n", fp);
    } else {
        fputs("**Base URL to use:** none verified from this vantage.\n\n", fp);
    }
    fprintf(fp, "ollama-doctor %s · probed from the %s", jstr(jget(doc, "tool"), "version"),
            jstr(doc, "vantage") ? jstr(doc, "vantage") : "?");
    if (cJSON_IsTrue(jget(c, "detected"))) {
        fputs(" (runtime ", fp);
        md_text(fp, jstr(c, "runtime"));
        fputc(')', fp);
    }
    if (present(jget(ctx, "target"))) {
        fputs(", inside ", fp);
        md_text(fp, jstr(jget(ctx, "target"), "kind"));
        fputc(' ', fp);
        md_code(fp, jstr(jget(ctx, "target"), "name"), 0);
    }
    fprintf(fp, " · %d candidates in %.0f ms", cJSON_GetArraySize(jget(doc, "probes")),
            jnum(jget(ctx, "run"), "elapsed_ms", 0));
    if (jstr(jget(ctx, "run"), "finished_at"))
        fprintf(fp, " · %s", jstr(jget(ctx, "run"), "finished_at"));
    fputs("\n\n", fp);
}

/* --- findings ---------------------------------------------------------- */

static void md_fix(FILE *fp, const cJSON *fix)
{
    const cJSON *c;
    char *cmds = NULL;
    size_t len = 0;
    FILE *buf;
    fputs("**Fix (", fp);
    md_text(fp, jstr(fix, "platform"));
    fputs("):** ", fp);
    md_text(fp, jstr(fix, "title"));
    fputs("\n\n", fp);
    if (cJSON_GetArraySize(jget(fix, "commands")) > 0 && (buf = open_memstream(&cmds, &len))) {
        cJSON_ArrayForEach(c, jget(fix, "commands")) if (cJSON_IsString(c)) fprintf(buf, "%s\n", c->valuestring);
        fclose(buf);
        md_block(fp, cmds, NULL);
        free(cmds);
    }
    if (jstr(fix, "notes")) {
        md_text(fp, jstr(fix, "notes"));
        fputs("\n\n", fp);
    }
}

static const struct {
    const char *sev, *mark;
} severities[] = {{"error", "✗"}, {"warning", "⚠"}, {"info", "ℹ"}};

static void md_finding(FILE *fp, const cJSON *f)
{
    const char *sev = jstr(f, "severity"), *mark = "•";
    const cJSON *it;
    for (size_t i = 0; sev && i < sizeof severities / sizeof severities[0]; i++)
        if (strcmp(sev, severities[i].sev) == 0)
            mark = severities[i].mark;
    fprintf(fp, "### %s %s ", mark, sev ? sev : "");
    md_code(fp, jstr(f, "id"), 0);
    fputs(": ", fp);
    md_text(fp, jstr(f, "title"));
    fputs("\n\n", fp);
    if (cJSON_GetArraySize(jget(f, "evidence")) > 0) {
        fputs("**Seen:**\n\n", fp);
        cJSON_ArrayForEach(it, jget(f, "evidence"))
        {
            fputs("- ", fp);
            md_text(fp, cJSON_IsString(it) ? it->valuestring : NULL);
            fputc('\n', fp);
        }
        fputc('\n', fp);
    }
    if (jstr(f, "detail")) {
        fputs("**Why:** ", fp);
        md_text(fp, jstr(f, "detail"));
        fputs("\n\n", fp);
    }
    cJSON_ArrayForEach(it, jget(f, "fixes")) md_fix(fp, it);
    cJSON_ArrayForEach(it, jget(f, "caveats"))
    {
        fputs("> **Caveat:** ", fp);
        md_text(fp, cJSON_IsString(it) ? it->valuestring : NULL);
        fputs("\n\n", fp);
    }
    if (cJSON_GetArraySize(jget(f, "refs")) > 0) {
        fputs("See:", fp);
        cJSON_ArrayForEach(it, jget(f, "refs"))
        {
            fputs(it == jget(f, "refs")->child ? " " : " · ", fp);
            md_link(fp, cJSON_IsString(it) ? it->valuestring : NULL);
        }
        fputs("\n\n", fp);
    }
}

static void md_findings(FILE *fp, const cJSON *findings, const cJSON *target_os)
{
    const cJSON *f, *p;
    fputs("## Findings\n\n", fp);
    if (cJSON_GetArraySize(findings) == 0) {
        fputs("No known failure mode matches.\n\n", fp);
        return;
    }
    if (target_os && jstr(target_os, "source")) {
        fputs("_Fixes shown for:", fp);
        cJSON_ArrayForEach(p, jget(target_os, "platforms"))
        {
            fputc(' ', fp);
            md_text(fp, p->valuestring);
        }
        fprintf(fp, " (%s; `--os` overrides)._\n\n", jstr(target_os, "source"));
    }
    cJSON_ArrayForEach(f, findings) md_finding(fp, f);
}

/* --- candidates table -------------------------------------------------- */

static void attempt_tcp(FILE *fp, const cJSON *a)
{
    const char *tcp = jstr(a, "tcp");
    md_text(fp, jstr(a, "address"));
    fputc(' ', fp);
    md_text(fp, tcp ? tcp : "skipped");
    if (jstr(a, "errno") && (!tcp || strcmp(tcp, "refused") || strcmp(jstr(a, "errno"), "ECONNREFUSED"))) {
        fputc(' ', fp);
        md_text(fp, jstr(a, "errno"));
    }
    if (jnum(a, "connect_ms", -1) >= 0)
        fprintf(fp, " %.1f ms", jnum(a, "connect_ms", 0));
}

static void attempt_http(FILE *fp, const cJSON *a)
{
    const cJSON *h = jget(a, "http"), *app = jget(h, "app");
    if (!present(h)) {
        fputc('-', fp);
        return;
    }
    fprintf(fp, "%d", (int)jnum(h, "status", 0));
    if (cJSON_IsTrue(jget(h, "ollama"))) {
        fputs(" Ollama ", fp);
        md_text(fp, jstr(h, "version"));
    } else {
        fputc(' ', fp);
        md_text(fp, jstr(h, "server") ? jstr(h, "server") : jstr(h, "content_type"));
    }
    if (present(app)) {
        fputs("; ", fp);
        md_text(fp, jstr(app, "path"));
        fprintf(fp, " → %d", (int)jnum(app, "status", 0));
    }
}

/* Attempts of one probe in one cell, one per line; the proxy's last. */
static void attempts_cell(FILE *fp, const cJSON *p, void (*cell)(FILE *, const cJSON *))
{
    const cJSON *a, *px = jget(p, "proxy");
    int n = 0;
    cJSON_ArrayForEach(a, jget(p, "attempts"))
    {
        fputs(n++ ? "<br>" : "", fp);
        cell(fp, a);
    }
    if (present(px)) {
        fputs(n++ ? "<br>" : "", fp);
        fputs("via proxy ", fp);
        md_text(fp, jstr(px, "url"));
        fputs(": ", fp);
        cell(fp, jget(px, "attempt"));
    }
    if (!n)
        fputc('-', fp);
}

static void md_probe_row(FILE *fp, const cJSON *p)
{
    const cJSON *dns = jget(p, "dns");
    const char *klass = jstr(p, "class"), *status = jstr(dns, "status");
    fputs("| ", fp);
    md_text(fp, jstr(p, "candidate"));
    fputs(" | ", fp);
    md_text(fp, jstr(p, "origin"));
    fputs(" | ", fp);
    md_text(fp, status && strcmp(status, "ok") ? status : jstr(dns, "source"));
    if (jstr(dns, "source") && strcmp(jstr(dns, "source"), "literal") && jnum(dns, "ms", -1) >= 0)
        fprintf(fp, " %.1f ms", jnum(dns, "ms", 0));
    fputs(" | ", fp);
    attempts_cell(fp, p, attempt_tcp);
    fputs(" | ", fp);
    attempts_cell(fp, p, attempt_http);
    fprintf(fp, " | %s ", klass && strcmp(klass, "ok") == 0 ? "✓" : "✗");
    md_text(fp, klass);
    fputs(" |\n", fp);
}

static void details_open(FILE *fp, const char *summary)
{
    fprintf(fp, "<details>\n<summary>%s</summary>\n\n", summary);
}

static void details_close(FILE *fp)
{
    fputs("</details>\n\n", fp);
}

static void md_candidates(FILE *fp, const cJSON *doc)
{
    const cJSON *p, *run = jget(jget(doc, "context"), "run");
    char summary[64];
    snprintf(summary, sizeof summary, "Candidates (%d probed)", cJSON_GetArraySize(jget(doc, "probes")));
    details_open(fp, summary);
    fputs("| Candidate | Origin | DNS | TCP | HTTP | Result |\n|---|---|---|---|---|---|\n", fp);
    cJSON_ArrayForEach(p, jget(doc, "probes")) md_probe_row(fp, p);
    if (cJSON_IsTrue(jget(run, "deadline_hit")))
        fprintf(fp, "\nThe run stopped at its deadline of %.0f ms; unfinished attempts count as timeouts.\n",
                jnum(run, "deadline_ms", 0));
    fputc('\n', fp);
    details_close(fp);
}

/* --- facts ------------------------------------------------------------- */

static void row_begin(FILE *fp, const char *label)
{
    fprintf(fp, "| %s | ", label);
}

static void row_end(FILE *fp)
{
    fputs(" |\n", fp);
}

static void row_text(FILE *fp, const char *label, const char *value)
{
    row_begin(fp, label);
    md_text(fp, value && *value ? value : "-");
    row_end(fp);
}

/* A value too rich for prose: compact JSON in a code span. */
static void row_json(FILE *fp, const char *label, const cJSON *v)
{
    char *s;
    if (!v)
        return;
    row_begin(fp, label);
    if (cJSON_IsNull(v))
        fputs("unknown", fp);
    else if ((s = cJSON_PrintUnformatted(v))) {
        md_code(fp, s, 1);
        free(s);
    }
    row_end(fp);
}

/* Array elements through fmt, joined by sep. */
static void row_list(FILE *fp, const char *label, const cJSON *arr, void (*item)(FILE *, const cJSON *),
                     const char *none)
{
    const cJSON *it;
    int n = 0;
    row_begin(fp, label);
    if (!present(arr))
        fputs("unknown", fp);
    cJSON_ArrayForEach(it, arr)
    {
        fputs(n++ ? "<br>" : "", fp);
        item(fp, it);
    }
    if (present(arr) && !n)
        md_text(fp, none);
    row_end(fp);
}

static void item_string(FILE *fp, const cJSON *it)
{
    md_text(fp, cJSON_IsString(it) ? it->valuestring : NULL);
}

static void item_gateway(FILE *fp, const cJSON *g)
{
    md_text(fp, jstr(g, "address"));
    fputs(" via ", fp);
    md_text(fp, jstr(g, "interface"));
}

static void item_interface(FILE *fp, const cJSON *i)
{
    md_text(fp, jstr(i, "name"));
    fputc(' ', fp);
    md_text(fp, jstr(i, "address"));
    fprintf(fp, "/%d%s", (int)jnum(i, "prefix", 0), cJSON_IsTrue(jget(i, "up")) ? "" : " (down)");
}

static void item_hosts(FILE *fp, const cJSON *h)
{
    const cJSON *n;
    md_text(fp, jstr(h, "address"));
    cJSON_ArrayForEach(n, jget(h, "names"))
    {
        fputc(' ', fp);
        md_text(fp, n->valuestring);
    }
}

static void item_listener(FILE *fp, const cJSON *l)
{
    int v6 = jstr(l, "address") && strchr(jstr(l, "address"), ':');
    fputs(v6 ? "[" : "", fp);
    md_text(fp, jstr(l, "address"));
    fprintf(fp, "%s:%d (", v6 ? "]" : "", (int)jnum(l, "port", 0));
    md_text(fp, jstr(l, "scope"));
    fputc(')', fp);
}

static void item_owner(FILE *fp, const cJSON *o)
{
    md_text(fp, jstr(o, "address"));
    fputs(": ", fp);
    md_text(fp, jstr(o, "comm"));
    fprintf(fp, " (pid %d), OLLAMA\\_HOST=", (int)jnum(o, "pid", 0));
    md_text(fp, jstr(o, "ollama_host") ? jstr(o, "ollama_host") : "(unset)");
}

static void item_bridge(FILE *fp, const cJSON *b)
{
    md_text(fp, jstr(b, "name"));
    fputc(' ', fp);
    md_text(fp, jstr(b, "address"));
    fprintf(fp, "/%d", (int)jnum(b, "prefix", 0));
}

static void item_keyvalue(FILE *fp, const cJSON *kv)
{
    md_text(fp, kv->string);
    fputc('=', fp);
    md_text(fp, cJSON_IsString(kv) ? kv->valuestring : NULL);
}

static void md_fact_where(FILE *fp, const cJSON *doc, const cJSON *ctx)
{
    const cJSON *c = jget(ctx, "container"), *t = jget(ctx, "target"), *os = jget(ctx, "os"), *m;
    char buf[512];
    size_t l;
    snprintf(buf, sizeof buf, "%s (%s; runtime %s", jstr(doc, "vantage"), jstr(ctx, "vantage_source"),
             jstr(c, "runtime") ? jstr(c, "runtime") : "?");
    cJSON_ArrayForEach(m, jget(c, "markers"))
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s", m == jget(c, "markers")->child ? ": " : ", ", m->valuestring);
    }
    l = strlen(buf);
    snprintf(buf + l, sizeof buf - l, ")");
    row_text(fp, "vantage", buf);
    if (present(t)) {
        snprintf(buf, sizeof buf, "%s %s%s%s%s", jstr(t, "kind"), jstr(t, "name"), jstr(t, "role") ? " (" : "",
                 jstr(t, "role") ? jstr(t, "role") : "", jstr(t, "role") ? ")" : "");
        row_text(fp, "probes ran inside", buf);
        row_json(fp, "target", t);
    }
    snprintf(buf, sizeof buf, "%s (guess: %s)", jstr(os, "kernel") ? jstr(os, "kernel") : "?",
             jstr(os, "guess") ? jstr(os, "guess") : "?");
    row_text(fp, "kernel", buf);
    row_text(fp, "hostname", jstr(os, "hostname"));
}

static void md_fact_network(FILE *fp, const cJSON *ctx)
{
    const cJSON *rs = jget(ctx, "resolv"), *px = jget(ctx, "proxy");
    row_list(fp, "gateways", jget(ctx, "gateways"), item_gateway, "none (no default route)");
    row_list(fp, "interfaces", jget(ctx, "interfaces"), item_interface, "none");
    row_list(fp, "nameservers", present(rs) ? jget(rs, "nameservers") : NULL, item_string, "none");
    if (present(rs)) {
        row_list(fp, "search", jget(rs, "search"), item_string, "none");
        row_list(fp, "resolv options", jget(rs, "options"), item_string, "none");
    }
    row_list(fp, "hosts file", jget(ctx, "hosts"), item_hosts, "empty");
    row_list(fp, "proxy", px, item_keyvalue, "none");
}

static void md_fact_ollama(FILE *fp, const cJSON *ctx)
{
    const cJSON *oh = jget(ctx, "ollama_host"), *host = jget(ctx, "host");
    char buf[512];
    if (cJSON_IsTrue(jget(oh, "set")))
        snprintf(buf, sizeof buf, "%s (listens on %s)", jstr(oh, "raw"), jstr(oh, "url"));
    else
        snprintf(buf, sizeof buf, "unset in this environment");
    row_text(fp, "OLLAMA_HOST", buf);
    snprintf(buf, sizeof buf, "%d (%s)", (int)jnum(ctx, "port", 0), jstr(ctx, "port_source"));
    row_text(fp, "port", buf);
    if (jget(ctx, "listeners") && present(jget(ctx, "listeners")))
        row_list(fp, "listening", jget(ctx, "listeners"), item_listener, "nothing listens on the port");
    if (present(host)) {
        row_list(fp, "listener owners", jget(host, "listener_owners"), item_owner, "none found");
        row_json(fp, "systemd", jget(host, "systemd"));
        row_json(fp, "firewall", jget(host, "firewall"));
        row_list(fp, "docker bridges", jget(host, "docker_bridges"), item_bridge, "none");
        row_json(fp, "docker proxies", jget(host, "docker_proxies"));
    }
}

static void md_fact_run(FILE *fp, const cJSON *ctx)
{
    const cJSON *run = jget(ctx, "run"), *tos = jget(ctx, "target_os"), *p, *it;
    char buf[256] = "";
    size_t l;
    cJSON_ArrayForEach(p, jget(tos, "platforms"))
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s", buf[0] ? ", " : "", p->valuestring);
    }
    l = strlen(buf);
    snprintf(buf + l, sizeof buf - l, " (%s)", jstr(tos, "source") ? jstr(tos, "source") : "?");
    row_text(fp, "fixes for", buf);
    row_list(fp, "--url", jget(ctx, "urls"), item_string, "none");
    row_text(fp, "--model", jstr(ctx, "model"));
    row_begin(fp, "sources");
    cJSON_ArrayForEach(it, jget(ctx, "sources"))
    {
        fputs(it == jget(ctx, "sources")->child ? "" : "<br>", fp);
        md_text(fp, it->string);
        fputs(": ", fp);
        md_text(fp, cJSON_IsString(it) ? it->valuestring : NULL);
    }
    row_end(fp);
    snprintf(buf, sizeof buf, "finished %s, %.1f ms, timeout %.0f ms, deadline %.0f ms%s, peak RSS %.0f KB",
             jstr(run, "finished_at") ? jstr(run, "finished_at") : "?", jnum(run, "elapsed_ms", 0),
             jnum(run, "timeout_ms", 0), jnum(run, "deadline_ms", 0),
             cJSON_IsTrue(jget(run, "deadline_hit")) ? " (hit)" : "", jnum(run, "max_rss_kb", 0));
    row_text(fp, "run", buf);
}

static void md_facts(FILE *fp, const cJSON *doc)
{
    const cJSON *ctx = jget(doc, "context");
    details_open(fp, "Facts");
    fputs("| Fact | Value |\n|---|---|\n", fp);
    md_fact_where(fp, doc, ctx);
    md_fact_network(fp, ctx);
    md_fact_ollama(fp, ctx);
    md_fact_run(fp, ctx);
    fputc('\n', fp);
    details_close(fp);
}

static void md_raw_json(FILE *fp, const cJSON *doc)
{
    char *s = cJSON_Print(doc);
    details_open(fp, "Raw JSON report");
    if (s)
        md_block(fp, s, "json");
    free(s);
    details_close(fp);
}

/* --- explain ----------------------------------------------------------- */

static void md_explain(FILE *fp, const cJSON *doc)
{
    static const struct {
        const char *key, *label;
    } fields[] = {{"error_kind", "kind"}, {"host", "host"},     {"port", "port"},     {"path", "path"},
                  {"errno", "errno"},     {"status", "HTTP status"}, {"url", "URL"}, {"model", "model"},
                  {"client", "client"}};
    const cJSON *in = jget(doc, "input");
    fputs("# ollama-doctor explain\n\n## What the error says\n\n| Field | Value |\n|---|---|\n", fp);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const cJSON *v = jget(in, fields[i].key);
        char num[32];
        if (cJSON_IsString(v))
            row_text(fp, fields[i].label, v->valuestring);
        else if (cJSON_IsNumber(v)) {
            snprintf(num, sizeof num, "%d", v->valueint);
            row_text(fp, fields[i].label, num);
        }
    }
    fputc('\n', fp);
    md_findings(fp, jget(doc, "findings"), NULL);
    fputs("## To confirm\n\nRun where the app connects from (Dify 1.x: the plugin\\_daemon container):\n", fp);
    md_block(fp, jstr(doc, "confirm") ? jstr(doc, "confirm") : "ollama-doctor check", "sh");
    md_raw_json(fp, doc);
}

/* --- the document ------------------------------------------------------ */

static void md_check(FILE *fp, const cJSON *doc)
{
    const cJSON *err = jget(doc, "error");
    fputs("# ollama-doctor report\n\n", fp);
    if (present(err)) {
        fputs("**Error:** ", fp);
        md_text(fp, jstr(err, "message"));
        fputs("\n\n", fp);
        return;
    }
    md_verdict(fp, doc);
    md_findings(fp, jget(doc, "findings"), jget(jget(doc, "context"), "target_os"));
    fputs("## Details\n\n", fp);
    md_candidates(fp, doc);
    md_facts(fp, doc);
    md_raw_json(fp, doc);
}

char *od_report_markdown(const cJSON *doc)
{
    char *raw = NULL, *out;
    size_t len = 0;
    FILE *fp = open_memstream(&raw, &len);
    if (!fp)
        return NULL;
    if (jget(doc, "input"))
        md_explain(fp, doc);
    else
        md_check(fp, doc);
    if (fclose(fp) != 0) {
        free(raw);
        return NULL;
    }
    out = od_redact(raw, len, NULL);
    free(raw);
    return out;
}
