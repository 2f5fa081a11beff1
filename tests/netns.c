/* ISC license. */

 /* netns prog...: runs prog in a network namespace of its own with only lo,
    up: its loopback traffic, its ports, the firewall rules it adds are its
    own and go with it, and no other run's p0f on lo sees its connections.
    Needs CAP_SYS_ADMIN; exits 111 before running prog when it cannot. */

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

int main (int argc, char **argv)
{
  struct ifreq ifr ;
  int s ;
  if (argc < 2) { fputs("netns: usage: netns prog...\n", stderr) ; return 100 ; }
  if (unshare(CLONE_NEWNET) < 0) { fprintf(stderr, "netns: unable to unshare the network namespace: %s\n", strerror(errno)) ; return 111 ; }
  s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0) ;
  if (s < 0) { fprintf(stderr, "netns: unable to create a socket: %s\n", strerror(errno)) ; return 111 ; }
  memset(&ifr, 0, sizeof(ifr)) ;
  strcpy(ifr.ifr_name, "lo") ;
  if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) { fprintf(stderr, "netns: unable to read lo's flags: %s\n", strerror(errno)) ; return 111 ; }
  ifr.ifr_flags |= IFF_UP ;
  if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) { fprintf(stderr, "netns: unable to set lo up: %s\n", strerror(errno)) ; return 111 ; }
  close(s) ;
  execvp(argv[1], argv + 1) ;
  fprintf(stderr, "netns: unable to exec %s: %s\n", argv[1], strerror(errno)) ;
  return 127 ;
}
