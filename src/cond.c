/* cond — evaluate rule conditions and templates against a cJSON fact tree. */
#include "cond.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef int (*od_cmp_fn)(const cJSON *v, const cJSON *arg, const struct od_scope *s);

static int same(const cJSON *a, const cJSON *b)
{
    if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
        return a->valuedouble == b->valuedouble;
    if (cJSON_IsString(a) && cJSON_IsString(b))
        return strcmp(a->valuestring, b->valuestring) == 0;
    if (cJSON_IsBool(a) && cJSON_IsBool(b))
        return cJSON_IsTrue(a) == cJSON_IsTrue(b);
    return cJSON_IsNull(a) && cJSON_IsNull(b);
}

static int cmp_eq(const cJSON *v, const cJSON *arg, const struct od_scope *s) { (void)s; return same(v, arg); }
static int cmp_ne(const cJSON *v, const cJSON *arg, const struct od_scope *s) { (void)s; return !same(v, arg); }

static int cmp_in(const cJSON *v, const cJSON *arg, const struct od_scope *s)
{
    const cJSON *it;
    (void)s;
    cJSON_ArrayForEach(it, arg) if (same(v, it)) return 1;
    return 0;
}

static int num_pair(const cJSON *v, const cJSON *arg)
{
    return cJSON_IsNumber(v) && cJSON_IsNumber(arg);
}

static int cmp_lt(const cJSON *v, const cJSON *arg, const struct od_scope *s) { (void)s; return num_pair(v, arg) && v->valuedouble < arg->valuedouble; }
static int cmp_le(const cJSON *v, const cJSON *arg, const struct od_scope *s) { (void)s; return num_pair(v, arg) && v->valuedouble <= arg->valuedouble; }
static int cmp_gt(const cJSON *v, const cJSON *arg, const struct od_scope *s) { (void)s; return num_pair(v, arg) && v->valuedouble > arg->valuedouble; }
static int cmp_ge(const cJSON *v, const cJSON *arg, const struct od_scope *s) { (void)s; return num_pair(v, arg) && v->valuedouble >= arg->valuedouble; }

static int cmp_contains(const cJSON *v, const cJSON *arg, const struct od_scope *s)
{
    (void)s;
    if (cJSON_IsString(v) && cJSON_IsString(arg))
        return strstr(v->valuestring, arg->valuestring) != NULL;
    if (cJSON_IsArray(v)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, v) if (same(it, arg)) return 1;
    }
    return 0;
}

/* --- "matches": bounded patterns, compiled once per rule set --------------- */

struct od_regex {
    const cJSON *arg; /* the "matches" value it was compiled from */
    regex_t re;
};

#define OD_REGEX_FLAGS (REG_EXTENDED | REG_ICASE | REG_NOSUB)

/* Pattern cost: a stack of groups, each with the pieces so far and the last
 * atom's (what a following repetition copies). */
struct rx_frame {
    unsigned long total, last;
};

static const char *rx_num(const char *q, unsigned long *v, int *any)
{
    *v = 0, *any = 0;
    for (; *q >= '0' && *q <= '9'; q++, *any = 1)
        if (*v < 1000000)
            *v = *v * 10 + (unsigned long)(*q - '0');
    return q;
}

/* "{m}", "{m,}", "{m,n}" at p: how many copies glibc makes (at least 1), or
 * 0 when p does not start a bound. *len gets the bound's length, *biggest
 * its largest count. */
static unsigned long rx_bound(const char *p, size_t *len, unsigned long *biggest)
{
    unsigned long m, n = 0;
    int have_m, have_n = 0, comma;
    const char *q = rx_num(p + 1, &m, &have_m);
    if (!have_m)
        return 0;
    if ((comma = *q == ','))
        q = rx_num(q + 1, &n, &have_n);
    if (*q != '}')
        return 0;
    *len = (size_t)(q - p) + 1;
    *biggest = m > n ? m : n;
    if (comma && !have_n)
        return m + 1; /* {m,}: m copies and a star */
    return *biggest ? *biggest : 1;
}

/* Past a bracket expression starting at p ('['); NULL when unterminated. */
static const char *rx_bracket_end(const char *p)
{
    p++;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    for (; *p && *p != ']'; p++)
        if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
            const char *e = strchr(p + 2, p[1]);
            if (!e || e[1] != ']')
                return NULL;
            p = e + 1;
        }
    return *p ? p + 1 : NULL;
}

