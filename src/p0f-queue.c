/* ISC license. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <skalibs/allreadwrite.h>
#include <skalibs/alloc.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/sig.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>

#include "answer.h"
#include "line.h"
#include "header.h"

extern char **environ ;

#define QMAILQUEUE_DEFAULT "/var/qmail/bin/qmail-queue"
#define MARKER "P0F_QUEUE_PID"

 /* qmail-queue(8)'s temporary codes, for trouble of p0f-queue's own */
#define QQ_NOMEM 51
#define QQ_WRITE 53
#define QQ_READ 54
#define QQ_REFUSED 71
#define QQ_CRASHED 81

 /* every fatal line starts, as p0f-wrap's lines do, with the client's address and the pid */
static char head[LINE_HEAD_MAX] ;
#define die(code, ...) strerr_dief(code, head, __VA_ARGS__)
#define diesys(code, ...) strerr_diefsys(code, head, "unable to ", __VA_ARGS__)

static int is_self (char const *path)
{
  struct stat self, target ;
  if (stat("/proc/self/exe", &self) < 0 || stat(path, &target) < 0) return 0 ;
  return self.st_dev == target.st_dev && self.st_ino == target.st_ino ;
}

 /* the message or the envelope is not whole: close both pipes, so that
    qmail-queue (or whatever a filter started) gets no complete envelope and
    refuses, removing its own files; a kill could fail (a setuid filter) and
    leave both sides waiting */
static void abandon (pid_t pid, int const *fds, int code, char const *what)
{
  int e = errno ;
  int wstat ;
  if (fds[0] >= 0) fd_close(fds[0]) ;
  if (fds[1] >= 0) fd_close(fds[1]) ;
  wait_pid(pid, &wstat) ;
  errno = e ;
  diesys(code, what) ;
}

static int qq_result (pid_t pid, char const *name)
{
  int wstat ;
  if (wait_pid(pid, &wstat) < 0) diesys(QQ_CRASHED, "wait for ", name) ;
  if (WIFSIGNALED(wstat))
  {
    char fmt[INT_FMT] ;
    fmt[int_fmt(fmt, WTERMSIG(wstat))] = 0 ;
    die(QQ_CRASHED, name, " crashed: signal ", fmt) ;
  }
  return WEXITSTATUS(wstat) ;
}

 /* from to to until EOF: 1, 0 on a read error, -1 on a write error */
static int copy (int from, int to, char *buf, size_t size)
{
  for (;;)
  {
    ssize_t r = fd_read(from, buf, size) ;
    if (r < 0) return 0 ;
    if (!r) return 1 ;
    if (allwrite(to, buf, r) < (size_t)r) return -1 ;
  }
}

