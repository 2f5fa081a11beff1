/* ISC license. */

#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <poll.h>
#include <sys/un.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/posixplz.h>
#include <skalibs/socket.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include <skalibs/unix-timed.h>

#include "line.h"
#include "p0f2.h"
#include "p0f3.h"
#include "query.h"

#define QUERY_READ_MAX 512
#define QUERY_DRAIN_SECS 10
#define QUERY_GRACE_SECS 1
#define QUERY_RESERVE_MS 5
#if P0F2_QUERY_LEN < P0F3_QUERY_LEN || P0F3_ANSWER_LEN < P0F2_ANSWER_LEN || QUERY_READ_MAX <= P0F3_ANSWER_LEN
#error buffer sizes
#endif

 /* sleeps ms and returns 1; 0 at once if that would pass limit (a re-ask
    cut short would come before p0f can know more) */
static int sleep_within (unsigned int ms, tain const *limit)
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
      line_why(why, "unable to create a socket: ", strerror(errno)) ;
      return -1 ;
    }
    if (ipc_timed_connect_g(fd, path, deadline)) return fd ;
    fd_close(fd) ;
    if (errno != EAGAIN) break ;
    if (!sleep_within(1 + (n / 4 < 9 ? n / 4 : 9), deadline))
    {
      line_why(why, "unable to connect to ", path, ": its listen backlog stayed full") ;
      return -1 ;
    }
  }
  line_why(why, "unable to connect to ", path, ": ", strerror(errno)) ;
  return -1 ;
}

static volatile sig_atomic_t caught[NSIG] ;
static void catch (int sig) { caught[sig] = 1 ; }

static int64_t ms_left (tain const *until)
{
  tain d ;
  tain_now_g() ;
  if (!tain_less(&STAMP, until)) return 0 ;
  tain_sub(&d, until, &STAMP) ;
  return (int64_t)d.sec.x * 1000 + d.nano / 1000000 + 1 ;
}

 /* the parent side of late_reader: holds the socket alone (cwd /) until p0f's
    answer is read out, QUERY_DRAIN_SECS at most and QUERY_GRACE_SECS past the
    session's end, passes on the signals a UCSPI server sends to the session,
    reaps the session and exits as it did */
static void late_wait (pid_t pid, int fd, size_t len, int const *forward, unsigned int nforward, sigset_t const *old)
{
  struct sigaction sa = { .sa_handler = &catch } ;
  sigset_t during = *old ;
  tain deadline ;
  int wstat = -1 ;
  if (fd && close_range(0, fd - 1, 0) < 0) for (int i = 0 ; i < fd ; i++) close(i) ;
  if (close_range(fd + 1, ~0U, 0) < 0) for (long i = fd + 1 ; i < sysconf(_SC_OPEN_MAX) ; i++) close(i) ;
  if (chdir("/") < 0) _exit(111) ;
  sigemptyset(&sa.sa_mask) ;
  sigdelset(&during, SIGCHLD) ;
  sigaction(SIGCHLD, &sa, 0) ;
  for (unsigned int i = 0 ; i < nforward ; i++) { sigaction(forward[i], &sa, 0) ; sigdelset(&during, forward[i]) ; }
  tain_now_set_stopwatch_g() ;
  tain_addsec_g(&deadline, QUERY_DRAIN_SECS) ;
   /* a session that ended before the handler was set: POSIX need not keep its SIGCHLD */
  if (waitpid(pid, &wstat, WNOHANG) != pid) wstat = -1 ;
  else tain_addsec_g(&deadline, QUERY_GRACE_SECS) ;
  while (wstat < 0 || fd >= 0)
  {
    struct pollfd x = { .fd = fd, .events = POLLIN } ;
    int64_t ms = fd >= 0 ? ms_left(&deadline) : -1 ;
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000 } ;
    int r = ppoll(&x, fd >= 0, ms >= 0 ? &ts : 0, &during) ;
    if (r < 0 && errno != EINTR) _exit(111) ;
     /* p0f hung: it never writes, closing is safe */
    if (!r && fd >= 0 && !ms_left(&deadline)) { fd_close(fd) ; fd = -1 ; }
    if (r > 0)
    {
      char junk[QUERY_READ_MAX] ;
      ssize_t n = fd_read(fd, junk, len < sizeof(junk) ? len : sizeof(junk)) ;
      if (n > 0) len -= n ;
      if (n <= 0 || !len) { fd_close(fd) ; fd = -1 ; }
    }
    for (unsigned int i = 0 ; i < nforward ; i++)
      if (caught[forward[i]]) { caught[forward[i]] = 0 ; kill(pid, forward[i]) ; }
    if (caught[SIGCHLD])
    {
      caught[SIGCHLD] = 0 ;
      if (wstat < 0 && waitpid(pid, &wstat, WNOHANG) == pid)
      {
        tain grace ;
        tain_addsec_g(&grace, QUERY_GRACE_SECS) ;
        if (tain_less(&grace, &deadline)) deadline = grace ;
      }
    }
  }
  if (WIFSIGNALED(wstat))
  {
    sigset_t one ;
    struct rlimit nocore = { 0, 0 } ;
    setrlimit(RLIMIT_CORE, &nocore) ;  /* the session dumped its core already, if any */
    signal(WTERMSIG(wstat), SIG_DFL) ;
    sigemptyset(&one) ;
    sigaddset(&one, WTERMSIG(wstat)) ;
    sigprocmask(SIG_UNBLOCK, &one, 0) ;
    raise(WTERMSIG(wstat)) ;
    _exit(128 + WTERMSIG(wstat)) ;
  }
  _exit(WEXITSTATUS(wstat)) ;
}

 /* p0f dies when its client closes between its poll() and its write(): with
    an answer pending, the process the UCSPI server forked stays, reads the
    answer out and waits for the session, which a child goes on to run (a
    detached reader, reaped by a tcpserver that is PID 1 or a subreaper,
    would free a -c slot that the session still holds). Returns 1 in the
    child, 0 with errno if it cannot fork; the parent never returns. */
