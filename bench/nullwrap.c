/* ISC license. */

 /* A wrapper that does nothing but exec the rest of its argv, linked fully
    static: the floor for any program in an exec chain on this machine. */

#include <unistd.h>

int main (int argc, char **argv)
{
  if (argc < 2) return 100 ;
  execv(argv[1], argv + 1) ;
  return 127 ;
}
