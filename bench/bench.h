/* ISC license. */

#ifndef P0FWRAP_BENCH_H
#define P0FWRAP_BENCH_H

#include <time.h>

static inline long now_us (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000 ;
}

static inline int cmp_long (void const *a, void const *b)
{
  long x = *(long const *)a, y = *(long const *)b ;
  return x < y ? -1 : x > y ;
}

#endif
