/* ISC license. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <skalibs/env.h>

#include "unit.h"
#include "answer.h"

extern char **environ ;

static char const *const spec_names[] =
{
  "P0F_STATUS", "P0F_ADDR", "P0F_GENRE", "P0F_DETAIL", "P0F_DISTANCE", "P0F_LINK",
  "P0F_UPTIME", "P0F_UPTIME_MIN", "P0F_FIRST_SEEN", "P0F_LAST_SEEN",
  "P0F_TOTAL_CONN", "P0F_UP_MOD_DAYS", "P0F_LAST_NAT", "P0F_LAST_CHG",
  "P0F_BAD_SW", "P0F_OS_MATCH_Q", "P0F_HTTP_NAME", "P0F_HTTP_FLAVOR",
  "P0F_LANGUAGE", "P0F_TOS", "P0F_FW", "P0F_NAT", "P0F_REAL", "P0F_SCORE",
  "P0F_MFLAGS",
} ;

static void names_match_the_spec (void **state)
{
  (void)state ;
  assert_int_equal(ANSWER_FIELDS, sizeof(spec_names) / sizeof(*spec_names)) ;
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
    assert_string_equal(answer_names[i], spec_names[i]) ;
}

static char const *merged_get (char const *const *envp, char const *name)
{
  return env_get2(envp, name) ;
}

static size_t count_named (char const *const *envp, char const *name)
{
  size_t n = 0, len = strlen(name) ;
  for (; *envp ; envp++) if (!strncmp(*envp, name, len) && ((*envp)[len] == '=' || !(*envp)[len])) n++ ;
  return n ;
}

 /* every copy of every listed name goes, also a name twice and a name without '=' */
static void scrub_then_export (void **state)
{
  static char const *const envp[] =
  {
    "P0F_GENRE=forged", "OTHER=kept", "P0F_STATUS=ok", "P0F_GENRE=Windows", "P0F_SCORE=100",
    "P0F_STATUS=ok", "P0F_MFLAGS", "P0F_SOCKET=/run/p0f/p0f.sock", "P0F_GENRES=kept", 0
  } ;
  char const *v[9 + ANSWER_FIELDS + 1] ;
  char storage[ANSWER_ENV_MAX] ;
  answer a ;
  size_t n ;
  (void)state ;
  answer_zero(&a) ;
  strcpy(a.value[ANSWER_STATUS], "nomatch") ;
  answer_set_string(&a, ANSWER_DETAIL, "2.2.x-3.x", 32) ;
  answer_set_int(&a, ANSWER_DISTANCE, 0) ;
  n = answer_envp(v, envp, 9, &a, 0, storage) ;
  assert_int_equal(n, 3 + 3) ;
  assert_null(v[n]) ;
  assert_string_equal(v[0], "OTHER=kept") ;
  assert_string_equal(v[1], "P0F_SOCKET=/run/p0f/p0f.sock") ;
  assert_string_equal(v[2], "P0F_GENRES=kept") ;
  assert_int_equal(count_named(v, "P0F_STATUS"), 1) ;
  assert_string_equal(merged_get(v, "P0F_STATUS"), "nomatch") ;
  assert_string_equal(merged_get(v, "P0F_DETAIL"), "2.2.x-3.x") ;
  assert_string_equal(merged_get(v, "P0F_DISTANCE"), "0") ;
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
    if (i != ANSWER_STATUS && i != ANSWER_DETAIL && i != ANSWER_DISTANCE)
      assert_int_equal(count_named(v, answer_names[i]), 0) ;
  n = answer_envp(v, envp, 9, &a, 1, storage) ;
  assert_int_equal(n, 3 + 1) ;
  assert_string_equal(v[3], "P0F_STATUS=nomatch") ;
}

 /* ANSWER_ENV_MAX gives each name 16 bytes with its '=': a longer name would overflow answer_envp's storage */
static void names_fit_the_storage (void **state)
{
  (void)state ;
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
    if (strlen(answer_names[i]) > 15) fail_msg("%s is longer than ANSWER_ENV_MAX allows", answer_names[i]) ;
}

 /* the longest name with the longest value, every field set, fits the storage */
