/* ISC license. */

#include <string.h>

#include "report.h"

size_t sanitize_copy (char *out, char const *in, size_t max)
{
  size_t len = 0 ;
  while (len < max && in[len])
  {
    unsigned char c = in[len] ;
    out[len++] = c >= 0x20 && c <= 0x7e ? c : '?' ;
  }
  out[len] = 0 ;
  return len ;
}

void report_catn (report *r, char const *s, size_t n)
{
  size_t room = REPORT_MAX - r->len ;
  if (n > room)
  {
    r->len += sanitize_copy(r->s + r->len, s, room > 3 ? room - 3 : 0) ;
    if (r->len + 3 <= REPORT_MAX)
    {
      memcpy(r->s + r->len, "...", 4) ;
      r->len += 3 ;
    }
  }
  else r->len += sanitize_copy(r->s + r->len, s, n) ;
}

void report_cat (report *r, char const *s)
{
  report_catn(r, s, strlen(s)) ;
}

void report_catmax (report *r, char const *s, size_t max)
{
  size_t len = strnlen(s, max + 1) ;
  if (len <= max) report_catn(r, s, len) ;
  else
  {
    report_catn(r, s, max > 3 ? max - 3 : 0) ;
    report_catn(r, "...", 3) ;
  }
}