int od_regex_check(const char *pat, char *why, size_t n)
{
    struct rx_frame st[OD_REGEX_MAX_LEN + 1] = {{0, 0}};
    int top = 0;
    size_t len = strlen(pat);
    if (len > OD_REGEX_MAX_LEN) {
        snprintf(why, n, "%zu characters long (at most %d)", len, OD_REGEX_MAX_LEN);
        return -1;
    }
    for (const char *p = pat; *p;) {
        size_t blen = 0;
        unsigned long k, biggest = 0;
        if (*p == '(') {
            st[++top] = (struct rx_frame){0, 0};
            p++;
            continue;
        }
        if (*p == ')' && top > 0) {
            unsigned long g = st[top--].total + 1;
            st[top].total += g;
            st[top].last = g;
            p++;
            continue;
        }
        if (*p == '{' && (k = rx_bound(p, &blen, &biggest)) > 0) {
            if (biggest > OD_REGEX_MAX_COUNT) {
                snprintf(why, n, "repetition {%.*s} counts to %lu (at most %d)", (int)(blen - 2), p + 1, biggest,
                         OD_REGEX_MAX_COUNT);
                return -1;
            }
            st[top].total += st[top].last * (k - 1);
            st[top].last *= k;
            p += blen;
        } else if (*p == '+') {
            st[top].total += st[top].last; /* a+ is aa* */
            st[top].last *= 2;
            p++;
        } else if (*p == '*' || *p == '?' || *p == '|' || *p == '^' || *p == '$') {
            p++;
        } else {
            const char *e = *p == '[' ? rx_bracket_end(p) : NULL;
            st[top].total += 1;
            st[top].last = 1;
            p = e ? e : p + (*p == '\\' && p[1] ? 2 : 1);
        }
        if (st[top].total > OD_REGEX_MAX_COST) {
            snprintf(why, n, "its repetitions expand to more than %d pieces ({m,n} inside {m,n} "
                     "multiply)", OD_REGEX_MAX_COST);
            return -1;
        }
    }
    return 0;
}

static int cache_add(struct od_regex_cache *c, const cJSON *arg)
{
    struct od_regex *r;
    char why[200];
    if (od_regex_check(arg->valuestring, why, sizeof why) != 0)
        return -1;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        struct od_regex **v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v, c->cap = cap;
    }
    if (!(r = calloc(1, sizeof *r)))
        return -1;
    if (regcomp(&r->re, arg->valuestring, OD_REGEX_FLAGS) != 0) {
        free(r);
        return -1;
    }
    r->arg = arg;
    c->v[c->n++] = r;
    return 0;
}

static int collect(struct od_regex_cache *c, const cJSON *node, int depth)
{
    const cJSON *it;
    if (depth > 64)
        return 0;
    cJSON_ArrayForEach(it, node)
    {
        if (it->string && strcmp(it->string, "matches") == 0 && cJSON_IsString(it)) {
            if (cache_add(c, it) != 0)
                return -1;
        } else if ((cJSON_IsObject(it) || cJSON_IsArray(it)) && collect(c, it, depth + 1) != 0)
            return -1;
    }
    return 0;
}

int od_regex_cache_add_rule(struct od_regex_cache *c, const cJSON *rule)
{
    return collect(c, rule, 0);
}

