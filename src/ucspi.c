/* ISC license. */

#include <stdlib.h>
#include <string.h>

#include <skalibs/env.h>

#include "ucspi.h"

 /* ucspi_get has no TCP fallback: ${PROTO}name, else TCPname; the name found, or TCPname, goes into varname */
char const *ucspi_env (char *varname, char const *name)
{
  char const *proto = getenv("PROTO") ;
  size_t len = strlen(name) ;
  char const *value = ucspi_get(name) ;
  if (value)
  {
    size_t plen = strlen(proto) ;
    if (plen + len >= UCSPI_NAME_MAX) plen = UCSPI_NAME_MAX - 1 - len ;
    memcpy(varname, proto, plen) ;
    memcpy(varname + plen, name, len + 1) ;
    return value ;
  }
  memcpy(varname, "TCP", 3) ;
  memcpy(varname + 3, name, len + 1) ;
  return getenv(varname) ;
}
