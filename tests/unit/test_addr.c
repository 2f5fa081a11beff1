/* ISC license. */

#include <string.h>
#include <stdlib.h>

#include "unit.h"
#include "addr.h"

static void is4 (char const *s, char const *want)
{
  ip46 ip ;
  assert_true(addr_scan(s, &ip)) ;
  assert_false(ip.is6) ;
  assert_memory_equal(ip.ip, want, 4) ;
}

static void is6 (char const *s, char const *want)
{
  ip46 ip ;
  assert_true(addr_scan(s, &ip)) ;
  assert_true(ip.is6) ;
  assert_memory_equal(ip.ip, want, 16) ;
}

static void invalid (char const *s)
{
  ip46 ip ;
  if (addr_scan(s, &ip)) fail_msg("accepted \"%s\"", s) ;
}

static void ipv4 (void **state)
{
  (void)state ;
  is4("192.0.2.7", "\xc0\x00\x02\x07") ;
  is4("0.0.0.0", "\0\0\0\0") ;
  is4("255.255.255.255", "\xff\xff\xff\xff") ;
  is4("127.0.0.1", "\x7f\0\0\x01") ;
}

static void ipv4_traps (void **state)
{
  (void)state ;
  invalid("300.1.1.1") ;
  invalid("1.2.3.256") ;
  invalid("1.2.3.4x") ;
  invalid("1.2.3.4 ") ;
  invalid(" 1.2.3.4") ;
  invalid("1.2.3") ;
  invalid("1.2.3.4.5") ;
  invalid("1..2.3") ;
  invalid("1.2.3.") ;
  invalid("1.2.3.0004") ;
  invalid("-1.2.3.4") ;
  invalid("1.2.3.4%eth0") ;
  invalid("4294967297.1.1.1") ;
}

 /* one rule for a dotted quad alone and in a mapped tail: no leading zeros (octal to some parsers) */
static void leading_zeros (void **state)
{
  (void)state ;
  invalid("01.2.3.4") ;
  invalid("1.2.3.04") ;
  invalid("::ffff:01.2.3.4") ;
  is4("10.0.0.0", "\x0a\0\0\0") ;
  is4("::ffff:10.0.0.0", "\x0a\0\0\0") ;
}

static void unspecified (void **state)
{
  ip46 ip ;
  (void)state ;
  assert_true(addr_scan("0.0.0.0", &ip) && addr_is_unspecified(&ip)) ;
  assert_true(addr_scan("::", &ip) && addr_is_unspecified(&ip)) ;
  assert_true(addr_scan("::ffff:0.0.0.0", &ip) && addr_is_unspecified(&ip)) ;
  assert_true(addr_scan("0.0.0.1", &ip) && !addr_is_unspecified(&ip)) ;
  assert_true(addr_scan("::1", &ip) && !addr_is_unspecified(&ip)) ;
}

static void ipv6 (void **state)
{
  (void)state ;
  is6("2001:db8::1", "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  is6("2001:DB8::1", "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  is6("::1", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  is6("::", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0") ;
  is6("::1:2:3:4:5:6:7", "\0\0\0\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0\x07") ;
  is6("1:2:3:4:5:6:7::", "\0\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0\x07\0\0") ;
  is6("2001:0db8:0000:0000:0000:0000:0000:0001", "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  is6("64:ff9b::192.0.2.7", "\0\x64\xff\x9b\0\0\0\0\0\0\0\0\xc0\x00\x02\x07") ;
}

static void zone_is_ignored (void **state)
{
  (void)state ;
  is6("2001:db8::1%eth0", "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  is6("fe80::1%2", "\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  invalid("2001:db8::1%") ;
  invalid("%eth0") ;
}

static void mapped_is_ipv4 (void **state)
{
  (void)state ;
  is4("::ffff:192.0.2.7", "\xc0\x00\x02\x07") ;
  is4("::FFFF:192.0.2.7", "\xc0\x00\x02\x07") ;
  is4("::ffff:c000:207", "\xc0\x00\x02\x07") ;
  is4("0:0:0:0:0:ffff:c000:0207", "\xc0\x00\x02\x07") ;
  is4("::ffff:127.0.0.1%lo", "\x7f\0\0\x01") ;
  invalid("::ffff:300.1.1.1") ;
  invalid("::ffff:1.2.3") ;
  invalid("::ffff:1.2.3.4x") ;
}

static void garbage (void **state)
{
  (void)state ;
  invalid("") ;
  invalid("localhost") ;
  invalid("1:2:3:4:5:6:7:8:9") ;
  invalid("2001:db8::1::2") ;
  invalid("2001:db8:::1") ;
  invalid("12345::1") ;
  invalid("g::1") ;
  invalid(":") ;
  invalid("1.2.3.4\n") ;
  invalid("\xe9\xe9.1.1.1") ;
}

static void overlong (void **state)
{
  char *junk = malloc(65537) ;
  (void)state ;
  assert_non_null(junk) ;
  memset(junk, '1', 65536) ;
  junk[65536] = 0 ;
  invalid(junk) ;
  memset(junk, ':', 65536) ;
  invalid(junk) ;
  strcpy(junk, "0000:0000:0000:0000:0000:0000:0000:0001%abcdefghijklmnopqrstuvwxyz") ;
  invalid(junk) ;
  strcpy(junk, "0000:0000:0000:0000:0000:0000:0000:0001%abcdefghijklmnopq") ;
  is6(junk, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01") ;
  free(junk) ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(ipv4),
    cmocka_unit_test(ipv4_traps),
    cmocka_unit_test(leading_zeros),
    cmocka_unit_test(unspecified),
    cmocka_unit_test(ipv6),
    cmocka_unit_test(zone_is_ignored),
    cmocka_unit_test(mapped_is_ipv4),
    cmocka_unit_test(garbage),
    cmocka_unit_test(overlong),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
