/* unit.h — shared includes and helpers for the cmocka unit tests. */
#ifndef OD_UNIT_H
#define OD_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif
