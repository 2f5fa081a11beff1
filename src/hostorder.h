/* ISC license. */

#ifndef P0FWRAP_HOSTORDER_H
#define P0FWRAP_HOSTORDER_H

#include <stdint.h>
#include <string.h>

 /* p0f speaks host byte order; skalibs' uint32_pack is always little-endian */

static inline uint32_t host_u32_get (char const *s)
{
  uint32_t u ;
  memcpy(&u, s, 4) ;
  return u ;
}

static inline uint16_t host_u16_get (char const *s)
{
  uint16_t u ;
  memcpy(&u, s, 2) ;
  return u ;
}

static inline void host_u32_put (char *s, uint32_t u)
{
  memcpy(s, &u, 4) ;
}

static inline void host_u16_put (char *s, uint16_t u)
{
  memcpy(s, &u, 2) ;
}

#endif
