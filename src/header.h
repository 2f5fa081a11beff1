/* ISC license. */

#ifndef P0FWRAP_HEADER_H
#define P0FWRAP_HEADER_H

#include <skalibs/stralloc.h>

#include "answer.h"

#define HEADER_VALUE_MAX (ANSWER_VALUE_MAX - 1)
#define HEADER_FOLD 78

extern int header_build (stralloc *, char const *const *) ;

#endif
