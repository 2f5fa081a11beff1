/* ISC license. */

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "unit.h"
#include "answer.h"
#include "exports.h"

static char const *const prog[] = { "/bin/true", 0 } ;

static void answered (answer *a)
{
  answer_zero(a) ;
  strcpy(a->value[ANSWER_STATUS], "ok") ;
  strcpy(a->value[ANSWER_GENRE], "Linux") ;
  strcpy(a->value[ANSWER_DISTANCE], "0") ;
}

static size_t count (char const *const *v)
{
  size_t n = 0 ;
  while (v[n]) n++ ;
  return n ;
}

static int has (char const *const *v, char const *entry)
{
  for (; *v ; v++) if (!strcmp(*v, entry)) return 1 ;
  return 0 ;
}

 /* a small environment: every field, in the struct's own pointers */
static void all_when_it_fits (void **state)
{
  char const *envp[] = { "PATH=/bin", "P0F_GENRE=Forged", "TCPREMOTEIP=192.0.2.7", 0 } ;
  exports e ;
  answer a ;
  (void)state ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 3, 0, &a, prog, 1 << 20), EXPORTS_ALL) ;
  assert_ptr_equal(e.v, e.small) ;
  assert_false(e.in_place) ;
  assert_int_equal(count(e.v), 5) ;
  assert_true(has(e.v, "PATH=/bin") && has(e.v, "TCPREMOTEIP=192.0.2.7")) ;
  assert_true(has(e.v, "P0F_STATUS=ok") && has(e.v, "P0F_GENRE=Linux") && has(e.v, "P0F_DISTANCE=0")) ;
  assert_false(has(e.v, "P0F_GENRE=Forged")) ;
}

 /* over the limit: P0F_STATUS=error alone, then nothing; the scrub holds at every level */
static void lower_levels (void **state)
{
  char const *envp[] = { "PATH=/bin", "P0F_STATUS=ok", 0 } ;
  exports e ;
  answer a ;
  size_t bare ;
  (void)state ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, 0, &a, prog, 1 << 20), EXPORTS_ALL) ;
   /* what execve copies with nothing added: 512 + "/bin/true" + "PATH=/bin", NULs and pointers */
  bare = 512 + 10 + 10 + 2 * sizeof(char *) ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, 0, &a, prog, bare + 17 + sizeof(char *)), EXPORTS_STATUS) ;
  assert_int_equal(count(e.v), 2) ;
  assert_true(has(e.v, "P0F_STATUS=error")) ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, 0, &a, prog, bare), EXPORTS_NONE) ;
  assert_int_equal(count(e.v), 1) ;
  assert_true(has(e.v, "PATH=/bin")) ;
  assert_int_equal(exports_lower(&e, &a), 0) ;
  answered(&a) ;
  exports_build(&e, envp, 2, 0, &a, prog, 1 << 20) ;
  assert_int_equal(exports_lower(&e, &a), 1) ;
  assert_int_equal(e.level, EXPORTS_STATUS) ;
  assert_true(has(e.v, "P0F_STATUS=error") && count(e.v) == 2) ;
  assert_int_equal(exports_lower(&e, &a), 1) ;
  assert_int_equal(e.level, EXPORTS_NONE) ;
  assert_int_equal(count(e.v), 1) ;
}

 /* a large environment: the caller's room, or with none the environment itself, scrubbed in place */
static void large_environment (void **state)
{
  size_t n = EXPORTS_SMALL + 100 ;
  char const **envp = calloc(n + 1, sizeof(char *)) ;
  char const **room = calloc(n + ANSWER_FIELDS + 1, sizeof(char *)) ;
  exports e ;
  answer a ;
  (void)state ;
  assert_non_null(envp) ;
  assert_non_null(room) ;
  for (size_t i = 0 ; i < n ; i++) envp[i] = i % 2 ? "P0F_GENRE=Forged" : "V=x" ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, n, room, &a, prog, 1 << 20), EXPORTS_ALL) ;
  assert_ptr_equal(e.v, room) ;
  assert_int_equal(count(e.v), n / 2 + 3) ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, n, 0, &a, prog, 1 << 20), EXPORTS_NONE) ;
  assert_ptr_equal(e.v, envp) ;
  assert_true(e.in_place) ;
  assert_int_equal(count(envp), n / 2) ;
  assert_false(has(envp, "P0F_GENRE=Forged")) ;
  assert_int_equal(exports_lower(&e, &a), 0) ;
  free(room) ;
  free(envp) ;
}

 /* fs/exec.c: a quarter of the stack limit, 128 KiB to 6 MiB */
static void limit_follows_the_stack (void **state)
{
  struct rlimit old, r ;
  (void)state ;
  assert_int_equal(getrlimit(RLIMIT_STACK, &old), 0) ;
  r = old ;
  r.rlim_cur = 8 << 20 ;
  assert_int_equal(setrlimit(RLIMIT_STACK, &r), 0) ;
  assert_int_equal(exports_limit(), 2 << 20) ;
  r.rlim_cur = 256 << 10 ;
  assert_int_equal(setrlimit(RLIMIT_STACK, &r), 0) ;
  assert_int_equal(exports_limit(), 128 << 10) ;
  r.rlim_cur = 64 << 20 ;
  assert_int_equal(setrlimit(RLIMIT_STACK, &r), 0) ;
  assert_int_equal(exports_limit(), 6 << 20) ;
  assert_int_equal(setrlimit(RLIMIT_STACK, &old), 0) ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(all_when_it_fits),
    cmocka_unit_test(lower_levels),
    cmocka_unit_test(large_environment),
    cmocka_unit_test(limit_follows_the_stack),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
