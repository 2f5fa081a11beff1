/* ISC license. */

#ifndef P0FWRAP_HEADER_H
#define P0FWRAP_HEADER_H

#include <skalibs/stralloc.h>

 /* header_build: appends to sa one "X-P0F: key=value; ..." field ending in
    LF, built from values (ANSWER_FIELDS strings, indexed by enum
    answer_field, each null or a NUL-terminated string): status, genre,
    detail, distance, link, uptime, each when set and not empty, each cut at
    40 bytes, unprintables as '?', quoted unless a token; "X-P0F:
    status=none" alone when the status is unset or empty. Lines are folded
    before a key to stay within 78 characters when the items allow.
    Returns 1, or 0 (errno ENOMEM) with sa's length past its start undefined. */
extern int header_build (stralloc *sa, char const *const *values) ;

#endif
