/* render — the shared layer of the reports for people (text, Markdown). */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* --- the document --------------------------------------------------------- */

const cJSON *od_rj(const cJSON *o, const char *key)
{
    return o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

const char *od_rs(const cJSON *o, const char *key)
{
    const cJSON *v = od_rj(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

double od_rn(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = od_rj(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

int od_rt(const cJSON *o, const char *key)
{
    return cJSON_IsTrue(od_rj(o, key));
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* --- the answer --------------------------------------------------------------- */

void od_render_verdict(const cJSON *doc, enum od_lang l, struct od_verdict_line *v)
{
    const char *verdict = or_empty(od_rs(doc, "verdict")), *base = od_rs(od_rj(doc, "recommendation"), "base_url");
    const char *where = od_tr(l, strcmp(or_empty(od_rs(doc, "vantage")), "host") == 0 ? "this machine" : "this container");
    memset(v, 0, sizeof *v);
    if (strcmp(verdict, "ok") == 0) {
        v->tone = OD_TONE_OK, v->mark = "✓", v->ascii = "OK";
        snprintf(v->text, sizeof v->text, od_tr(l, "Ollama is reachable: use %s as the Base URL."), or_empty(base));
    } else if (strcmp(verdict, "problems") == 0) {
        v->tone = OD_TONE_WARN, v->mark = "!", v->ascii = "!";
        if (base)
            snprintf(v->text, sizeof v->text,
                     od_tr(l, "Ollama answers at %s, but not the way the app is set up: fix what follows."), base);
        else
            snprintf(v->text, sizeof v->text, "%s",
                     od_tr(l, "Ollama answers here, but at no address the app can use yet: fix what follows."));
    } else {
        v->tone = OD_TONE_BAD, v->mark = "✗", v->ascii = "X";
        snprintf(v->text, sizeof v->text, od_tr(l, "Ollama is not reachable from %s."), where);
    }
}

void od_render_severity(const char *sev, enum od_lang l, struct od_sev_mark *m)
{
    static const struct { const char *sev; enum od_tone tone; const char *mark, *ascii; } marks[] = {
        {"error", OD_TONE_BAD, "✗", "X"}, {"warning", OD_TONE_WARN, "!", "!"}, {"info", OD_TONE_INFO, "i", "i"}};
    m->tone = OD_TONE_PLAIN, m->mark = "-", m->ascii = "-", m->name = sev ? sev : "";
    for (size_t i = 0; sev && i < sizeof marks / sizeof marks[0]; i++)
        if (strcmp(sev, marks[i].sev) == 0) {
            m->tone = marks[i].tone, m->mark = marks[i].mark, m->ascii = marks[i].ascii;
            m->name = od_tr(l, marks[i].sev);
        }
}

const cJSON *od_render_root(const cJSON *findings)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, findings) if (strcmp(or_empty(od_rs(f, "severity")), "error") == 0) return f;
    return cJSON_GetArrayItem(findings, 0);
}

static const cJSON *loc(const cJSON *f)
{
    return od_rj(f, "localized");
}

static const char *loc_or(const cJSON *l, const cJSON *en, const char *key)
{
    const char *s = od_rs(l, key);
    return s ? s : od_rs(en, key);
}

const char *od_render_title(const cJSON *f)
{
    return loc_or(loc(f), f, "title");
}

const char *od_render_detail(const cJSON *f)
{
    return loc_or(loc(f), f, "detail");
}

const cJSON *od_render_evidence(const cJSON *f)
{
    const cJSON *e = od_rj(loc(f), "evidence");
    return cJSON_IsArray(e) ? e : od_rj(f, "evidence");
}

const cJSON *od_render_caveats(const cJSON *f)
{
    const cJSON *e = od_rj(loc(f), "caveats");
    return cJSON_IsArray(e) ? e : od_rj(f, "caveats");
}

const char *od_render_fix_title(const cJSON *f, int i, const cJSON *fix)
{
    const char *s = od_rs(cJSON_GetArrayItem(od_rj(loc(f), "fixes"), i), "title");
    return s ? s : or_empty(od_rs(fix, "title"));
}

const char *od_render_fix_notes(const cJSON *f, int i, const cJSON *fix)
{
    const char *s = od_rs(cJSON_GetArrayItem(od_rj(loc(f), "fixes"), i), "notes");
    return s ? s : od_rs(fix, "notes");
}

const char *od_render_step_label(const cJSON *f, int i, int s, const cJSON *step)
{
    const cJSON *lf = cJSON_GetArrayItem(od_rj(loc(f), "fixes"), i);
    const char *t = od_rs(cJSON_GetArrayItem(od_rj(lf, "steps"), s), "label");
    return t ? t : od_rs(step, "label");
}

/* The kinds of step, as the rules name them, and how a step is introduced:
 * with its label (a file, a field), without one, and after another step. */
static const struct {
    const char *name, *labelled, *bare, *then;
} step_kinds[] = {
    [OD_STEP_RUN] = {"run", NULL, "Run:", "Then run:"},
    [OD_STEP_FILE] = {"file", "Add to %s:", "Add to the file:", NULL},
    [OD_STEP_TYPE] = {"type", "In %s, type:", "Type:", NULL},
};

/* How a line of a step continues on the next one: PowerShell's backtick,
 * the POSIX shell's backslash; NULL where a line cannot be split (a file). */
const char *od_render_continuation(const cJSON *step)
{
    static const struct {
        const char *syntax, *mark;
    } marks[] = {{"sh", " \\"}, {"powershell", " `"}};
    const char *sx = od_rs(step, "syntax");
    for (size_t i = 0; sx && i < sizeof marks / sizeof marks[0]; i++)
        if (strcmp(sx, marks[i].syntax) == 0)
            return marks[i].mark;
    return !sx && od_render_step_kind(step) == OD_STEP_RUN ? " \\" : NULL;
}

/* The language of a step's code block in Markdown. */
const char *od_render_syntax(const cJSON *step)
{
    const char *sx = od_rs(step, "syntax");
    return sx ? sx : od_render_step_kind(step) == OD_STEP_RUN ? "sh" : "text";
}

/* fmt with its one "%s" replaced by arg (a heading from the table above,
 * so not a literal the compiler could check). */
static void subst(char *buf, size_t n, const char *fmt, const char *arg)
{
    const char *at = strstr(fmt, "%s");
    if (!at)
        snprintf(buf, n, "%s", fmt);
    else
        snprintf(buf, n, "%.*s%s%s", (int)(at - fmt), fmt, arg, at + 2);
}

enum od_step_kind od_render_step_kind(const cJSON *step)
{
    const char *k = or_empty(od_rs(step, "kind"));
    for (size_t i = 0; i < sizeof step_kinds / sizeof step_kinds[0]; i++)
        if (strcmp(k, step_kinds[i].name) == 0)
            return (enum od_step_kind)i;
    return OD_STEP_RUN;
}

void od_render_step_heading(const cJSON *f, int fix, int s, const cJSON *step, enum od_lang l, char *buf, size_t n)
{
    const char *label = od_render_step_label(f, fix, s, step);
    enum od_step_kind k = od_render_step_kind(step);
    if (label && step_kinds[k].labelled)
        subst(buf, n, od_tr(l, step_kinds[k].labelled), label);
    else
        snprintf(buf, n, "%s", od_tr(l, s > 0 && step_kinds[k].then ? step_kinds[k].then : step_kinds[k].bare));
}

const cJSON *od_render_steps(const cJSON *fix, cJSON **owned)
{
    const cJSON *st = od_rj(fix, "steps");
    cJSON *one, *arr;
    *owned = NULL;
    if (cJSON_IsArray(st))
        return st;
    arr = cJSON_CreateArray();
    one = cJSON_CreateObject();
    cJSON_AddStringToObject(one, "kind", "run");
    cJSON_AddItemToObject(one, "lines", cJSON_Duplicate(od_rj(fix, "commands"), 1));
    cJSON_AddItemToArray(arr, one);
    *owned = arr;
    return arr;
}

const char *od_render_platform(const char *platform, enum od_lang l)
{
    static const struct { const char *id, *name; } names[] = {
        {"linux", "Linux"},   {"macos", "macOS"},   {"windows", "Windows"},     {"docker", "Docker"},
        {"compose", "Docker Compose"}, {"kubernetes", "Kubernetes"},
    };
    for (size_t i = 0; platform && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(platform, names[i].id) == 0)
            return od_tr(l, names[i].name);
    return or_empty(platform);
}

/* line is the URL subj, or subj with a path after it (an OpenAI-compatible
 * app's Base URL ends in /v1). */
static int names_url(const char *line, const char *subj)
{
    size_t n = strlen(subj);
    return n && strncmp(line, subj, n) == 0 && (line[n] == '\0' || (line[n] == '/' && subj[n - 1] != '/'));
}

int od_render_related(const cJSON *root, const cJSON *f)
{
    const cJSON *subj, *fix, *line;
    cJSON_ArrayForEach(subj, od_rj(f, "subjects"))
    {
        cJSON_ArrayForEach(fix, od_rj(root, "fixes"))
        {
            cJSON_ArrayForEach(line, od_rj(fix, "commands"))
            {
                if (cJSON_IsString(subj) && cJSON_IsString(line) && names_url(line->valuestring, subj->valuestring))
                    return 1;
            }
        }
    }
    return 0;
}

void od_render_fix_label(const char *platform, enum od_lang l, char *buf, size_t n)
{
    if (!platform || strcmp(platform, "any") == 0) /* wherever it runs: no platform to name */
        snprintf(buf, n, "%s", od_tr(l, "Fix:"));
    else
        snprintf(buf, n, od_tr(l, "Fix (%s):"), od_render_platform(platform, l));
}

void od_render_os_note(const cJSON *target_os, enum od_lang l, char *buf, size_t n)
{
    const char *src = or_empty(od_rs(target_os, "source"));
    const cJSON *p;
    char list[80] = "";
    buf[0] = '\0';
    if (strcmp(src, "unknown") == 0) {
        snprintf(buf, n, "%s",
                 od_tr(l, "Which OS runs Ollama cannot be told from here: fixes for macOS, Linux and Windows "
                          "follow (--os picks one)."));
        return;
    }
    if (strcmp(src, "guessed") != 0)
        return;
    cJSON_ArrayForEach(p, od_rj(target_os, "platforms"))
    {
        size_t k = strlen(list);
        snprintf(list + k, sizeof list - k, "%s%s", k ? od_tr(l, " or ") : "", od_render_platform(p->valuestring, l));
    }
    snprintf(buf, n, od_tr(l, "Fixes for %s: guessed from the kernel this container shares (--os overrides)."), list);
}

/* --- facts ---------------------------------------------------------------------- */

static struct od_kv *row(struct od_kv *rows, size_t *n, size_t max, enum od_lang l, const char *label)
{
    if (*n >= max)
        return NULL;
    rows[*n].label = od_tr(l, label);
    rows[*n].value[0] = '\0';
    return &rows[(*n)++];
}

static void append(char *buf, size_t n, const char *sep, const char *s)
{
    size_t k = strlen(buf);
    if (s && *s)
        snprintf(buf + k, n - k, "%s%s", k ? sep : "", s);
}

/* An address with its port, brackets around IPv6. */
static void hostport(const char *addr, int port, char *buf, size_t n)
{
    snprintf(buf, n, strchr(addr, ':') ? "[%s]:%d" : "%s:%d", addr, port);
}

static void fact_vantage(const cJSON *doc, enum od_lang l, struct od_kv *rows, size_t *n, size_t max)
{
    const cJSON *ctx = od_rj(doc, "context"), *c = od_rj(ctx, "container"), *t = od_rj(ctx, "target"), *it;
    struct od_kv *r = row(rows, n, max, l, "vantage");
    char markers[200] = "";
    if (!r)
        return;
    cJSON_ArrayForEach(it, od_rj(c, "markers")) append(markers, sizeof markers, ", ", it->valuestring);
    if (t && cJSON_IsObject(t) && od_rs(t, "role"))
        snprintf(r->value, sizeof r->value, od_tr(l, "inside %s %s — %s (from the host)"), or_empty(od_rs(t, "kind")),
                 or_empty(od_rs(t, "name")), od_rs(t, "role"));
    else if (t && cJSON_IsObject(t))
        snprintf(r->value, sizeof r->value, od_tr(l, "inside %s %s (from the host)"), or_empty(od_rs(t, "kind")),
                 or_empty(od_rs(t, "name")));
    else if (strcmp(or_empty(od_rs(doc, "vantage")), "container") == 0) {
        char what[260];
        snprintf(what, sizeof what, "%s%s%s", or_empty(od_rs(c, "runtime")), markers[0] ? ": " : "", markers);
        snprintf(r->value, sizeof r->value, od_tr(l, "a container (%s)"), what);
    }
    else
        snprintf(r->value, sizeof r->value, "%s", od_tr(l, "the host (not a container)"));
    if ((r = row(rows, n, max, l, "kernel")))
        snprintf(r->value, sizeof r->value, od_tr(l, "%s (so the host runs %s)"), or_empty(od_rs(od_rj(ctx, "os"), "kernel")),
                 or_empty(od_rs(od_rj(ctx, "os"), "guess")));
}

static void fact_network(const cJSON *doc, enum od_lang l, struct od_kv *rows, size_t *n, size_t max)
{
    const cJSON *ctx = od_rj(doc, "context"), *it, *rs = od_rj(ctx, "resolv"), *ae = od_rj(ctx, "app_env");
    struct od_kv *r;
    if ((r = row(rows, n, max, l, "gateway"))) {
        cJSON_ArrayForEach(it, od_rj(ctx, "gateways"))
        {
            char g[120];
            snprintf(g, sizeof g, od_tr(l, "%s via %s"), or_empty(od_rs(it, "address")), or_empty(od_rs(it, "interface")));
            append(r->value, sizeof r->value, ", ", g);
        }
        if (!r->value[0])
            snprintf(r->value, sizeof r->value, "%s", od_tr(l, "none (no default route)"));
    }
    if ((r = row(rows, n, max, l, "nameserver"))) {
        cJSON_ArrayForEach(it, od_rj(rs, "nameservers")) append(r->value, sizeof r->value, ", ", it->valuestring);
        if (!r->value[0])
            snprintf(r->value, sizeof r->value, "%s", od_tr(l, cJSON_IsNull(rs) || !rs ? "not readable" : "none"));
    }
    if ((r = row(rows, n, max, l, "proxy"))) {
        cJSON_ArrayForEach(it, od_rj(ctx, "proxy"))
        {
            char kv[320];
            snprintf(kv, sizeof kv, "%s=%s", or_empty(it->string), or_empty(it->valuestring));
            append(r->value, sizeof r->value, "  ", kv);
        }
        if (!r->value[0])
            snprintf(r->value, sizeof r->value, "%s", od_tr(l, "none"));
    }
    if (od_rs(ae, "note") && (r = row(rows, n, max, l, "environment")))
        snprintf(r->value, sizeof r->value, "%s", od_rs(ae, "note"));
}

static void fact_ollama(const cJSON *doc, enum od_lang l, struct od_kv *rows, size_t *n, size_t max)
{
    const cJSON *ctx = od_rj(doc, "context"), *oh = od_rj(ctx, "ollama_host"), *it, *ports = od_rj(ctx, "ports");
    const cJSON *found = od_rj(od_rj(od_rj(doc, "situation"), "ollama"), "found");
    struct od_kv *r;
    if ((r = row(rows, n, max, l, "OLLAMA_HOST"))) {
        if (od_rt(oh, "set"))
            snprintf(r->value, sizeof r->value, od_tr(l, "%s (Ollama would listen on %s)"), or_empty(od_rs(oh, "raw")),
                     or_empty(od_rs(oh, "url")));
        else
            snprintf(r->value, sizeof r->value, "%s", od_tr(l, "not set here"));
    }
    if ((r = row(rows, n, max, l, "port"))) {
        snprintf(r->value, sizeof r->value, od_tr(l, "%d (%s)"), (int)od_rn(ctx, "port", 0),
                 od_tr(l, or_empty(od_rs(ctx, "port_source"))));
        if (cJSON_GetArraySize(ports) > 1) {
            char also[120] = "";
            cJSON_ArrayForEach(it, ports) if ((int)it->valuedouble != (int)od_rn(ctx, "port", 0))
            {
                char p[16];
                snprintf(p, sizeof p, "%d", (int)it->valuedouble);
                append(also, sizeof also, ", ", p);
            }
            append(r->value, sizeof r->value, "; ", od_tr(l, "also tried:"));
            append(r->value, sizeof r->value, " ", also);
        }
    }
    cJSON_ArrayForEach(it, found)
    {
        char at[120];
        if (!(r = row(rows, n, max, l, "Ollama")))
            break;
        hostport(or_empty(od_rs(it, "address")), (int)od_rn(it, "port", 0), at, sizeof at);
        snprintf(r->value, sizeof r->value, "%s — %s", at, or_empty(od_rs(it, "owner")));
    }
    if (od_rj(ctx, "listeners") && cJSON_IsArray(od_rj(ctx, "listeners")) && cJSON_GetArraySize(od_rj(ctx, "listeners")) == 0 &&
        (r = row(rows, n, max, l, "listening")))
        snprintf(r->value, sizeof r->value, od_tr(l, "nothing listens on port %d on the host"), (int)od_rn(ctx, "port", 0));
}

static void fact_model(const cJSON *doc, enum od_lang l, struct od_kv *rows, size_t *n, size_t max)
{
    const cJSON *m = od_rj(od_rj(doc, "context"), "model"), *it;
    struct od_kv *r;
    char caps[160] = "";
    if (cJSON_IsString(m) && (r = row(rows, n, max, l, "model"))) {
        snprintf(r->value, sizeof r->value, od_tr(l, "%s: not checked (no candidate reached Ollama)"), m->valuestring);
        return;
    }
    if (!cJSON_IsObject(m) || !(r = row(rows, n, max, l, "model")))
        return;
    if (!od_rt(m, "tags_ok")) {
        snprintf(r->value, sizeof r->value, od_tr(l, "%s: the model list of %s could not be read"),
                 or_empty(od_rs(m, "requested")), or_empty(od_rs(m, "server")));
        return;
    }
    if (!od_rt(m, "found")) {
        snprintf(r->value, sizeof r->value, od_tr(l, "%s: not on %s"), or_empty(od_rs(m, "requested")),
                 or_empty(od_rs(m, "server")));
        return;
    }
    cJSON_ArrayForEach(it, od_rj(m, "capabilities")) append(caps, sizeof caps, ", ", it->valuestring);
    snprintf(r->value, sizeof r->value, "%s (%s)", or_empty(od_rs(m, "name")), caps);
}

size_t od_render_facts(const cJSON *doc, enum od_lang l, int verbose, struct od_kv *rows, size_t max)
{
    size_t n = 0;
    const cJSON *it;
    fact_vantage(doc, l, rows, &n, max);
    fact_network(doc, l, rows, &n, max);
    fact_ollama(doc, l, rows, &n, max);
    fact_model(doc, l, rows, &n, max);
    if (verbose)
        cJSON_ArrayForEach(it, od_rj(od_rj(doc, "context"), "sources"))
        {
            struct od_kv *r = row(rows, &n, max, l, "read");
            if (!r)
                break;
            snprintf(r->value, sizeof r->value, "%s: %s", or_empty(it->string), or_empty(it->valuestring));
        }
    return n;
}

/* Whether the explained input carries hint h. */
static int input_hint(const cJSON *doc, const char *h)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, od_rj(od_rj(doc, "input"), "hints"))
        if (cJSON_IsString(it) && strcmp(it->valuestring, h) == 0)
            return 1;
    return 0;
}

const char *od_render_confirm_where(const cJSON *doc, int markdown)
{
    const cJSON *name = od_rj(od_rj(od_rj(doc, "input"), "app"), "name");
    const cJSON *inside = od_rj(od_rj(od_rj(doc, "input"), "platform"), "in_container");
    /* Dify when named, or when no app is and the client runs in a container
     * (the default app); a client on its own machine names its own place */
    int dify = cJSON_IsString(name) ? strcmp(name->valuestring, "dify") == 0 : !cJSON_IsFalse(inside);
    /* a compose log or a pod names its own container, and a tunnel's public
     * name is called from anywhere: not Dify's plugin_daemon */
    if (cJSON_IsString(od_rj(od_rj(doc, "input"), "service")) || input_hint(doc, "kubernetes") ||
        (!cJSON_IsString(name) && input_hint(doc, "tunnel")))
        dify = 0;
    if (markdown)
        return dify ? "Run this where the app connects from (Dify 1.x: the plugin_daemon container):"
                    : "Run this where the app connects from:";
    return dify ? "To confirm, run where the app connects from (Dify 1.x: the plugin_daemon container):"
                : "To confirm, run where the app connects from:";
}

size_t od_render_explain_input(const cJSON *doc, enum od_lang l, struct od_kv *rows, size_t max)
{
    static const struct { const char *key, *label; } fields[] = {
        {"error_kind", "kind"}, {"host", "host"},   {"port", "port"},     {"path", "path"},    {"errno", "errno"},
        {"status", "HTTP status"}, {"model", "model"}, {"client", "client"},
    };
    const cJSON *in = od_rj(doc, "input");
    size_t n = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0] && n < max; i++) {
        const cJSON *v = od_rj(in, fields[i].key);
        if (cJSON_IsString(v) && strcmp(v->valuestring, "unknown") != 0) {
            rows[n].label = od_tr(l, fields[i].label);
            snprintf(rows[n++].value, sizeof rows[0].value, "%s", v->valuestring);
        } else if (cJSON_IsNumber(v)) {
            rows[n].label = od_tr(l, fields[i].label);
            snprintf(rows[n++].value, sizeof rows[0].value, "%d", v->valueint);
        }
    }
    return n;
}

