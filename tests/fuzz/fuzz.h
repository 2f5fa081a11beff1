/* ISC license. */

#ifndef P0FWRAP_FUZZ_H
#define P0FWRAP_FUZZ_H

#include <string.h>

#include "answer.h"

 /* values are NUL-terminated, printable, and only set with an ok answer */
static inline void fuzz_check_answer (answer const *a, enum answer_status status)
{
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
  {
    size_t len = strnlen(a->value[i], ANSWER_VALUE_MAX) ;
    if (len >= ANSWER_VALUE_MAX) __builtin_trap() ;
    if (len && status != ANSWER_OK) __builtin_trap() ;
    for (size_t j = 0 ; j < len ; j++)
      if (a->value[i][j] < 0x20 || a->value[i][j] > 0x7e) __builtin_trap() ;
  }
}

#endif
