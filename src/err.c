/* err.c — stable names and exit codes for enum od_err. */
#include "err.h"

static const struct {
    const char *name;
    enum od_exit exit;
} err_table[OD_ERR__COUNT] = {
    [OD_OK] = {"ok", OD_EXIT_OK},
    [OD_ERR_USAGE] = {"usage", OD_EXIT_USAGE},
    [OD_ERR_RULES] = {"rules", OD_EXIT_USAGE},
    [OD_ERR_NOMEM] = {"nomem", OD_EXIT_INTERNAL},
    [OD_ERR_IO] = {"io", OD_EXIT_INTERNAL},
    [OD_ERR_PARSE] = {"parse", OD_EXIT_INTERNAL},
    [OD_ERR_LIB] = {"lib", OD_EXIT_INTERNAL},
    [OD_ERR_INTERNAL] = {"internal", OD_EXIT_INTERNAL},
};

static int err_valid(enum od_err e)
{
    return (int)e >= 0 && (int)e < OD_ERR__COUNT;
}

const char *od_err_name(enum od_err e)
{
    return err_valid(e) ? err_table[e].name : "internal";
}

enum od_exit od_err_exit(enum od_err e)
{
    return err_valid(e) ? err_table[e].exit : OD_EXIT_INTERNAL;
}
