/* bundle — collect → redact → cap → checksum → archive. Files are gathered
 * in memory in priority order (reports, facts, host extras, Ollama's API),
 * then one redaction pass runs over every file, the caps are applied to the
 * redacted bytes (at line boundaries), and manifest.json describes what was
 * kept. Nothing is written until the archive is complete in memory. */
#include "bundle_int.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "archive_dl.h"
#include "check.h"
#include "commands.h"
#include "docker.h"
#include "err.h"
#include "redact.h"
#include "report.h"
#include "runcmd.h"
#include "sha256.h"
#include "url.h"
#include "util.h"

void od_bundle_iso_utc(time_t t, char *buf, size_t n)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void od_bundle_skip(struct bundle *b, const char *name, const char *reason)
{
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "name", name);
    cJSON_AddStringToObject(s, "reason", reason);
    cJSON_AddItemToArray(b->skipped, s);
}

/* Take ownership of data. */
void od_bundle_add(struct bundle *b, const char *name, char *data, size_t len, int truncated, enum keep keep,
                const char *source)
{
    struct bfile *f;
    if (!data) {
        od_bundle_skip(b, name, "out of memory");
        return;
    }
    if (b->n == MAX_FILES) {
        free(data);
        od_bundle_skip(b, name, "too many files");
        return;
    }
    f = &b->files[b->n++];
    memset(f, 0, sizeof *f);
    f->name = name;
    f->data = data;
    f->len = len;
    f->truncated = truncated;
    f->keep = keep;
    od_strlcpy(f->source, source, sizeof f->source);
}

void od_bundle_add_string(struct bundle *b, const char *name, char *s, const char *source)
{
    od_bundle_add(b, name, s, s ? strlen(s) : 0, 0, KEEP_HEAD, source);
}

void od_bundle_add_json(struct bundle *b, const char *name, const cJSON *v, const char *source)
{
    char *s = v ? cJSON_Print(v) : NULL;
    size_t n = s ? strlen(s) : 0;
    char *t = s ? realloc(s, n + 2) : NULL;
    if (!t) {
        free(s);
        od_bundle_skip(b, name, v ? "out of memory" : "not in the report");
        return;
    }
    t[n] = '\n', t[n + 1] = '\0';
    od_bundle_add(b, name, t, n + 1, 0, KEEP_HEAD, source);
}

/* --- caps at line boundaries, so no secret is cut in half before redaction - */

static size_t head_len(const char *s, size_t len, size_t cap)
{
    size_t n = cap;
    if (len <= cap)
        return len;
    while (n > 0 && s[n - 1] != '\n')
        n--;
    return n ? n : cap;
}

static size_t tail_start(const char *s, size_t len, size_t cap)
{
    size_t p;
    if (len <= cap)
        return 0;
    for (p = len - cap; p < len && s[p - 1] != '\n'; p++)
        ;
    return p < len ? p : len - cap;
}

static void cut(struct bfile *f, size_t cap)
{
    if (f->len <= cap)
        return;
    if (f->keep == KEEP_TAIL) {
        size_t st = tail_start(f->data, f->len, cap);
        memmove(f->data, f->data + st, f->len - st);
        f->len -= st;
    } else {
        f->len = head_len(f->data, f->len, cap);
    }
    f->data[f->len] = '\0';
    f->truncated = 1;
}

/* --- redact, cap, checksum, manifest ------------------------------------ */

static int finalize(struct bundle *b)
{
    size_t total = 0;
    for (size_t i = 0; i < b->n; i++) {
        struct bfile *f = &b->files[i];
        size_t n = 0;
        char *r = od_redact(f->data, f->len, &n);
        if (!r)
            return -1;
        free(f->data);
        f->data = r;
        f->len = n;
        cut(f, OD_BUNDLE_FILE_CAP);
        if (total + f->len > OD_BUNDLE_TOTAL_CAP)
            cut(f, OD_BUNDLE_TOTAL_CAP - total);
        total += f->len;
        od_sha256_hex(f->data, f->len, f->sha256);
    }
    return 0;
}

/* One argument as the manifest shows it: URL credentials stripped where the
 * argument is a URL value (also "--url=..." and scheme-less "u:p@h"), then
 * the redaction pass. Caller frees. */
