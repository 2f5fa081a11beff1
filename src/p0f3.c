/* ISC license. */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "hostorder.h"
#include "p0f3.h"

void p0f3_query_pack (char *s, ip46 const *client)
{
  host_u32_put(s, P0F3_QUERY_MAGIC) ;
  s[4] = client->is6 ? 6 : 4 ;
  memset(s + 5, 0, 16) ;
  memcpy(s + 5, client->ip, client->is6 ? 16 : 4) ;
}

static void set_nonzero (answer *a, enum answer_field f, uint32_t u)
{
  if (u) answer_set_uint(a, f, u) ;
}

enum answer_status p0f3_answer_unpack (answer *a, char const *s, uint32_t since)
{
  int16_t distance ;
  uint32_t status = host_u32_get(s + 4) ;
  if (host_u32_get(s) != P0F3_ANSWER_MAGIC) return (errno = EPROTO, ANSWER_ERROR) ;
  if (status == 0x20) return ANSWER_NOMATCH ;
  if (status == 0x00) return (errno = EINVAL, ANSWER_ERROR) ;
  if (status != 0x10) return (errno = EPROTO, ANSWER_ERROR) ;
  set_nonzero(a, ANSWER_FIRST_SEEN, host_u32_get(s + 8)) ;
  set_nonzero(a, ANSWER_LAST_SEEN, host_u32_get(s + 12)) ;
  set_nonzero(a, ANSWER_TOTAL_CONN, host_u32_get(s + 16)) ;
   /* up_mod_days is non-zero exactly when p0f measured an uptime; then uptime_min 0 is under a minute */
  if (host_u32_get(s + 24))
  {
    answer_set_uint(a, ANSWER_UPTIME, host_u32_get(s + 20) / 60) ;
    answer_set_uint(a, ANSWER_UPTIME_MIN, host_u32_get(s + 20)) ;
  }
  set_nonzero(a, ANSWER_UP_MOD_DAYS, host_u32_get(s + 24)) ;
  set_nonzero(a, ANSWER_LAST_NAT, host_u32_get(s + 28)) ;
  set_nonzero(a, ANSWER_LAST_CHG, host_u32_get(s + 32)) ;
  distance = (int16_t)host_u16_get(s + 36) ;
  if (distance >= 0 && distance < 255) answer_set_int(a, ANSWER_DISTANCE, distance) ;
  answer_set_uint(a, ANSWER_BAD_SW, (unsigned char)s[38]) ;
  answer_set_string(a, ANSWER_GENRE, s + 40, 32) ;
  if (a->value[ANSWER_GENRE][0]) answer_set_uint(a, ANSWER_OS_MATCH_Q, (unsigned char)s[39]) ;
  answer_set_string(a, ANSWER_DETAIL, s + 72, 32) ;
  answer_set_string(a, ANSWER_HTTP_NAME, s + 104, 32) ;
  answer_set_string(a, ANSWER_HTTP_FLAVOR, s + 136, 32) ;
  answer_set_string(a, ANSWER_LINK, s + 168, 32) ;
  answer_set_string(a, ANSWER_LANGUAGE, s + 200, 32) ;
  return host_u32_get(s + 12) < since ? ANSWER_STALE : ANSWER_OK ;
}

uint32_t p0f3_answer_last_seen (char const *s)
{
  return host_u32_get(s + 12) ;
}
