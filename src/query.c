/* ISC license. */

#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/un.h>

#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/posixplz.h>
#include <skalibs/socket.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include <skalibs/unix-timed.h>

#include "p0f2.h"
#include "p0f3.h"
#include "query.h"

#define QUERY_READ_MAX 512
#define QUERY_DRAIN_SECS 10
#define QUERY_RESERVE_MS 5
#if P0F2_QUERY_LEN < P0F3_QUERY_LEN || P0F3_ANSWER_LEN < P0F2_ANSWER_LEN || QUERY_READ_MAX <= P0F3_ANSWER_LEN
#error buffer sizes
#endif

 /* sleeps ms and returns 1; 0 at once if that would pass limit (a re-ask cut short would come before p0f can know more) */
static int sleep_until (unsigned int ms, tain const *limit)
{
  tain until ;
  tain_now_g() ;
  tain_from_millisecs(&until, ms) ;
  tain_add_g(&until, &until) ;
  if (tain_less(limit, &until)) return 0 ;
  deepsleepuntil_g(&until) ;
  return 1 ;
}

 /* p0f 3 knows a connection about 4 ms after p0f-wrap starts (its capture hands it packets every 5 ms), then soon */
static unsigned int reask_delay (unsigned int n)
{
  static unsigned char const ms[] = { 4, 1, 1, 1, 1, 2, 2, 2, 2, 5 } ;
  return n < sizeof(ms) ? ms[n] : 10 ;
}

static int connect_retrying (char const *path, tain const *deadline, char *why)
{
  for (unsigned int n = 0 ;; n++)
  {
    int fd = ipc_stream_nbcoe() ;
    if (fd < 0)
    {
      why_add(why, "unable to create a socket: ", strerror(errno)) ;
      return -1 ;
    }
    if (ipc_timed_connect_g(fd, path, deadline)) return fd ;
    fd_close(fd) ;
    if (errno != EAGAIN) break ;
    if (!sleep_until(1 + (n / 4 < 9 ? n / 4 : 9), deadline))
    {
      why_add(why, "unable to connect to ", path, ": its listen backlog stayed full") ;
      return -1 ;
    }
  }
  why_add(why, "unable to connect to ", path, ": ", strerror(errno)) ;
  return -1 ;
}

 /* p0f dies of SIGPIPE when its client closes with an answer pending: a detached child reads it out, holding nothing else */
static int drain_detached (int fd, size_t len)
{
  char storage[QUERY_READ_MAX] ;
  char junk[QUERY_READ_MAX] ;
  buffer b ;
  tain deadline ;
  pid_t pid = doublefork() ;
  if (pid) return pid > 0 ;
  if (fd && close_range(0, fd - 1, 0) < 0) for (int i = 0 ; i < fd ; i++) close(i) ;
  if (close_range(fd + 1, ~0U, 0) < 0) for (long i = fd + 1 ; i < sysconf(_SC_OPEN_MAX) ; i++) close(i) ;
  if (chdir("/") < 0) _exit(111) ;
  tain_now_g() ;
  tain_addsec_g(&deadline, QUERY_DRAIN_SECS) ;
  buffer_init(&b, &buffer_read, fd, storage, sizeof(storage)) ;
  buffer_timed_get_g(&b, junk, len, &deadline) ;
  _exit(0) ;
}

