/* ISC license. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <skalibs/strerr.h>

#include "unit.h"
#include "answer.h"
#include "exports.h"
#include "line.h"

static char const *const prog[] = { "/bin/true", 0 } ;
#define TOO_LARGE "the environment is too large for p0f's variables: running /bin/true with "

static void answered (answer *a)
{
  answer_zero(a) ;
  strcpy(a->value[ANSWER_STATUS], "ok") ;
  strcpy(a->value[ANSWER_GENRE], "Linux") ;
  strcpy(a->value[ANSWER_DISTANCE], "0") ;
}

 /* every field set, 30 bytes each */
static void answered_wide (answer *a)
{
  answer_zero(a) ;
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++) memset(a->value[i], 'v', 30) ;
  strcpy(a->value[ANSWER_STATUS], "ok") ;
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
  char why[LINE_WHY_MAX] = "" ;
  exports e ;
  answer a ;
  (void)state ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 3, &a, prog, 1 << 20, why), EXPORTS_ALL) ;
  assert_ptr_equal(e.v, e.small) ;
  assert_false(e.in_place) ;
  assert_int_equal(count(e.v), 5) ;
  assert_true(has(e.v, "PATH=/bin") && has(e.v, "TCPREMOTEIP=192.0.2.7")) ;
  assert_true(has(e.v, "P0F_STATUS=ok") && has(e.v, "P0F_GENRE=Linux") && has(e.v, "P0F_DISTANCE=0")) ;
  assert_false(has(e.v, "P0F_GENRE=Forged")) ;
  assert_string_equal(why, "") ;
}

 /* over the limit: P0F_STATUS=error alone, then nothing; the scrub holds at every level */
static void lower_levels (void **state)
{
  char const *envp[] = { "PATH=/bin", "P0F_STATUS=ok", 0 } ;
  char why[LINE_WHY_MAX] = "" ;
  exports e ;
  answer a ;
  size_t bare ;
  (void)state ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, &a, prog, 1 << 20, why), EXPORTS_ALL) ;
  assert_string_equal(why, "") ;
   /* what execve copies with nothing added: 512 + "/bin/true" + "PATH=/bin", NULs and pointers */
  bare = 512 + 10 + 10 + 2 * sizeof(char *) ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, &a, prog, bare + 17 + sizeof(char *), why), EXPORTS_STATUS) ;
  assert_int_equal(count(e.v), 2) ;
  assert_true(has(e.v, "P0F_STATUS=error")) ;
  assert_string_equal(why, TOO_LARGE "P0F_STATUS=error only") ;
  why[0] = 0 ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, &a, prog, bare, why), EXPORTS_NONE) ;
  assert_int_equal(count(e.v), 1) ;
  assert_true(has(e.v, "PATH=/bin")) ;
  assert_string_equal(a.value[ANSWER_STATUS], "") ;
  assert_string_equal(why, TOO_LARGE "none of p0f's variables") ;
  assert_int_equal(exports_lower(&e), 0) ;
  answered(&a) ;
  exports_build(&e, envp, 2, &a, prog, 1 << 20, why) ;
  assert_int_equal(exports_lower(&e), 1) ;
  assert_int_equal(e.level, EXPORTS_STATUS) ;
  assert_true(has(e.v, "P0F_STATUS=error") && count(e.v) == 2) ;
  assert_int_equal(exports_lower(&e), 1) ;
  assert_int_equal(e.level, EXPORTS_NONE) ;
  assert_int_equal(count(e.v), 1) ;
}

 /* a large environment, all of it kept: its pointers in a map of their
    own, sized for every field too (1023 entries and the null pointer fill
    two pages exactly: a map without room for the fields ends there), and
    nothing written in envp */
