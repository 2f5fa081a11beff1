/* ISC license. */

#ifndef P0FWRAP_ANSWER_H
#define P0FWRAP_ANSWER_H

#include <stddef.h>

 /* The one list of the variables p0f-wrap exports and scrubs (SPEC.md's
    table): answer_names[] gives each its name, in this order. */
enum answer_field
{
  ANSWER_STATUS,
  ANSWER_ADDR,
  ANSWER_GENRE,
  ANSWER_DETAIL,
  ANSWER_DISTANCE,
  ANSWER_LINK,
  ANSWER_UPTIME,
  ANSWER_UPTIME_MIN,
  ANSWER_FIRST_SEEN,
  ANSWER_LAST_SEEN,
  ANSWER_TOTAL_CONN,
  ANSWER_UP_MOD_DAYS,
  ANSWER_LAST_NAT,
  ANSWER_LAST_CHG,
  ANSWER_BAD_SW,
  ANSWER_OS_MATCH_Q,
  ANSWER_HTTP_NAME,
  ANSWER_HTTP_FLAVOR,
  ANSWER_LANGUAGE,
  ANSWER_TOS,
  ANSWER_FW,
  ANSWER_NAT,
  ANSWER_REAL,
  ANSWER_SCORE,
  ANSWER_MFLAGS,
  ANSWER_FIELDS
} ;

 /* P0F_STATUS's values, in answer_status_names[] */
enum answer_status
{
  ANSWER_OK,
  ANSWER_STALE,
  ANSWER_NOMATCH,
  ANSWER_SKIPPED,
  ANSWER_ERROR,
  ANSWER_STATUSES
} ;

 /* a value: at most 40 bytes (p0f 2's detail), NUL-terminated; "" = not set */
#define ANSWER_VALUE_MAX 41
 /* "NAME=value\0" for every field at once: what answer_envp needs, on the stack */
#define ANSWER_ENV_MAX (ANSWER_FIELDS * (16 + ANSWER_VALUE_MAX))

typedef struct answer_s answer ;
struct answer_s
{
  char value[ANSWER_FIELDS][ANSWER_VALUE_MAX] ;
} ;

extern char const *const answer_names[ANSWER_FIELDS] ;
extern char const *const answer_status_names[ANSWER_STATUSES] ;

 /* answer_key: the field's name as a key, "genre" for P0F_GENRE (what the
    log line and the X-P0F field show), into key (ANSWER_KEY_MAX bytes);
    returns its length */
#define ANSWER_KEY_MAX 16
extern size_t answer_key (char *key, enum answer_field) ;

 /* answer_zero: every field unset */
extern void answer_zero (answer *) ;

 /* answer_set_string: field f from s, a string field of a p0f answer of at
    most width bytes (it need not end in NUL): stops at NUL or width (cut to
    40), drops trailing spaces, replaces each byte outside 0x20-0x7e by '?' */
extern void answer_set_string (answer *, enum answer_field, char const *, size_t) ;

 /* answer_set_uint, answer_set_int: field f in plain decimal */
extern void answer_set_uint (answer *, enum answer_field, unsigned long) ;
extern void answer_set_int (answer *, enum answer_field, long) ;

 /* answer_envp: fills v (room for envlen + ANSWER_FIELDS + 1 pointers) with
    envp's envlen entries minus every copy of every name in the list, then
    "NAME=value" for each set field of a (only P0F_STATUS if status_only),
    written into storage (ANSWER_ENV_MAX bytes), then a null pointer.
    Allocates nothing, cannot fail. Returns the number of entries in v. */
extern size_t answer_envp (char const **v, char const *const *envp, size_t envlen, answer const *,
  int status_only, char *storage) ;

#endif
