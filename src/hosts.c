/* hosts.c — hosts(5) parsing and case-insensitive name lookups in file order. */
#include "hosts.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OD_HOSTS_NAME_MAX 255 /* longer "names" are skipped */

static int hosts_grow(struct od_hosts *h, size_t *cap)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    struct od_hosts_entry *nv;

    if (h->n < *cap)
        return 0;
    if (ncap > SIZE_MAX / sizeof(*nv))
        return -1;
    nv = realloc(h->v, ncap * sizeof(*nv));
    if (!nv)
        return -1;
    h->v = nv;
    *cap = ncap;
    return 0;
}

/* Fill e from one line (comment already cut); 1 when it is a usable entry,
 * 0 to skip it, -1 when out of memory. */
static int parse_entry(struct od_view line, struct od_hosts_entry *e)
{
    struct od_view f;
    char name[OD_HOSTS_NAME_MAX + 1];

    memset(e, 0, sizeof(*e));
    if (!od_next_field(&line, &f) || od_view_copy(f, e->addr, sizeof(e->addr)) != 0)
        return 0;
    if (!od_ip_family(e->addr) || e->addr[0] == '[')
        return 0;
    while (od_next_field(&line, &f)) {
        if (od_view_copy(f, name, sizeof(name)) != 0)
            continue;
        if (od_strv_push(&e->names, name) != 0) {
            od_strv_free(&e->names);
            return -1;
        }
    }
    return e->names.n > 0;
}

int od_hosts_parse(const char *text, struct od_hosts *out)
{
    const char *cur = text;
    struct od_view line;
    size_t cap = 0;

    memset(out, 0, sizeof(*out));
    while (od_next_line(&cur, &line)) {
        const char *hash = line.n ? memchr(line.p, '#', line.n) : NULL;
        struct od_hosts_entry e;
        int r;

        if (hash)
            line.n = (size_t)(hash - line.p);
        r = parse_entry(line, &e);
        if (r < 0)
            goto fail;
        if (r == 0)
            continue;
        if (hosts_grow(out, &cap) != 0) {
            od_strv_free(&e.names);
            goto fail;
        }
        out->v[out->n++] = e;
    }
    return 0;
fail:
    od_hosts_free(out);
    return -1;
}

void od_hosts_free(struct od_hosts *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++)
        od_strv_free(&h->v[i].names);
    free(h->v);
    h->v = NULL;
    h->n = 0;
}

static int entry_has_name(const struct od_hosts_entry *e, const char *name)
{
    for (size_t i = 0; i < e->names.n; i++)
        if (strcasecmp(e->names.v[i], name) == 0)
            return 1;
    return 0;
}

static int seen(char (*addrs)[OD_ADDRLEN], size_t n, const char *addr)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(addrs[i], addr) == 0)
            return 1;
    return 0;
}

size_t od_hosts_lookup(const struct od_hosts *h, const char *name, char (*addrs)[OD_ADDRLEN], size_t max)
{
    size_t n = 0;

    if (!h || !name || !addrs)
        return 0;
    for (size_t i = 0; i < h->n && n < max; i++) {
        const struct od_hosts_entry *e = &h->v[i];

        if (entry_has_name(e, name) && !seen(addrs, n, e->addr))
            od_strlcpy(addrs[n++], e->addr, OD_ADDRLEN);
    }
    return n;
}
