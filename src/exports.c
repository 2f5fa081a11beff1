/* ISC license. */

#include <string.h>
#include <sys/resource.h>

#include "answer.h"
#include "exports.h"

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

static void fill (exports *e, answer *a)
{
  if (e->level == EXPORTS_STATUS) strcpy(a->value[ANSWER_STATUS], answer_status_names[ANSWER_ERROR]) ;
  if (e->level == EXPORTS_NONE) a->value[ANSWER_STATUS][0] = 0 ;
  answer_envp(e->v, e->envp, e->envlen, a, e->level != EXPORTS_ALL, e->storage) ;
}

enum exports_level exports_build (exports *e, char const **envp, size_t envlen, char const **room, answer *a,
  char const *const *argv, size_t limit)
{
  e->envp = envp ;
  e->envlen = envlen ;
  e->level = EXPORTS_ALL ;
  e->in_place = 0 ;
  if (envlen + ANSWER_FIELDS + 1 <= EXPORTS_SMALL) e->v = e->small ;
  else if (room) e->v = room ;
  else
  {
    e->v = envp ;  /* scrubbing in place only ever moves an entry down */
    e->level = EXPORTS_NONE ;
    e->in_place = 1 ;
  }
  fill(e, a) ;
  while (e->level != EXPORTS_NONE && exec_size(argv, e->v) > limit) exports_lower(e, a) ;
  return e->level ;
}

int exports_lower (exports *e, answer *a)
{
  if (e->level == EXPORTS_NONE) return 0 ;
  e->level = e->level == EXPORTS_ALL ? EXPORTS_STATUS : EXPORTS_NONE ;
  fill(e, a) ;
  return 1 ;
}
