/* ISC license. */

 /* execbench N prog args...: runs prog N times, one after the other, and
    prints the median and 95th percentile wall time (microseconds) from fork
    to reaped, and the median peak resident memory (KiB). */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "bench.h"

int main (int argc, char **argv)
{
  int n = argc > 2 ? atoi(argv[1]) : 0 ;
  long *wall, *rss ;
  if (n <= 0) { fprintf(stderr, "usage: execbench N prog args...\n") ; return 100 ; }
  wall = malloc(n * sizeof(long)) ;
  rss = malloc(n * sizeof(long)) ;
  if (!wall || !rss) return 111 ;
  for (int i = 0 ; i < n ; i++)
  {
    struct rusage ru ;
    int status ;
    long t0 = now_us() ;
    pid_t pid = fork() ;
    if (pid < 0) return 111 ;
    if (!pid)
    {
      execv(argv[2], argv + 2) ;
      _exit(127) ;
    }
    if (wait4(pid, &status, 0, &ru) < 0) return 111 ;
    wall[i] = now_us() - t0 ;
    rss[i] = ru.ru_maxrss ;
  }
  qsort(wall, n, sizeof(long), &cmp_long) ;
  qsort(rss, n, sizeof(long), &cmp_long) ;
  printf("%ld %ld %ld\n", wall[n / 2], wall[(n * 95) / 100], rss[n / 2]) ;
  return 0 ;
}
