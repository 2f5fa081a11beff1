/* ISC license. */

 /* names: prints the one list of the variables p0f-wrap exports and scrubs
    (src/answer.c), a name a line, for the test scripts; names status: the
    values of P0F_STATUS, from the same file */

#include <stdio.h>
#include <string.h>

#include "answer.h"

int main (int argc, char const *const *argv)
{
  if (argc > 1 && !strcmp(argv[1], "status"))
  {
    for (unsigned int i = 0 ; i < ANSWER_STATUSES ; i++) puts(answer_status_names[i]) ;
    return 0 ;
  }
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++) puts(answer_names[i]) ;
  return 0 ;
}
