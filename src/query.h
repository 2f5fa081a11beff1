/* ISC license. */

#ifndef P0FWRAP_QUERY_H
#define P0FWRAP_QUERY_H

#include <stdint.h>

#include <skalibs/ip46.h>
#include <skalibs/tai.h>

#include "answer.h"
#include "target.h"

typedef struct query_stats_s query_stats, *query_stats_ref ;
struct query_stats_s
{
  unsigned int queries ;
  char const *failed ;
} ;
#define QUERY_STATS_ZERO { .queries = 0, .failed = 0 }

extern int query_sleep (unsigned int, tain const *) ;
extern int query_exchange (char const *, char const *, size_t, char *, size_t, tain const *, char const **) ;
extern enum answer_status query_run (answer *, unsigned int, char const *, query_target const *, tain const *, tain const *, query_stats *) ;

#endif
