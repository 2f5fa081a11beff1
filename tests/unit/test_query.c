/* ISC license. */

#include "unit.h"
#include "answer.h"
#include "query.h"

 /* a record from the 15 s before since is where a SYN's first copy, sent again, puts it */
static void retransmitted_window (void **state)
{
  (void)state ;
  assert_true(query_retransmitted(1700000099, 1700000100)) ;
  assert_true(query_retransmitted(1700000085, 1700000100)) ;
  assert_false(query_retransmitted(1700000084, 1700000100)) ;
  assert_false(query_retransmitted(1700000100, 1700000100)) ;  /* not stale at all */
  assert_false(query_retransmitted(1700000101, 1700000100)) ;
  assert_false(query_retransmitted(0, 10)) ;  /* no time stamp */
  assert_true(query_retransmitted(4294967290U, 4294967295U)) ;
}

static void keep_the_best (void **state)
{
  (void)state ;
  assert_int_equal(query_keep(ANSWER_ERROR, ANSWER_NOMATCH), ANSWER_NOMATCH) ;
  assert_int_equal(query_keep(ANSWER_NOMATCH, ANSWER_STALE), ANSWER_STALE) ;
  assert_int_equal(query_keep(ANSWER_STALE, ANSWER_NOMATCH), ANSWER_STALE) ;
  assert_int_equal(query_keep(ANSWER_STALE, ANSWER_STALE), ANSWER_STALE) ;
  assert_int_equal(query_keep(ANSWER_STALE, ANSWER_OK), ANSWER_OK) ;
  assert_int_equal(query_keep(ANSWER_NOMATCH, ANSWER_ERROR), ANSWER_NOMATCH) ;
  assert_int_equal(query_keep(ANSWER_ERROR, ANSWER_ERROR), ANSWER_ERROR) ;
}

 /* the schedule: 4 ms, then 1, 1, 1, 1, 2, 2, 2, 2, 5, then 10 ms */
static void delays_follow_the_lag (void **state)
{
  static int const ms[] = { 4, 1, 1, 1, 1, 2, 2, 2, 2, 5, 10, 10, 10 } ;
  (void)state ;
  for (unsigned int n = 0 ; n < sizeof(ms) / sizeof(*ms) ; n++)
    assert_int_equal(query_delay(n, 0, 0, 1000000, 1000000, 50), ms[n] * 1000) ;
}

 /* a candidate waits for the settle point from its second answer on, never longer than the wait */
static void candidate_waits_for_settle (void **state)
{
  (void)state ;
  assert_int_equal(query_delay(0, 1, 20000, 100000, 1000000, 50), 4000) ;
  assert_int_equal(query_delay(1, 1, 20000, 100000, 1000000, 50), 20000) ;
  assert_int_equal(query_delay(1, 1, 500, 100000, 1000000, 50), 1000) ;  /* settled by the usual step */
  assert_int_equal(query_delay(1, 0, 20000, 100000, 1000000, 50), 1000) ;  /* not a candidate */
  assert_int_equal(query_delay(1, 1, 20000, 10000, 1000000, 50), -1) ;  /* -w 10 ends first */
}

 /* a re-ask starts within the -w wait, and while -t leaves 4 round trips, 5 ms at least */
static void reask_fits_the_deadline (void **state)
{
  (void)state ;
  assert_int_equal(query_delay(0, 0, 0, 3999, 1000000, 50), -1) ;
  assert_int_equal(query_delay(0, 0, 0, 4000, 1000000, 50), 4000) ;
  assert_int_equal(query_delay(0, 0, 0, 1000000, 9000, 50), 4000) ;  /* 4 + 5 ms reserve */
  assert_int_equal(query_delay(0, 0, 0, 1000000, 8999, 50), -1) ;
  assert_int_equal(query_delay(0, 0, 0, 1000000, 15999, 3000), -1) ;  /* 4 ms + 4 x 3 ms > 15.999 ms */
  assert_int_equal(query_delay(0, 0, 0, 1000000, 16000, 3000), 4000) ;
  assert_int_equal(query_delay(5, 0, 0, 1000000, 0, 0), -1) ;
}

int main (void)
{
  struct CMUnitTest const tests[] =
  {
    cmocka_unit_test(retransmitted_window),
    cmocka_unit_test(keep_the_best),
    cmocka_unit_test(delays_follow_the_lag),
    cmocka_unit_test(candidate_waits_for_settle),
    cmocka_unit_test(reask_fits_the_deadline),
  } ;
  return cmocka_run_group_tests(tests, 0, 0) ;
}
