/* ISC license. */

 /* A qmail-queue stand-in: reads the message on fd 0 to its end, then the
    envelope on fd 1 to its end, as qmail-queue does, and exits $QQ_EXIT if
    the envelope was complete (ends in "\0\0"), else 54 as qmail-queue does.
    With $QQ_DIR it records both in $QQ_DIR/message and $QQ_DIR/envelope,
    its argv, environment and open fds in $QQ_DIR/info, its own peak RSS
    (KiB) in $QQ_DIR/rss or $QQ_RSS, the code it exits with in $QQ_DIR/exit;
    without, it discards them. Misbehaving on demand: $QQ_READ=N stops after
    N bytes of the message and exits $QQ_EXIT at once (no envelope);
    $QQ_CLOSE=N closes fd 0 after N bytes and goes on with the envelope;
    $QQ_HOLD=N writes its parent's pid to $QQ_DIR/held after N bytes and
    waits for $QQ_DIR/go to exist; $QQ_SIGNAL=N kills itself with signal N
    at the end instead of exiting. */

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

static char last[2] ;

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
    if (r >= 2) memcpy(last, buf + r - 2, 2) ;
    else { last[0] = last[1] ; last[1] = buf[0] ; }
    total += r ;
  }
  return total ;
}

static void hold (char const *dir)
{
  char path[4096] ;
  int fd = record(dir, "held") ;
  if (fd < 0) exit(111) ;
  dprintf(fd, "%ld\n", (long)getppid()) ;
  close(fd) ;
  snprintf(path, sizeof(path), "%s/go", dir) ;
  while (access(path, F_OK) < 0) usleep(10000) ;
}

static int finish (char const *dir, int code)
{
  int fd = record(dir, "exit") ;
  if (fd >= 0) { dprintf(fd, "%d\n", code) ; close(fd) ; }
  return code ;
}

int main (int argc, char **argv)
{
  char const *dir = getenv("QQ_DIR") ;
  long long max = getenv("QQ_READ") ? atoll(getenv("QQ_READ")) : -1 ;
  int code = getenv("QQ_EXIT") ? atoi(getenv("QQ_EXIT")) : 0 ;
  int sig = getenv("QQ_SIGNAL") ? atoi(getenv("QQ_SIGNAL")) : 0 ;
  long long holdat = getenv("QQ_HOLD") ? atoll(getenv("QQ_HOLD")) : -1 ;
  long long closeat = getenv("QQ_CLOSE") ? atoll(getenv("QQ_CLOSE")) : -1 ;
  int info = record(dir, "info") ;
  int message ;
  if (info >= 0)
  {
    FILE *f = fdopen(info, "w") ;
    for (int i = 0 ; i < argc ; i++) fprintf(f, "argv %d %s\n", i, argv[i]) ;
    for (char **e = environ ; *e ; e++) fprintf(f, "env %s\n", *e) ;
    for (int fd = 0 ; fd < 1024 ; fd++)
      if (fcntl(fd, F_GETFD) >= 0 && fd != info) fprintf(f, "fd %d\n", fd) ;
    fclose(f) ;
  }
  message = record(dir, "message") ;
  if (holdat >= 0) { drain(0, message, holdat) ; hold(dir) ; }
  if (max >= 0) drain(0, message, max) ;
  else
  {
    drain(0, message, closeat) ;
    if (closeat >= 0) close(0) ;
    memset(last, 1, 2) ;
    if (drain(1, record(dir, "envelope"), -1) < 2 || last[0] || last[1]) code = 54 ;
  }
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
  return finish(dir, code) ;
}