/* --- the candidate table -------------------------------------------------------- */

const char *od_render_cand_header(int col, enum od_lang l)
{
    static const char *const head[OD_CAND_COLS] = {"Candidate", "Role", "DNS", "TCP", "HTTP", "Result"};
    return od_tr(l, head[col]);
}

static const char *role_short(const char *role, enum od_lang l)
{
    static const struct { const char *role, *text; } roles[] = {
        {"docker-host", "Docker host"},     {"this-container", "this container"},
        {"other-container", "other container"}, {"other-machine", "other machine"}, {"unknown", "?"},
    };
    for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(role, roles[i].role) == 0)
            return od_tr(l, roles[i].text);
    return "";
}

static void ms_text(double ms, char *buf, size_t n)
{
    if (ms < 0)
        buf[0] = '\0';
    else if (ms < 10)
        snprintf(buf, n, " %.1fms", ms);
    else
        snprintf(buf, n, " %.0fms", ms);
}

/* The errno is worth showing unless the TCP state says it already. */
static int errno_adds(const cJSON *a)
{
    static const char *const implied[][2] = {{"refused", "ECONNREFUSED"}, {"timeout", "ETIMEDOUT"}, {"reset", "ECONNRESET"}};
    const char *e = od_rs(a, "errno"), *t = od_rs(a, "tcp");
    if (!e || !t)
        return 0;
    for (size_t i = 0; i < sizeof implied / sizeof implied[0]; i++)
        if (strcmp(t, implied[i][0]) == 0 && strcmp(e, implied[i][1]) == 0)
            return 0;
    return 1;
}