static void large_environment (void **state)
{
  size_t n = 1023 ;
  char const **envp = calloc(n + 1, sizeof(char *)) ;
  char why[LINE_WHY_MAX] = "" ;
  exports e ;
  answer a ;
  (void)state ;
  assert_non_null(envp) ;
  for (size_t i = 0 ; i < n ; i++) envp[i] = i ? "V=x" : "P0F_GENRE=Forged" ;
  answered_wide(&a) ;
  assert_int_equal(exports_build(&e, envp, n, &a, prog, 1 << 20, why), EXPORTS_ALL) ;
  assert_true(e.v != e.small && e.v != envp) ;
  assert_false(e.in_place) ;
  assert_int_equal(count(e.v), n - 1 + ANSWER_FIELDS) ;
  assert_true(has(e.v, "P0F_STATUS=ok") && !has(e.v, "P0F_GENRE=Forged")) ;
  assert_int_equal(count(envp), n) ;
  assert_string_equal(envp[0], "P0F_GENRE=Forged") ;
  assert_string_equal(why, "") ;
  free(envp) ;
}

 /* with no memory for the map (RLIMIT_DATA 0, in a child): the environment
    itself, scrubbed in place, nothing added, and why says so, whole; the
    child's exit code has a bit for each thing that went wrong */
static void map_fails (void **state)
{
  size_t n = EXPORTS_SMALL + 100 ;
  char const **envp = calloc(n + 1, sizeof(char *)) ;
  int wstat ;
  pid_t pid ;
  (void)state ;
  assert_non_null(envp) ;
  for (size_t i = 0 ; i < n ; i++) envp[i] = i % 2 ? "P0F_GENRE=Forged" : "V=x" ;
  pid = fork() ;
  assert_true(pid >= 0) ;
  if (!pid)
  {
    struct rlimit r = { .rlim_cur = 0, .rlim_max = 0 } ;
    char why[LINE_WHY_MAX] = "" ;
    char want[LINE_WHY_MAX] = "unable to map memory for the environment: " ;
    static exports e ;
    answer a ;
    int bad = 0 ;
    strcat(strcat(want, strerror(ENOMEM)), ": running /bin/true with none of p0f's variables") ;
    answered(&a) ;
    if (setrlimit(RLIMIT_DATA, &r) < 0) _exit(64) ;
    if (exports_build(&e, envp, n, &a, prog, 1 << 20, why) != EXPORTS_NONE) bad |= 1 ;
    if (e.v != envp || !e.in_place) bad |= 2 ;
    if (count(envp) != n / 2 || has(envp, "P0F_GENRE=Forged") || has(envp, "P0F_STATUS=ok")) bad |= 4 ;
    if (strcmp(why, want)) bad |= 8 ;
    if (a.value[ANSWER_STATUS][0]) bad |= 16 ;
    _exit(bad) ;
  }
  assert_int_equal(waitpid(pid, &wstat, 0), pid) ;
  assert_true(WIFEXITED(wstat)) ;
  assert_int_equal(WEXITSTATUS(wstat), 0) ;
  free(envp) ;
}

 /* what a child that ran exports_xexec wrote, and how it ended */
typedef struct ran_s ran ;
struct ran_s
{
  int rc ;  /* the exit code, or 256 + the signal */
  char out[1 << 18] ;
  char err[4096] ;
} ;

static void readall (int fd, char *buf, size_t max)
{
  size_t len = 0 ;
  ssize_t r ;
  while (len < max - 1 && (r = read(fd, buf + len, max - 1 - len)) > 0) len += r ;
  buf[len] = 0 ;
  close(fd) ;
}

 /* the kernel's exec limit is 128 KiB (ARG_MAX, whatever the page size)
    under this stack limit, which the hard limit must allow, else skipped */
#define SMALL_STACK (512 << 10)
static void small_stack_or_skip (void)
{
  struct rlimit l ;
  assert_int_equal(getrlimit(RLIMIT_STACK, &l), 0) ;
  if (l.rlim_max != RLIM_INFINITY && l.rlim_max < SMALL_STACK) skip() ;
}

 /* forks, and the child runs exports_xexec(e, "192.0.2.7 pid 1: ", verbosity)
    as "test", with SMALL_STACK as its stack limit */
