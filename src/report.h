/* ISC license. */

#ifndef P0FWRAP_REPORT_H
#define P0FWRAP_REPORT_H

#include <stddef.h>

#define REPORT_MAX 400
#define REPORT_ADDRESS_MAX 64

typedef struct report_s report, *report_ref ;
struct report_s
{
  size_t len ;
  char s[REPORT_MAX + 1] ;
} ;
#define REPORT_ZERO { .len = 0, .s = "" }

extern size_t sanitize_copy (char *, char const *, size_t) ;
extern void report_catn (report *, char const *, size_t) ;
extern void report_cat (report *, char const *) ;
extern void report_catmax (report *, char const *, size_t) ;

#endif
