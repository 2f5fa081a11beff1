/* ISC license. */

 /* stopwatch FILE prog...: writes CLOCK_MONOTONIC (ns) to FILE, then execs
    prog. With the probe's "clock" line, it times p0f-wrap from exec to exec. */

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
  fclose(f) ;
  execvp(argv[2], argv + 2) ;
  return 127 ;
}