static void spawn (ran *r, exports *e, unsigned int verbosity)
{
  int out[2], err[2], wstat ;
  pid_t pid ;
  assert_int_equal(pipe(out), 0) ;
  assert_int_equal(pipe(err), 0) ;
  pid = fork() ;
  assert_true(pid >= 0) ;
  if (!pid)
  {
    struct rlimit l ;
    if (dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) _exit(64) ;
    close(out[0]) ; close(out[1]) ; close(err[0]) ; close(err[1]) ;
    if (getrlimit(RLIMIT_STACK, &l) < 0) _exit(64) ;
    l.rlim_cur = SMALL_STACK ;
    if (setrlimit(RLIMIT_STACK, &l) < 0) _exit(64) ;
    PROG = "test" ;
    exports_xexec(e, "192.0.2.7 pid 1: ", verbosity) ;
  }
  close(out[1]) ;
  close(err[1]) ;
  readall(out[0], r->out, sizeof(r->out)) ;  /* the child's stderr is a few lines: it never fills its pipe */
  readall(err[0], r->err, sizeof(r->err)) ;
  assert_int_equal(waitpid(pid, &wstat, 0), pid) ;
  r->rc = WIFEXITED(wstat) ? WEXITSTATUS(wstat) : 256 + WTERMSIG(wstat) ;
}

 /* s is a whole line of out */
static int has_line (char const *out, char const *s)
{
  size_t len = strlen(s) ;
  for (char const *p = out ; (p = strstr(p, s)) ; p++)
    if ((p == out || p[-1] == '\n') && p[len] == '\n') return 1 ;
  return 0 ;
}

static ran r ;
static char const *const env[] = { "/usr/bin/env", 0 } ;
#define WARNED "test: warning: 192.0.2.7 pid 1: unable to exec /usr/bin/env: Argument list too long: running it with "
#define DIED "test: fatal: 192.0.2.7 pid 1: unable to exec "

 /* r: what argv did, run by exports_xexec at verbosity with envp
    (envlen entries) and answered()'s fields, all of them let through */
static void ran_with (char const **envp, size_t envlen, char const *const *argv, unsigned int verbosity)
{
  static exports e ;
  static answer a ;
  char why[LINE_WHY_MAX] = "" ;
  small_stack_or_skip() ;
  answered(&a) ;
  assert_int_equal(exports_build(&e, envp, envlen, &a, argv, 1 << 20, why), EXPORTS_ALL) ;
  spawn(&r, &e, verbosity) ;
}

 /* the program runs with every field, and nothing is said */
static void xexec_runs (void **state)
{
  char const *envp[] = { "P0F_GENRE=Forged", 0 } ;
  (void)state ;
  ran_with(envp, 1, env, 1) ;
  assert_int_equal(r.rc, 0) ;
  assert_true(has_line(r.out, "P0F_GENRE=Linux") && has_line(r.out, "P0F_STATUS=ok")) ;
  assert_false(has_line(r.out, "P0F_GENRE=Forged")) ;
  assert_string_equal(r.err, "") ;
}

 /* not found: 127, the error, the name sanitized, no level tried below */
static void xexec_not_found (void **state)
{
  char const *envp[] = { "V=x", 0 } ;
  char const *const argv[] = { "/nonexistent/\nprog", 0 } ;
  (void)state ;
  ran_with(envp, 1, argv, 1) ;
  assert_int_equal(r.rc, 127) ;
  assert_string_equal(r.err, DIED "/nonexistent/?prog: No such file or directory\n") ;
}

 /* an entry larger than the whole limit: E2BIG at every level, a warning
    for each, then 126; at verbosity 0, the fatal line alone */
