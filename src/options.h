/* ISC license. */

#ifndef P0FWRAP_OPTIONS_H
#define P0FWRAP_OPTIONS_H

#include <skalibs/ip46.h>

#define OPTIONS_SOCKET_DEFAULT "/run/p0f.sock"
#define OPTIONS_TIMEOUT_DEFAULT 1000
#define OPTIONS_WAIT_DEFAULT 100
#define OPTIONS_MILLISECS_MAX 600000

enum options_error
{
  OPTIONS_OK,
  OPTIONS_USAGE,
  OPTIONS_BADTIMEOUT,
  OPTIONS_BADWAIT,
  OPTIONS_BADLOCAL
} ;

typedef struct options_s options, *options_ref ;
struct options_s
{
  unsigned int protocol ;
  char const *socket ;
  unsigned int timeout ;
  unsigned int wait ;
  unsigned int verbosity ;
  int haslocal ;
  ip46 local ;
  char const *bad ;
  char const *envname ;
  char const *envvalue ;
  char const *const *prog ;
} ;

extern enum options_error options_parse (options *, int, char const *const *) ;

#endif
