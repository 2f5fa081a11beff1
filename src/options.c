/* ISC license. */

#include <stdlib.h>

#include <skalibs/sgetopt.h>
#include <skalibs/types.h>

#include "addr.h"
#include "options.h"

static int millisecs_scan (char const *s, unsigned int *ms, unsigned int min)
{
  unsigned int u ;
  if (!uint0_scan(s, &u)) return 0 ;
  if (u < min || u > OPTIONS_MILLISECS_MAX) return 0 ;
  *ms = u ;
  return 1 ;
}

static void env_invalid (options *o, char const *name, char const *value)
{
  if (!o->envname)
  {
    o->envname = name ;
    o->envvalue = value ;
  }
}

enum options_error options_parse (options *o, int argc, char const *const *argv)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char const *timeout = 0 ;
  char const *x ;
  o->protocol = 3 ;
  o->socket = 0 ;
  o->timeout = OPTIONS_TIMEOUT_DEFAULT ;
  o->wait = OPTIONS_WAIT_DEFAULT ;
  o->verbosity = 1 ;
  o->haslocal = 0 ;
  o->bad = 0 ;
  o->envname = 0 ;
  o->envvalue = 0 ;
  o->prog = 0 ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "23s:t:w:l:qv", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case '2' : o->protocol = 2 ; break ;
      case '3' : o->protocol = 3 ; break ;
      case 's' : o->socket = l.arg ; break ;
      case 't' : timeout = l.arg ; break ;
      case 'w' :
        if (!millisecs_scan(l.arg, &o->wait, 0)) { o->bad = l.arg ; return OPTIONS_BADWAIT ; }
        break ;
      case 'l' :
        if (!addr_scan(l.arg, &o->local)) { o->bad = l.arg ; return OPTIONS_BADLOCAL ; }
        o->haslocal = 1 ;
        break ;
      case 'q' : o->verbosity = 0 ; break ;
      case 'v' : o->verbosity = 2 ; break ;
      default : return OPTIONS_USAGE ;
    }
  }
  if (o->protocol == 2 && o->haslocal && o->local.is6) { o->bad = "p0f 2 needs an IPv4 address" ; return OPTIONS_BADLOCAL ; }
  if (l.ind >= argc) return OPTIONS_USAGE ;
  o->prog = argv + l.ind ;
  if (timeout)
  {
    if (!millisecs_scan(timeout, &o->timeout, 1)) { o->bad = timeout ; return OPTIONS_BADTIMEOUT ; }
  }
  else if ((x = getenv("P0F_TIMEOUT")) && !millisecs_scan(x, &o->timeout, 1))
    env_invalid(o, "P0F_TIMEOUT", x) ;
  if (!o->socket)
  {
    x = getenv("P0F_SOCKET") ;
    if (x && !*x) env_invalid(o, "P0F_SOCKET", x) ;
    o->socket = x && *x ? x : OPTIONS_SOCKET_DEFAULT ;
  }
  if (!*o->socket) { o->bad = o->socket ; return OPTIONS_USAGE ; }
  if (o->wait > o->timeout) o->wait = o->timeout ;
  return OPTIONS_OK ;
}
