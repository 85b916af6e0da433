/* errname — errno values by their symbolic names ("ECONNREFUSED"). */
#ifndef OD_ERRNAME_H
#define OD_ERRNAME_H

/* The symbolic name of an errno value, or NULL when it has none we know.
 * 0 gives NULL. */
const char *od_errno_name(int e);
/* The reverse: 111 for "ECONNREFUSED" (on Linux); -1 when unknown. */
int od_errno_from_name(const char *name);

#endif