void od_regex_cache_free(struct od_regex_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        regfree(&c->v[i]->re);
        free(c->v[i]);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

static int cmp_matches(const cJSON *v, const cJSON *arg, const struct od_scope *s)
{
    regex_t re;
    char why[200];
    int hit;
    if (!cJSON_IsString(v) || !cJSON_IsString(arg))
        return 0;
    for (size_t i = 0; s->re && i < s->re->n; i++)
        if (s->re->v[i]->arg == arg)
            return regexec(&s->re->v[i]->re, v->valuestring, 0, NULL, 0) == 0;
    /* not a rule set's pattern (tests, fuzzing): bounded, compiled here */
    if (od_regex_check(arg->valuestring, why, sizeof why) != 0 || regcomp(&re, arg->valuestring, OD_REGEX_FLAGS) != 0)
        return 0;
    hit = regexec(&re, v->valuestring, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

static const struct { const char *op; od_cmp_fn fn; } cmps[] = {
    {"eq", cmp_eq}, {"ne", cmp_ne}, {"in", cmp_in},             {"lt", cmp_lt},          {"le", cmp_le},
    {"gt", cmp_gt}, {"ge", cmp_ge}, {"contains", cmp_contains}, {"matches", cmp_matches},
};

const char *const od_cond_ops[] = {"eq", "ne", "in", "lt", "le", "gt", "ge", "contains", "matches", "exists", NULL};
const char *const od_cond_quantifiers[] = {"some", "every", "none", NULL};

/* One path segment: an object key, or an array index. */
static const cJSON *step(const cJSON *node, const char *seg, size_t len)
{
    char key[128];
    if (!node || len == 0 || len >= sizeof key)
        return NULL;
    memcpy(key, seg, len);
    key[len] = '\0';
    if (cJSON_IsArray(node)) {
        char *end;
        long i = strtol(key, &end, 10);
        return *end ? NULL : cJSON_GetArrayItem(node, (int)i);
    }
    return cJSON_GetObjectItemCaseSensitive(node, key);
}

static const cJSON *walk(const cJSON *node, const char *path)
{
    while (node && *path) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        node = step(node, path, len);
        path += len + (dot ? 1 : 0);
    }
    return node;
}

const cJSON *od_path_get(const struct od_scope *s, const char *path)
{
    const char *dot;
    size_t len;
    if (!path)
        return NULL;
    if (strcmp(path, ".") == 0)
        return s->here; /* the element itself, e.g. a string in an array */
    if (strncmp(path, "$.", 2) == 0)
        return walk(s->root, path + 2);
    dot = strchr(path, '.');
    len = dot ? (size_t)(dot - path) : strlen(path);
    for (int i = s->nb - 1; i >= 0; i--)
        if (strlen(s->b[i].name) == len && strncmp(s->b[i].name, path, len) == 0)
            return dot ? walk(s->b[i].node, dot + 1) : s->b[i].node;
    return walk(s->here, path);
}

static int eval_compare(const cJSON *cond, struct od_scope *s)
{
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(cond, "path");
    const cJSON *v = od_path_get(s, cJSON_IsString(path) ? path->valuestring : NULL);
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(cond, "exists");
    int present = v && !cJSON_IsNull(v);

    if (ex)
        return cJSON_IsTrue(ex) == present;
    if (!present)
        return 0;
    for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++) {
        const cJSON *arg = cJSON_GetObjectItemCaseSensitive(cond, cmps[i].op);
        if (arg)
            return cmps[i].fn(v, arg, s);
    }
    return 0;
}

/* some / every / none over an array; "as" binds the first match of "some". */
static int eval_quantifier(const cJSON *cond, const char *q, struct od_scope *s)
{
    const cJSON *arr = od_path_get(s, cJSON_GetObjectItemCaseSensitive(cond, q)->valuestring);
    const cJSON *where = cJSON_GetObjectItemCaseSensitive(cond, "where");
    const cJSON *as = cJSON_GetObjectItemCaseSensitive(cond, "as");
    const cJSON *it;
    int matched = 0, total = 0;

    if (!cJSON_IsArray(arr))
        arr = NULL;
    cJSON_ArrayForEach(it, arr)
    {
        struct od_scope inner = *s;
        inner.here = it;
        total++;
        if (where && !od_cond_eval(where, &inner))
            continue;
        if (matched++ == 0 && strcmp(q, "some") == 0) {
            const cJSON *here = s->here;
            *s = inner; /* keep what the match bound inside */
            s->here = here;
            if (cJSON_IsString(as) && s->nb < OD_MAX_BINDINGS)
                s->b[s->nb++] = (struct od_binding){as->valuestring, it};
        }
    }
    if (strcmp(q, "some") == 0)
        return matched > 0;
    if (strcmp(q, "every") == 0)
        return total > 0 && matched == total; /* every over nothing is false */
    return matched == 0;
}

int od_cond_eval(const cJSON *cond, struct od_scope *s)
{
    const cJSON *c, *it;
    if (!cJSON_IsObject(cond))
        return 0;
    if ((c = cJSON_GetObjectItemCaseSensitive(cond, "all"))) {
        cJSON_ArrayForEach(it, c) if (!od_cond_eval(it, s)) return 0;
        return 1;
    }
    if ((c = cJSON_GetObjectItemCaseSensitive(cond, "any"))) {
        cJSON_ArrayForEach(it, c) if (od_cond_eval(it, s)) return 1;
        return 0;
    }
    if ((c = cJSON_GetObjectItemCaseSensitive(cond, "not"))) {
        struct od_scope inner = *s; /* bindings inside "not" do not leak */
        return !od_cond_eval(c, &inner);
    }
    for (int i = 0; od_cond_quantifiers[i]; i++)
        if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(cond, od_cond_quantifiers[i])))
            return eval_quantifier(cond, od_cond_quantifiers[i], s);
    return eval_compare(cond, s);
}

