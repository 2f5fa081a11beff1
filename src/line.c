/* ISC license. */

#include <string.h>

#include "line.h"

size_t line_sanitize (char *out, char const *in, size_t max)
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

void line_cat (char *line, size_t size, char const *s)
{
  size_t len = strlen(line) ;
  size_t room = size - 1 - len ;
  size_t n = strlen(s) ;
  if (n <= room) line_sanitize(line + len, s, n) ;
  else if (room >= 3) memcpy(line + len + line_sanitize(line + len, s, room - 3), "...", 4) ;
}

void line_addv (char *line, size_t size, char const *const *parts)
{
  for (; *parts ; parts++) line_cat(line, size, *parts) ;
}

void line_whyv (char *why, char const *const *parts)
{
  if (why[0]) line_cat(why, LINE_WHY_MAX, "; ") ;
  line_addv(why, LINE_WHY_MAX, parts) ;
}
