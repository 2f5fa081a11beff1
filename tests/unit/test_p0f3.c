/* ISC license. */

#include <string.h>

#include "unit.h"
#include "addr.h"
#include "answer.h"
#include "p0f3.h"

 /* x86_64 is little-endian: the magic 0x50304602 is 02 46 30 50 on the wire */
#define MAGIC_ANSWER "\x02\x46\x30\x50"
#define STATUS_OK "\x10\0\0\0"
#define STATUS_NOMATCH "\x20\0\0\0"
#define STATUS_BADQUERY "\0\0\0\0"

static void put (char *a, size_t offset, char const *bytes, size_t len)
{
  memcpy(a + offset, bytes, len) ;
}

static void reply (char *a, char const *status)
{
  memset(a, 0, P0F3_ANSWER_LEN) ;
  put(a, 0, MAGIC_ANSWER, 4) ;
  put(a, 4, status, 4) ;
}

static void query_ipv4 (void **state)
{
  static char const want[P0F3_QUERY_LEN] = "\x01\x46\x30\x50\x04\xc0\x00\x02\x07\0\0\0\0\0\0\0\0\0\0\0\0" ;
  char q[P0F3_QUERY_LEN] ;
  ip46 ip ;
  (void)state ;
  assert_true(addr_scan("192.0.2.7", &ip)) ;
  memset(q, 0x55, sizeof(q)) ;
  p0f3_query_pack(q, &ip) ;
  assert_memory_equal(q, want, P0F3_QUERY_LEN) ;
}

static void query_ipv6 (void **state)
{
  static char const want[P0F3_QUERY_LEN] = "\x01\x46\x30\x50\x06\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01" ;
  char q[P0F3_QUERY_LEN] ;
  ip46 ip ;
  (void)state ;
  assert_true(addr_scan("2001:db8::1", &ip)) ;
  p0f3_query_pack(q, &ip) ;
  assert_memory_equal(q, want, P0F3_QUERY_LEN) ;
}

static void query_mapped_is_ipv4 (void **state)
{
  static char const want[P0F3_QUERY_LEN] = "\x01\x46\x30\x50\x04\xc0\x00\x02\x07\0\0\0\0\0\0\0\0\0\0\0\0" ;
  char q[P0F3_QUERY_LEN] ;
  ip46 ip ;
  (void)state ;
  assert_true(addr_scan("::ffff:192.0.2.7", &ip)) ;
  p0f3_query_pack(q, &ip) ;
  assert_memory_equal(q, want, P0F3_QUERY_LEN) ;
  assert_true(addr_scan("::ffff:c000:207", &ip)) ;
  p0f3_query_pack(q, &ip) ;
  assert_memory_equal(q, want, P0F3_QUERY_LEN) ;
}

static void answer_ok_all_fields (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 8, "\x00\xf1\x53\x65", 4) ;   /* first_seen 1700000000 */
  put(r, 12, "\x64\xf1\x53\x65", 4) ;  /* last_seen 1700000100 */
  put(r, 16, "\x07\0\0\0", 4) ;        /* total_conn 7 */
  put(r, 20, "\x7d\0\0\0", 4) ;        /* uptime_min 125 */
  put(r, 24, "\x31\0\0\0", 4) ;        /* up_mod_days 49 */
  put(r, 28, "\x32\xf1\x53\x65", 4) ;  /* last_nat 1700000050 */
  put(r, 32, "\x3c\xf1\x53\x65", 4) ;  /* last_chg 1700000060 */
  put(r, 36, "\x0c\x00", 2) ;          /* distance 12 */
  put(r, 38, "\x01\x02", 2) ;          /* bad_sw 1, os_match_q 2 */
  put(r, 40, "Windows", 7) ;
  put(r, 72, "7 or 8", 6) ;
  put(r, 104, "Firefox", 7) ;
  put(r, 136, "10.x", 4) ;
  put(r, 168, "Ethernet or modem", 17) ;
  put(r, 200, "English", 7) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_FIRST_SEEN], "1700000000") ;
  assert_string_equal(a.value[ANSWER_LAST_SEEN], "1700000100") ;
  assert_string_equal(a.value[ANSWER_TOTAL_CONN], "7") ;
  assert_string_equal(a.value[ANSWER_UPTIME_MIN], "125") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "2") ;
  assert_string_equal(a.value[ANSWER_UP_MOD_DAYS], "49") ;
  assert_string_equal(a.value[ANSWER_LAST_NAT], "1700000050") ;
  assert_string_equal(a.value[ANSWER_LAST_CHG], "1700000060") ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "12") ;
  assert_string_equal(a.value[ANSWER_BAD_SW], "1") ;
  assert_string_equal(a.value[ANSWER_OS_MATCH_Q], "2") ;
  assert_string_equal(a.value[ANSWER_GENRE], "Windows") ;
  assert_string_equal(a.value[ANSWER_DETAIL], "7 or 8") ;
  assert_string_equal(a.value[ANSWER_HTTP_NAME], "Firefox") ;
  assert_string_equal(a.value[ANSWER_HTTP_FLAVOR], "10.x") ;
  assert_string_equal(a.value[ANSWER_LINK], "Ethernet or modem") ;
  assert_string_equal(a.value[ANSWER_LANGUAGE], "English") ;
  assert_string_equal(a.value[ANSWER_STATUS], "") ;
  assert_string_equal(a.value[ANSWER_TOS], "") ;
  assert_string_equal(a.value[ANSWER_SCORE], "") ;
}

