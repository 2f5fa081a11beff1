/* ISC license. */

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "options.h"
#include "ucspi.h"

#define ARGS(...) (sizeof((char const *[]){ __VA_ARGS__ }) / sizeof(char const *)), (char const *const[]){ __VA_ARGS__, 0 }

static int reset (void **state)
{
  (void)state ;
  unsetenv("P0F_TIMEOUT") ;
  unsetenv("P0F_SOCKET") ;
  unsetenv("P0F_LOCAL_IP") ;
  unsetenv("PROTO") ;
  unsetenv("TCPREMOTEIP") ;
  unsetenv("TCP6REMOTEIP") ;
  return 0 ;
}

static void defaults (void **state)
{
  options o ;
  (void)state ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "qmail-smtpd", "-x")), OPTIONS_OK) ;
  assert_int_equal(o.protocol, 3) ;
  assert_string_equal(o.socket, "/run/p0f.sock") ;
  assert_int_equal(o.timeout, 1000) ;
  assert_int_equal(o.wait, 100) ;
  assert_int_equal(o.verbosity, 1) ;
  assert_false(o.haslocal) ;
  assert_null(o.envname) ;
  assert_string_equal(o.prog[0], "qmail-smtpd") ;
  assert_string_equal(o.prog[1], "-x") ;
  assert_null(o.prog[2]) ;
}

static void every_option (void **state)
{
  options o ;
  (void)state ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-2", "-s", "/tmp/s", "-t", "250", "-w", "50", "-l", "203.0.113.5", "-v", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.protocol, 2) ;
  assert_string_equal(o.socket, "/tmp/s") ;
  assert_int_equal(o.timeout, 250) ;
  assert_int_equal(o.wait, 50) ;
  assert_int_equal(o.verbosity, 2) ;
  assert_true(o.haslocal) ;
  assert_memory_equal(o.local.ip, "\xcb\x00\x71\x05", 4) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-2", "-3", "-vq", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.protocol, 3) ;
  assert_int_equal(o.verbosity, 0) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "--", "-v")), OPTIONS_OK) ;
  assert_string_equal(o.prog[0], "-v") ;
}

static void wait_never_past_timeout (void **state)
{
  options o ;
  (void)state ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "30", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.wait, 30) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-w", "0", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.wait, 0) ;
}

static void usage_errors (void **state)
{
  options o ;
  (void)state ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap")), OPTIONS_USAGE) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-v")), OPTIONS_USAGE) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-x", "prog")), OPTIONS_USAGE) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t")), OPTIONS_USAGE) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-s", "", "prog")), OPTIONS_USAGE) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "abc", "prog")), OPTIONS_BADTIMEOUT) ;
  assert_string_equal(o.bad, "abc") ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "0", "prog")), OPTIONS_BADTIMEOUT) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "600001", "prog")), OPTIONS_BADTIMEOUT) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "99999999999999", "prog")), OPTIONS_BADTIMEOUT) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "10ms", "prog")), OPTIONS_BADTIMEOUT) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "-5", "prog")), OPTIONS_BADTIMEOUT) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-w", "x", "prog")), OPTIONS_BADWAIT) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-l", "300.1.1.1", "prog")), OPTIONS_BADLOCAL) ;
  assert_string_equal(o.bad, "300.1.1.1") ;
}

static void environment (void **state)
{
  options o ;
  (void)state ;
  setenv("P0F_TIMEOUT", "250", 1) ;
  setenv("P0F_SOCKET", "/srv/p0f/sock", 1) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.timeout, 250) ;
  assert_string_equal(o.socket, "/srv/p0f/sock") ;
  assert_null(o.envname) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "500", "-s", "/x", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.timeout, 500) ;
  assert_string_equal(o.socket, "/x") ;
}

static void bad_environment_warns_and_uses_defaults (void **state)
{
  options o ;
  (void)state ;
  setenv("P0F_TIMEOUT", "soon", 1) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "prog")), OPTIONS_OK) ;
  assert_int_equal(o.timeout, 1000) ;
  assert_string_equal(o.envname, "P0F_TIMEOUT") ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "-t", "200", "prog")), OPTIONS_OK) ;
  assert_null(o.envname) ;
  unsetenv("P0F_TIMEOUT") ;
  setenv("P0F_SOCKET", "", 1) ;
  assert_int_equal(options_parse(&o, ARGS("p0f-wrap", "prog")), OPTIONS_OK) ;
  assert_string_equal(o.socket, "/run/p0f.sock") ;
  assert_string_equal(o.envname, "P0F_SOCKET") ;
}

static void ucspi_variables (void **state)
{
  char name[UCSPI_NAME_MAX] ;
  (void)state ;
  assert_null(ucspi_env(name, "REMOTEIP")) ;
  assert_string_equal(name, "TCPREMOTEIP") ;
  setenv("TCPREMOTEIP", "192.0.2.7", 1) ;
  assert_string_equal(ucspi_env(name, "REMOTEIP"), "192.0.2.7") ;
  setenv("PROTO", "TCP6", 1) ;
  assert_string_equal(ucspi_env(name, "REMOTEIP"), "192.0.2.7") ;
  assert_string_equal(name, "TCPREMOTEIP") ;
  setenv("TCP6REMOTEIP", "2001:db8::1", 1) ;
  assert_string_equal(ucspi_env(name, "REMOTEIP"), "2001:db8::1") ;
  assert_string_equal(name, "TCP6REMOTEIP") ;
  setenv("PROTO", "junk;rm -rf", 1) ;
  assert_string_equal(ucspi_env(name, "REMOTEIP"), "192.0.2.7") ;
  unsetenv("TCPREMOTEIP") ;
  assert_null(ucspi_env(name, "REMOTEIP")) ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test_setup(defaults, reset),
    cmocka_unit_test_setup(every_option, reset),
    cmocka_unit_test_setup(wait_never_past_timeout, reset),
    cmocka_unit_test_setup(usage_errors, reset),
    cmocka_unit_test_setup(environment, reset),
    cmocka_unit_test_setup(bad_environment_warns_and_uses_defaults, reset),
    cmocka_unit_test_setup(ucspi_variables, reset),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
