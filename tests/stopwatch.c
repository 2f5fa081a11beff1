/* ISC license. */

 /* stopwatch FILE prog...: writes CLOCK_MONOTONIC (ns) on FILE's first line
    and CLOCK_REALTIME (ns) on its second, then execs prog. With the probe's
    "clock" line, it times p0f-wrap from exec to exec; the second line tells
    a test the Unix second p0f-wrap cannot have started before. */

#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main (int argc, char **argv)
{
  struct timespec now ;
  FILE *f ;
  if (argc < 3) return 100 ;
  f = fopen(argv[1], "w") ;
  if (!f) return 111 ;
  clock_gettime(CLOCK_MONOTONIC, &now) ;
  fprintf(f, "%lld\n", now.tv_sec * 1000000000LL + now.tv_nsec) ;
  clock_gettime(CLOCK_REALTIME, &now) ;
  fprintf(f, "%lld\n", now.tv_sec * 1000000000LL + now.tv_nsec) ;
  if (fclose(f) == EOF) return 111 ;
  execvp(argv[2], argv + 2) ;
  return 127 ;
}
