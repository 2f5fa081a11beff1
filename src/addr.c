/* ISC license. */

#include <string.h>
#include <arpa/inet.h>

#include <skalibs/bytestr.h>
#include <skalibs/types.h>
#include <skalibs/ip46.h>

#include "addr.h"

static char const mapped_prefix[12] = "\0\0\0\0\0\0\0\0\0\0\377\377" ;

 /* ip4_scan accepts 300.1.1.1, 01.2.3.4 and trailing junk: each octet is
    checked here, no leading zero, as inet_pton does in a mapped tail */
static int ip4_scan_exact (char const *s, size_t len, char *ip)
{
  size_t pos = 0 ;
  for (unsigned int i = 0 ; i < 4 ; i++)
  {
    unsigned int octet ;
    size_t n ;
    if (i)
    {
      if (pos >= len || s[pos] != '.') return 0 ;
      pos++ ;
    }
    if (pos >= len || s[pos] < '0' || s[pos] > '9') return 0 ;
    n = uint_scan(s + pos, &octet) ;
    if (!n || n > 3 || pos + n > len || octet > 255 || (n > 1 && s[pos] == '0')) return 0 ;
    ip[i] = (char)octet ;
    pos += n ;
  }
  return pos == len ;
}

 /* ip6_scan in skalibs 2.13 rejects ::1:2:3:4:5:6:7 and stops at a dotted tail: inet_pton does both */
static int ip6_scan_exact (char const *s, size_t len, char *ip)
{
  char text[ADDR_TEXT_MAX] ;
  memcpy(text, s, len) ;
  text[len] = 0 ;
  return inet_pton(AF_INET6, text, ip) == 1 ;
}

int addr_scan (char const *s, ip46 *addr)
{
  size_t len = strlen(s) ;
  size_t zone = byte_chr(s, len, '%') ;
  if (!len || len >= ADDR_TEXT_MAX) return 0 ;
  if (byte_chr(s, zone, ':') == zone)
  {
    addr->is6 = 0 ;
    memset(addr->ip + 4, 0, 12) ;
    return ip4_scan_exact(s, len, addr->ip) ;
  }
  if (zone + 1 == len) return 0 ;
  if (!ip6_scan_exact(s, zone, addr->ip)) return 0 ;
  addr->is6 = 1 ;
  addr_fold_mapped(addr) ;
  return 1 ;
}

void addr_fold_mapped (ip46 *addr)
{
  if (!addr->is6 || memcmp(addr->ip, mapped_prefix, 12)) return ;
  memmove(addr->ip, addr->ip + 12, 4) ;
  memset(addr->ip + 4, 0, 12) ;
  addr->is6 = 0 ;
}

int addr_is_unspecified (ip46 const *addr)
{
  static char const zero[16] = { 0 } ;
  return !memcmp(addr->ip, zero, addr->is6 ? 16 : 4) ;
}
