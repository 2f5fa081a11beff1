/* ISC license. */

#ifndef P0FWRAP_EXPORTS_H
#define P0FWRAP_EXPORTS_H

#include <stddef.h>

#include <skalibs/gccattributes.h>

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

 /* environment pointers kept in the struct (4 KiB with 8-byte pointers); a
    larger environment's go into a map of their own (the stack may be full
    already) */
#define EXPORTS_SMALL 512

typedef struct exports_s exports ;
struct exports_s
{
  char const **v ;  /* what execve gets: small, the map, or envp itself */
  char const **envp ;
  size_t envlen ;
  char const *const *argv ;
  answer *a ;
  enum exports_level level ;
  int in_place ;  /* no map: envp scrubbed where it stands, nothing added */
  char const *small[EXPORTS_SMALL] ;
  char storage[ANSWER_ENV_MAX] ;
} ;

 /* exports_limit: the kernel's exec limit for argv, envp and their
    pointers, in bytes (fs/exec.c): a quarter of RLIMIT_STACK, 128 KiB at
    least, 6 MiB at most */
extern size_t exports_limit (void) ;

 /* exports_build: fills e (once per e: a map is never unmapped, execve
    drops it) for the program argv from envp (envlen entries) and a, which
    e keeps, within a limit of limit bytes (exports_limit), at the highest
    level that fits: all, P0F_STATUS=error alone (a's status is set so), or
    none (a's status is emptied). e->v is e->small when envlen +
    ANSWER_FIELDS + 1 pointers fit there, else that many pointers mapped
    (mmap); when the map fails, e->v is envp itself, scrubbed in place
    (entries only ever move down), and nothing is added: the one case where
    envp is written. Whenever argv[0] gets less than all, says so in why
    (line_why: the map's error or the size, and what argv[0] gets).
    Returns the level; cannot fail. */
extern enum exports_level exports_build (exports *e, char const **envp, size_t envlen, answer *a,
  char const *const *argv, size_t limit, char *why) ;

 /* exports_lower: e one level down (the kernel said E2BIG after all),
    rewriting e->v and the status in e's answer as exports_build does;
    returns 0 when e was at EXPORTS_NONE already, else 1 */
extern int exports_lower (exports *e) ;

 /* exports_xexec: execs e's program (exec_ae: a search of the PATH in the
    caller's environment, not e->v's) with e->v, and each time the kernel
    says E2BIG, e one level down and again, after a warning (PROG,
    "warning: ", head, then what argv[0] gets) when verbosity is not 0;
    the lines show argv[0] sanitized and cut (line_cat, 255 bytes).
    Never returns: dies 127 when argv[0] is not found, else 126, with the
    error (a kernel before 6.8 says E2BIG before it looks for the file: a
    missing program with an environment too large at every level dies 126) */
extern void exports_xexec (exports *e, char const *head, unsigned int verbosity) gccattr_noreturn ;

#endif