static int late_reader (int fd, size_t len)
{
  static int const forward[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGCONT, SIGWINCH } ;
  struct sigaction dfl = { .sa_handler = SIG_DFL }, chld ;
  sigset_t set, old ;
  pid_t pid ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGCHLD) ;
  for (unsigned int i = 0 ; i < sizeof(forward) / sizeof(*forward) ; i++) sigaddset(&set, forward[i]) ;
  if (sigaction(SIGCHLD, &dfl, &chld) < 0) return 0 ;  /* an inherited SIG_IGN would reap the session for us */
  sigprocmask(SIG_BLOCK, &set, &old) ;
  pid = fork() ;
  if (pid)
  {
    int e = errno ;
    if (pid > 0) late_wait(pid, fd, len, forward, sizeof(forward) / sizeof(*forward), &old) ;
    sigaction(SIGCHLD, &chld, 0) ;
    sigprocmask(SIG_SETMASK, &old, 0) ;
    errno = e ;
    return 0 ;
  }
  sigaction(SIGCHLD, &chld, 0) ;
  sigprocmask(SIG_SETMASK, &old, 0) ;
  return 1 ;
}

int query_exchange (char const *path, char const *query, size_t querylen, char *reply, size_t replylen,
  tain const *deadline, unsigned int *sent, char *why)
{
   /* off the stack, as the buffers below: a large environment leaves little of it */
  static char storage[QUERY_READ_MAX] ;
  char fmt_got[SIZE_FMT], fmt_want[SIZE_FMT] ;
  buffer b ;
  size_t got ;
  int fd ;
  if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
  {
    line_why(why, "unable to connect to ", path, ": ", strerror(ENAMETOOLONG)) ;
    return 0 ;
  }
  fd = connect_retrying(path, deadline, why) ;
  if (fd < 0) return 0 ;
  if (!ipc_timed_send_g(fd, query, querylen, deadline))
  {
    line_why(why, "unable to send a query to ", path, ": ", strerror(errno)) ;
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
      line_why(why, "truncated answer from p0f at ", path, ": ", fmt_got, " of ", fmt_want,
        " bytes, then p0f closed the connection") ;
    else if (errno == ETIMEDOUT && got)
      line_why(why, "unable to read an answer from ", path, ": ", strerror(errno),
        " after ", fmt_got, " of ", fmt_want, " bytes") ;
    else line_why(why, "unable to read an answer from ", path, ": ", strerror(errno)) ;
    if (errno == ETIMEDOUT && !late_reader(fd, replylen - got))
      line_why(why, "p0f was left with an answer pending (unable to fork a reader: ", strerror(errno), ")") ;
    goto err ;
  }
  if (buffer_len(&b))
  {
    fmt_got[size_fmt(fmt_got, got + buffer_len(&b))] = 0 ;
    line_why(why, "malformed answer from p0f at ", path, ": ", fmt_got, " bytes or more, expected ", fmt_want,
      replylen == P0F3_ANSWER_LEN ? " (p0f 3.09b's; a patched p0f such as p0f-mtu or p0f-ng's api2?)"
        : " (p0f 2.0.8's)") ;
    goto err ;
  }
  fd_close(fd) ;
  return 1 ;

 err:
  fd_close(fd) ;
  return 0 ;
}

