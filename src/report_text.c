/* report_text — the report for people, rendered from the JSON document so
 * that text and JSON can never disagree. Aligned; colour only when asked. */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define COLS 6
#define MAXROWS 256

enum tone { T_PLAIN, T_OK, T_BAD, T_WARN, T_DIM, T_BOLD };
static const char *const ansi[] = {"", "\033[32m", "\033[31m", "\033[33m", "\033[2m", "\033[1m"};

struct row {
    char cell[COLS][160];
    enum tone tone;
};

struct table {
    struct row rows[MAXROWS];
    int n;
};

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double jnum(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static const cJSON *jget(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static void paint(FILE *fp, const struct od_style *st, enum tone t, const char *s)
{
    if (st->color && t != T_PLAIN)
        fprintf(fp, "%s%s\033[0m", ansi[t], s);
    else
        fputs(s, fp);
}

static void heading(FILE *fp, const struct od_style *st, const char *s)
{
    fputc('\n', fp);
    paint(fp, st, T_BOLD, s);
    fputc('\n', fp);
}

static void kv(FILE *fp, const char *k, const char *v)
{
    fprintf(fp, "  %-12s %s\n", k, v);
}

static void where_container(FILE *fp, const cJSON *ctx, const char *vantage)
{
    const cJSON *c = jget(ctx, "container"), *m = jget(c, "markers"), *it;
    char buf[300];
    size_t l;
    snprintf(buf, sizeof buf, "%s (%s; runtime %s", vantage, jstr(ctx, "vantage_source"), jstr(c, "runtime"));
    cJSON_ArrayForEach(it, m)
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s", it == m->child ? ": " : ", ", it->valuestring);
    }
    l = strlen(buf);
    snprintf(buf + l, sizeof buf - l, ")");
    kv(fp, "vantage", buf);
    const cJSON *t = jget(ctx, "target");
    if (t && !cJSON_IsNull(t)) {
        snprintf(buf, sizeof buf, "inside %s %s%s%s%s%s", jstr(t, "kind"), jstr(t, "name"),
                 jstr(t, "role") ? " (" : "", jstr(t, "role") ? jstr(t, "role") : "", jstr(t, "role") ? ")" : "",
                 jstr(t, "picked") ? "; --container auto" : "");
        kv(fp, "probes run", buf);
    }
    snprintf(buf, sizeof buf, "%s (guess: %s)", jstr(jget(ctx, "os"), "kernel"), jstr(jget(ctx, "os"), "guess"));
    kv(fp, "kernel", buf);
}

static void where_network(FILE *fp, const cJSON *ctx)
{
    const cJSON *it, *gws = jget(ctx, "gateways"), *rs = jget(ctx, "resolv");
    char buf[600] = "";
    size_t l;
    cJSON_ArrayForEach(it, gws)
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s via %s", buf[0] ? ", " : "", jstr(it, "address"), jstr(it, "interface"));
    }
    kv(fp, "gateway", buf[0] ? buf : "none (no default route)");
    buf[0] = '\0';
    cJSON_ArrayForEach(it, jget(rs, "nameservers"))
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s", buf[0] ? ", " : "", it->valuestring);
    }
    kv(fp, "nameserver", cJSON_IsNull(rs) ? "unknown (resolv.conf unreadable)" : buf[0] ? buf : "none");
    buf[0] = '\0';
    cJSON_ArrayForEach(it, jget(ctx, "proxy"))
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s=%s", buf[0] ? "  " : "", it->string, it->valuestring);
    }
    kv(fp, "proxy", buf[0] ? buf : "none");
}

static void where_ollama(FILE *fp, const cJSON *ctx)
{
    const cJSON *oh = jget(ctx, "ollama_host"), *ls = jget(ctx, "listeners"), *it;
    char buf[600] = "";
    size_t l;
    if (cJSON_IsTrue(jget(oh, "set")))
        snprintf(buf, sizeof buf, "%s (listens on %s)", jstr(oh, "raw"), jstr(oh, "url"));
    else
        snprintf(buf, sizeof buf, "unset in this environment");
    kv(fp, "OLLAMA_HOST", buf);
    snprintf(buf, sizeof buf, "%d (%s)", (int)jnum(ctx, "port", 0), jstr(ctx, "port_source"));
    kv(fp, "port", buf);
    if (cJSON_IsNull(ls) || !ls)
        return;
    buf[0] = '\0';
    cJSON_ArrayForEach(it, ls)
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s%s%s:%d (%s)", buf[0] ? ", " : "",
                 strchr(jstr(it, "address"), ':') ? "[" : "", jstr(it, "address"),
                 strchr(jstr(it, "address"), ':') ? "]" : "", (int)jnum(it, "port", 0), jstr(it, "scope"));
    }
    kv(fp, "listening", buf[0] ? buf : "nothing listens on the port here");
    cJSON_ArrayForEach(it, jget(jget(ctx, "host"), "listener_owners"))
    {
        snprintf(buf, sizeof buf, "%s: %s (pid %d), OLLAMA_HOST=%s", jstr(it, "address"), jstr(it, "comm"),
                 (int)jnum(it, "pid", 0), jstr(it, "ollama_host") ? jstr(it, "ollama_host") : "(unset)");
        kv(fp, "owner", buf);
    }
}

