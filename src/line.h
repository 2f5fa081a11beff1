/* ISC license. */

#ifndef P0FWRAP_LINE_H
#define P0FWRAP_LINE_H

#include <stddef.h>
#include <sys/types.h>

#include <skalibs/types.h>

 /* Message text, as rblsmtpd writes it: a few appends into one bounded
    buffer, every byte outside printable ASCII (0x20-0x7e) replaced by '?'
    on the way, since values come from the network and the environment. */

 /* line_sanitize: copies at most max bytes of in, up to its NUL, into out
    (max + 1 bytes), each byte outside 0x20-0x7e as '?', and a NUL;
    returns the length written */
extern size_t line_sanitize (char *out, char const *in, size_t max) ;

 /* line_cat: appends s, sanitized, to the string line (size bytes with its
    NUL, at least 4); when s does not fit, as much of it as fits and "..."
    at the very end, over bytes already written if it must: the line is
    then full, and stays marked as cut whatever is appended after */
extern void line_cat (char *line, size_t size, char const *s) ;

 /* line_add(line, size, s...): line_cat of each string s in turn */
#define line_add(line, size, ...) line_addv(line, size, (char const *const []){ __VA_ARGS__, 0 })
extern void line_addv (char *line, size_t size, char const *const *parts) ;

 /* line_why(why, s...): appends "; " (unless why is empty) then each
    string s, sanitized, to why, the text of what went wrong
    (LINE_WHY_MAX bytes) */
#define LINE_WHY_MAX 300
#define line_why(why, ...) line_whyv(why, (char const *const []){ __VA_ARGS__, 0 })
extern void line_whyv (char *why, char const *const *parts) ;

 /* line_head: the head of each line a program writes about a client, into
    head (LINE_HEAD_MAX bytes): remote (the address as given, cut at
    LINE_ADDRESS_MAX bytes; "unknown" when null or empty), " pid ", pid, ": " */
#define LINE_ADDRESS_MAX 64
#define LINE_HEAD_MAX (LINE_ADDRESS_MAX + sizeof(" pid ") - 1 + PID_FMT + sizeof(": "))
extern void line_head (char *head, char const *remote, pid_t pid) ;

#endif
