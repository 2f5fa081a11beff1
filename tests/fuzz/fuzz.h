/* ISC license. */

#ifndef P0FWRAP_FUZZ_H
#define P0FWRAP_FUZZ_H

#include <string.h>

#include "answer.h"

 /* values are NUL-terminated, printable, without a trailing space, only set with an ok or stale answer, and fit answer_envp's storage */
static inline void fuzz_check_answer (answer const *a, enum answer_status status)
{
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
  {
    size_t len = strnlen(a->value[i], ANSWER_VALUE_MAX) ;
    if (len >= ANSWER_VALUE_MAX) __builtin_trap() ;
    if (len && status != ANSWER_OK && status != ANSWER_STALE) __builtin_trap() ;
    if (len && a->value[i][len - 1] == ' ' && i != ANSWER_STATUS) __builtin_trap() ;
    for (size_t j = 0 ; j < len ; j++)
      if (a->value[i][j] < 0x20 || a->value[i][j] > 0x7e) __builtin_trap() ;
  }
  {
    char const *v[ANSWER_FIELDS + 1] ;
    char storage[ANSWER_ENV_MAX] ;
    size_t n = answer_envp(v, v, 0, a, 0, storage) ;
    if (n > ANSWER_FIELDS || v[n]) __builtin_trap() ;
  }
}

#endif
