/* ISC license. */

#ifndef P0FWRAP_QUERY_H
#define P0FWRAP_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include <skalibs/ip46.h>
#include <skalibs/tai.h>

#include "answer.h"

 /* what to ask p0f: the client (p0f 3), with the server and ports (p0f 2);
    since: the first second (Unix) of this connection's last handshake: a
    p0f 3 record whose last_seen is earlier is stale, unless it is from
    the QUERY_RETRANS_SECS before and p0f has had time to see that
    handshake's SYN (settle, on skalibs' STAMP clock): then it is the
    record of the SYN's first copy (p0f ignores a SYN sent again) */
typedef struct query_target_s query_target ;
struct query_target_s
{
  unsigned int protocol ;
  ip46 client ;
  ip46 server ;
  uint16_t client_port ;
  uint16_t server_port ;
  uint32_t since ;
  tain settle ;
} ;

 /* how far back the first copy of a SYN sent again can be: p0f takes a
    SYN for a flow it tracks as a copy for as long as it keeps the flow,
    30 s by default (-t 30,120), and clients send copies that late (Linux
    before 6.5 at 1, 3, 7, 15 s; FreeBSD and macOS at 1, 2, 3, 4, 5, 7, 11,
    19 s; Windows XP at 3, 9, 21 s); 1 more for the grain of seconds */
#define QUERY_RETRANS_SECS 31
 /* from the SYN until p0f has surely seen it: libpcap hands p0f its packets
    in blocks at most 5 ms late (p0f.c, pcap_open_live), rounded up to the
    kernel's timer ticks, and p0f reads its capture before its API clients */
#define QUERY_SETTLE_MS 25

 /* query_exchange: one connection to p0f's socket at path: sends the query
    (querylen bytes), reads exactly replylen bytes into reply, all by
    deadline, retrying connect while p0f's listen backlog is full. Adds 1
    to *sent once the query is sent. Returns 1; or 0 with the failure
    worded into why (LINE_WHY_MAX bytes of line.h, appended with
    line_why); bytes beyond replylen arriving in the same read are a
    failure (a patched p0f). When the deadline comes with an answer
    pending (p0f dies if it is not read), the calling process forks: the
    child returns (0, the failure worded) and goes on to exec the next
    program, the parent never returns: it holds the socket alone, reads
    the answer out (10 s at most, 1 s past the child's end), passes
    signals on to the child, reaps it and exits as it did. */
extern int query_exchange (char const *path, char const *query, size_t querylen, char *reply,
  size_t replylen, tain const *deadline, unsigned int *sent, char *why) ;

 /* query_retransmitted: 1 when a record with last_seen (Unix seconds) is
    from the QUERY_RETRANS_SECS before since, where the first copy of this
    connection's SYN, sent again, would have put it; else 0 (0, not a
    time stamp, included) */
extern int query_retransmitted (uint32_t last_seen, uint32_t since) ;

 /* query_keep: the status to keep of best (so far) and status (the latest
    answer): ok, then stale, then nomatch, then error */
extern enum answer_status query_keep (enum answer_status best, enum answer_status status) ;

 /* query_delay: microseconds to wait before re-asking after answer n (0
    is the first), or -1 for no re-ask. The delays follow p0f's lag (4 ms,
    then 1, 1, 1, 1, 2, 2, 2, 2, 5, then 10 ms), within wait_left (the -w
    wait). A candidate (a stale record that is this connection's once p0f
    has had time to see the SYN) waits, after the second answer, until
    settle_left when that is longer, and when the usual delay passes -w,
    until settle_left alone. A re-ask starts only
    while deadline_left (the -t time-out) leaves 4 times longest (the
    longest round trip so far), and 5 ms at least. All times in
    microseconds. */
extern int64_t query_delay (unsigned int n, int candidate, int64_t settle_left, int64_t wait_left,
  int64_t deadline_left, int64_t longest) ;

 /* query_run: asks p0f at path about t and decodes the answer into a.
    Re-asks, on new connections, while p0f says "no match" or (p0f 3) its
    record is stale (a record from a SYN's first copy is ok once settled),
    at intervals shaped to p0f's lag (query_delay), until waitdeadline,
    and only while deadline leaves time for a round trip. Counts the
    queries sent in *sent. Returns ANSWER_OK, ANSWER_STALE (a holds the
    stale record), ANSWER_NOMATCH, or ANSWER_ERROR with why worded (why
    may also be set with another status: a failed re-ask). */
extern enum answer_status query_run (answer *a, char const *path, query_target const *t,
  tain const *deadline, tain const *waitdeadline, unsigned int *sent, char *why) ;

#endif
