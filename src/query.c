/* ISC license. */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/un.h>

#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/posixplz.h>
#include <skalibs/iopause.h>
#include <skalibs/socket.h>
#include <skalibs/tai.h>
#include <skalibs/unix-timed.h>

#include "p0f2.h"
#include "p0f3.h"
#include "query.h"

#define QUERY_ANSWER_MAX P0F3_ANSWER_LEN
#define QUERY_DRAIN_SECS 10
#if P0F2_QUERY_LEN < P0F3_QUERY_LEN || P0F3_ANSWER_LEN < P0F2_ANSWER_LEN
#error buffer sizes
#endif

int query_sleep (unsigned int ms, tain const *limit)
{
  tain until ;
  tain_now_g() ;
  if (!tain_less(&STAMP, limit)) return 0 ;
  tain_from_millisecs(&until, ms) ;
  tain_add_g(&until, &until) ;
  deepsleepuntil_g(tain_less(limit, &until) ? limit : &until) ;
  return 1 ;
}

static unsigned int retry_delay (unsigned int n)
{
  unsigned int ms = 1 + n / 4 ;
  return ms > 10 ? 10 : ms ;
}

static int connect_retrying (char const *path, tain const *deadline, char const **failed)
{
  *failed = "connect to" ;
  for (unsigned int n = 0 ;; n++)
  {
    int fd = ipc_stream_nbcoe() ;
    if (fd < 0) return -1 ;
    if (ipc_timed_connect_g(fd, path, deadline)) return fd ;
    fd_close(fd) ;
    if (errno != EAGAIN) return -1 ;
    *failed = "connect (its listen backlog stayed full) to" ;
    if (!query_sleep(retry_delay(n), deadline)) return (errno = ETIMEDOUT, -1) ;
  }
}

 /* p0f dies of SIGPIPE when its client closes with an answer pending: a detached child reads it out */
static void drain_detached (int fd, size_t len)
{
  char storage[QUERY_ANSWER_MAX + 1] ;
  char junk[QUERY_ANSWER_MAX] ;
  buffer b ;
  tain deadline ;
  if (doublefork()) return ;
  close(0) ;
  close(1) ;
  close(2) ;
  tain_now_g() ;
  tain_addsec_g(&deadline, QUERY_DRAIN_SECS) ;
  buffer_init(&b, &buffer_read, fd, storage, len + 1) ;
  buffer_timed_get_g(&b, junk, len, &deadline) ;
  _exit(0) ;
}

int query_exchange (char const *path, char const *query, size_t querylen, char *reply, size_t replylen, tain const *deadline, char const **failed)
{
  char storage[QUERY_ANSWER_MAX + 1] ;
  buffer b ;
  size_t got ;
  int fd ;
  if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
  {
    *failed = "connect to" ;
    return (errno = ENAMETOOLONG, 0) ;
  }
  fd = connect_retrying(path, deadline, failed) ;
  if (fd < 0) return 0 ;
  if (!ipc_timed_send_g(fd, query, querylen, deadline))
  {
    *failed = "send a query to" ;
    goto err ;
  }
  buffer_init(&b, &buffer_read, fd, storage, replylen + 1) ;
  errno = 0 ;
  got = buffer_timed_get_g(&b, reply, replylen, deadline) ;
  if (got < replylen)
  {
    *failed = "read an answer from" ;
    if (!errno) errno = EPIPE ;
    else if (errno == ETIMEDOUT)
    {
      drain_detached(fd, replylen - got) ;
      errno = ETIMEDOUT ;
    }
    goto err ;
  }
  fd_close(fd) ;
  return 1 ;

 err:
  {
    int e = errno ;
    fd_close(fd) ;
    errno = e ;
  }
  return 0 ;
}

enum answer_status query_run (answer *a, unsigned int protocol, char const *path, query_target const *t, tain const *deadline, tain const *waitdeadline, query_stats *st)
{
  char query[P0F2_QUERY_LEN] ;
  char reply[QUERY_ANSWER_MAX] ;
  for (unsigned int n = 0 ;; n++)
  {
    enum answer_status status ;
    uint32_t id = t->id + n ;
    st->queries++ ;
    if (protocol == 2)
    {
      p0f2_query_pack(query, id, t->client.ip, t->server.ip, t->client_port, t->server_port) ;
      if (!query_exchange(path, query, P0F2_QUERY_LEN, reply, P0F2_ANSWER_LEN, deadline, &st->failed)) return ANSWER_ERROR ;
      status = p0f2_answer_unpack(a, reply, id) ;
    }
    else
    {
      p0f3_query_pack(query, &t->client) ;
      if (!query_exchange(path, query, P0F3_QUERY_LEN, reply, P0F3_ANSWER_LEN, deadline, &st->failed)) return ANSWER_ERROR ;
      status = p0f3_answer_unpack(a, reply) ;
    }
    if (status != ANSWER_NOMATCH) return status ;
    if (!query_sleep(retry_delay(n), waitdeadline)) return ANSWER_NOMATCH ;
  }
}
