/* ISC license. */

#include <string.h>

#include <skalibs/stralloc.h>

#include "answer.h"
#include "line.h"
#include "header.h"

#define HEADER_VALUE_MAX (ANSWER_VALUE_MAX - 1)
#define HEADER_FOLD 78

static enum answer_field const header_fields[] =
{
  ANSWER_STATUS, ANSWER_GENRE, ANSWER_DETAIL, ANSWER_DISTANCE, ANSWER_LINK, ANSWER_UPTIME
} ;

static int is_token_char (unsigned char c)
{
  return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?=", c) ;
}

 /* P0F_GENRE -> genre=: the key comes from the one list of names */
static int item_key (stralloc *sa, enum answer_field f)
{
  char key[ANSWER_KEY_MAX] ;
  size_t len = answer_key(key, f) ;
  return stralloc_catb(sa, key, len) && stralloc_catb(sa, "=", 1) ;
}

 /* cut, unprintables as ? again (line_sanitize, p0f-wrap's rule); a token
    as it is, anything else quoted */
static int item_value (stralloc *sa, char const *value)
{
  char clean[HEADER_VALUE_MAX + 1] ;
  size_t len = line_sanitize(clean, value, HEADER_VALUE_MAX) ;
  int quote = 0 ;
  for (size_t i = 0 ; i < len ; i++)
    if (!is_token_char(clean[i])) quote = 1 ;
  if (quote && !stralloc_catb(sa, "\"", 1)) return 0 ;
  for (size_t i = 0 ; i < len ; i++)
  {
    if ((clean[i] == '"' || clean[i] == '\\') && !stralloc_catb(sa, "\\", 1)) return 0 ;
    if (!stralloc_catb(sa, clean + i, 1)) return 0 ;
  }
  return !quote || stralloc_catb(sa, "\"", 1) ;
}

 /* folded before a key when the line, with the ';' that may end it, would
    pass HEADER_FOLD; every item is under 100 bytes, so no line comes near
    RFC 5322's 998 */
int header_build (stralloc *sa, char const *const *values)
{
  stralloc item = STRALLOC_ZERO ;
  size_t column ;
  if (!stralloc_cats(sa, "X-P0F: ")) return 0 ;
  column = 7 ;
  if (!values[ANSWER_STATUS] || !values[ANSWER_STATUS][0])
    return stralloc_cats(sa, "status=none\n") ;
  for (size_t i = 0 ; i < sizeof(header_fields) / sizeof(*header_fields) ; i++)
  {
    enum answer_field f = header_fields[i] ;
    char const *value = values[f] ;
    if (!value || !value[0]) continue ;
    item.len = 0 ;
    if (!item_key(&item, f)
     || !item_value(&item, value)) goto err ;
    if (i)
    {
      int fold = column + 2 + item.len + 1 > HEADER_FOLD ;
      if (!stralloc_cats(sa, fold ? ";\n " : "; ")) goto err ;
      column = fold ? 1 : column + 2 ;
    }
    if (!stralloc_catb(sa, item.s, item.len)) goto err ;
    column += item.len ;
  }
  stralloc_free(&item) ;
  return stralloc_catb(sa, "\n", 1) ;
 err:
  stralloc_free(&item) ;
  return 0 ;
}
