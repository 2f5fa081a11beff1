/* ISC license. */

 /* names: prints the one list of the variables p0f-wrap exports and scrubs
    (src/answer.c), a name a line, for the test scripts */

#include <stdio.h>

#include "answer.h"

int main (void)
{
  for (unsigned int i = 0 ; i < ANSWER_FIELDS ; i++) puts(answer_names[i]) ;
  return 0 ;
}
