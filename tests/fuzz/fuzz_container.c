/* fuzz_container — container markers (container.c) from a stand-in root:
 * /proc/self/mountinfo, /proc/1/cgroup and /proc/sys/kernel/osrelease get
 * the input's parts, $container the fourth, and the first byte's bits say
 * which marker files exist. */
#include "fuzz.h"

#include <sys/stat.h>
#include <unistd.h>

#include "container.h"

static char root[64];

static void put_file(const char *rel, const char *text)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof path, "%s%s", root, rel);
    if (!(f = fopen(path, "w")))
        return; /* the stand-in root is the harness's, not the parser's: a missing file is just absent */
    fputs(text, f);
    fclose(f);
}

static void marker(const char *rel, int on)
{
    char path[256];
    snprintf(path, sizeof path, "%s%s", root, rel);
    if (on)
        put_file(rel, "");
    else
        unlink(path);
}

static const char *const dirs[] = {"/proc", "/proc/self", "/proc/1", "/proc/sys", "/proc/sys/kernel",
                                   "/run", "/var", "/var/run", "/var/run/secrets", "/bin"};
static const char *const files[] = {"/proc/self/mountinfo", "/proc/1/cgroup", "/proc/sys/kernel/osrelease",
                                    "/.dockerenv", "/run/.containerenv", "/bin/wslpath"};

static void teardown(void)
{
    char path[256];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s%s", root, files[i]);
        unlink(path);
    }
    for (size_t i = sizeof dirs / sizeof dirs[0]; i > 0; i--) {
        snprintf(path, sizeof path, "%s%s", root, dirs[i - 1]);
        rmdir(path);
    }
    rmdir(root);
}

static void setup(void)
{
    char path[256];
    snprintf(root, sizeof root, "/tmp/od-fuzz-container.XXXXXX");
    if (!mkdtemp(root))
        abort();
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, sizeof path, "%s%s", root, dirs[i]);
        mkdir(path, 0755);
    }
    atexit(teardown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data + (size > 0), *end = data + size;
    unsigned bits = size ? data[0] : 0;
    char *mi = fuzz_part(&p, end, NULL), *cg = fuzz_part(&p, end, NULL), *os = fuzz_part(&p, end, NULL);
    char *cv = fuzz_part(&p, end, NULL), var[300], *vars[] = {var, NULL};
    struct od_env env = {vars};
    struct od_container c;
    if (!root[0])
        setup();
    put_file("/proc/self/mountinfo", mi);
    put_file("/proc/1/cgroup", cg);
    put_file("/proc/sys/kernel/osrelease", os);
    marker("/.dockerenv", bits & 1);
    marker("/run/.containerenv", bits & 2);
    marker("/bin/wslpath", bits & 4);
    snprintf(var, sizeof var, "%s=%.200s", bits & 8 ? "container" : "KUBERNETES_SERVICE_HOST", cv);
    if (od_container_detect(root, &env, &c) == 0) {
        FUZZ_CHECK(memchr(c.runtime, '\0', sizeof c.runtime) && memchr(c.os_guess, '\0', sizeof c.os_guess),
                   "strings not terminated");
        for (size_t i = 0; i < c.markers.n; i++)
            for (const char *m = c.markers.v[i]; *m; m++)
                FUZZ_CHECK((unsigned char)*m >= 0x21 && (unsigned char)*m <= 0x7e, "unprintable marker %s",
                           c.markers.v[i]);
        od_container_free(&c);
    }
    free(mi);
    free(cg);
    free(os);
    free(cv);
    return 0;
}
