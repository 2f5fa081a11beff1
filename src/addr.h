/* ISC license. */

#ifndef P0FWRAP_ADDR_H
#define P0FWRAP_ADDR_H

#include <skalibs/ip46.h>

#define ADDR_TEXT_MAX 64

 /* addr_scan: reads the whole string s as an address (SPEC.md: dotted quad
    without leading zeros, RFC 4291 IPv6, a %zone suffix ignored, IPv4-mapped
    IPv6 folded to IPv4) into addr. Returns 1, or 0 if s is anything else. */
extern int addr_scan (char const *s, ip46 *addr) ;

 /* addr_fold_mapped: an IPv4-mapped IPv6 addr becomes the IPv4 address it maps */
extern void addr_fold_mapped (ip46 *addr) ;

 /* addr_is_unspecified: 1 if addr is 0.0.0.0 or ::, else 0 */
extern int addr_is_unspecified (ip46 const *addr) ;

#endif
