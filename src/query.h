/* ISC license. */

#ifndef P0FWRAP_QUERY_H
#define P0FWRAP_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include <skalibs/ip46.h>
#include <skalibs/tai.h>

#include "answer.h"

 /* what to ask p0f: the client (p0f 3), with the server and ports (p0f 2);
    since: a p0f 3 record whose last_seen (Unix seconds) is earlier is stale */
typedef struct query_target_s query_target ;
struct query_target_s
{
  unsigned int protocol ;
  ip46 client ;
  ip46 server ;
  uint16_t client_port ;
  uint16_t server_port ;
  uint32_t since ;
} ;

 /* query_exchange: one connection to p0f's socket at path: sends the query
    (querylen bytes), reads exactly replylen bytes into reply, all by
    deadline, retrying connect while p0f's listen backlog is full. Adds 1
    to *sent once the query is sent. Returns 1; or 0 with the failure
    worded into why (WHY_MAX bytes, appended with why_add); bytes beyond
    replylen arriving in the same read are a failure (a patched p0f). When the deadline comes with an answer pending, a
    detached child reads it out (p0f dies otherwise), holding only the
    socket, for at most 10 s. */
extern int query_exchange (char const *path, char const *query, size_t querylen, char *reply, size_t replylen, tain const *deadline, unsigned int *sent, char *why) ;

 /* query_run: asks p0f at path about t and decodes the answer into a.
    Re-asks, on new connections, while p0f says "no match" or (p0f 3) its
    record is stale, at intervals shaped to p0f's lag, until waitdeadline,
    and only while deadline leaves time for a round trip. Counts the
    queries sent in *sent. Returns ANSWER_OK, ANSWER_STALE (a holds the
    stale record), ANSWER_NOMATCH, or ANSWER_ERROR with why worded (why
    may also be set with another status: a failed re-ask). */
extern enum answer_status query_run (answer *a, char const *path, query_target const *t, tain const *deadline, tain const *waitdeadline, unsigned int *sent, char *why) ;

#endif
