/* ISC license. */

 /* libFuzzer: the p0f 2 answer decoder on any 144 bytes, with the id the
    answer carries (so the fields behind the id check are reached) or, when
    the input has a 145th byte, another id. */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "answer.h"
#include "p0f2.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char reply[P0F2_ANSWER_LEN] = { 0 } ;
  answer a ;
  uint32_t id ;
  memcpy(reply, data, size < sizeof(reply) ? size : sizeof(reply)) ;
  memcpy(&id, reply + 4, 4) ;
  if (size > P0F2_ANSWER_LEN) id ^= data[P0F2_ANSWER_LEN] ;
  answer_zero(&a) ;
  fuzz_check_answer(&a, p0f2_answer_unpack(&a, reply, id)) ;
  return 0 ;
}
