/* ISC license. */

#include <stdlib.h>
#include <string.h>

#include <skalibs/stralloc.h>

#include "unit.h"
#include "answer.h"
#include "header.h"

static char *build (char const *const *values)
{
  stralloc sa = STRALLOC_ZERO ;
  assert_true(header_build(&sa, values)) ;
  assert_true(stralloc_0(&sa)) ;
  return sa.s ;
}

 /* RFC 5322 field with RFC 2045-style parameters: "X-P0F: " then
    key=token or key="quoted" separated by "; ", folded only before a key,
    every line under 998 bytes, only printable ASCII, LF at the end */
static int valid (char const *s, size_t *items)
{
  char const *p = s + 7 ;
  size_t line = 7 ;
  *items = 0 ;
  if (strncmp(s, "X-P0F: ", 7)) return 0 ;
  for (char const *q = s ; *q ; q++)
  {
    if (*q == '\n') { if (line > 998) return 0 ; line = 0 ; continue ; }
    if ((unsigned char)*q < 0x20 || (unsigned char)*q > 0x7e) return 0 ;
    line++ ;
  }
  for (;;)
  {
    size_t k = 0 ;
    while ((p[k] >= 'a' && p[k] <= 'z') || p[k] == '_') k++ ;
    if (!k || p[k] != '=') return 0 ;
    p += k + 1 ;
    if (*p == '"')
    {
      for (p++ ; *p != '"' ; p++)
      {
        if (!*p || *p == '\n') return 0 ;
        if (*p == '\\' && (*++p != '"' && *p != '\\')) return 0 ;
      }
      p++ ;
    }
    else
    {
      size_t t = 0 ;
      while (p[t] > 0x20 && p[t] < 0x7f && !strchr("()<>@,;:\\\"/[]?=", p[t])) t++ ;
      if (!t) return 0 ;
      p += t ;
    }
    ++*items ;
    if (!strcmp(p, "\n")) return 1 ;
    if (!strncmp(p, "; ", 2)) p += 2 ;
    else if (!strncmp(p, ";\n ", 3)) p += 3 ;
    else return 0 ;
  }
}

static void the_example_layout (void **state)
{
  char const *v[ANSWER_FIELDS] = { 0 } ;
  char *h ;
  size_t n ;
  (void)state ;
  v[ANSWER_STATUS] = "ok" ;
  v[ANSWER_GENRE] = "Windows" ;
  v[ANSWER_DETAIL] = "7 or 8" ;
  v[ANSWER_DISTANCE] = "9" ;
  v[ANSWER_LINK] = "Ethernet or modem" ;
  v[ANSWER_UPTIME] = "26" ;
  v[ANSWER_TOTAL_CONN] = "3" ;
  h = build(v) ;
  assert_string_equal(h, "X-P0F: status=ok; genre=Windows; detail=\"7 or 8\"; distance=9;\n link=\"Ethernet or modem\"; uptime=26\n") ;
  assert_true(valid(h, &n)) ;
  assert_int_equal(n, 6) ;
  free(h) ;
}

static void keys_come_from_the_one_list (void **state)
{
  char const *v[ANSWER_FIELDS] = { 0 } ;
  char key[64] ;
  char *h ;
  size_t i = 0 ;
  (void)state ;
  v[ANSWER_STATUS] = "nomatch" ;
  v[ANSWER_LINK] = "DSL" ;
  for (char const *s = strchr(answer_names[ANSWER_LINK], '_') + 1 ; *s ; s++)
    key[i++] = *s >= 'A' && *s <= 'Z' ? *s + 'a' - 'A' : *s ;
  memcpy(key + i, "=DSL", 5) ;
  h = build(v) ;
  assert_non_null(strstr(h, key)) ;
  assert_string_equal(h, "X-P0F: status=nomatch; link=DSL\n") ;
  free(h) ;
}

static void no_status_is_none_and_nothing_else (void **state)
{
  char const *v[ANSWER_FIELDS] = { 0 } ;
  char *h ;
  (void)state ;
  v[ANSWER_GENRE] = "Windows" ;
  h = build(v) ;
  assert_string_equal(h, "X-P0F: status=none\n") ;
  free(h) ;
  v[ANSWER_STATUS] = "" ;
  h = build(v) ;
  assert_string_equal(h, "X-P0F: status=none\n") ;
  free(h) ;
}

