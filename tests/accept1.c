/* ISC license. */

 /* accept1 [ -b backlog ] [ -w file ] [ -s skip ] addr port prog...:
    listens on addr (IPv4 or IPv6) and port, accepts one connection and
    execs prog with it as fd 0 and fd 1 and the UCSPI variables that
    ucspi-tcp6's tcpserver sets (PROTO=TCP6 for IPv6, TCP6REMOTEIP...): the
    test server for IPv6, as Debian's tcpserver speaks IPv4 only. Says
    "listening" on fd 2 when it is. -b: the listen backlog (8; 0 lets one
    connection wait, and the kernel drops the SYNs after it); -w: accepts
    nothing before file exists (10 s at most); -s: first accepts and closes
    skip connections. */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <unistd.h>

int main (int argc, char **argv)
{
  struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6 } ;
  struct sockaddr_in sa4 = { .sin_family = AF_INET } ;
  int v6, s, c, one = 1 ;
  int backlog = 8, skip = 0 ;
  char const *waitfor = 0 ;
  while (argc > 2 && argv[1][0] == '-' && argv[1][1] && !argv[1][2])
  {
    if (argv[1][1] == 'b') backlog = atoi(argv[2]) ;
    else if (argv[1][1] == 's') skip = atoi(argv[2]) ;
    else if (argv[1][1] == 'w') waitfor = argv[2] ;
    else { fprintf(stderr, "accept1: usage: accept1 [ -b backlog ] [ -w file ] [ -s skip ] addr port prog...\n") ; return 100 ; }
    argc -= 2 ; argv += 2 ;
  }
  if (argc < 4) { fprintf(stderr, "accept1: usage: accept1 addr port prog...\n") ; return 100 ; }
  v6 = !!strchr(argv[1], ':') ;
  if (v6 ? inet_pton(AF_INET6, argv[1], &sa6.sin6_addr) != 1 : inet_pton(AF_INET, argv[1], &sa4.sin_addr) != 1)
  { fprintf(stderr, "accept1: fatal: invalid address %s\n", argv[1]) ; return 100 ; }
  {
    char *end ;
    unsigned long port = strtoul(argv[2], &end, 10) ;
    if (argv[2][0] < '0' || argv[2][0] > '9' || *end || port < 1 || port > 65535)
    { fprintf(stderr, "accept1: fatal: invalid port %s\n", argv[2]) ; return 100 ; }
    sa6.sin6_port = sa4.sin_port = htons((unsigned short)port) ;
  }
  s = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0) ;
  if (s < 0) { perror("accept1: fatal: socket") ; return 111 ; }
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ;
  if ((v6 ? bind(s, (struct sockaddr *)&sa6, sizeof(sa6)) : bind(s, (struct sockaddr *)&sa4, sizeof(sa4))) < 0 || listen(s, backlog) < 0)
  { perror("accept1: fatal: bind or listen") ; return 111 ; }
  fprintf(stderr, "accept1: listening\n") ;
  for (int i = 0 ; waitfor && access(waitfor, F_OK) < 0 && i < 1000 ; i++) usleep(10000) ;
  for (; skip > 0 ; skip--)
  {
    c = accept(s, 0, 0) ;
    if (c >= 0) close(c) ;
  }
  c = accept(s, 0, 0) ;
  if (c < 0) { perror("accept1: fatal: accept") ; return 111 ; }
  {
    struct sockaddr_storage ss ;
    socklen_t len ;
    char ip[INET6_ADDRSTRLEN], port[8] ;
    char const *proto = v6 ? "TCP6" : "TCP" ;
    char name[32] ;
    for (int remote = 0 ; remote < 2 ; remote++)
    {
      len = sizeof(ss) ;
      if ((remote ? getpeername(c, (struct sockaddr *)&ss, &len) : getsockname(c, (struct sockaddr *)&ss, &len)) < 0)
      { perror(remote ? "accept1: fatal: getpeername" : "accept1: fatal: getsockname") ; return 111 ; }
      if (v6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, ip, sizeof(ip)) ;
      else inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, ip, sizeof(ip)) ;
      snprintf(port, sizeof(port), "%u", (unsigned int)ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port)) ;
      snprintf(name, sizeof(name), "%s%sIP", proto, remote ? "REMOTE" : "LOCAL") ;
      setenv(name, ip, 1) ;
      snprintf(name, sizeof(name), "%s%sPORT", proto, remote ? "REMOTE" : "LOCAL") ;
      setenv(name, port, 1) ;
    }
    setenv("PROTO", proto, 1) ;
  }
  close(s) ;
  if (dup2(c, 0) < 0 || dup2(c, 1) < 0) { perror("accept1: fatal: dup2") ; return 111 ; }
  if (c > 1) close(c) ;
  execvp(argv[3], argv + 3) ;
  perror("accept1: fatal: exec") ;
  return 127 ;
}
