/* ISC license. */

#include <string.h>

#include <skalibs/types.h>

#include "answer.h"
#include "line.h"

char const *const answer_names[ANSWER_FIELDS] =
{
  [ANSWER_STATUS] = "P0F_STATUS",
  [ANSWER_ADDR] = "P0F_ADDR",
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

char const *const answer_status_names[ANSWER_STATUSES] =
{
  [ANSWER_OK] = "ok",
  [ANSWER_STALE] = "stale",
  [ANSWER_NOMATCH] = "nomatch",
  [ANSWER_SKIPPED] = "skipped",
  [ANSWER_ERROR] = "error",
} ;

size_t answer_key (char *key, enum answer_field f)
{
  char const *name = answer_names[f] + 4 ;  /* past "P0F_" */
  size_t len = 0 ;
  for (; name[len] && len < ANSWER_KEY_MAX - 1 ; len++)
    key[len] = name[len] >= 'A' && name[len] <= 'Z' ? name[len] + ('a' - 'A') : name[len] ;
  key[len] = 0 ;
  return len ;
}

void answer_zero (answer *a)
{
  memset(a, 0, sizeof(answer)) ;
}

void answer_set_string (answer *a, enum answer_field f, char const *s, size_t width)
{
  size_t len = line_sanitize(a->value[f], s, width < ANSWER_VALUE_MAX ? width : ANSWER_VALUE_MAX - 1) ;
  while (len && a->value[f][len - 1] == ' ') a->value[f][--len] = 0 ;
}

void answer_set_uint (answer *a, enum answer_field f, unsigned long u)
{
  a->value[f][ulong_fmt(a->value[f], u)] = 0 ;
}

void answer_set_int (answer *a, enum answer_field f, long i)
{
  a->value[f][long_fmt(a->value[f], i)] = 0 ;
}

static int listed (char const *var)
{
  if (strncmp(var, "P0F_", 4)) return 0 ;  /* every name in the list starts so: most of the environment stops here */
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
  {
    size_t len = strlen(answer_names[i]) ;
    if (!strncmp(var, answer_names[i], len) && (var[len] == '=' || !var[len])) return 1 ;
  }
  return 0 ;
}

size_t answer_envp (char const **v, char const *const *envp, size_t envlen, answer const *a, int status_only,
  char *storage)
{
  size_t n = 0 ;
  for (size_t i = 0 ; i < envlen ; i++)
    if (!listed(envp[i])) v[n++] = envp[i] ;
  for (unsigned int i = 0 ; i < (status_only ? 1 : ANSWER_FIELDS) ; i++)
  {
    size_t len = strlen(answer_names[i]) ;
    if (!a->value[i][0]) continue ;
    v[n++] = storage ;
    memcpy(storage, answer_names[i], len) ;
    storage[len] = '=' ;
    storage += len + 1 ;
    storage += strlen(strcpy(storage, a->value[i])) + 1 ;
  }
  v[n] = 0 ;
  return n ;
}
