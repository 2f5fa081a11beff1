/* ISC license. */

 /* Prints a TCP port that is free on 127.0.0.1 right now. */

#include <stdint.h>

#include <skalibs/buffer.h>
#include <skalibs/ip46.h>
#include <skalibs/socket.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>

int main (void)
{
  char fmt[UINT16_FMT] ;
  char ip[4] ;
  uint16_t port = 0 ;
  int s ;
  PROG = "freeport" ;
  s = socket_tcp4_b() ;
  if (s < 0) strerr_diefu(111, "create a socket") ;
  if (socket_bind4_reuse(s, IP4_LOCAL, 0) < 0) strerr_diefusys(111, "bind") ;
  if (socket_local4(s, ip, &port) < 0) strerr_diefusys(111, "read the local port") ;
  buffer_putnoflush(buffer_1, fmt, uint16_fmt(fmt, port)) ;
  buffer_putsflush(buffer_1, "\n") ;
  return 0 ;
}
