/* ISC license. */

 /* qq-feed MESSAGE ENVELOPE prog... [ '|' prog... ]: runs prog as
    qmail-smtpd runs $QMAILQUEUE: the message on fd 0 and the envelope on
    fd 1, both pipes, and notqmail's error channel on fd 6. It writes
    MESSAGE, closes it, then writes ENVELOPE (not when the message could not
    be written), reads fd 6 to its end, then reaps. Prints the exit status,
    what qmail-smtpd would answer, whether writing failed, the wall time in
    microseconds and the largest peak RSS (KiB) of what it reaped. With a
    '|', the first prog writes into the second one (cat | stand-in).
    $FEED_PAUSE_MS: a pause before it closes the message (a client slow to
    send its final dot); $FEED_TIMEOUT: seconds before it gives up on a
    hang (default 120). */

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

static long now_us (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000 ;
}

static void timeout (int sig)
{
  (void)sig ;
  static char const msg[] = "qq-feed: timed out: something holds fd 6 or the pipes open\n" ;
  write(2, msg, sizeof(msg) - 1) ;
  _exit(2) ;
}

static void high (int *fd)
{
  int moved = fcntl(*fd, F_DUPFD, 20) ;
  if (moved < 0) { perror("qq-feed: fcntl") ; exit(111) ; }
  close(*fd) ;
  *fd = moved ;
}

static pid_t run (char **argv, int in, int out, int err6, int const *closing, int n)
{
  pid_t pid = fork() ;
  if (pid < 0) { perror("qq-feed: fork") ; exit(111) ; }
  if (pid) return pid ;
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || (err6 >= 0 && dup2(err6, 6) < 0)) _exit(111) ;
  for (int i = 0 ; i < n ; i++)
    if (closing[i] >= 0) close(closing[i]) ;
  execvp(argv[0], argv) ;
  perror("qq-feed: exec") ;
  _exit(127) ;
}

static int copy (char const *file, int to)
{
  char buf[65536] ;
  int fd = open(file, O_RDONLY) ;
  ssize_t r ;
  if (fd < 0) { perror("qq-feed: open") ; exit(111) ; }
  while ((r = read(fd, buf, sizeof(buf))) > 0)
    for (ssize_t done = 0 ; done < r ; )
    {
      ssize_t w = write(to, buf + done, r - done) ;
      if (w < 0) { close(fd) ; return 0 ; }
      done += w ;
    }
  close(fd) ;
  return 1 ;
}

int main (int argc, char **argv)
{
  int m[2], e[2], six[2], mid[2] = { -1, -1 } ;
  char **second = 0 ;
  pid_t first, other = 0 ;
  int wstat, status, writeok = 1 ;
  long maxrss = 0, start ;
  struct rusage ru ;
  char buf[512] ;
  if (argc < 4) { fprintf(stderr, "usage: qq-feed MESSAGE ENVELOPE prog... [ '|' prog... ]\n") ; return 100 ; }
  for (int i = 3 ; i < argc ; i++)
    if (!strcmp(argv[i], "|")) { argv[i] = 0 ; second = argv + i + 1 ; }
  signal(SIGPIPE, SIG_IGN) ;
  signal(SIGALRM, &timeout) ;
  alarm(getenv("FEED_TIMEOUT") ? atoi(getenv("FEED_TIMEOUT")) : 120) ;
  if (pipe(m) < 0 || pipe(e) < 0 || pipe(six) < 0 || (second && pipe(mid) < 0)) { perror("qq-feed: pipe") ; return 111 ; }
  high(m) ; high(m + 1) ; high(e) ; high(e + 1) ; high(six) ; high(six + 1) ;
  if (second) { high(mid) ; high(mid + 1) ; }
  {
    int all[8] = { m[0], m[1], e[0], e[1], six[0], six[1], mid[0], mid[1] } ;
    start = now_us() ;
    if (second)
    {
      first = run(argv + 3, m[0], mid[1], six[1], all, 8) ;
      other = run(second, mid[0], e[0], six[1], all, 8) ;
      close(mid[0]) ; close(mid[1]) ;
    }
    else first = run(argv + 3, m[0], e[0], six[1], all, 8) ;
  }
  close(m[0]) ; close(e[0]) ; close(six[1]) ;
  writeok = copy(argv[1], m[1]) ;
  if (getenv("FEED_PAUSE_MS")) usleep(atoi(getenv("FEED_PAUSE_MS")) * 1000) ;
  close(m[1]) ;
  if (writeok) copy(argv[2], e[1]) ;
  close(e[1]) ;
  while (read(six[0], buf, sizeof(buf)) > 0) ;
  if (other)
  {
    if (wait4(other, &wstat, 0, &ru) < 0) return 111 ;
    maxrss = ru.ru_maxrss ;
  }
  if (wait4(first, &wstat, 0, &ru) < 0) return 111 ;
  if (ru.ru_maxrss > maxrss) maxrss = ru.ru_maxrss ;
  if (WIFSIGNALED(wstat))
    status = -WTERMSIG(wstat) ;
  else status = WEXITSTATUS(wstat) ;
  if (status < 0) printf("signal %d answer 451", -status) ;
  else printf("exit %d answer %d", status, !status ? (writeok ? 250 : 451) : status >= 11 && status <= 40 ? 554 : 451) ;
  printf(" write %s us %ld maxrss %ld\n", writeok ? "ok" : "error", now_us() - start, maxrss) ;
  return 0 ;
}
