/* ISC license. */

#ifndef P0FWRAP_EXPORTS_H
#define P0FWRAP_EXPORTS_H

#include <stddef.h>

#include "answer.h"

 /* How much of p0f's answer the next program gets: the environment passed
    to execve must fit the kernel's exec limit, with the additions or
    without them (SPEC.md: an E2BIG is retried without them). */
enum exports_level
{
  EXPORTS_ALL,     /* every listed name scrubbed, every field of the answer set */
  EXPORTS_STATUS,  /* scrubbed, P0F_STATUS=error alone */
  EXPORTS_NONE     /* scrubbed, nothing added */
} ;

 /* environment pointers kept in the struct (4 KiB); a larger environment
    needs room of its caller's (mmap: the stack may be full already) */
#define EXPORTS_SMALL 512

typedef struct exports_s exports ;
struct exports_s
{
  char const **v ;  /* what execve gets: small, the caller's room, or envp itself */
  char const **envp ;
  size_t envlen ;
  enum exports_level level ;
  int in_place ;  /* no room: envp scrubbed where it stands, nothing added */
  char const *small[EXPORTS_SMALL] ;
  char storage[ANSWER_ENV_MAX] ;
} ;

 /* exports_limit: the kernel's exec limit for argv, envp and their
    pointers, in bytes (fs/exec.c): a quarter of RLIMIT_STACK, 128 KiB at
    least, 6 MiB at most */
extern size_t exports_limit (void) ;

 /* exports_build: fills e from envp (envlen entries) and a, for argv and a
    limit of limit bytes (exports_limit), at the highest level that fits:
    all, P0F_STATUS=error alone (a's status is set so), or none. e->v is
    e->small when envlen + ANSWER_FIELDS + 1 pointers fit there, else room
    (that many pointers, of the caller's); with no room (room null and too
    many entries) envp itself is scrubbed in place and nothing is added.
    Returns the level; allocates nothing, cannot fail. */
extern enum exports_level exports_build (exports *e, char const **envp, size_t envlen, char const **room,
  answer *a, char const *const *argv, size_t limit) ;

 /* exports_lower: e one level down (the kernel said E2BIG after all);
    returns 0 when e was at EXPORTS_NONE already, else 1 */
extern int exports_lower (exports *e, answer *a) ;

#endif
