/* ISC license. */

#include <string.h>

#include <skalibs/env.h>
#include <skalibs/types.h>

#include "answer.h"
#include "report.h"

char const *const answer_names[ANSWER_FIELDS] =
{
  [ANSWER_STATUS] = "P0F_STATUS",
  [ANSWER_GENRE] = "P0F_GENRE",
  [ANSWER_DETAIL] = "P0F_DETAIL",
  [ANSWER_DISTANCE] = "P0F_DISTANCE",
  [ANSWER_LINK] = "P0F_LINK",
  [ANSWER_UPTIME] = "P0F_UPTIME",
  [ANSWER_UPTIME_MIN] = "P0F_UPTIME_MIN",
  [ANSWER_FIRST_SEEN] = "P0F_FIRST_SEEN",
  [ANSWER_LAST_SEEN] = "P0F_LAST_SEEN",
  [ANSWER_TOTAL_CONN] = "P0F_TOTAL_CONN",
  [ANSWER_UP_MOD_DAYS] = "P0F_UP_MOD_DAYS",
  [ANSWER_LAST_NAT] = "P0F_LAST_NAT",
  [ANSWER_LAST_CHG] = "P0F_LAST_CHG",
  [ANSWER_BAD_SW] = "P0F_BAD_SW",
  [ANSWER_OS_MATCH_Q] = "P0F_OS_MATCH_Q",
  [ANSWER_HTTP_NAME] = "P0F_HTTP_NAME",
  [ANSWER_HTTP_FLAVOR] = "P0F_HTTP_FLAVOR",
  [ANSWER_LANGUAGE] = "P0F_LANGUAGE",
  [ANSWER_TOS] = "P0F_TOS",
  [ANSWER_FW] = "P0F_FW",
  [ANSWER_NAT] = "P0F_NAT",
  [ANSWER_REAL] = "P0F_REAL",
  [ANSWER_SCORE] = "P0F_SCORE",
  [ANSWER_MFLAGS] = "P0F_MFLAGS",
} ;

void answer_zero (answer *a)
{
  memset(a, 0, sizeof(answer)) ;
}

void answer_set_string (answer *a, enum answer_field f, char const *s, size_t max)
{
  if (max >= ANSWER_VALUE_MAX) max = ANSWER_VALUE_MAX - 1 ;
  sanitize_copy(a->value[f], s, max) ;
}

void answer_set_uint (answer *a, enum answer_field f, unsigned long u)
{
  a->value[f][ulong_fmt(a->value[f], u)] = 0 ;
}

void answer_set_int (answer *a, enum answer_field f, long i)
{
  a->value[f][long_fmt(a->value[f], i)] = 0 ;
}

int answer_modifs (stralloc *sa, answer const *a)
{
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
    if (!env_addmodif(sa, answer_names[i], a->value[i][0] ? a->value[i] : 0)) return 0 ;
  return 1 ;
}