static enum answer_status ask (answer *a, char const *path, query_target const *t, unsigned int n,
  tain const *deadline, unsigned int *sent, uint32_t *last_seen, char *why)
{
  char query[P0F2_QUERY_LEN] ;
  static char reply[P0F3_ANSWER_LEN] ;
  enum answer_status status ;
  uint32_t id = ((uint32_t)getpid() << 8) + n ;
  if (t->protocol == 2) p0f2_query_pack(query, id, t->client.ip, t->server.ip, t->client_port, t->server_port) ;
  else p0f3_query_pack(query, &t->client) ;
  if (!query_exchange(path, query, t->protocol == 2 ? P0F2_QUERY_LEN : P0F3_QUERY_LEN,
      reply, t->protocol == 2 ? P0F2_ANSWER_LEN : P0F3_ANSWER_LEN, deadline, sent, why))
    return ANSWER_ERROR ;
  answer_zero(a) ;
  status = t->protocol == 2 ? p0f2_answer_unpack(a, reply, id) : p0f3_answer_unpack(a, reply, t->since) ;
  if (status == ANSWER_ERROR)
    line_why(why, errno == EINVAL ? "p0f at " : "malformed answer from p0f at ", path,
      errno == EINVAL ? " rejected the query" : "") ;
  if (status == ANSWER_STALE) *last_seen = p0f3_answer_last_seen(reply) ;
  return status ;
}

int query_retransmitted (uint32_t last_seen, uint32_t since)
{
  return last_seen && last_seen < since && since - last_seen <= QUERY_RETRANS_SECS ;
}

enum answer_status query_keep (enum answer_status best, enum answer_status status)
{
  static unsigned char const rank[ANSWER_STATUSES] = { [ANSWER_OK] = 3, [ANSWER_STALE] = 2, [ANSWER_NOMATCH] = 1 } ;
  return rank[status] > rank[best] ? status : best ;
}

int64_t query_delay (unsigned int n, int candidate, int64_t settle_left, int64_t wait_left,
  int64_t deadline_left, int64_t longest)
{
  int64_t delay = (int64_t)reask_delay(n) * 1000 ;
  int64_t reserve = 4 * longest > QUERY_RESERVE_MS * 1000 ? 4 * longest : QUERY_RESERVE_MS * 1000 ;
  if (candidate)
  {
    if (n && settle_left > delay) delay = settle_left ;
    if (delay > wait_left) delay = settle_left ;  /* past -w: the settle point alone, once */
    return delay > deadline_left - reserve ? -1 : delay ;
  }
  return delay > wait_left || delay > deadline_left - reserve ? -1 : delay ;
}

static int64_t us_left (tain const *until)
{
  tain d ;
  if (!tain_less(&STAMP, until)) return 0 ;
  tain_sub(&d, until, &STAMP) ;
  return (int64_t)d.sec.x * 1000000 + d.nano / 1000 ;
}

enum answer_status query_run (answer *a, char const *path, query_target const *t, tain const *deadline,
  tain const *waitdeadline, unsigned int *sent, char *why)
{
  enum answer_status best = ANSWER_ERROR ;
  int64_t longest = 0 ;
  for (unsigned int n = 0 ;; n++)
  {
    static answer fresh ;
    tain asked ;
    uint32_t last_seen = 0 ;
    int settled, candidate ;
    int64_t delay ;
    enum answer_status status ;
    tain_now_g() ;
    asked = STAMP ;
    settled = !tain_less(&STAMP, &t->settle) ;
    status = ask(&fresh, path, t, n, deadline, sent, &last_seen, why) ;
    if (status == ANSWER_ERROR) return best ;  /* a failed re-ask keeps what p0f said before, with the warning */
    candidate = status == ANSWER_STALE && query_retransmitted(last_seen, t->since) ;
     /* p0f has seen this connection's last SYN by now, and keeps a record from the first copy of a SYN sent again */
    if (candidate && settled) status = ANSWER_OK ;
    if (query_keep(best, status) == status) { best = status ; *a = fresh ; }  /* the latest of the best so far */
    if (best == ANSWER_OK) return best ;
    tain_now_g() ;
    {
      tain rtt ;
      int64_t us ;
      tain_sub(&rtt, &STAMP, &asked) ;
      us = (int64_t)rtt.sec.x * 1000000 + rtt.nano / 1000 ;
      if (us > longest) longest = us ;
    }
    delay = query_delay(n, candidate, us_left(&t->settle), us_left(waitdeadline), us_left(deadline), longest) ;
    if (delay < 0) return best ;
    {
      tain until = { .sec = { .x = (uint64_t)delay / 1000000 }, .nano = (uint32_t)(delay % 1000000) * 1000 } ;
      tain_add_g(&until, &until) ;
      deepsleepuntil_g(&until) ;
    }
  }
}