static void xexec_too_large_always (void **state)
{
  char *big = malloc(200001) ;
  char const *envp[] = { 0, 0 } ;
  (void)state ;
  assert_non_null(big) ;
  memset(big, 'x', 200000) ;
  memcpy(big, "X=", 2) ;
  big[200000] = 0 ;
  envp[0] = big ;
  ran_with(envp, 1, env, 1) ;
  assert_int_equal(r.rc, 126) ;
  assert_string_equal(r.err, WARNED "P0F_STATUS=error only\n" WARNED "none of p0f's variables\n"
    DIED "/usr/bin/env: Argument list too long\n") ;
  ran_with(envp, 1, env, 0) ;
  assert_int_equal(r.rc, 126) ;
  assert_string_equal(r.err, DIED "/usr/bin/env: Argument list too long\n") ;
  free(big) ;
}

 /* what the kernel counts against its limit (fs/exec.c): the file name,
    each string and its NUL, and a pointer for each */
static size_t exec_cost (char const *const *argv, char const *const *v)
{
  size_t n = strlen(argv[0]) + 1 ;
  for (; *argv ; argv++) n += strlen(*argv) + 1 + sizeof(char *) ;
  for (; *v ; v++) n += strlen(*v) + 1 + sizeof(char *) ;
  return n ;
}

 /* the environment is padded so that with every field it costs the kernel
    about 500 bytes more than its 128 KiB, without them 500 bytes less: the
    build (given 1 MiB, not exports_limit) lets all through, the kernel
    says E2BIG, and the program runs with P0F_STATUS=error alone */
static void xexec_one_level_down (void **state)
{
  static char pad[2][70000] ;
  char const *envp[] = { pad[0], pad[1], 0 } ;
  char why[LINE_WHY_MAX] = "" ;
  static exports e ;
  answer a ;
  size_t all, status, extra ;
  (void)state ;
  small_stack_or_skip() ;
  strcpy(pad[0], "P1=") ;
  strcpy(pad[1], "P2=") ;
  answered_wide(&a) ;
  exports_build(&e, envp, 2, &a, env, 1 << 20, why) ;
  all = exec_cost(env, e.v) ;
  exports_lower(&e) ;
  status = exec_cost(env, e.v) ;
  assert_true(all > status + 800) ;
  extra = (128 << 10) - (all + status) / 2 ;
  assert_true(extra < 2 * (sizeof(pad[0]) - 4)) ;
  memset(pad[0] + 3, 'p', extra / 2) ;
  pad[0][3 + extra / 2] = 0 ;
  memset(pad[1] + 3, 'p', extra - extra / 2) ;
  pad[1][3 + extra - extra / 2] = 0 ;
  answered_wide(&a) ;
  assert_int_equal(exports_build(&e, envp, 2, &a, env, 1 << 20, why), EXPORTS_ALL) ;
  assert_true(exec_cost(env, e.v) > (128 << 10) + 400 && status + extra + 400 < 128 << 10) ;
  spawn(&r, &e, 1) ;
  assert_int_equal(r.rc, 0) ;
  assert_true(has_line(r.out, "P0F_STATUS=error")) ;
  assert_null(strstr(r.out, "P0F_GENRE=")) ;
  assert_true(has_line(r.out, pad[1])) ;
  assert_string_equal(r.err, WARNED "P0F_STATUS=error only\n") ;
}

 /* fs/exec.c: a quarter of the stack limit, 128 KiB to 6 MiB */
static void limit_follows_the_stack (void **state)
{
  struct rlimit old, r ;
  (void)state ;
  assert_int_equal(getrlimit(RLIMIT_STACK, &old), 0) ;
  if (old.rlim_max != RLIM_INFINITY && old.rlim_max < 64 << 20) skip() ;  /* cmocka reports it skipped */
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
    cmocka_unit_test(map_fails),
    cmocka_unit_test(xexec_runs),
    cmocka_unit_test(xexec_not_found),
    cmocka_unit_test(xexec_too_large_always),
    cmocka_unit_test(xexec_one_level_down),
    cmocka_unit_test(limit_follows_the_stack),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
