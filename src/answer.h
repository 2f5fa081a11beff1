/* ISC license. */

#ifndef P0FWRAP_ANSWER_H
#define P0FWRAP_ANSWER_H

#include <stddef.h>

#include <skalibs/stralloc.h>

 /* one source of truth: every variable p0f-wrap exports or scrubs */
enum answer_field
{
  ANSWER_STATUS,
  ANSWER_GENRE,
  ANSWER_DETAIL,
  ANSWER_DISTANCE,
  ANSWER_LINK,
  ANSWER_UPTIME,
  ANSWER_UPTIME_MIN,
  ANSWER_FIRST_SEEN,
  ANSWER_LAST_SEEN,
  ANSWER_TOTAL_CONN,
  ANSWER_UP_MOD_DAYS,
  ANSWER_LAST_NAT,
  ANSWER_LAST_CHG,
  ANSWER_BAD_SW,
  ANSWER_OS_MATCH_Q,
  ANSWER_HTTP_NAME,
  ANSWER_HTTP_FLAVOR,
  ANSWER_LANGUAGE,
  ANSWER_TOS,
  ANSWER_FW,
  ANSWER_NAT,
  ANSWER_REAL,
  ANSWER_SCORE,
  ANSWER_MFLAGS,
  ANSWER_FIELDS
} ;

#define ANSWER_VALUE_MAX 41

enum answer_status
{
  ANSWER_OK,
  ANSWER_NOMATCH,
  ANSWER_BADQUERY,
  ANSWER_MALFORMED,
  ANSWER_ERROR
} ;

typedef struct answer_s answer, *answer_ref ;
struct answer_s
{
  char value[ANSWER_FIELDS][ANSWER_VALUE_MAX] ;
} ;

extern char const *const answer_names[ANSWER_FIELDS] ;

extern void answer_zero (answer *) ;
extern int answer_modifs (stralloc *, answer const *) ;
extern void answer_set_string (answer *, enum answer_field, char const *, size_t) ;
extern void answer_set_uint (answer *, enum answer_field, unsigned long) ;
extern void answer_set_int (answer *, enum answer_field, long) ;

#endif