static char *arg_shown(const char *arg)
{
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    const char *v = eq ? eq + 1 : arg;
    size_t len = strlen(arg) + 16, pre = (size_t)(v - arg);
    char *tmp = malloc(len), *r;
    if (!tmp)
        return NULL;
    memcpy(tmp, arg, pre);
    if (*v == '-' || !strchr(v, '@')) /* an option, or nothing to strip */
        od_strlcpy(tmp + pre, v, len - pre);
    else
        od_url_redact(v, tmp + pre, (unsigned)(len - pre));
    r = od_redact(tmp, strlen(tmp), NULL);
    free(tmp);
    return r;
}

/* argv from /proc/self/cmdline, each argument redacted. */
static cJSON *argv_json(void)
{
    size_t len = 0;
    char *s = od_read_file("/proc/self/cmdline", 1u << 16, &len, NULL);
    cJSON *a = s ? cJSON_CreateArray() : cJSON_CreateNull();
    for (size_t off = 0; s && off < len; off += strlen(s + off) + 1) {
        char *r = arg_shown(s + off);
        cJSON_AddItemToArray(a, cJSON_CreateString(r ? r : OD_REDACTED));
        free(r);
    }
    free(s);
    return a;
}

static int build_manifest(struct bundle *b, const cJSON *doc, int rc)
{
    cJSON *m = cJSON_CreateObject(), *tool, *caps, *files;
    char t[32];
    char *s, *r;
    if (!m)
        return -1;
    cJSON_AddNumberToObject(m, "schema_version", 1);
    tool = cJSON_AddObjectToObject(m, "tool");
    cJSON_AddStringToObject(tool, "name", "ollama-doctor");
    cJSON_AddStringToObject(tool, "version", OD_VERSION);
    cJSON_AddItemToObject(m, "argv", argv_json());
    od_bundle_iso_utc(b->started, t, sizeof t);
    cJSON_AddStringToObject(m, "started_at", t);
    od_bundle_iso_utc(time(NULL), t, sizeof t);
    cJSON_AddStringToObject(m, "finished_at", t);
    cJSON_AddItemToObject(m, "verdict", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(doc, "verdict"), 1));
    cJSON_AddNumberToObject(m, "exit_status", rc);
    caps = cJSON_AddObjectToObject(m, "caps");
    cJSON_AddNumberToObject(caps, "file_bytes", OD_BUNDLE_FILE_CAP);
    cJSON_AddNumberToObject(caps, "total_bytes", OD_BUNDLE_TOTAL_CAP);
    cJSON_AddNumberToObject(caps, "http_body_bytes", OD_BUNDLE_HTTP_CAP);
    cJSON_AddStringToObject(m, "redaction",
                            "one pass over every file: credentials in URLs, Authorization and Proxy-Authorization "
                            "values, the token after 'Bearer', values of variables and keys named like a secret "
                            "(docs/bundle.md); IP addresses and host names are kept");
    files = cJSON_AddArrayToObject(m, "files");
    for (size_t i = 0; i < b->n; i++) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "name", b->files[i].name);
        cJSON_AddNumberToObject(f, "size", (double)b->files[i].len);
        cJSON_AddStringToObject(f, "sha256", b->files[i].sha256);
        cJSON_AddBoolToObject(f, "truncated", b->files[i].truncated);
        cJSON_AddStringToObject(f, "source", b->files[i].source);
        cJSON_AddItemToArray(files, f);
    }
    cJSON_AddItemToObject(m, "skipped", cJSON_Duplicate(b->skipped, 1));
    s = cJSON_Print(m);
    cJSON_Delete(m);
    if (!s)
        return -1;
    r = od_redact(s, strlen(s), &b->manifest_len); /* the same pass as every file */
    free(s);
    if (!r)
        return -1;
    b->manifest = r;
    return 0;
}

/* --- the archive --------------------------------------------------------- */

