/* ISC license. */

#ifndef P0FWRAP_P0F2_H
#define P0FWRAP_P0F2_H

#include <stdint.h>

#include "answer.h"

 /* p0f 2.0.8's query protocol (p0f-query.h; PROTOCOLS.md): 24-byte query,
    144-byte answer, natural x86_64 alignment with padding */
#define P0F2_MAGIC 0x0defacedU
#define P0F2_QUERY_LEN 24
#define P0F2_ANSWER_LEN 144

 /* p0f2_query_pack: writes the 24-byte query into s: id, client and server
    addresses (4 bytes each, network order), ports in host order */
extern void p0f2_query_pack (char *s, uint32_t id, char const *client, char const *server,
  uint16_t client_port, uint16_t server_port) ;

 /* p0f2_answer_unpack: decodes the 144-byte answer s to the query id into a.
    Returns ANSWER_OK, ANSWER_NOMATCH, or ANSWER_ERROR for a bad query
    (errno EINVAL) or a wrong magic, id or type (errno EPROTO). */
extern enum answer_status p0f2_answer_unpack (answer *a, char const *s, uint32_t id) ;

#endif