static void attempt_cells(const cJSON *a, struct od_cand_row *r)
{
    const cJSON *h = od_rj(a, "http"), *app;
    const char *addr = or_empty(od_rs(a, "address")), *tcp = od_rs(a, "tcp");
    char ms[32], *http = r->cell[OD_COL_HTTP];
    size_t hn = sizeof r->cell[OD_COL_HTTP];
    ms_text(od_rn(a, "connect_ms", -1), ms, sizeof ms);
    if (!tcp)
        snprintf(r->cell[OD_COL_TCP], sizeof r->cell[0], "%s skipped", addr);
    else
        snprintf(r->cell[OD_COL_TCP], sizeof r->cell[0], "%s %s%s%s%s", addr, tcp, errno_adds(a) ? " " : "",
                 errno_adds(a) ? od_rs(a, "errno") : "", strcmp(tcp, "connected") ? "" : ms);
    if (!h || cJSON_IsNull(h)) {
        snprintf(http, hn, "-");
        return;
    }
    if (od_rt(h, "ollama"))
        snprintf(http, hn, "%d Ollama%s%s", (int)od_rn(h, "status", 0), od_rs(h, "version") ? " " : "",
                 or_empty(od_rs(h, "version")));
    else if (od_rn(h, "body_bytes", 0) == 0)
        snprintf(http, hn, "%d empty", (int)od_rn(h, "status", 0));
    else
        snprintf(http, hn, "%d %s", (int)od_rn(h, "status", 0),
                 od_rs(h, "server") ? od_rs(h, "server") : or_empty(od_rs(h, "content_type")));
    if ((app = od_rj(h, "app"))) {
        size_t k = strlen(http);
        snprintf(http + k, hn - k, "; %s %d", or_empty(od_rs(app, "path")), (int)od_rn(app, "status", 0));
    }
}