static int write_entry(const struct od_archive *ar, struct archive *a, const char *path, const char *data, size_t len,
                       int dir, time_t now)
{
    struct archive_entry *e = ar->archive_entry_new();
    int rc;
    if (!e)
        return -1;
    ar->archive_entry_set_pathname(e, path);
    ar->archive_entry_set_filetype(e, dir ? AE_IFDIR : AE_IFREG);
    ar->archive_entry_set_perm(e, dir ? 0755 : 0644);
    ar->archive_entry_set_size(e, dir ? 0 : (la_int64_t)len);
    ar->archive_entry_set_mtime(e, now, 0);
    ar->archive_entry_set_uid(e, 0);
    ar->archive_entry_set_gid(e, 0);
    rc = ar->archive_write_header(a, e);
    if (rc == ARCHIVE_OK && !dir && len > 0)
        rc = ar->archive_write_data(a, data, len) == (la_ssize_t)len ? ARCHIVE_OK : ARCHIVE_FATAL;
    ar->archive_entry_free(e);
    return rc == ARCHIVE_OK ? 0 : -1;
}

/* Directory entries for each sub-directory that holds a file. */
static int write_dirs(const struct od_archive *ar, struct archive *a, const struct bundle *b, time_t now)
{
    static const char *const dirs[] = {"", "facts/", "host/", "ollama/"};
    char path[128];
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        int used = d == 0;
        for (size_t i = 0; i < b->n && !used; i++)
            used = strncmp(b->files[i].name, dirs[d], strlen(dirs[d])) == 0;
        snprintf(path, sizeof path, "%s/%s", b->top, dirs[d]);
        if (used && write_entry(ar, a, path, NULL, 0, 1, now) != 0)
            return -1;
    }
    return 0;
}

static int write_archive(const struct bundle *b, int fd, char *why, size_t whylen)
{
    struct od_archive api, *ar = &api;
    struct archive *a;
    time_t now = time(NULL);
    char path[128];
    int rc = -1;
    if (od_archive_open(ar, why, whylen) != 0)
        return -1;
    a = ar->archive_write_new();
    if (!a || ar->archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
        ar->archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
        ar->archive_write_open_fd(a, fd) != ARCHIVE_OK)
        goto out;
    if (write_dirs(ar, a, b, now) != 0)
        goto out;
    snprintf(path, sizeof path, "%s/manifest.json", b->top);
    if (write_entry(ar, a, path, b->manifest, b->manifest_len, 0, now) != 0)
        goto out;
    for (size_t i = 0; i < b->n; i++) {
        snprintf(path, sizeof path, "%s/%s", b->top, b->files[i].name);
        if (write_entry(ar, a, path, b->files[i].data, b->files[i].len, 0, now) != 0)
            goto out;
    }
    rc = ar->archive_write_close(a) == ARCHIVE_OK ? 0 : -1;
out:
    if (rc != 0)
        snprintf(why, whylen, "%s",
                 a && ar->archive_error_string(a) ? ar->archive_error_string(a) : "libarchive failed");
    ar->archive_write_free(a);
    od_archive_close(ar);
    return rc;
}

/* Create the output: never replacing a file unless --force (then through a
 * temporary file, tmp, renamed over it at the end). The fd, or -1 with why. */
static int open_output(const struct od_opts *o, const char *path, char *tmp, size_t tmplen, char *why,
                       size_t whylen)
{
    int fd;
    tmp[0] = '\0';
    if (!o->force) {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno == EEXIST)
            snprintf(why, whylen, "%s already exists; not overwriting it (--force replaces it, -o writes elsewhere)",
                     path);
        else if (fd < 0)
            snprintf(why, whylen, "cannot create %s: %s", path, strerror(errno));
        return fd;
    }
    snprintf(tmp, tmplen, "%s.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(why, whylen, "cannot create a file next to %s: %s", path, strerror(errno));
        tmp[0] = '\0';
    }
    return fd;
}

/* What is at path may be replaced only when it is a regular file (and only
 * with --force); a new name is fine. Symbolic links, devices, FIFOs and
 * sockets are refused: lstat, never followed. 1 when usable, else 0 with why. */
