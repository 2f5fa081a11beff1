/* ISC license. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <skalibs/env.h>
#include <skalibs/exec.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>

#include "answer.h"
#include "options.h"
#include "query.h"
#include "report.h"
#include "target.h"

#define USAGE "p0f-wrap [ -2 | -3 ] [ -s socket ] [ -t timeout ] [ -w wait ] [ -l localip ] [ -q | -v ] prog..."
#define dieusage() strerr_dieusage(100, USAGE)

static char const *const status_names[] =
{
  [ANSWER_OK] = "ok",
  [ANSWER_NOMATCH] = "nomatch",
  [ANSWER_BADQUERY] = "error",
  [ANSWER_MALFORMED] = "error",
  [ANSWER_ERROR] = "error",
} ;

static void report_elapsed (report *r, tain const *start, unsigned int queries)
{
  char fmt[UINT64_FMT] ;
  tain elapsed ;
  uint64_t us ;
  tain_now_g() ;
  tain_sub(&elapsed, &STAMP, start) ;
  us = elapsed.sec.x * 1000000 + elapsed.nano / 1000 ;
  report_cat(r, ", ") ;
  report_catn(r, fmt, uint_fmt(fmt, queries)) ;
  report_cat(r, queries == 1 ? " query, " : " queries, ") ;
  report_catn(r, fmt, uint64_fmt(fmt, us / 1000)) ;
  report_cat(r, ".") ;
  report_catn(r, fmt, uint64_fmt(fmt, us % 1000 / 100)) ;
  report_cat(r, " ms") ;
}

static void report_answer (report *r, answer const *a)
{
  static enum answer_field const shown[] = { ANSWER_GENRE, ANSWER_DETAIL, ANSWER_DISTANCE, ANSWER_LINK } ;
  static char const *const labels[] = { " genre=", " detail=", " distance=", " link=" } ;
  for (unsigned int i = 0 ; i < sizeof(shown) / sizeof(*shown) ; i++)
    if (a->value[shown[i]][0])
    {
      report_cat(r, labels[i]) ;
      report_cat(r, a->value[shown[i]]) ;
    }
}

int main (int argc, char const *const *argv)
{
  options o ;
  answer a ;
  query_target target ;
  query_stats stats = QUERY_STATS_ZERO ;
  report head = REPORT_ZERO ;
  report problem = REPORT_ZERO ;
  stralloc modifs = STRALLOC_ZERO ;
  enum answer_status status = ANSWER_ERROR ;
  tain start, deadline, waitdeadline ;
  PROG = "p0f-wrap" ;

  switch (options_parse(&o, argc, argv))
  {
    case OPTIONS_OK : break ;
    case OPTIONS_BADTIMEOUT : strerr_dief(100, "invalid timeout (milliseconds, 1 to 600000): ", o.bad) ;
    case OPTIONS_BADWAIT : strerr_dief(100, "invalid wait (milliseconds, 0 to 600000): ", o.bad) ;
    case OPTIONS_BADLOCAL : strerr_dief(100, "invalid local address: ", o.bad) ;
    default : dieusage() ;
  }

  tain_now_set_stopwatch_g() ;
  start = STAMP ;
  tain_from_millisecs(&deadline, o.timeout) ;
  tain_add_g(&deadline, &deadline) ;
  tain_from_millisecs(&waitdeadline, o.wait) ;
  tain_add_g(&waitdeadline, &waitdeadline) ;
  answer_zero(&a) ;

  if (o.envname)
  {
    report_cat(&problem, "invalid $") ;
    report_cat(&problem, o.envname) ;
    report_cat(&problem, ", using the default; ") ;
  }
  target.remote = 0 ;
  target.id = (uint32_t)getpid() << 8 ;
  if (target_get(&target, &o, &problem))
  {
    status = query_run(&a, o.protocol, o.socket, &target, &deadline, &waitdeadline, &stats) ;
    switch (status)
    {
      case ANSWER_ERROR :
        report_cat(&problem, "unable to ") ;
        report_cat(&problem, stats.failed) ;
        report_cat(&problem, " ") ;
        report_cat(&problem, o.socket) ;
        report_cat(&problem, ": ") ;
        report_cat(&problem, strerror(errno)) ;
        break ;
      case ANSWER_BADQUERY :
        report_cat(&problem, "p0f at ") ;
        report_cat(&problem, o.socket) ;
        report_cat(&problem, " rejected the query") ;
        break ;
      case ANSWER_MALFORMED :
        report_cat(&problem, "malformed answer from p0f at ") ;
        report_cat(&problem, o.socket) ;
        break ;
      default : break ;
    }
  }
  strcpy(a.value[ANSWER_STATUS], status_names[status]) ;

  report_catmax(&head, target.remote ? target.remote : "unknown", REPORT_ADDRESS_MAX) ;
  {
    char fmt[PID_FMT] ;
    report_cat(&head, " pid ") ;
    report_catn(&head, fmt, pid_fmt(fmt, getpid())) ;
    report_cat(&head, ": ") ;
  }

  if (o.verbosity && problem.len)
    strerr_warnw(head.s, problem.s) ;
  if (o.verbosity >= 2)
  {
    report info = head ;
    report_cat(&info, status_names[status]) ;
    report_answer(&info, &a) ;
    report_elapsed(&info, &start, stats.queries) ;
    strerr_warni(info.s) ;
  }

  if (!answer_modifs(&modifs, &a))
  {
    if (o.verbosity) strerr_warnwu("build the environment, running prog with it unchanged") ;
    xexec(o.prog) ;
  }
  xmexec_m(o.prog, modifs.s, modifs.len) ;
}
