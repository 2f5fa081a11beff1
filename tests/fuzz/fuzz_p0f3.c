/* ISC license. */

 /* libFuzzer: the p0f 3 answer decoder on any 232 bytes; every value it
    produces must be printable and within bounds. */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "answer.h"
#include "p0f3.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char reply[P0F3_ANSWER_LEN] = { 0 } ;
  answer a ;
  memcpy(reply, data, size < sizeof(reply) ? size : sizeof(reply)) ;
  answer_zero(&a) ;
  fuzz_check_answer(&a, p0f3_answer_unpack(&a, reply)) ;
  return 0 ;
}