int main (int argc, char const *const *argv)
{
  stralloc header = STRALLOC_ZERO ;
  char const *values[ANSWER_FIELDS] ;
  char const *qq = getenv("P0F_QMAILQUEUE") ;
  char const *qqargv[2] ;
  char name[80] = "" ;
  char modifs[sizeof("QMAILQUEUE") + sizeof(MARKER "=") + PID_FMT] = "QMAILQUEUE\0" MARKER "=" ;
  size_t modiflen = sizeof("QMAILQUEUE") + sizeof(MARKER "=") - 1 ;
  size_t envlen = env_len((char const *const *)environ) ;
  char const **qqenv ;
  static char buf[65536] ;  /* off the stack: a large environment leaves little of it (issue 19) */
  int message, envelope[2], source, r ;
  int open_ends[2] ;
  pid_t pid ;
  PROG = "p0f-queue" ;
  (void)argc ; (void)argv ;
  {
    char const *remote = ucspi_get("REMOTEIP") ;  /* ${PROTO}REMOTEIP, as qmail-smtpd got it */
    line_head(head, remote ? remote : getenv("TCPREMOTEIP"), getpid()) ;
  }

  if (getenv(MARKER))
  {
    line_cat(name, sizeof(name), getenv(MARKER)) ;
    die(QQ_REFUSED, "refusing to run under another p0f-queue, a loop: " MARKER "=", name) ;
  }
  if (!qq || !*qq) qq = QMAILQUEUE_DEFAULT ;
  line_cat(name, sizeof(name), qq) ;
  if (!strchr(qq, '/')) die(QQ_REFUSED, "$P0F_QMAILQUEUE is not a path: ", name) ;
  if (is_self(qq)) die(QQ_REFUSED, "refusing to run myself as qmail-queue: ", name) ;

   /* qmail-queue gets QMAILQUEUE unset, since it names p0f-queue, and the marker */
  modiflen += pid_fmt(modifs + modiflen, getpid()) ;
  modifs[modiflen++] = 0 ;
  qqenv = alloc((envlen + 3) * sizeof(char const *)) ;
  if (!qqenv) diesys(QQ_NOMEM, "build the environment of ", name) ;
  if (!env_merge(qqenv, envlen + 3, (char const *const *)environ, envlen, modifs, modiflen))
    diesys(QQ_NOMEM, "build the environment of ", name) ;

   /* skalibs' child_spawn* give a child pipes it reads on fd 0 only:
      qmail-queue's envelope pipe is put on fd 1 here, to be inherited */
  source = fcntl(1, F_DUPFD_CLOEXEC, 3) ;
  if (source < 0) diesys(QQ_READ, "read the envelope") ;
  if (pipecoe(envelope) < 0) diesys(QQ_REFUSED, "create a pipe") ;
  if (fd_move(1, envelope[0]) < 0) diesys(QQ_REFUSED, "move a pipe to fd 1") ;
  qqargv[0] = qq ; qqargv[1] = 0 ;
  pid = child_spawn1_pipe(qq, qqargv, qqenv, &message, 0) ;
  {
    int e = errno ;
    alloc_free(qqenv) ;  /* the child has its copy */
    errno = e ;
  }
  if (!pid) diesys(errno == ENOMEM || errno == EAGAIN ? QQ_NOMEM : QQ_REFUSED, "spawn ", name) ;
  open_ends[0] = message ;
  open_ends[1] = envelope[1] ;
  if (fd_move(1, source) < 0) abandon(pid, open_ends, QQ_READ, "read the envelope") ;
  if (sig_ignore(SIGPIPE) < 0) abandon(pid, open_ends, QQ_REFUSED, "ignore SIGPIPE") ;

  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++) values[i] = getenv(answer_names[i]) ;
  if (!header_build(&header, values)) abandon(pid, open_ends, QQ_NOMEM, "build the header") ;
  r = allwrite(message, header.s, header.len) < header.len ? -1 : copy(0, message, buf, sizeof(buf)) ;
  {
    int e = errno ;
    stralloc_free(&header) ;
    errno = e ;
  }
  if (!r) abandon(pid, open_ends, QQ_READ, "read the message") ;
  if (r < 0 && errno != EPIPE) abandon(pid, open_ends, QQ_WRITE, "write the message") ;
  fd_close(message) ;
  open_ends[0] = -1 ;
  if (r > 0)
  {
    r = copy(1, envelope[1], buf, sizeof(buf)) ;
    if (!r) abandon(pid, open_ends, QQ_READ, "read the envelope") ;
    if (r < 0 && errno != EPIPE) abandon(pid, open_ends, QQ_WRITE, "write the envelope") ;
  }
  fd_close(envelope[1]) ;
   /* qmail-queue stopped reading: qmail-smtpd must see its writes fail, as without p0f-queue, or it waits forever */
  if (r < 0) { fd_close(0) ; fd_close(1) ; }
  {
    int code = qq_result(pid, name) ;
    if (r > 0 || code) return code ;
  }
  die(QQ_WRITE, name, " exited 0 before it read the whole message and envelope") ;
}