static void storage_holds_every_field (void **state)
{
  static char const *const none[] = { 0 } ;
  char const *v[ANSWER_FIELDS + 1] ;
  char storage[ANSWER_ENV_MAX] ;
  answer a ;
  (void)state ;
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
  {
    memset(a.value[i], 'x', ANSWER_VALUE_MAX - 1) ;
    a.value[i][ANSWER_VALUE_MAX - 1] = 0 ;
  }
  assert_int_equal(answer_envp(v, none, 0, &a, 0, storage), ANSWER_FIELDS) ;
  assert_true(v[ANSWER_FIELDS - 1] + strlen(v[ANSWER_FIELDS - 1]) < storage + sizeof(storage)) ;
}

static void numbers_are_plain_decimal (void **state)
{
  answer a ;
  (void)state ;
  answer_zero(&a) ;
  answer_set_uint(&a, ANSWER_FIRST_SEEN, 4294967295UL) ;
  answer_set_int(&a, ANSWER_SCORE, -7) ;
  answer_set_int(&a, ANSWER_DISTANCE, 0) ;
  assert_string_equal(a.value[ANSWER_FIRST_SEEN], "4294967295") ;
  assert_string_equal(a.value[ANSWER_SCORE], "-7") ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "0") ;
}

static void strings_stop_at_width_and_nul (void **state)
{
  answer a ;
  (void)state ;
  answer_zero(&a) ;
  answer_set_string(&a, ANSWER_GENRE, "Windows\0junk", 20) ;
  assert_string_equal(a.value[ANSWER_GENRE], "Windows") ;
  answer_set_string(&a, ANSWER_GENRE, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20) ;
  assert_string_equal(a.value[ANSWER_GENRE], "ABCDEFGHIJKLMNOPQRST") ;
  answer_set_string(&a, ANSWER_GENRE, "tab\there\x80\xff~ ", 20) ;
  assert_string_equal(a.value[ANSWER_GENRE], "tab?here??~") ;
}

static char *slurp (char const *path)
{
  static char buf[65536] ;
  FILE *f = fopen(path, "r") ;
  size_t n ;
  assert_non_null(f) ;
  n = fread(buf, 1, sizeof(buf) - 1, f) ;
  fclose(f) ;
  buf[n] = 0 ;
  return buf ;
}

static unsigned int count (char const *hay, char const *needle)
{
  unsigned int n = 0 ;
  for (char const *p = hay ; (p = strstr(p, needle)) ; p++) n++ ;
  return n ;
}

 /* the docs' tables list exactly the variables the code exports and scrubs */
static void docs_list_every_variable (void **state)
{
  char needle[128] ;
  char *html = slurp("doc/p0f-wrap.html") ;
  (void)state ;
  assert_int_equal(count(html, "<tr><td><tt>P0F_"), ANSWER_FIELDS) ;
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
  {
    snprintf(needle, sizeof(needle), "<tr><td><tt>%s</tt></td>", answer_names[i]) ;
    if (count(html, needle) != 1) fail_msg("doc/p0f-wrap.html: no table row for %s", answer_names[i]) ;
  }
  {
    char *man = slurp("doc/p0f-wrap.8") ;
    assert_int_equal(count(man, "\n.B P0F_"), ANSWER_FIELDS) ;
    for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++)
    {
      snprintf(needle, sizeof(needle), "\n.B %s\n", answer_names[i]) ;
      if (count(man, needle) != 1) fail_msg("doc/p0f-wrap.8: no entry for %s", answer_names[i]) ;
    }
  }
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(names_match_the_spec),
    cmocka_unit_test(scrub_then_export),
    cmocka_unit_test(numbers_are_plain_decimal),
    cmocka_unit_test(strings_stop_at_width_and_nul),
    cmocka_unit_test(names_fit_the_storage),
    cmocka_unit_test(storage_holds_every_field),
    cmocka_unit_test(docs_list_every_variable),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
