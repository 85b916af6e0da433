/* resolv.c — resolv.conf(5) nameserver, search/domain and options lines, as glibc reads them. */
#include "resolv.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

/* glibc's MATCH(): the keyword at column 0, followed by a space or tab. */
static int keyword(struct od_view line, const char *kw, struct od_view *rest)
{
    size_t n = strlen(kw);

    if (line.n <= n || memcmp(line.p, kw, n) != 0 || (line.p[n] != ' ' && line.p[n] != '\t'))
        return 0;
    *rest = (struct od_view){line.p + n, line.n - n};
    return 1;
}

/* A field that starts a trailing comment ends the line. */
static int next_word(struct od_view *rest, struct od_view *f)
{
    return od_next_field(rest, f) && f->p[0] != '#' && f->p[0] != ';';
}

/* Valid as glibc accepts it: inet_aton for IPv4, IPv6 with an optional %scope. */
static int nameserver_ok(const char *s)
{
    struct in_addr a;

    return inet_aton(s, &a) != 0 || od_ip_family(s) == AF_INET6;
}

static int add_nameserver(struct od_resolv *r, struct od_view rest)
{
    char addr[OD_ADDRLEN];
    struct od_view f;

    if (!next_word(&rest, &f))
        return 0;
    for (size_t i = 0; i < f.n; i++)
        if (f.p[i] == '#' || f.p[i] == ';')
            f.n = i;
    if (od_view_copy(f, addr, sizeof(addr)) != 0 || !nameserver_ok(addr))
        return 0;
    return od_strv_push(&r->nameservers, addr);
}

/* "search" and "domain" both replace whatever list came before. */
static int set_search(struct od_resolv *r, struct od_view rest, int only_first)
{
    struct od_strv fresh = {0};
    char name[256];
    struct od_view f;

    while (next_word(&rest, &f)) {
        if (od_view_copy(f, name, sizeof(name)) != 0)
            continue;
        if (od_strv_push(&fresh, name) != 0)
            goto fail;
        if (only_first)
            break;
    }
    if (fresh.n == 0)
        return 0; /* glibc ignores a keyword with nothing after it */
    od_strv_free(&r->search);
    r->search = fresh;
    return 0;
fail:
    od_strv_free(&fresh);
    return -1;
}

static int add_options(struct od_resolv *r, struct od_view rest)
{
    char opt[128];
    struct od_view f;

    while (next_word(&rest, &f))
        if (od_view_copy(f, opt, sizeof(opt)) == 0 && od_strv_push(&r->options, opt) != 0)
            return -1;
    return 0;
}

static int parse_line(struct od_resolv *r, struct od_view line)
{
    struct od_view rest;

    if (keyword(line, "nameserver", &rest))
        return add_nameserver(r, rest);
    if (keyword(line, "search", &rest))
        return set_search(r, rest, 0);
    if (keyword(line, "domain", &rest))
        return set_search(r, rest, 1);
    if (keyword(line, "options", &rest))
        return add_options(r, rest);
    return 0; /* comments (# or ;), sortlist, unknown lines */
}

int od_resolv_parse(const char *text, struct od_resolv *out)
{
    const char *cur = text;
    struct od_view line;

    memset(out, 0, sizeof(*out));
    while (od_next_line(&cur, &line)) {
        if (parse_line(out, line) != 0) {
            od_resolv_free(out);
            return -1;
        }
    }
    return 0;
}

void od_resolv_free(struct od_resolv *r)
{
    if (!r)
        return;
    od_strv_free(&r->nameservers);
    od_strv_free(&r->search);
    od_strv_free(&r->options);
}
