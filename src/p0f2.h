/* ISC license. */

#ifndef P0FWRAP_P0F2_H
#define P0FWRAP_P0F2_H

#include <stdint.h>

#include "answer.h"

#define P0F2_MAGIC 0x0defacedU
#define P0F2_QUERY_LEN 24
#define P0F2_ANSWER_LEN 144

extern void p0f2_query_pack (char *, uint32_t, char const *, char const *, uint16_t, uint16_t) ;
extern enum answer_status p0f2_answer_unpack (answer *, char const *, uint32_t) ;

#endif
