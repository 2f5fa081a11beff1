/* ISC license. */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "hostorder.h"
#include "p0f2.h"

void p0f2_query_pack (char *s, uint32_t id, char const *client, char const *server, uint16_t client_port,
  uint16_t server_port)
{
  memset(s, 0, P0F2_QUERY_LEN) ;
  host_u32_put(s, P0F2_MAGIC) ;
  s[4] = 1 ;
  host_u32_put(s + 8, id) ;
  memcpy(s + 12, client, 4) ;
  memcpy(s + 16, server, 4) ;
  host_u16_put(s + 20, client_port) ;
  host_u16_put(s + 22, server_port) ;
}

enum answer_status p0f2_answer_unpack (answer *a, char const *s, uint32_t id)
{
  int16_t score ;
  int32_t uptime ;
  if (host_u32_get(s) != P0F2_MAGIC || host_u32_get(s + 4) != id) return (errno = EPROTO, ANSWER_ERROR) ;
  switch ((unsigned char)s[8])
  {
    case 0 : break ;
    case 1 : return (errno = EINVAL, ANSWER_ERROR) ;
    case 2 : return ANSWER_NOMATCH ;
    default : return (errno = EPROTO, ANSWER_ERROR) ;
  }
  answer_set_string(a, ANSWER_GENRE, s + 9, 20) ;
  answer_set_string(a, ANSWER_DETAIL, s + 29, 40) ;
  if ((signed char)s[69] >= 0) answer_set_int(a, ANSWER_DISTANCE, (signed char)s[69]) ;
  answer_set_string(a, ANSWER_LINK, s + 70, 30) ;
  answer_set_string(a, ANSWER_TOS, s + 100, 30) ;
  answer_set_uint(a, ANSWER_FW, (unsigned char)s[130]) ;
  answer_set_uint(a, ANSWER_NAT, (unsigned char)s[131]) ;
  answer_set_uint(a, ANSWER_REAL, (unsigned char)s[132]) ;
  score = (int16_t)host_u16_get(s + 134) ;
  if (score != -100) answer_set_int(a, ANSWER_SCORE, score) ;
  answer_set_uint(a, ANSWER_MFLAGS, host_u16_get(s + 136)) ;
  uptime = (int32_t)host_u32_get(s + 140) ;
  if (uptime >= 0)
  {
    answer_set_int(a, ANSWER_UPTIME, uptime) ;
    answer_set_int(a, ANSWER_UPTIME_MIN, (long)uptime * 60) ;
  }
  return ANSWER_OK ;
}