static int output_kind_ok(const struct od_opts *o, const char *path, char *why, size_t whylen)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 1; /* nothing there (or unreachable: open says why) */
    if (S_ISDIR(st.st_mode))
        snprintf(why, whylen, "%s is a directory; -o wants a file name", path);
    else if (S_ISLNK(st.st_mode))
        snprintf(why, whylen, "%s is a symbolic link; not writing through it (-o wants a regular file or a new name)",
                 path);
    else if (!S_ISREG(st.st_mode))
        snprintf(why, whylen, "%s is not a regular file (a device, FIFO or socket); -o wants a regular file or a new "
                 "name", path);
    else if (!o->force)
        snprintf(why, whylen, "%s already exists; not overwriting it (--force replaces it, -o writes elsewhere)", path);
    else
        return 1;
    return 0;
}

/* Refuse early, before the probes run, when the output cannot be written. */
static int output_usable(const struct od_opts *o, const char *path, char *why, size_t whylen)
{
    return output_kind_ok(o, path, why, whylen);
}

/* --- what was written ----------------------------------------------------- */

static cJSON *file_json(const char *name, size_t size, int truncated)
{
    cJSON *f = cJSON_CreateObject();
    cJSON_AddStringToObject(f, "name", name);
    cJSON_AddNumberToObject(f, "size", (double)size);
    cJSON_AddBoolToObject(f, "truncated", truncated);
    return f;
}

/* The listing: what `bundle --json` prints and the MCP bundle tool returns. */
static cJSON *listing_json(const struct bundle *b, const char *path, const cJSON *doc, int rc, off_t size)
{
    const char *verdict = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "verdict"));
    char abs[4096];
    cJSON *j = cJSON_CreateObject(), *files;
    cJSON_AddNumberToObject(j, "schema_version", 1);
    cJSON_AddStringToObject(j, "bundle", path);
    cJSON_AddStringToObject(j, "path", realpath(path, abs) ? abs : path);
    cJSON_AddStringToObject(j, "directory", b->top);
    cJSON_AddNumberToObject(j, "bytes", (double)size);
    files = cJSON_AddArrayToObject(j, "files");
    cJSON_AddItemToArray(files, file_json("manifest.json", b->manifest_len, 0));
    for (size_t i = 0; i < b->n; i++)
        cJSON_AddItemToArray(files, file_json(b->files[i].name, b->files[i].len, b->files[i].truncated));
    cJSON_AddItemToObject(j, "skipped", cJSON_Duplicate(b->skipped, 1));
    cJSON_AddStringToObject(j, "verdict", verdict ? verdict : "");
    cJSON_AddNumberToObject(j, "exit", rc);
    return j;
}

static void bundle_free(struct bundle *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->files[i].data);
    cJSON_Delete(b->skipped);
    free(b->manifest);
}

/* The file system a path is on is lost with the container: a sidecar
 * (OLLAMA_DOCTOR_SIDECAR set) writing outside any mount. The mount point
 * that holds path's directory, from /proc/self/mountinfo. */
static int lost_with_container(const char *path)
{
    char dir[4096], *slash, *info, best[4096] = "";
    const char *cur;
    struct od_view line, field;
    size_t best_len = 0;
    if (!getenv("OLLAMA_DOCTOR_SIDECAR") || !(info = od_read_file("/proc/self/mountinfo", 1u << 20, NULL, NULL)))
        return 0;
    od_strlcpy(dir, path, sizeof dir);
    slash = strrchr(dir, '/');
    if (!slash)
        od_strlcpy(dir, ".", sizeof dir);
    else if (slash == dir)
        dir[1] = '\0'; /* "/x" is in "/" */
    else
        *slash = '\0';
    if (!realpath(dir, best)) { /* the directory does not exist: open() says so */
        free(info);
        return 0;
    }
    od_strlcpy(dir, best, sizeof dir);
    best[0] = '\0';
    for (cur = info; od_next_line(&cur, &line);) {
        char mp[4096];
        /* id parent major:minor root mount-point ... */
        for (int i = 0; i < 5 && od_next_field(&line, &field); i++)
            if (i == 4 && od_view_copy(field, mp, sizeof mp) == 0) {
                size_t l = strlen(mp);
                int under = strcmp(mp, "/") == 0 || (strncmp(dir, mp, l) == 0 && (dir[l] == '/' || !dir[l]));
                if (under && l >= best_len)
                    best_len = l, od_strlcpy(best, mp, sizeof best);
            }
    }
    free(info);
    return strcmp(best, "/") == 0;
}

