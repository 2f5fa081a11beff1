/* ISC license. */

 /* The program p0f-wrap execs in the tests: reports its argv, environment,
    open fds, signal dispositions and mask, and with -i what it reads on fd 0. */

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ ;

int main (int argc, char **argv)
{
  struct timespec start ;
  sigset_t mask ;
  int readin = argc > 1 && !strcmp(argv[1], "-i") ;
  clock_gettime(CLOCK_MONOTONIC, &start) ;
  printf("clock %lld\n", start.tv_sec * 1000000000LL + start.tv_nsec) ;
  printf("uid %u gid %u\n", (unsigned int)getuid(), (unsigned int)getgid()) ;
  for (int i = 0 ; i < argc ; i++) printf("argv %d %s\n", i, argv[i]) ;
  for (char **e = environ ; *e ; e++) printf("env %s\n", *e) ;
  for (int fd = 0 ; fd < 1024 ; fd++)
    if (fcntl(fd, F_GETFD) >= 0) printf("fd %d\n", fd) ;
  sigprocmask(SIG_BLOCK, 0, &mask) ;
  for (int sig = 1 ; sig < NSIG ; sig++)
  {
    struct sigaction sa ;
    if (sigismember(&mask, sig) == 1) printf("sigmask %d\n", sig) ;
    if (sigaction(sig, 0, &sa) == 0 && sa.sa_handler == SIG_IGN) printf("sigign %d\n", sig) ;
  }
  if (readin)
  {
    char buf[4096] ;
    ssize_t n ;
    fputs("stdin ", stdout) ;
    while ((n = read(0, buf, sizeof(buf))) > 0) fwrite(buf, 1, n, stdout) ;
    fputs("\n", stdout) ;
  }
  printf("end\n") ;
  return 0 ;
}
