/* ISC license. */

 /* libFuzzer: the p0f 3 answer decoder on any 232 bytes (and a "since" from the next 4); every value it
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
  uint32_t since = 0 ;
  answer a ;
  memcpy(reply, data, size < sizeof(reply) ? size : sizeof(reply)) ;
  if (size >= sizeof(reply) + 4) memcpy(&since, data + sizeof(reply), 4) ;
  answer_zero(&a) ;
  fuzz_check_answer(&a, p0f3_answer_unpack(&a, reply, since)) ;
  return 0 ;
}
