/* ISC license. */

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "options.h"
#include "report.h"
#include "target.h"

static char const *const vars[] =
{
  "PROTO", "TCPREMOTEIP", "TCPREMOTEPORT", "TCPLOCALIP", "TCPLOCALPORT",
  "TCP6REMOTEIP", "TCP6REMOTEPORT", "TCP6LOCALIP", "TCP6LOCALPORT", "P0F_LOCAL_IP", 0
} ;

static int reset (void **state)
{
  (void)state ;
  for (unsigned int i = 0 ; vars[i] ; i++) unsetenv(vars[i]) ;
  setenv("TCPREMOTEIP", "198.51.100.9", 1) ;
  setenv("TCPREMOTEPORT", "40000", 1) ;
  setenv("TCPLOCALIP", "10.0.0.5", 1) ;
  setenv("TCPLOCALPORT", "25", 1) ;
  return 0 ;
}

static options opts (unsigned int protocol)
{
  options o ;
  memset(&o, 0, sizeof(o)) ;
  o.protocol = protocol ;
  return o ;
}

static void p0f3_needs_only_the_client (void **state)
{
  query_target t ;
  report r = REPORT_ZERO ;
  options o = opts(3) ;
  (void)state ;
  unsetenv("TCPLOCALIP") ;
  unsetenv("TCPREMOTEPORT") ;
  assert_true(target_get(&t, &o, &r)) ;
  assert_memory_equal(t.client.ip, "\xc6\x33\x64\x09", 4) ;
  assert_string_equal(t.remote, "198.51.100.9") ;
  assert_int_equal(r.len, 0) ;
}

static void p0f2_from_tcpserver (void **state)
{
  query_target t ;
  report r = REPORT_ZERO ;
  options o = opts(2) ;
  (void)state ;
  assert_true(target_get(&t, &o, &r)) ;
  assert_memory_equal(t.server.ip, "\x0a\0\0\x05", 4) ;
  assert_int_equal(t.client_port, 40000) ;
  assert_int_equal(t.server_port, 25) ;
}

static void p0f2_local_override (void **state)
{
  query_target t ;
  report r = REPORT_ZERO ;
  options o = opts(2) ;
  (void)state ;
  setenv("P0F_LOCAL_IP", "203.0.113.5", 1) ;
  assert_true(target_get(&t, &o, &r)) ;
  assert_memory_equal(t.server.ip, "\xcb\x00\x71\x05", 4) ;
  o.haslocal = 1 ;
  o.local.is6 = 0 ;
  memcpy(o.local.ip, "\xcb\x00\x71\x06", 4) ;
  assert_true(target_get(&t, &o, &r)) ;
  assert_memory_equal(t.server.ip, "\xcb\x00\x71\x06", 4) ;
  setenv("P0F_LOCAL_IP", "junk", 1) ;
  assert_true(target_get(&t, &o, &r)) ;
  o.haslocal = 0 ;
  assert_false(target_get(&t, &o, &r)) ;
  assert_string_equal(r.s, "invalid local address in $P0F_LOCAL_IP") ;
}

static void p0f2_problems_name_the_variable (void **state)
{
  query_target t ;
  options o = opts(2) ;
  (void)state ;
  {
    report r = REPORT_ZERO ;
    setenv("TCPREMOTEIP", "2001:db8::1", 1) ;
    assert_false(target_get(&t, &o, &r)) ;
    assert_string_equal(r.s, "p0f 2 cannot look up IPv6 clients") ;
    setenv("TCPREMOTEIP", "::ffff:198.51.100.9", 1) ;
  }
  {
    report r = REPORT_ZERO ;
    setenv("TCPREMOTEPORT", "65536", 1) ;
    assert_false(target_get(&t, &o, &r)) ;
    assert_string_equal(r.s, "invalid client port in $TCPREMOTEPORT") ;
    setenv("TCPREMOTEPORT", "40000", 1) ;
  }
  {
    report r = REPORT_ZERO ;
    unsetenv("TCPLOCALPORT") ;
    assert_false(target_get(&t, &o, &r)) ;
    assert_string_equal(r.s, "no local port: $TCPLOCALPORT not set") ;
    setenv("TCPLOCALPORT", "25", 1) ;
  }
  {
    report r = REPORT_ZERO ;
    setenv("PROTO", "TCP6", 1) ;
    unsetenv("TCPLOCALIP") ;
    assert_false(target_get(&t, &o, &r)) ;
    assert_string_equal(r.s, "no local address: $TCP6LOCALIP and $TCPLOCALIP not set") ;
  }
  {
    report r = REPORT_ZERO ;
    setenv("TCP6LOCALIP", "2001:db8::25", 1) ;
    assert_false(target_get(&t, &o, &r)) ;
    assert_string_equal(r.s, "p0f 2 cannot look up connections to an IPv6 local address") ;
  }
  {
    report r = REPORT_ZERO ;
    setenv("TCP6LOCALIP", "10.0.0.5x", 1) ;
    assert_false(target_get(&t, &o, &r)) ;
    assert_string_equal(r.s, "invalid local address in $TCP6LOCALIP") ;
  }
}

static void no_client (void **state)
{
  query_target t ;
  report r = REPORT_ZERO ;
  options o = opts(3) ;
  (void)state ;
  unsetenv("TCPREMOTEIP") ;
  t.remote = "stale" ;
  assert_false(target_get(&t, &o, &r)) ;
  assert_null(t.remote) ;
  assert_string_equal(r.s, "no client address: $TCPREMOTEIP not set") ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test_setup(p0f3_needs_only_the_client, reset),
    cmocka_unit_test_setup(p0f2_from_tcpserver, reset),
    cmocka_unit_test_setup(p0f2_local_override, reset),
    cmocka_unit_test_setup(p0f2_problems_name_the_variable, reset),
    cmocka_unit_test_setup(no_client, reset),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
