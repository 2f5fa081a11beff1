/* ISC license. */

#ifndef P0FWRAP_P0F3_H
#define P0FWRAP_P0F3_H

#include <stdint.h>

#include <skalibs/ip46.h>

#include "answer.h"

 /* p0f 3.09b's API (api.h; PROTOCOLS.md): a 21-byte query, a 232-byte answer */
#define P0F3_QUERY_MAGIC 0x50304601U
#define P0F3_ANSWER_MAGIC 0x50304602U
#define P0F3_QUERY_LEN 21
#define P0F3_ANSWER_LEN 232

 /* p0f3_query_pack: writes the 21-byte query for client into s: type 4 with
    the 4 bytes of an IPv4 address, type 6 with 16 bytes */
extern void p0f3_query_pack (char *s, ip46 const *client) ;

 /* p0f3_answer_unpack: decodes the 232-byte answer s into a (fields p0f
    left unknown stay unset). Returns ANSWER_OK; ANSWER_STALE when the
    answer is OK but its last_seen (Unix seconds) is before since, i.e. it
    describes an earlier connection; ANSWER_NOMATCH; ANSWER_ERROR for a bad
    query status (errno EINVAL) or a wrong magic or unknown status (errno
    EPROTO). */
extern enum answer_status p0f3_answer_unpack (answer *a, char const *s, uint32_t since) ;

 /* p0f3_answer_last_seen: the last_seen field (Unix seconds) of the 232-byte answer s */
extern uint32_t p0f3_answer_last_seen (char const *s) ;

#endif
