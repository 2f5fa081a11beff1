/* ISC license. */

 /* libFuzzer: the address parser on any string. An accepted address must
    format back to text that parses to the same address; an IPv4 one has
    its last 12 bytes zero and is never an IPv4-mapped IPv6 address. */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <skalibs/ip46.h>

#include "addr.h"

static char const mapped[12] = "\0\0\0\0\0\0\0\0\0\0\377\377" ;

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char text[IP46_FMT + 1] ;
  ip46 ip, again ;
  char *s = malloc(size + 1) ;
  if (!s) return 0 ;
  memcpy(s, data, size) ;
  s[size] = 0 ;
  if (addr_scan(s, &ip))
  {
    if (!ip.is6 && memcmp(ip.ip + 4, "\0\0\0\0\0\0\0\0\0\0\0\0", 12)) __builtin_trap() ;
    if (ip.is6 && !memcmp(ip.ip, mapped, 12)) __builtin_trap() ;
    text[ip46_fmt(text, &ip)] = 0 ;
    if (!addr_scan(text, &again) || again.is6 != ip.is6 || memcmp(again.ip, ip.ip, 16)) __builtin_trap() ;
  }
  free(s) ;
  return 0 ;
}
