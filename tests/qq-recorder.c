/* ISC license. */

 /* A qmail-queue stand-in: reads the message on fd 0 to its end, then the
    envelope on fd 1 to its end, as qmail-queue does, and exits $QQ_EXIT.
    With $QQ_DIR it records both in $QQ_DIR/message and $QQ_DIR/envelope,
    its argv, environment and open fds in $QQ_DIR/info, its own peak RSS
    (KiB) in $QQ_DIR/rss or $QQ_RSS; without, it discards them. $QQ_READ=N stops after
    N bytes of the message and exits at once (no envelope); $QQ_SIGNAL=N
    kills itself with signal N at the end instead of exiting. */

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

extern char **environ ;

static int record (char const *dir, char const *name)
{
  char path[4096] ;
  if (!dir) return -1 ;
  snprintf(path, sizeof(path), "%s/%s", dir, name) ;
  return open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) ;
}

static long long drain (int from, int to, long long max)
{
  static char buf[65536] ;
  long long total = 0 ;
  while (max < 0 || total < max)
  {
    size_t want = max >= 0 && max - total < (long long)sizeof(buf) ? (size_t)(max - total) : sizeof(buf) ;
    ssize_t r = read(from, buf, want) ;
    if (r <= 0) break ;
    if (to >= 0 && write(to, buf, r) != r) exit(53) ;
    total += r ;
  }
  return total ;
}

int main (int argc, char **argv)
{
  char const *dir = getenv("QQ_DIR") ;
  long long max = getenv("QQ_READ") ? atoll(getenv("QQ_READ")) : -1 ;
  int code = getenv("QQ_EXIT") ? atoi(getenv("QQ_EXIT")) : 0 ;
  int sig = getenv("QQ_SIGNAL") ? atoi(getenv("QQ_SIGNAL")) : 0 ;
  int info = record(dir, "info") ;
  if (info >= 0)
  {
    FILE *f = fdopen(info, "w") ;
    for (int i = 0 ; i < argc ; i++) fprintf(f, "argv %d %s\n", i, argv[i]) ;
    for (char **e = environ ; *e ; e++) fprintf(f, "env %s\n", *e) ;
    for (int fd = 0 ; fd < 1024 ; fd++)
      if (fcntl(fd, F_GETFD) >= 0 && fd != info) fprintf(f, "fd %d\n", fd) ;
    fclose(f) ;
  }
  drain(0, record(dir, "message"), max) ;
  if (max < 0) drain(1, record(dir, "envelope"), -1) ;
  {
    struct rusage ru ;
    int fd = getenv("QQ_RSS") ? open(getenv("QQ_RSS"), O_WRONLY | O_CREAT | O_TRUNC, 0644) : record(dir, "rss") ;
    if (fd >= 0 && !getrusage(RUSAGE_SELF, &ru)) dprintf(fd, "%ld\n", ru.ru_maxrss) ;
  }
  if (sig)
  {
    signal(sig, SIG_DFL) ;
    raise(sig) ;
  }
  return code ;
}