/* A present value as text; 0 for an absent or null one (nothing written). */
static int render_value(const cJSON *v, char *buf, size_t n)
{
    *buf = '\0';
    if (cJSON_IsString(v))
        od_strlcpy(buf, v->valuestring, n);
    else if (cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble)
        snprintf(buf, n, "%lld", (long long)v->valuedouble);
    else if (cJSON_IsNumber(v))
        snprintf(buf, n, "%.1f", v->valuedouble);
    else if (cJSON_IsBool(v))
        od_strlcpy(buf, cJSON_IsTrue(v) ? "true" : "false", n);
    else
        return 0;
    return 1;
}

/* A path to a value the report writes in English words for people
 * (probes[].label, the app's title, service note and Base URL field, why a
 * bind is the narrowest, a probe's failure class): shown in the text's
 * language through the catalog. */
static int is_label(const char *path)
{
    static const char *const keys[] = {"label",          "bind_narrow_why", "service_note", "app.title",
                                       "base_url_field", "input.cause",     "platform.why", "read_timeout", "not_ollama_seen",
                                       "platform.assumed", "server.setting", "server.bind", "server.start",
                                       "server.refusal", "server.named", "server.name", "class", "role"};
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        size_t k = strlen(keys[i]);
        if (n >= k && strcmp(path + n - k, keys[i]) == 0 && (n == k || path[n - k - 1] == '.'))
            return 1;
    }
    return 0;
}

/* "path", or "path|fallback|...": each fallback stands in for an absent
 * value in turn; one starting with "$." is another path, anything else is
 * literal text (and ends the chain). */
static int render_path(const struct od_scope *s, char *spec, char *buf, size_t n)
{
    char *alt = spec;
    const cJSON *v = NULL;
    int first = 1;
    while (alt) {
        char *bar = strchr(alt, '|'), *end;
        if (bar)
            *bar++ = '\0';
        alt = od_trim(alt);
        for (end = alt + strlen(alt); end > alt && end[-1] == ' ';)
            *--end = '\0';
        if (!first && strncmp(alt, "$.", 2) != 0) {
            od_strlcpy(buf, alt, n);
            return 1;
        }
        first = 0;
        v = od_path_get(s, alt);
        if (v && !cJSON_IsNull(v))
            break;
        alt = bar;
    }
    if (!render_value(v, buf, n))
        return 0;
    if (s->lang != OD_LANG_EN && is_label(alt)) { /* "the Docker host", in the text's language */
        char en[256];
        od_strlcpy(en, buf, sizeof en);
        od_tr_value(s->lang, en, buf, n);
    }
    return 1;
}

struct growbuf {
    char *p;
    size_t len, cap;
};

static int append(struct growbuf *g, const char *s, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        size_t cap = 2 * (g->len + n + 1);
        char *bigger = realloc(g->p, cap);
        if (!bigger)
            return -1;
        g->p = bigger, g->cap = cap;
    }
    memcpy(g->p + g->len, s, n);
    g->len += n;
    g->p[g->len] = '\0';
    return 0;
}

char *od_template(const char *tmpl, const struct od_scope *s, int *missing)
{
    struct growbuf g = {NULL, 0, 0};
    if (missing)
        *missing = 0;
    if (append(&g, "", 0) != 0)
        return NULL;
    while (*tmpl) {
        const char *open = strstr(tmpl, "{{"), *close = open ? strstr(open + 2, "}}") : NULL;
        char piece[2048], path[1024]; /* a placeholder with its literal fallback: a sentence */
        int rc;
        if (!open || !close) {
            rc = append(&g, tmpl, strlen(tmpl));
            tmpl += strlen(tmpl);
        } else if (open > tmpl) {
            rc = append(&g, tmpl, (size_t)(open - tmpl));
            tmpl = open;
        } else {
            size_t pl = (size_t)(close - open - 2);
            od_strlcpy(path, open + 2, pl + 1 < sizeof path ? pl + 1 : sizeof path);
            if (!render_path(s, path, piece, sizeof piece) && missing)
                *missing = 1;
            rc = append(&g, piece, strlen(piece));
            tmpl = close + 2;
        }
        if (rc != 0) {
            free(g.p);
            return NULL;
        }
    }
    return g.p;
}
