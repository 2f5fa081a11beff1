/* ISC license. */

#include <string.h>

#include <skalibs/types.h>

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
  size_t n = strlen(s) ;
  if (n <= size - 1 - len) { line_sanitize(line + len, s, n) ; return ; }
  if (len > size - 4) len = size - 4 ;  /* "..." takes the last 3 bytes, whatever was there */
  memcpy(line + len + line_sanitize(line + len, s, size - 4 - len), "...", 4) ;
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

void line_head (char *head, char const *remote, pid_t pid)
{
  char cut[LINE_ADDRESS_MAX + 1] = "" ;
  char fmt[PID_FMT] ;
  line_cat(cut, sizeof(cut), remote && *remote ? remote : "unknown") ;
  fmt[pid_fmt(fmt, pid)] = 0 ;
  head[0] = 0 ;
  line_add(head, LINE_HEAD_MAX, cut, " pid ", fmt, ": ") ;
}
