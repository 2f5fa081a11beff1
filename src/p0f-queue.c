/* ISC license. */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/sig.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>

#include "answer.h"
#include "header.h"

extern char **environ ;

#define QMAILQUEUE_DEFAULT "/var/qmail/bin/qmail-queue"

 /* qmail-queue(8)'s temporary codes, for trouble of p0f-queue's own */
#define QQ_NOMEM 51
#define QQ_WRITE 53
#define QQ_READ 54
#define QQ_REFUSED 71
#define QQ_CRASHED 81

static int is_self (char const *path)
{
  struct stat self, target ;
  if (stat("/proc/self/exe", &self) < 0 || stat(path, &target) < 0) return 0 ;
  return self.st_dev == target.st_dev && self.st_ino == target.st_ino ;
}

 /* the message is not whole: qmail-queue must never see its end */
static void abandon (pid_t pid, int code, char const *what)
{
  int e = errno ;
  int wstat ;
  kill(pid, SIGKILL) ;
  wait_pid(pid, &wstat) ;
  errno = e ;
  strerr_diefusys(code, what) ;
}

static int qq_result (pid_t pid, char const *qq)
{
  int wstat ;
  if (wait_pid(pid, &wstat) < 0) strerr_diefusys(QQ_CRASHED, "wait for ", qq) ;
  if (WIFSIGNALED(wstat))
  {
    char fmt[INT_FMT] ;
    fmt[int_fmt(fmt, WTERMSIG(wstat))] = 0 ;
    strerr_dief(QQ_CRASHED, qq, " crashed: signal ", fmt) ;
  }
  return WEXITSTATUS(wstat) ;
}

int main (int argc, char const *const *argv)
{
  stralloc header = STRALLOC_ZERO ;
  char const *values[ANSWER_FIELDS] ;
  char const *qq = getenv("P0F_QMAILQUEUE") ;
  char const *qqargv[2] ;
  char buf[65536] ;
  pid_t pid ;
  int fd ;
  PROG = "p0f-queue" ;
  (void)argc ; (void)argv ;

  if (!qq || !*qq) qq = QMAILQUEUE_DEFAULT ;
  if (!strchr(qq, '/')) strerr_dief(QQ_REFUSED, "$P0F_QMAILQUEUE is not a path: ", qq) ;
  if (is_self(qq)) strerr_dief(QQ_REFUSED, "refusing to run myself as qmail-queue: ", qq) ;

  qqargv[0] = qq ; qqargv[1] = 0 ;
  pid = child_spawn1_pipe(qq, qqargv, (char const *const *)environ, &fd, 0) ;
  if (!pid) strerr_diefusys(errno == ENOMEM || errno == EAGAIN ? QQ_NOMEM : QQ_REFUSED, "spawn ", qq) ;
  if (sig_ignore(SIGPIPE) < 0) abandon(pid, QQ_REFUSED, "ignore SIGPIPE") ;

  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++) values[i] = getenv(answer_names[i]) ;
  if (!header_build(&header, values)) abandon(pid, QQ_NOMEM, "build the header") ;
  if (allwrite(fd, header.s, header.len) < header.len) goto writefail ;
  stralloc_free(&header) ;
  for (;;)
  {
    ssize_t r = fd_read(0, buf, sizeof(buf)) ;
    if (r < 0) abandon(pid, QQ_READ, "read the message") ;
    if (!r) break ;
    if (allwrite(fd, buf, r) < (size_t)r) goto writefail ;
  }
  fd_close(fd) ;
  return qq_result(pid, qq) ;

 writefail:
  stralloc_free(&header) ;
  if (errno != EPIPE) abandon(pid, QQ_WRITE, "write the message") ;
  fd_close(fd) ;
  {
    int code = qq_result(pid, qq) ;
    if (code) return code ;
  }
  strerr_dief(QQ_WRITE, qq, " exited 0 before it read the whole message") ;
}
