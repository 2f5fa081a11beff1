/* ISC license. */

#ifndef P0FWRAP_ADDR_H
#define P0FWRAP_ADDR_H

#include <skalibs/ip46.h>

#define ADDR_TEXT_MAX 64

extern int addr_scan (char const *, ip46 *) ;

#endif
