/* archive_dl — libarchive on demand (see archive_dl.h). */
#include "archive_dl.h"

#include <stdio.h>
#include <string.h>

#ifndef OD_ARCHIVE_LINKED
#include <dlfcn.h>
#ifndef OD_ARCHIVE_SONAME
#define OD_ARCHIVE_SONAME "libarchive.so.13"
#endif
#endif

#ifdef OD_ARCHIVE_LINKED
int od_archive_open(struct od_archive *api, char *why, size_t whylen)
{
    (void)why, (void)whylen;
    api->handle = NULL;
#define OD_ARCHIVE_SET(f) api->f = f;
    OD_ARCHIVE_FUNCS(OD_ARCHIVE_SET)
#undef OD_ARCHIVE_SET
    return 0;
}
#else
int od_archive_open(struct od_archive *api, char *why, size_t whylen)
{
    const char *missing = NULL;
    memset(api, 0, sizeof *api);
    api->handle = dlopen(OD_ARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!api->handle) {
        const char *e = dlerror();
        snprintf(why, whylen, "cannot load libarchive (%s); install it (Debian: libarchive13)",
                 e ? e : OD_ARCHIVE_SONAME);
        return -1;
    }
    /* POSIX: a function pointer may be read from dlsym's object pointer. */
#define OD_ARCHIVE_SYM(f)                                                                                             \
    if (!missing && !(*(void **)&api->f = dlsym(api->handle, #f)))                                                    \
        missing = #f;
    OD_ARCHIVE_FUNCS(OD_ARCHIVE_SYM)
#undef OD_ARCHIVE_SYM
    if (missing) {
        snprintf(why, whylen, "%s has no %s (too old a libarchive)", OD_ARCHIVE_SONAME, missing);
        od_archive_close(api);
        return -1;
    }
    return 0;
}
#endif

void od_archive_close(struct od_archive *api)
{
#ifndef OD_ARCHIVE_LINKED
    if (api->handle)
        dlclose(api->handle);
#endif
    memset(api, 0, sizeof *api);
}
