/* archive_dl — libarchive, loaded when a bundle is written. Only `bundle`
 * (and --version) use it, and the library brings a dozen more with it
 * (libxml2, ICU, libstdc++, ...); linking it would load them all at every
 * start of check and explain. A dynamic build opens it with dlopen on first
 * use; a static build (OD_ARCHIVE_LINKED) links it and fills the same table. */
#ifndef OD_ARCHIVE_DL_H
#define OD_ARCHIVE_DL_H

#include <archive.h>
#include <archive_entry.h>
#include <stddef.h>

/* The functions used, each as X(name). */
#define OD_ARCHIVE_FUNCS(X)                                                                                           \
    X(archive_write_new)                                                                                              \
    X(archive_write_add_filter_gzip)                                                                                  \
    X(archive_write_set_format_pax_restricted)                                                                        \
    X(archive_write_open_fd)                                                                                          \
    X(archive_write_header)                                                                                           \
    X(archive_write_data)                                                                                             \
    X(archive_write_close)                                                                                            \
    X(archive_write_free)                                                                                             \
    X(archive_error_string)                                                                                           \
    X(archive_entry_new)                                                                                              \
    X(archive_entry_free)                                                                                             \
    X(archive_entry_set_pathname)                                                                                     \
    X(archive_entry_set_filetype)                                                                                     \
    X(archive_entry_set_perm)                                                                                         \
    X(archive_entry_set_size)                                                                                         \
    X(archive_entry_set_mtime)                                                                                        \
    X(archive_entry_set_uid)                                                                                          \
    X(archive_entry_set_gid)                                                                                          \
    X(archive_version_string)                                                                                         \
    X(archive_zlib_version)

struct od_archive {
    void *handle; /* dlopen's; NULL when linked */
#define OD_ARCHIVE_PTR(f) __typeof__(f) *f;
    OD_ARCHIVE_FUNCS(OD_ARCHIVE_PTR)
#undef OD_ARCHIVE_PTR
};

/* Fill api; 0, or -1 with why ("libarchive.so.13: cannot open shared object
 * file ..."), in which case api needs no close. */
int od_archive_open(struct od_archive *api, char *why, size_t whylen);
void od_archive_close(struct od_archive *api);

#endif
