/* ISC license. */

#ifndef P0FWRAP_P0F3_H
#define P0FWRAP_P0F3_H

#include <skalibs/ip46.h>

#include "answer.h"

#define P0F3_QUERY_MAGIC 0x50304601U
#define P0F3_ANSWER_MAGIC 0x50304602U
#define P0F3_QUERY_LEN 21
#define P0F3_ANSWER_LEN 232

extern void p0f3_query_pack (char *, ip46 const *) ;
extern enum answer_status p0f3_answer_unpack (answer *, char const *) ;

#endif