static void fmt_ms(char *buf, size_t n, double ms)
{
    if (ms < 0)
        buf[0] = '\0';
    else if (ms < 10)
        snprintf(buf, n, " %.1fms", ms);
    else
        snprintf(buf, n, " %.0fms", ms);
}

/* The errno is worth showing unless the TCP state already says it. */
static int errno_adds(const cJSON *a)
{
    static const char *const implied[][2] = {{"refused", "ECONNREFUSED"}, {"timeout", "ETIMEDOUT"}, {"reset", "ECONNRESET"}};
    const char *e = jstr(a, "errno"), *t = jstr(a, "tcp");
    if (!e || !t)
        return 0;
    for (size_t i = 0; i < sizeof implied / sizeof implied[0]; i++)
        if (strcmp(t, implied[i][0]) == 0 && strcmp(e, implied[i][1]) == 0)
            return 0;
    return 1;
}

static void attempt_cells(const cJSON *a, char *tcp, size_t tn, char *http, size_t hn)
{
    const cJSON *h = jget(a, "http");
    char ms[32];
    fmt_ms(ms, sizeof ms, jnum(a, "connect_ms", -1));
    if (cJSON_IsNull(jget(a, "tcp")))
        snprintf(tcp, tn, "%s skipped", jstr(a, "address"));
    else
        snprintf(tcp, tn, "%s %s%s%s%s", jstr(a, "address"), jstr(a, "tcp"), errno_adds(a) ? " " : "",
                 errno_adds(a) ? jstr(a, "errno") : "", strcmp(jstr(a, "tcp"), "connected") ? "" : ms);
    if (!h || cJSON_IsNull(h)) {
        snprintf(http, hn, "-");
        return;
    }
    if (cJSON_IsTrue(jget(h, "ollama")))
        snprintf(http, hn, "%d Ollama %s", (int)jnum(h, "status", 0), jstr(h, "version") ? jstr(h, "version") : "");
    else if (jnum(h, "body_bytes", 0) == 0)
        snprintf(http, hn, "%d empty body", (int)jnum(h, "status", 0));
    else
        snprintf(http, hn, "%d %s%s%s", (int)jnum(h, "status", 0), jstr(h, "server") ? jstr(h, "server") : "",
                 jstr(h, "server") ? " " : "", jstr(h, "content_type") ? jstr(h, "content_type") : "");
    const cJSON *app = jget(h, "app");
    if (app) {
        size_t l = strlen(http);
        snprintf(http + l, hn - l, "; %s → %d", jstr(app, "path"), (int)jnum(app, "status", 0));
    }
}

static enum tone class_tone(const char *klass)
{
    if (strcmp(klass, "ok") == 0)
        return T_OK;
    if (strcmp(klass, "skipped") == 0)
        return T_DIM;
    return T_BAD;
}

