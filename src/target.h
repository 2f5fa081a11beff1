/* ISC license. */

#ifndef P0FWRAP_TARGET_H
#define P0FWRAP_TARGET_H

#include <stdint.h>

#include <skalibs/ip46.h>

#include "options.h"
#include "report.h"

typedef struct query_target_s query_target, *query_target_ref ;
struct query_target_s
{
  char const *remote ;
  ip46 client ;
  ip46 server ;
  uint16_t client_port ;
  uint16_t server_port ;
  uint32_t id ;
} ;

extern int target_get (query_target *, options const *, report *) ;

#endif
