/* err — errors as values with stable names (see od_err_name). */
#ifndef OD_ERR_H
#define OD_ERR_H

enum od_err {
    OD_OK = 0,
    OD_ERR_USAGE,    /* bad command line: exit 2 */
    OD_ERR_RULES,    /* invalid rules: exit 2 */
    OD_ERR_NOMEM,
    OD_ERR_IO,
    OD_ERR_PARSE,
    OD_ERR_LIB,      /* libcurl / c-ares / cJSON failure */
    OD_ERR_INTERNAL,
    OD_ERR__COUNT
};

/* Exit codes, SPEC "Exit status". */
enum od_exit { OD_EXIT_OK = 0, OD_EXIT_PROBLEMS = 1, OD_EXIT_USAGE = 2, OD_EXIT_INTERNAL = 3 };

const char *od_err_name(enum od_err e); /* "usage", "nomem", ... */
enum od_exit od_err_exit(enum od_err e);

#endif
