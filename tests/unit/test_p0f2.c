/* ISC license. */

#include <string.h>

#include "unit.h"
#include "answer.h"
#include "p0f2.h"

 /* x86_64 is little-endian: the magic 0x0defaced is ed ac ef 0d on the wire */
#define MAGIC "\xed\xac\xef\x0d"
#define ID "\x78\x56\x34\x12"

static void put (char *a, size_t offset, char const *bytes, size_t len)
{
  memcpy(a + offset, bytes, len) ;
}

static void reply (char *a, unsigned char type)
{
  memset(a, 0, P0F2_ANSWER_LEN) ;
  put(a, 0, MAGIC, 4) ;
  put(a, 4, ID, 4) ;
  a[8] = type ;
}

static void query_bytes (void **state)
{
  static char const want[P0F2_QUERY_LEN] =
    MAGIC "\x01" "\0\0\0" ID
    "\xcb\x00\x71\x09"    /* client 203.0.113.9, network order */
    "\xcb\x00\x71\x05"    /* server 203.0.113.5 */
    "\x39\x30"            /* client port 12345, host order */
    "\x19\x00" ;          /* server port 25 */
  char q[P0F2_QUERY_LEN] ;
  (void)state ;
  memset(q, 0x55, sizeof(q)) ;
  p0f2_query_pack(q, 0x12345678, "\xcb\x00\x71\x09", "\xcb\x00\x71\x05", 12345, 25) ;
  assert_memory_equal(q, want, P0F2_QUERY_LEN) ;
}

static void answer_ok_every_offset (void **state)
{
  char r[P0F2_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, 0) ;
  put(r, 9, "FreeBSD", 7) ;
  put(r, 29, "6.x (1)", 7) ;
  r[69] = 17 ;
  put(r, 70, "ethernet/modem", 14) ;
  put(r, 100, "low delay", 9) ;
  r[130] = 1 ;
  r[131] = 2 ;
  r[132] = 1 ;
  r[133] = 0x7f ;                     /* padding: ignored */
  put(r, 134, "\xf9\xff", 2) ;        /* score -7 */
  put(r, 136, "\x02\x01", 2) ;        /* mflags 0x0102 = 258 */
  put(r, 138, "\xaa\xbb", 2) ;        /* padding: ignored */
  put(r, 140, "\x6e\x05\0\0", 4) ;    /* uptime 1390 hours */
  answer_zero(&a) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_GENRE], "FreeBSD") ;
  assert_string_equal(a.value[ANSWER_DETAIL], "6.x (1)") ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "17") ;
  assert_string_equal(a.value[ANSWER_LINK], "ethernet/modem") ;
  assert_string_equal(a.value[ANSWER_TOS], "low delay") ;
  assert_string_equal(a.value[ANSWER_FW], "1") ;
  assert_string_equal(a.value[ANSWER_NAT], "2") ;
  assert_string_equal(a.value[ANSWER_REAL], "1") ;
  assert_string_equal(a.value[ANSWER_SCORE], "-7") ;
  assert_string_equal(a.value[ANSWER_MFLAGS], "258") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "1390") ;
  assert_string_equal(a.value[ANSWER_UPTIME_MIN], "83400") ;
  assert_string_equal(a.value[ANSWER_FIRST_SEEN], "") ;
  assert_string_equal(a.value[ANSWER_BAD_SW], "") ;
}

static void answer_unknowns (void **state)
{
  char r[P0F2_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, 0) ;
  r[69] = (char)0xff ;                /* dist -1 */
  put(r, 134, "\x9c\xff", 2) ;        /* score -100: NO_SCORE */
  put(r, 140, "\xff\xff\xff\xff", 4) ;/* uptime -1 */
  answer_zero(&a) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "") ;
  assert_string_equal(a.value[ANSWER_SCORE], "") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "") ;
  assert_string_equal(a.value[ANSWER_UPTIME_MIN], "") ;
  assert_string_equal(a.value[ANSWER_GENRE], "") ;
  assert_string_equal(a.value[ANSWER_MFLAGS], "0") ;
  put(r, 134, "\0\0", 2) ;
  put(r, 140, "\0\0\0\0", 4) ;
  r[69] = 0 ;
  answer_zero(&a) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "0") ;
  assert_string_equal(a.value[ANSWER_SCORE], "0") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "0") ;
}

static void answer_strings_without_nul (void **state)
{
  char r[P0F2_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, 0) ;
  memset(r + 9, 'G', 20) ;
  memset(r + 29, 'D', 40) ;
  memset(r + 70, 'L', 30) ;
  memset(r + 100, '\x01', 30) ;
  answer_zero(&a) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_GENRE], "GGGGGGGGGGGGGGGGGGGG") ;
  assert_string_equal(a.value[ANSWER_DETAIL], "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD") ;
  assert_string_equal(a.value[ANSWER_LINK], "LLLLLLLLLLLLLLLLLLLLLLLLLLLLLL") ;
  assert_string_equal(a.value[ANSWER_TOS], "??????????????????????????????") ;
}

static void answer_rejected (void **state)
{
  char r[P0F2_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  answer_zero(&a) ;
  reply(r, 1) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_ERROR) ;
  reply(r, 2) ;
  put(r, 9, "Linux", 5) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_NOMATCH) ;
  assert_string_equal(a.value[ANSWER_GENRE], "") ;
  reply(r, 255) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_ERROR) ;
  reply(r, 3) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_ERROR) ;
  reply(r, 0) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345679), ANSWER_ERROR) ;
  put(r, 0, "\xee\xac\xef\x0d", 4) ;
  assert_int_equal(p0f2_answer_unpack(&a, r, 0x12345678), ANSWER_ERROR) ;
  assert_string_equal(a.value[ANSWER_GENRE], "") ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(query_bytes),
    cmocka_unit_test(answer_ok_every_offset),
    cmocka_unit_test(answer_unknowns),
    cmocka_unit_test(answer_strings_without_nul),
    cmocka_unit_test(answer_rejected),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