static void tokens_bare_the_rest_quoted (void **state)
{
  char const *v[ANSWER_FIELDS] = { 0 } ;
  char *h ;
  (void)state ;
  v[ANSWER_STATUS] = "ok" ;
  v[ANSWER_GENRE] = "Linux" ;
  v[ANSWER_DETAIL] = "2.2.x-3.x" ;
  v[ANSWER_LINK] = "a\"b\\c;d=e" ;
  h = build(v) ;
  assert_string_equal(h, "X-P0F: status=ok; genre=Linux; detail=2.2.x-3.x; link=\"a\\\"b\\\\c;d=e\"\n") ;
  free(h) ;
  v[ANSWER_LINK] = "" ;
  v[ANSWER_DETAIL] = "10.9 or newer (sometimes iPhone " ;
  h = build(v) ;
  assert_string_equal(h, "X-P0F: status=ok; genre=Linux; detail=\"10.9 or newer (sometimes iPhone \"\n") ;
  free(h) ;
}

static void unprintables_replaced_long_values_cut (void **state)
{
  char const *v[ANSWER_FIELDS] = { 0 } ;
  char longv[200] ;
  char *h ;
  size_t n ;
  (void)state ;
  memset(longv, 'A', sizeof(longv) - 1) ;
  longv[sizeof(longv) - 1] = 0 ;
  v[ANSWER_STATUS] = "ok" ;
  v[ANSWER_GENRE] = "Win\r\nX-Evil: 1\x01\xe9" ;
  v[ANSWER_DETAIL] = longv ;
  h = build(v) ;
  assert_true(valid(h, &n)) ;
  assert_int_equal(n, 3) ;
  assert_non_null(strstr(h, "genre=\"Win??X-Evil: 1??\"")) ;
  assert_non_null(strstr(h, "detail=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")) ;
  assert_int_equal(strlen(strstr(h, "detail=")), 7 + ANSWER_VALUE_MAX - 1 + 1) ;
  free(h) ;
}

 /* the ';' that ends a folded line counts: "X-P0F: status=ok; genre=<40>;
    detail=ABCDE" would be 78 bytes and its ';' the 79th, so the fold comes before detail, not after */
static void the_fold_counts_the_semicolon (void **state)
{
  char const *v[ANSWER_FIELDS] = { 0 } ;
  char genre[41] ;
  char *h ;
  size_t n ;
  (void)state ;
  memset(genre, 'A', 40) ;
  genre[40] = 0 ;
  v[ANSWER_STATUS] = "ok" ;
  v[ANSWER_GENRE] = genre ;
  v[ANSWER_DETAIL] = "ABCDE" ;
  v[ANSWER_DISTANCE] = "9" ;
  h = build(v) ;
  assert_true(valid(h, &n)) ;
  assert_int_equal(n, 4) ;
  assert_int_equal(strchr(h, '\n') - h, 65) ;
  assert_string_equal(strchr(h, '\n'), "\n detail=ABCDE; distance=9\n") ;
  free(h) ;
}

 /* hostile values in every field, at random: always one valid field, and
    a line over 78 bytes only when one item alone makes it so */
static void random_hostile_values_stay_valid (void **state)
{
  static char const alphabet[] = "\"\\;= \t\r\n\x01\x7f\xff()<>@,:/[]?aZ09" ;
  char vals[ANSWER_FIELDS][300] ;
  char const *v[ANSWER_FIELDS] ;
  (void)state ;
  srand(13) ;
  for (unsigned int round = 0 ; round < 20000 ; round++)
  {
    char *h ;
    size_t n, lines = 0, lastline = 0 ;
    for (unsigned int f = 0 ; f < ANSWER_FIELDS ; f++)
    {
      size_t len = rand() % 300 ;
      for (size_t i = 0 ; i < len ; i++) vals[f][i] = alphabet[rand() % (sizeof(alphabet) - 1)] ;
      vals[f][len] = 0 ;
      v[f] = rand() % 4 ? vals[f] : 0 ;
    }
    h = build(v) ;
    if (!valid(h, &n)) fail_msg("invalid field: %s", h) ;
    for (size_t i = 0 ; h[i] ; i++)
      if (h[i] == '\n')
      {
        if (i - lastline > 120) fail_msg("a line of %zu bytes: %s", i - lastline, h) ;
        if (i - lastline > 78 && memchr(h + lastline, ';', i - lastline - 1)
         && strncmp(h + lastline, "X-P0F: status=\"", 15))
          fail_msg("a line of %zu bytes with more than one item: %s", i - lastline, h) ;
        lastline = i + 1 ;
        lines++ ;
      }
    if (lines > 6) fail_msg("%zu lines: %s", lines, h) ;
    free(h) ;
  }
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(the_example_layout),
    cmocka_unit_test(keys_come_from_the_one_list),
    cmocka_unit_test(no_status_is_none_and_nothing_else),
    cmocka_unit_test(tokens_bare_the_rest_quoted),
    cmocka_unit_test(unprintables_replaced_long_values_cut),
    cmocka_unit_test(the_fold_counts_the_semicolon),
    cmocka_unit_test(random_hostile_values_stay_valid),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
