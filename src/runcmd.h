/* runcmd — run an external read-only command with a fixed argv (never a
 * shell), capture its standard output (capped), under a deadline. */
#ifndef OD_RUNCMD_H
#define OD_RUNCMD_H

#include <stddef.h>

/* argv[0] is a bare program name looked up in /usr/sbin, /usr/bin, /sbin,
 * /bin only. Returns the exit status (0..255), -1 when the program is absent
 * or could not start, -2 on timeout (the child is killed). out is always
 * NUL-terminated. */
int od_runcmd(const char *const argv[], int timeout_ms, char *out, size_t cap);

#endif
