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
  assert_string_equal(line, "ok genre=Linux?") ;  /* full: nothing more, and no dangling "..." */
  line[0] = 0 ;
  line_add(line, sizeof(line), "ok", " genre=", "Linuxes", " detail=") ;
  assert_string_equal(line, "ok genre=Lin...") ;
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
    cmocka_unit_test(sanitize_replaces_unprintables),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
