/* ISC license. */

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <skalibs/exec.h>
#include <skalibs/strerr.h>

#include "answer.h"
#include "exports.h"
#include "line.h"

 /* the bytes of argv[0] a warning or fatal line shows, with its NUL */
#define EXPORTS_PROG_SHOWN 256
 /* what argv[0] gets at each level, as the messages end */
static char const *const level_said[] = { "", " with P0F_STATUS=error only", " with none of p0f's variables" } ;

size_t exports_limit (void)
{
  struct rlimit r ;
  size_t limit = 6 << 20 ;
  if (!getrlimit(RLIMIT_STACK, &r) && r.rlim_cur != RLIM_INFINITY && r.rlim_cur / 4 < limit) limit = r.rlim_cur / 4 ;
  return limit < 128 << 10 ? 128 << 10 : limit ;
}

 /* what execve copies: each string, its NUL and its pointer, and about 512 bytes for the file name */
static size_t exec_size (char const *const *argv, char const *const *envp)
{
  size_t n = 512 ;
  for (; *argv ; argv++) n += strlen(*argv) + 1 + sizeof(char *) ;
  for (; *envp ; envp++) n += strlen(*envp) + 1 + sizeof(char *) ;
  return n ;
}

static void fill (exports *e)
{
  if (e->level == EXPORTS_STATUS) strcpy(e->a->value[ANSWER_STATUS], answer_status_names[ANSWER_ERROR]) ;
  if (e->level == EXPORTS_NONE) e->a->value[ANSWER_STATUS][0] = 0 ;
  answer_envp(e->v, e->envp, e->envlen, e->a, e->level != EXPORTS_ALL, e->storage) ;
}

enum exports_level exports_build (exports *e, char const **envp, size_t envlen, answer *a, char const *const *argv,
  size_t limit, char *why)
{
  size_t n = envlen + ANSWER_FIELDS + 1 ;  /* the pointers v needs */
  e->envp = envp ;
  e->envlen = envlen ;
  e->argv = argv ;
  e->a = a ;
  e->level = EXPORTS_ALL ;
  e->in_place = 0 ;
  e->v = e->small ;
  if (n > EXPORTS_SMALL)
  {
    void *p = mmap(0, n * sizeof(char *), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ;
    if (p != MAP_FAILED) e->v = p ;
    else
    {
      line_why(why, "unable to map memory for the environment: ", strerror(errno), ": running ", argv[0],
        level_said[EXPORTS_NONE]) ;
      e->v = envp ;  /* scrubbing in place only ever moves an entry down */
      e->level = EXPORTS_NONE ;
      e->in_place = 1 ;
    }
  }
  fill(e) ;
  while (e->level != EXPORTS_NONE && exec_size(argv, e->v) > limit) exports_lower(e) ;
  if (e->level != EXPORTS_ALL && !e->in_place)
    line_why(why, "the environment is too large for p0f's variables: running ", argv[0], level_said[e->level]) ;
  return e->level ;
}

int exports_lower (exports *e)
{
  if (e->level == EXPORTS_NONE) return 0 ;
  e->level = e->level == EXPORTS_ALL ? EXPORTS_STATUS : EXPORTS_NONE ;
  fill(e) ;
  return 1 ;
}

void exports_xexec (exports *e, char const *head, unsigned int verbosity)
{
  static char prog[EXPORTS_PROG_SHOWN] ;  /* argv[0] as the messages show it; off the stack, which may be full */
  line_cat(prog, sizeof(prog), e->argv[0]) ;
  for (;;)
  {
    exec_ae(e->argv[0], e->argv, e->v) ;
    if (errno != E2BIG || !exports_lower(e)) break ;
    if (verbosity)
      strerr_warnw(head, "unable to exec ", prog, ": ", strerror(E2BIG), ": running it", level_said[e->level]) ;
  }
  strerr_diefsys(errno == ENOENT ? 127 : 126, head, "unable to exec ", prog) ;
}