int query_exchange (char const *path, char const *query, size_t querylen, char *reply, size_t replylen, tain const *deadline, unsigned int *sent, char *why)
{
  char storage[QUERY_READ_MAX] ;
  char fmt_got[SIZE_FMT], fmt_want[SIZE_FMT] ;
  buffer b ;
  size_t got ;
  int fd ;
  if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
  {
    why_add(why, "unable to connect to ", path, ": ", strerror(ENAMETOOLONG)) ;
    return 0 ;
  }
  fd = connect_retrying(path, deadline, why) ;
  if (fd < 0) return 0 ;
  if (!ipc_timed_send_g(fd, query, querylen, deadline))
  {
    why_add(why, "unable to send a query to ", path, ": ", strerror(errno)) ;
    goto err ;
  }
  ++*sent ;
  buffer_init(&b, &buffer_read, fd, storage, sizeof(storage)) ;
  errno = 0 ;
  got = buffer_timed_get_g(&b, reply, replylen, deadline) ;
  fmt_got[size_fmt(fmt_got, got)] = 0 ;
  fmt_want[size_fmt(fmt_want, replylen)] = 0 ;
  if (got < replylen)
  {
    if (!errno)
      why_add(why, "truncated answer from p0f at ", path, ": ", fmt_got, " of ", fmt_want, " bytes, then p0f closed the connection") ;
    else if (errno == ETIMEDOUT && got)
      why_add(why, "unable to read an answer from ", path, ": ", strerror(errno), " after ", fmt_got, " of ", fmt_want, " bytes") ;
    else why_add(why, "unable to read an answer from ", path, ": ", strerror(errno)) ;
    if (errno == ETIMEDOUT && !drain_detached(fd, replylen - got))
      why_add(why, "p0f was left with an answer pending (unable to fork a reader: ", strerror(errno), ")") ;
    goto err ;
  }
  if (buffer_len(&b))
  {
    fmt_got[size_fmt(fmt_got, got + buffer_len(&b))] = 0 ;
    why_add(why, "malformed answer from p0f at ", path, ": ", fmt_got, " bytes or more, expected ", fmt_want,
      replylen == P0F3_ANSWER_LEN ? " (p0f 3.09b's; a patched p0f such as p0f-mtu or p0f-ng's api2?)" : " (p0f 2.0.8's)") ;
    goto err ;
  }
  fd_close(fd) ;
  return 1 ;

 err:
  fd_close(fd) ;
  return 0 ;
}

static enum answer_status ask (answer *a, char const *path, query_target const *t, unsigned int n, tain const *deadline, unsigned int *sent, char *why)
{
  char query[P0F2_QUERY_LEN] ;
  char reply[P0F3_ANSWER_LEN] ;
  enum answer_status status ;
  uint32_t id = ((uint32_t)getpid() << 8) + n ;
  if (t->protocol == 2) p0f2_query_pack(query, id, t->client.ip, t->server.ip, t->client_port, t->server_port) ;
  else p0f3_query_pack(query, &t->client) ;
  if (!query_exchange(path, query, t->protocol == 2 ? P0F2_QUERY_LEN : P0F3_QUERY_LEN, reply, t->protocol == 2 ? P0F2_ANSWER_LEN : P0F3_ANSWER_LEN, deadline, sent, why))
    return ANSWER_ERROR ;
  answer_zero(a) ;
  status = t->protocol == 2 ? p0f2_answer_unpack(a, reply, id) : p0f3_answer_unpack(a, reply, t->since) ;
  if (status == ANSWER_ERROR)
    why_add(why, errno == EINVAL ? "p0f at " : "malformed answer from p0f at ", path, errno == EINVAL ? " rejected the query" : "") ;
  return status ;
}

enum answer_status query_run (answer *a, char const *path, query_target const *t, tain const *deadline, tain const *waitdeadline, unsigned int *sent, char *why)
{
  enum answer_status best = ANSWER_ERROR ;
  tain longest = TAIN_ZERO ;
  for (unsigned int n = 0 ;; n++)
  {
    answer fresh ;
    tain start, limit, reserve ;
    enum answer_status status ;
    tain_now_g() ;
    start = STAMP ;
    status = ask(&fresh, path, t, n, deadline, sent, why) ;
    if (status == ANSWER_OK || status == ANSWER_STALE) *a = fresh ;
    if (status == ANSWER_OK || (status == ANSWER_ERROR && best == ANSWER_ERROR)) return status ;
    if (status == ANSWER_ERROR) return best ;
    if (best != ANSWER_STALE) best = status ;
     /* a re-ask starts only while the deadline leaves it 4 times the longest round trip, 5 ms at least */
    tain_now_g() ;
    tain_sub(&start, &STAMP, &start) ;
    if (tain_less(&longest, &start)) longest = start ;
    tain_from_millisecs(&reserve, QUERY_RESERVE_MS) ;
    tain_add(&start, &longest, &longest) ;
    tain_add(&start, &start, &start) ;
    if (tain_less(&reserve, &start)) reserve = start ;
    tain_sub(&limit, deadline, &reserve) ;
    if (tain_less(waitdeadline, &limit)) limit = *waitdeadline ;
    if (!sleep_until(reask_delay(n), &limit)) return best ;
  }
}