static int fail_with(enum od_err e, const char *why, const struct od_opts *o)
{
    return od_fail(e, why, o->format == OD_FMT_JSON);
}

cJSON *od_bundle_run(const struct od_opts *o, int *exit_code, enum od_err *err, char *why, size_t whylen)
{
    struct bundle b;
    char path[768], tmp[800] = "";
    cJSON *doc = NULL, *listing = NULL;
    int fd = -1;
    struct stat st;
    struct tm tm;
    struct od_check c;

    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    b.started = time(NULL);
    gmtime_r(&b.started, &tm);
    strftime(b.stamp, sizeof b.stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(b.top, sizeof b.top, "ollama-doctor-bundle-%s", b.stamp);
    *err = OD_ERR_USAGE;
    if (o->output && strlen(o->output) >= sizeof path) {
        snprintf(why, whylen, "--output: the file name is too long");
        return NULL;
    }
    if (o->output)
        od_strlcpy(path, o->output, sizeof path);
    else
        snprintf(path, sizeof path, "%s.tar.gz", b.top);
    if (!output_usable(o, path, why, whylen))
        return NULL;
    if (lost_with_container(path)) {
        snprintf(why, whylen, "%s would be written inside this sidecar container and lost when it exits; mount a "
                              "directory on /out (docker run -v \"$PWD:/out\" ...) or give -o a path in a mounted one",
                 path);
        return NULL;
    }
    *err = OD_ERR_NOMEM;
    if (!(b.skipped = cJSON_CreateArray())) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    if (!(doc = od_check_report(o, &c, exit_code, err, why, whylen)))
        goto out;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        *err = OD_ERR_LIB;
        snprintf(why, whylen, "cannot initialise libcurl");
        goto out;
    }
    od_bundle_collect_reports(&b, o, doc);
    od_bundle_collect_facts(&b, &c, doc);
    od_bundle_collect_host(&b, &c);
    od_bundle_collect_ollama(&b, &c);
    curl_global_cleanup();
    *err = OD_ERR_NOMEM;
    if (finalize(&b) != 0 || build_manifest(&b, doc, *exit_code) != 0) {
        snprintf(why, whylen, "out of memory while building the bundle");
        goto out;
    }
    *err = OD_ERR_USAGE;
    if ((fd = open_output(o, path, tmp, sizeof tmp, why, whylen)) < 0)
        goto out;
    {
        char werr[1024] = "";
        if (write_archive(&b, fd, werr, sizeof werr) == 0 && fstat(fd, &st) != 0)
            snprintf(werr, sizeof werr, "%s", strerror(errno));
        if (close(fd) != 0 && !werr[0])
            snprintf(werr, sizeof werr, "%s", strerror(errno));
        fd = -1;
        if (!werr[0] && tmp[0] && !output_kind_ok(o, path, why, whylen)) { /* changed while we wrote */
            unlink(tmp);
            goto out;
        }
        if (!werr[0] && tmp[0] && rename(tmp, path) != 0)
            snprintf(werr, sizeof werr, "%s", strerror(errno));
        if (werr[0]) {
            unlink(tmp[0] ? tmp : path); /* only ever a file this run created */
            *err = OD_ERR_IO;
            snprintf(why, whylen, "cannot write %s: %s", path, werr);
            goto out;
        }
    }
    *err = OD_OK;
    listing = listing_json(&b, path, doc, *exit_code, st.st_size);
out:
    if (fd >= 0)
        close(fd);
    cJSON_Delete(doc);
    od_check_free(&c);
    bundle_free(&b);
    return listing;
}

int od_cmd_bundle(const struct od_opts *o)
{
    char why[1900] = "";
    int check_rc = OD_EXIT_INTERNAL, rc;
    enum od_err e = OD_ERR_INTERNAL;
    cJSON *l = od_bundle_run(o, &check_rc, &e, why, sizeof why);

    if (!l)
        return fail_with(e, why, o);
    rc = od_report_emit(o, OD_DOC_BUNDLE, l) == 0 ? check_rc : OD_EXIT_INTERNAL;
    cJSON_Delete(l);
    return rc;
}
