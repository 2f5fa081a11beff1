/* ISC license. */

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "line.h"

static void line_is_bounded_and_printable (void **state)
{
  char line[400] = "" ;
  char *junk = malloc(65536) ;
  (void)state ;
  assert_non_null(junk) ;
  line_cat(line, sizeof(line), "1.2.3.4 pid 7: ") ;
  assert_int_equal(strlen(line), 15) ;
  memset(junk, '\n', 65535) ;
  junk[65535] = 0 ;
  line_cat(line, sizeof(line), junk) ;
  assert_int_equal(strlen(line), sizeof(line) - 1) ;
  assert_memory_equal(line + sizeof(line) - 4, "...", 3) ;
  for (size_t i = 0 ; line[i] ; i++) assert_true(line[i] >= 0x20 && line[i] <= 0x7e) ;
  line_cat(line, sizeof(line), "more") ;
  assert_int_equal(strlen(line), sizeof(line) - 1) ;
  free(junk) ;
}

 /* notes are joined by "; ", never left dangling */
static void why_joins_notes (void **state)
{
  char why[LINE_WHY_MAX] = "" ;
  (void)state ;
  line_why(why, "invalid $P0F_TIMEOUT ", "abc") ;
  assert_string_equal(why, "invalid $P0F_TIMEOUT abc") ;
  line_why(why, "unable to connect to ", "/run/p0f/p0f.sock", ": ", "refused") ;
  assert_string_equal(why, "invalid $P0F_TIMEOUT abc; unable to connect to /run/p0f/p0f.sock: refused") ;
}

 /* line_add: each part in turn, bounded as line_cat is */
static void add_appends_each_part (void **state)
{
  char line[16] = "" ;
  (void)state ;
  line_add(line, sizeof(line), "ok", " genre=", "Linux") ;
  assert_string_equal(line, "ok genre=Linux") ;
  line_add(line, sizeof(line), "\x01", "xyz") ;
  assert_string_equal(line, "ok genre=Lin...") ;  /* full, and xyz lost: the cut is marked over what was there */
  line[0] = 0 ;
  line_add(line, sizeof(line), "ok", " genre=", "Linuxes", " detail=") ;
  assert_string_equal(line, "ok genre=Lin...") ;
}

 /* a part that does not fit with fewer than 3 bytes left: the line ends in
    "..." and stays so, a later part that would fit is not appended */
static void cut_stays_marked (void **state)
{
  char line[16] = "" ;
  (void)state ;
  line_add(line, sizeof(line), "ok genre=Linu", "x-like", "!") ;
  assert_string_equal(line, "ok genre=Lin...") ;
  line_cat(line, sizeof(line), "") ;
  assert_string_equal(line, "ok genre=Lin...") ;
  line_cat(line, sizeof(line), "z") ;
  assert_string_equal(line, "ok genre=Lin...") ;
  line[0] = 0 ;
  line_add(line, sizeof(line), "ok genre=Linux!", "") ;
  assert_string_equal(line, "ok genre=Linux!") ;  /* an exact fit is not a cut */
}

 /* the head of each line: the address as given, cut at 64 bytes, or unknown */
static void head_names_the_client (void **state)
{
  char head[LINE_HEAD_MAX] ;
  char long_address[100] ;
  (void)state ;
  line_head(head, "192.0.2.7", 42) ;
  assert_string_equal(head, "192.0.2.7 pid 42: ") ;
  line_head(head, "", 7) ;
  assert_string_equal(head, "unknown pid 7: ") ;
  line_head(head, 0, 7) ;
  assert_string_equal(head, "unknown pid 7: ") ;
  memset(long_address, 'a', 99) ;
  long_address[99] = 0 ;
  line_head(head, long_address, 2147483647) ;
  assert_int_equal(strlen(head), 61 + 3 + 5 + 10 + 2) ;
  assert_memory_equal(head + 61, "... pid 2147483647: ", 21) ;
  line_head(head, "\n1.2.3.4", 1) ;
  assert_string_equal(head, "?1.2.3.4 pid 1: ") ;
}

static void sanitize_replaces_unprintables (void **state)
{
  char out[8] ;
  (void)state ;
  assert_int_equal(line_sanitize(out, "a\tb\x7f\x80~", 7), 6) ;
  assert_string_equal(out, "a?b??~") ;
  assert_int_equal(line_sanitize(out, "abcdefghij", 7), 7) ;
  assert_string_equal(out, "abcdefg") ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(line_is_bounded_and_printable),
    cmocka_unit_test(why_joins_notes),
    cmocka_unit_test(add_appends_each_part),
    cmocka_unit_test(cut_stays_marked),
    cmocka_unit_test(head_names_the_client),
    cmocka_unit_test(sanitize_replaces_unprintables),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
