/* ISC license. */

 /* subreaper prog...: execs prog as a child subreaper
    (prctl PR_SET_CHILD_SUBREAPER, kept across exec): every orphan among
    prog's descendants is reparented to prog, and prog reaps it, as a
    UCSPI server does when it is PID 1 in a container */

#include <stdio.h>
#include <unistd.h>
#include <sys/prctl.h>

int main (int argc, char **argv)
{
  if (argc < 2) { fputs("subreaper: usage: subreaper prog...\n", stderr) ; return 100 ; }
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) { perror("subreaper: fatal: prctl") ; return 111 ; }
  execvp(argv[1], argv + 1) ;
  perror("subreaper: fatal: exec") ;
  return 127 ;
}
