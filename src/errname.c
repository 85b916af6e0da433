/* errname.c — errno values to symbolic names and back, from one static table. */
#include "errname.h"

#include <errno.h>
#include <stddef.h>
#include <strings.h>

#define E(x) {x, #x}

/* Where two names share a value (ENOTSUP/EOPNOTSUPP, EAGAIN/EWOULDBLOCK on
 * Linux) the first one listed is the name given for the value, as Python's
 * errno.errorcode does. */
static const struct {
    int value;
    const char *name;
} errno_table[] = {
    E(ECONNREFUSED), E(ETIMEDOUT),     E(EHOSTUNREACH), E(ENETUNREACH),
    E(EADDRNOTAVAIL), E(ECONNRESET),   E(ECONNABORTED), E(EPIPE),
    E(ENOENT),       E(EACCES),        E(EPERM),        E(EINVAL),
    E(EAGAIN),       E(EWOULDBLOCK),   E(EINPROGRESS),  E(EALREADY),
    E(EAFNOSUPPORT), E(ENOTCONN),      E(EISCONN),      E(EHOSTDOWN),
    E(ENETDOWN),     E(ENETRESET),     E(ENOBUFS),      E(ENOMEM),
    E(EPROTO),       E(EPROTONOSUPPORT), E(EPROTOTYPE), E(ENOPROTOOPT),
    E(EMFILE),       E(ENFILE),        E(EBADF),        E(EINTR),
    E(EIO),          E(ENOTSUP),       E(EOPNOTSUPP),   E(EADDRINUSE),
    E(EDESTADDRREQ), E(EMSGSIZE),      E(ENOTSOCK),     E(ESHUTDOWN),
    E(ECANCELED),    E(ENOSYS),        E(ENOSPC),       E(EEXIST),
    E(ENOTDIR),      E(EISDIR),        E(ENAMETOOLONG), E(ELOOP),
    E(EROFS),        E(EFAULT),        E(EBUSY),        E(ESRCH),
    E(ECHILD),       E(ENXIO),         E(ENODEV),       E(E2BIG),
    E(EXDEV),        E(ESPIPE),        E(ERANGE),       E(EDOM),
    E(EILSEQ),       E(EOVERFLOW),     E(ENOTEMPTY),    E(ETIME),
    E(ENODATA),      E(ESTALE),        E(EDQUOT),       E(ENOEXEC),
};

#undef E

#define ERRNO_COUNT (sizeof(errno_table) / sizeof(errno_table[0]))

const char *od_errno_name(int e)
{
    if (e == 0)
        return NULL;
    for (size_t i = 0; i < ERRNO_COUNT; i++)
        if (errno_table[i].value == e)
            return errno_table[i].name;
    return NULL;
}

int od_errno_from_name(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < ERRNO_COUNT; i++)
        if (strcasecmp(errno_table[i].name, name) == 0)
            return errno_table[i].value;
    return -1;
}