static struct row *add_row(struct table *t)
{
    if (t->n >= MAXROWS)
        return NULL;
    struct row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static void probe_rows(struct table *t, const cJSON *p, const struct od_style *st)
{
    const cJSON *dns = jget(p, "dns"), *atts = jget(p, "attempts"), *a, *px = jget(p, "proxy");
    const char *klass = jstr(p, "class");
    char ms[32];
    struct row *r = add_row(t);
    int first = 1;
    if (!r)
        return;
    snprintf(r->cell[0], sizeof r->cell[0], "%s", jstr(p, "candidate"));
    snprintf(r->cell[1], sizeof r->cell[1], "%s", jstr(p, "origin"));
    fmt_ms(ms, sizeof ms, strcmp(jstr(dns, "source"), "literal") ? jnum(dns, "ms", -1) : -1);
    snprintf(r->cell[2], sizeof r->cell[2], "%s%s", strcmp(jstr(dns, "status"), "ok") ? jstr(dns, "status")
                                                                                      : jstr(dns, "source"), ms);
    snprintf(r->cell[5], sizeof r->cell[5], "%s %s", strcmp(klass, "ok") == 0 ? (st->unicode ? "✓" : "OK")
                                                      : (st->unicode ? "✗" : "X"), klass);
    r->tone = class_tone(klass);
    snprintf(r->cell[3], sizeof r->cell[3], "-");
    snprintf(r->cell[4], sizeof r->cell[4], "-");
    cJSON_ArrayForEach(a, atts)
    {
        struct row *ar = first ? r : add_row(t);
        if (!ar)
            return;
        attempt_cells(a, ar->cell[3], sizeof ar->cell[3], ar->cell[4], sizeof ar->cell[4]);
        first = 0;
    }
    if (px && !cJSON_IsNull(px)) {
        struct row *pr = add_row(t);
        if (!pr)
            return;
        snprintf(pr->cell[0], sizeof pr->cell[0], "  via proxy %s", jstr(px, "url"));
        attempt_cells(jget(px, "attempt"), pr->cell[3], sizeof pr->cell[3], pr->cell[4], sizeof pr->cell[4]);
    }
}

/* Display width of UTF-8 text: count code points, not bytes. */
static int width_of(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void print_table(FILE *fp, const struct table *t, const struct od_style *st)
{
    int w[COLS] = {0};
    for (int i = 0; i < t->n; i++)
        for (int c = 0; c < COLS; c++)
            if (width_of(t->rows[i].cell[c]) > w[c])
                w[c] = width_of(t->rows[i].cell[c]);
    for (int i = 0; i < t->n; i++) {
        const struct row *r = &t->rows[i];
        fputs("  ", fp);
        for (int c = 0; c < COLS; c++) {
            int pad = c == COLS - 1 ? 0 : w[c] - width_of(r->cell[c]) + 2;
            enum tone tone = i == 0 ? T_DIM : c == COLS - 1 ? r->tone : T_PLAIN;
            paint(fp, st, tone, r->cell[c]);
            fprintf(fp, "%*s", pad, "");
        }
        fputc('\n', fp);
    }
}

static void print_verdict(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const char *v = jstr(doc, "verdict");
    const cJSON *rec = jget(doc, "recommendation");
    static const struct { const char *verdict; enum tone tone; const char *text; } says[] = {
        {"ok", T_OK, "Ollama is reachable from here."},
        {"problems", T_WARN, "Ollama is reachable from here, but not the way the app is set up."},
        {"unreachable", T_BAD, "no candidate reaches Ollama from here."},
    };
    for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
        if (strcmp(says[i].verdict, v) != 0)
            continue;
        if (!st->quiet)
            fputc('\n', fp);
        paint(fp, st, says[i].tone, "Verdict: ");
        paint(fp, st, says[i].tone, v);
        fprintf(fp, " %s %s\n", st->unicode ? "—" : "-", says[i].text);
    }
    if (jstr(rec, "base_url"))
        fprintf(fp, "Base URL to use: %s   (candidate %s, origin %s)\n", jstr(rec, "base_url"),
                jstr(rec, "candidate"), jstr(rec, "origin"));
}

/* Dify's Ollama form, field by field, ready to copy. */
static void print_app_settings(FILE *fp, const cJSON *rec, const struct od_style *st)
{
    const cJSON *a = jget(rec, "app_settings");
    char num[32];
    if (!a || cJSON_IsNull(a))
        return;
    fputc('\n', fp);
    paint(fp, st, T_BOLD, "Dify settings");
    fprintf(fp, " (Settings > Model Provider > Ollama > Add Model), field by field:\n");
    fprintf(fp, "  %-30s %s\n", "Model Name", jstr(a, "model"));
    fprintf(fp, "  %-30s %s\n", "Base URL", jstr(a, "base_url"));
    fprintf(fp, "  %-30s %s\n", "Model Type", strcmp(jstr(a, "model_type"), "llm") == 0 ? "LLM" : "Text Embedding");
    snprintf(num, sizeof num, "%.0f", jnum(a, "context_size", 0));
    fprintf(fp, "  %-30s %s\n", "Model context size", num);
    if (jstr(a, "context_size_reason")) {
        fprintf(fp, "  %-30s ", "");
        od_text_wrap(fp, jstr(a, "context_size_reason"), 33, 33, st);
    }
    if (strcmp(jstr(a, "model_type"), "llm") == 0) {
        snprintf(num, sizeof num, "%.0f", jnum(a, "max_tokens", 0));
        fprintf(fp, "  %-30s %s\n", "Upper bound for max tokens", num);
        fprintf(fp, "  %-30s %s\n", "Vision support", cJSON_IsTrue(jget(a, "vision_support")) ? "Yes" : "No");
        fprintf(fp, "  %-30s %s\n", "Function call support",
                cJSON_IsTrue(jget(a, "function_call_support")) ? "Yes" : "No");
    }
}

static void where_model(FILE *fp, const cJSON *ctx)
{
    const cJSON *m = jget(ctx, "model"), *it;
    char buf[600];
    size_t l;
    if (!m || cJSON_IsNull(m) || !cJSON_IsObject(m))
        return;
    if (!cJSON_IsTrue(jget(m, "found"))) {
        snprintf(buf, sizeof buf, "%s: not on %s", jstr(m, "requested"), jstr(m, "server"));
        kv(fp, "model", buf);
        return;
    }
    snprintf(buf, sizeof buf, "%s -> %s (", jstr(m, "requested"), jstr(m, "name"));
    cJSON_ArrayForEach(it, jget(m, "capabilities"))
    {
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s", it == jget(m, "capabilities")->child ? "" : ", ", it->valuestring);
    }
    l = strlen(buf);
    if (cJSON_IsNumber(jget(m, "context_length")))
        snprintf(buf + l, sizeof buf - l, "; trained context %.0f)", jnum(m, "context_length", 0));
    else
        snprintf(buf + l, sizeof buf - l, ")");
    kv(fp, "model", buf);
}

static void print_sources(FILE *fp, const cJSON *ctx)
{
    const cJSON *it;
    char buf[300];
    cJSON_ArrayForEach(it, jget(ctx, "sources"))
    {
        snprintf(buf, sizeof buf, "%s: %s", it->string, it->valuestring);
        kv(fp, "read", buf);
    }
}

void od_report_text(FILE *fp, const cJSON *doc, const struct od_style *st)
{
    const cJSON *ctx = jget(doc, "context"), *run = jget(ctx, "run"), *p;
    static struct table t; /* large; only ever one report per process */
    const char *vantage = jstr(doc, "vantage");

    if (st->quiet) {
        print_verdict(fp, doc, st);
        return;
    }
    fprintf(fp, "ollama-doctor %s %s probing from the %s, %d candidates in %.0f ms\n",
            jstr(jget(doc, "tool"), "version"), st->unicode ? "·" : "-", vantage,
            cJSON_GetArraySize(jget(doc, "probes")), jnum(run, "elapsed_ms", 0));
    heading(fp, st, "Where I am");
    where_container(fp, ctx, vantage);
    where_network(fp, ctx);
    where_ollama(fp, ctx);
    where_model(fp, ctx);
    if (st->verbose)
        print_sources(fp, ctx);

    heading(fp, st, "Candidates");
    memset(&t, 0, sizeof t);
    struct row *h = add_row(&t);
    static const char *const head[COLS] = {"CANDIDATE", "ORIGIN", "DNS", "TCP", "HTTP", "RESULT"};
    for (int c = 0; c < COLS; c++)
        snprintf(h->cell[c], sizeof h->cell[c], "%s", head[c]);
    cJSON_ArrayForEach(p, jget(doc, "probes")) probe_rows(&t, p, st);
    print_table(fp, &t, st);
    if (cJSON_IsTrue(jget(run, "deadline_hit")))
        fprintf(fp, "  (the run stopped at its deadline of %.0f ms; unfinished attempts count as timeouts)\n",
                jnum(run, "deadline_ms", 0));
    od_report_text_findings(fp, jget(doc, "findings"), jget(ctx, "target_os"), st);
    print_verdict(fp, doc, st);
    print_app_settings(fp, jget(doc, "recommendation"), st);
}

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

static int terminal_width(FILE *fp)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    long c = cols ? strtol(cols, NULL, 10) : 0;
    if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    if (c >= 40 && c <= 1000)
        return (int)c;
    return 100;
}

void od_style_detect(const struct od_opts *o, FILE *fp, struct od_style *st)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    int tty = isatty(fileno(fp));
    memset(st, 0, sizeof *st);
    st->color = o->color == OD_COLOR_ALWAYS ||
                (o->color == OD_COLOR_AUTO && tty && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0));
    st->unicode = utf8_locale();
    st->width = terminal_width(fp);
    st->verbose = o->verbose;
    st->quiet = o->quiet;
}
