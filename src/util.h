/* util — small helpers shared by every module: string vectors, file reading,
 * bounded copies, monotonic time. No module state. */
#ifndef OD_UTIL_H
#define OD_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define OD_ADDRLEN 64 /* fits any IPv4/IPv6 text form plus a zone */
#define N_OF(a) (sizeof(a) / sizeof((a)[0])) /* the length of an array */

/* A growable vector of owned strings. Zero-initialise before use. */
struct od_strv {
    char **v;
    size_t n, cap;
};

int od_strv_push(struct od_strv *sv, const char *s); /* copies s; 0 or -1 (ENOMEM) */
int od_strv_contains(const struct od_strv *sv, const char *s); /* case-sensitive */
void od_strv_free(struct od_strv *sv);

/* Read at most cap bytes of a file into a NUL-terminated buffer (caller frees).
 * Returns NULL with errno set when the file cannot be read. *truncated, when
 * given, says whether the file was longer than cap. */
char *od_read_file(const char *path, size_t cap, size_t *len, int *truncated);

/* strlcpy semantics: always NUL-terminates when n > 0; returns strlen(src).
 * A cut never splits a UTF-8 character. */
size_t od_strlcpy(char *dst, const char *src, size_t n);

char *od_strdup(const char *s); /* NULL-safe */
char *od_strndup(const char *s, size_t n);
int od_strcaseeq(const char *a, const char *b);
int od_str_endswith(const char *s, const char *suffix); /* case-insensitive */
/* The length of an HTTP request line's method and its space at s ("GET ",
 * "POST " ...; n bytes there), or 0. */
size_t od_http_method_len(const char *s, size_t n);
char *od_trim(char *s); /* in place; returns s advanced past leading blanks */

/* A view into text owned by someone else; not NUL-terminated. */
struct od_view {
    const char *p;
    size_t n;
};

/* The next line of *cur (without its '\n' or "\r\n"); advances *cur.
 * Returns 0 at the end of the text (or when *cur is NULL). */
int od_next_line(const char **cur, struct od_view *line);
/* The next blank-separated (space, tab) field of *line; consumes it from
 * *line. Returns 0 when no field is left. */
int od_next_field(struct od_view *line, struct od_view *field);
/* Copy a view into dst as a C string; returns -1 (and dst = "") when it
 * does not fit in n bytes. */
int od_view_copy(struct od_view v, char *dst, size_t n);
/* Exactly n (1-8) hex digits, nothing else, as a number; 0 or -1. */
int od_hex_u32(const char *p, size_t n, uint32_t *out);

/* Levenshtein distance (bytes; long strings count as far apart). */
int od_edit_distance(const char *a, const char *b);
/* Make s safe to print on a terminal, in place: every C0 control character,
 * DEL, C1 control (U+0080-U+009F) and byte that is not valid UTF-8 becomes
 * one '?'. Returns the new length. */
size_t od_printable(char *s);
/* The same for JSON, which escapes control characters itself: only bytes
 * that are not valid UTF-8 become '?'. Returns the new length. */
size_t od_utf8_clean(char *s);
/* The largest length <= n at which s (at least n + 1 bytes long) can be cut
 * without splitting a UTF-8 character. */
size_t od_utf8_cut(const char *s, size_t n);

/* Monotonic clock in milliseconds (double for sub-ms precision). */
double od_now_ms(void);

/* IP literal helpers. Return AF_INET, AF_INET6 or 0. Brackets are accepted
 * around IPv6 ("[::1]"). */
int od_ip_family(const char *s);
int od_ip_is_loopback(const char *s);
int od_ip_is_unspecified(const char *s);
/* 1 when addr lies in net/prefix (same family). */
int od_ip_in_prefix(const char *addr, const char *net, int prefix);
/* 1 for an RFC 1918 address (10/8, 172.16/12, 192.168/16). */
int od_ip_is_rfc1918(const char *addr);
/* "172.18.0.0/16" for addr 172.18.0.1 and prefix 16; "" when addr is not an IP. */
void od_ip_network(const char *addr, int prefix, char *out, size_t n);

#endif
