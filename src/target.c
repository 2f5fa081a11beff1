/* ISC license. */

#include <stdlib.h>
#include <string.h>

#include <skalibs/types.h>

#include "addr.h"
#include "target.h"
#include "ucspi.h"

static int unset (report *problem, char const *what, char const *name)
{
  char const *proto = getenv("PROTO") ;
  report_cat(problem, "no ") ;
  report_cat(problem, what) ;
  report_cat(problem, ": $") ;
  if (proto && strcmp(proto, "TCP"))
  {
    report_cat(problem, proto) ;
    report_cat(problem, name + 3) ;
    report_cat(problem, " and $") ;
  }
  report_cat(problem, name) ;
  report_cat(problem, " not set") ;
  return 0 ;
}

static int invalid (report *problem, char const *what, char const *name)
{
  report_cat(problem, "invalid ") ;
  report_cat(problem, what) ;
  report_cat(problem, " in $") ;
  report_cat(problem, name) ;
  return 0 ;
}

static int address_get (ip46 *ip, char const *var, char const *what, report *problem, char const **value)
{
  char name[UCSPI_NAME_MAX] ;
  *value = ucspi_env(name, var) ;
  if (!*value) return unset(problem, what, name) ;
  if (!addr_scan(*value, ip)) return invalid(problem, what, name) ;
  return 1 ;
}

static int port_get (uint16_t *port, char const *var, char const *what, report *problem)
{
  char name[UCSPI_NAME_MAX] ;
  char const *x = ucspi_env(name, var) ;
  if (!x) return unset(problem, what, name) ;
  if (!uint160_scan(x, port)) return invalid(problem, what, name) ;
  return 1 ;
}

int target_get (query_target *t, options const *o, report *problem)
{
  char const *x ;
  if (!address_get(&t->client, "REMOTEIP", "client address", problem, &t->remote)) return 0 ;
  if (o->protocol == 3) return 1 ;
  if (t->client.is6)
  {
    report_cat(problem, "p0f 2 cannot look up IPv6 clients") ;
    return 0 ;
  }
  if (!port_get(&t->client_port, "REMOTEPORT", "client port", problem)) return 0 ;
  if (o->haslocal) t->server = o->local ;
  else if ((x = getenv("P0F_LOCAL_IP")))
  {
    if (!addr_scan(x, &t->server)) return invalid(problem, "local address", "P0F_LOCAL_IP") ;
  }
  else if (!address_get(&t->server, "LOCALIP", "local address", problem, &x)) return 0 ;
  if (t->server.is6)
  {
    report_cat(problem, "p0f 2 cannot look up connections to an IPv6 local address") ;
    return 0 ;
  }
  return port_get(&t->server_port, "LOCALPORT", "local port", problem) ;
}