static void answer_ok_unknowns_not_set (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 36, "\xff\x00", 2) ;   /* distance 255: what 3.09b sends for unknown */
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  for (unsigned int i = ANSWER_GENRE ; i < ANSWER_FIELDS ; i++)
    if (i != ANSWER_BAD_SW) assert_string_equal(a.value[i], "") ;
  assert_string_equal(a.value[ANSWER_BAD_SW], "0") ;
  put(r, 36, "\xff\xff", 2) ;   /* distance -1: the documented unknown */
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "") ;
  put(r, 36, "\x00\x00", 2) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "0") ;
  put(r, 36, "\xfe\x00", 2) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_DISTANCE], "254") ;
}

static void answer_uptime_minutes_and_hours (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 20, "\x3b\0\0\0", 4) ;   /* 59 minutes: 0 hours, still known */
  put(r, 24, "\x31\0\0\0", 4) ;   /* up_mod_days 49 */
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_UPTIME_MIN], "59") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "0") ;
}

 /* up_mod_days non-zero means p0f measured an uptime: uptime_min 0 is under a minute */
static void answer_uptime_under_a_minute (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 24, "\x31\0\0\0", 4) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_UPTIME_MIN], "0") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "0") ;
  assert_string_equal(a.value[ANSWER_UP_MOD_DAYS], "49") ;
  put(r, 20, "\x3b\0\0\0", 4) ;
  put(r, 24, "\0\0\0\0", 4) ;    /* no uptime measured: uptime_min means nothing */
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_UPTIME_MIN], "") ;
  assert_string_equal(a.value[ANSWER_UPTIME], "") ;
}

 /* os_match_q means something only with os_name: an unknown signature exports none */
static void answer_match_quality_only_with_genre (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 38, "\x00\x02", 2) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_GENRE], "") ;
  assert_string_equal(a.value[ANSWER_OS_MATCH_Q], "") ;
  put(r, 38, "\x00\x00", 2) ;
  put(r, 40, "Linux", 5) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_OS_MATCH_Q], "0") ;
}

 /* a flavor cut at its 32 bytes after a space loses the trailing spaces */
static void answer_trailing_spaces_dropped (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 40, "Mac OS X", 8) ;
  put(r, 72, "10.9 or newer (sometimes iPhone ", 32) ;
  put(r, 168, "   ", 3) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_DETAIL], "10.9 or newer (sometimes iPhone") ;
  assert_string_equal(a.value[ANSWER_LINK], "") ;
}

 /* last_seen before since: the record of an earlier connection */
static void answer_stale_before_since (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 12, "\x64\xf1\x53\x65", 4) ;  /* last_seen 1700000100 */
  put(r, 40, "Linux", 5) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 1700000100), ANSWER_OK) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 1700000099), ANSWER_OK) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 1700000101), ANSWER_STALE) ;
  assert_string_equal(a.value[ANSWER_GENRE], "Linux") ;
  assert_string_equal(a.value[ANSWER_LAST_SEEN], "1700000100") ;
  put(r, 12, "\0\0\0\0", 4) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 1), ANSWER_STALE) ;
}

static void answer_strings_32_bytes_no_nul (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  memset(r + 40, 'A', 32) ;
  memset(r + 72, 'B', 32) ;
  memset(r + 104, 'C', 32) ;
  memset(r + 136, 'D', 32) ;
  memset(r + 168, 'E', 32) ;
  memset(r + 200, 'F', 32) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_GENRE], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") ;
  assert_string_equal(a.value[ANSWER_DETAIL], "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB") ;
  assert_string_equal(a.value[ANSWER_HTTP_NAME], "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC") ;
  assert_string_equal(a.value[ANSWER_HTTP_FLAVOR], "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD") ;
  assert_string_equal(a.value[ANSWER_LINK], "EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE") ;
  assert_string_equal(a.value[ANSWER_LANGUAGE], "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF") ;
}

static void answer_control_and_high_bytes (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  reply(r, STATUS_OK) ;
  put(r, 40, "Lin\x1b[2Jux\n\x7f\xe9", 12) ;
  put(r, 72, "a\0hidden", 8) ;
  answer_zero(&a) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_OK) ;
  assert_string_equal(a.value[ANSWER_GENRE], "Lin?[2Jux???") ;
  assert_string_equal(a.value[ANSWER_DETAIL], "a") ;
}

static void answer_nomatch_badquery_malformed (void **state)
{
  char r[P0F3_ANSWER_LEN] ;
  answer a ;
  (void)state ;
  answer_zero(&a) ;
  reply(r, STATUS_NOMATCH) ;
  put(r, 40, "Linux", 5) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_NOMATCH) ;
  assert_string_equal(a.value[ANSWER_GENRE], "") ;
  reply(r, STATUS_BADQUERY) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_ERROR) ;
  reply(r, "\x30\0\0\0") ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_ERROR) ;
  reply(r, STATUS_OK) ;
  put(r, 0, "\x01\x46\x30\x50", 4) ;   /* the query magic, not the answer's */
  put(r, 40, "Linux", 5) ;
  assert_int_equal(p0f3_answer_unpack(&a, r, 0), ANSWER_ERROR) ;
  assert_string_equal(a.value[ANSWER_GENRE], "") ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(query_ipv4),
    cmocka_unit_test(query_ipv6),
    cmocka_unit_test(query_mapped_is_ipv4),
    cmocka_unit_test(answer_ok_all_fields),
    cmocka_unit_test(answer_ok_unknowns_not_set),
    cmocka_unit_test(answer_uptime_minutes_and_hours),
    cmocka_unit_test(answer_uptime_under_a_minute),
    cmocka_unit_test(answer_match_quality_only_with_genre),
    cmocka_unit_test(answer_trailing_spaces_dropped),
    cmocka_unit_test(answer_stale_before_since),
    cmocka_unit_test(answer_strings_32_bytes_no_nul),
    cmocka_unit_test(answer_control_and_high_bytes),
    cmocka_unit_test(answer_nomatch_badquery_malformed),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
