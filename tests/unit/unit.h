/* ISC license. */

#ifndef P0FWRAP_UNIT_H
#define P0FWRAP_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#endif
