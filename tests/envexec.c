/* ISC license. */

 /* envexec VAR=VALUE... -- prog args...: execs prog with exactly these
    environment entries, in this order, duplicates included (env(1) would
    keep one copy of each name) */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main (int argc, char **argv)
{
  int i = 1 ;
  while (i < argc && strcmp(argv[i], "--")) i++ ;
  if (i + 1 >= argc) { fputs("usage: envexec VAR=VALUE... -- prog args...\n", stderr) ; return 100 ; }
  argv[i] = 0 ;
  {
    char *envp[i] ;
    for (int j = 1 ; j < i ; j++) envp[j - 1] = argv[j] ;
    envp[i - 1] = 0 ;
    execve(argv[i + 1], argv + i + 1, envp) ;
  }
  perror("envexec: exec") ;
  return 127 ;
}