static enum od_tone class_tone(const char *klass)
{
    return strcmp(klass, "ok") == 0 ? OD_TONE_OK : strcmp(klass, "skipped") == 0 ? OD_TONE_DIM : OD_TONE_BAD;
}

size_t od_render_candidate_rows(const cJSON *doc)
{
    const cJSON *p;
    size_t n = 0;
    cJSON_ArrayForEach(p, od_rj(doc, "probes"))
    {
        int natt = cJSON_GetArraySize(od_rj(p, "attempts"));
        n += (natt > 1 ? (size_t)natt : 1) + cJSON_IsObject(od_rj(p, "proxy"));
    }
    return n;
}

size_t od_render_candidates(const cJSON *doc, enum od_lang l, int unicode, struct od_cand_row *rows, size_t max)
{
    const cJSON *p;
    size_t n = 0;
    cJSON_ArrayForEach(p, od_rj(doc, "probes"))
    {
        const cJSON *dns = od_rj(p, "dns"), *a, *px = od_rj(p, "proxy");
        const char *klass = or_empty(od_rs(p, "class")), *src = or_empty(od_rs(dns, "source"));
        struct od_cand_row *r;
        char ms[32];
        int first = 1;
        if (n >= max)
            break;
        r = &rows[n++];
        memset(r, 0, sizeof *r);
        snprintf(r->cell[OD_COL_CANDIDATE], sizeof r->cell[0], "%s", or_empty(od_rs(p, "candidate")));
        snprintf(r->cell[OD_COL_ORIGIN], sizeof r->cell[0], "%s%s", role_short(od_rs(p, "role"), l),
                 od_rt(p, "asked") ? od_tr(l, " (yours)") : "");
        ms_text(strcmp(src, "literal") ? od_rn(dns, "ms", -1) : -1, ms, sizeof ms);
        snprintf(r->cell[OD_COL_DNS], sizeof r->cell[0], "%s%s",
                 strcmp(or_empty(od_rs(dns, "status")), "ok") ? or_empty(od_rs(dns, "status")) : src, ms);
        snprintf(r->cell[OD_COL_RESULT], sizeof r->cell[0], "%s %s",
                 strcmp(klass, "ok") == 0 ? (unicode ? "✓" : "OK") : (unicode ? "✗" : "X"), klass);
        r->tone = class_tone(klass);
        snprintf(r->cell[OD_COL_TCP], sizeof r->cell[0], "-");
        snprintf(r->cell[OD_COL_HTTP], sizeof r->cell[0], "-");
        cJSON_ArrayForEach(a, od_rj(p, "attempts"))
        {
            struct od_cand_row *ar = r;
            if (!first) {
                if (n >= max)
                    return n;
                ar = &rows[n++];
                memset(ar, 0, sizeof *ar);
                ar->continuation = 1;
            }
            attempt_cells(a, ar);
            first = 0;
        }
        if (px && cJSON_IsObject(px) && n < max) {
            struct od_cand_row *pr = &rows[n++];
            memset(pr, 0, sizeof *pr);
            pr->continuation = 1;
            snprintf(pr->cell[OD_COL_CANDIDATE], sizeof pr->cell[0], od_tr(l, "  via proxy %s"), or_empty(od_rs(px, "url")));
            attempt_cells(od_rj(px, "attempt"), pr);
        }
    }
    return n;
}
