/* ISC license. */

 /* lagprobe PORT SOCKET N NET: p0f's own lag. N times: connect to
    127.0.0.1:PORT from a new address 127.NET.x.y, then ask p0f (p0f 3 API
    at SOCKET) every 0.1 ms until it knows the client; prints the median,
    90th percentile and worst time from connect() to p0f's first ok (us). */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "bench.h"

#include <skalibs/tai.h>

#include "answer.h"
#include "line.h"
#include "p0f3.h"
#include "query.h"

int main (int argc, char **argv)
{
  int port, n, net, got = 0 ;
  long *lag ;
  if (argc < 5) return 100 ;
  port = atoi(argv[1]) ; n = atoi(argv[3]) ; net = atoi(argv[4]) ;
  lag = malloc(n * sizeof(long)) ;
  if (!lag) return 111 ;
  for (int k = 0 ; k < n ; k++)
  {
    struct sockaddr_in src = { .sin_family = AF_INET }, dst = { .sin_family = AF_INET, .sin_port = htons(port) } ;
    ip46 client = { .is6 = 0 } ;
    uint32_t a = (127U << 24) | ((unsigned)net << 16) | ((k / 250 % 250) << 8) | (k % 250 + 1) ;
    char buf[256] ;
    long t0 ;
    int fd = socket(AF_INET, SOCK_STREAM, 0) ;
    if (fd < 0) return 111 ;
    src.sin_addr.s_addr = htonl(a) ;
    dst.sin_addr.s_addr = htonl(0x7f000001) ;
    memcpy(client.ip, &src.sin_addr.s_addr, 4) ;
    if (bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0) return 111 ;
    t0 = now_us() ;
    if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)) < 0) return 111 ;
    while (now_us() - t0 < 200000)
    {
      char q[P0F3_QUERY_LEN], r[P0F3_ANSWER_LEN] ;
      char why[LINE_WHY_MAX] = "" ;
      unsigned int sent = 0 ;
      answer ans ;
      tain deadline ;
      tain_now_set_stopwatch_g() ;
      tain_addsec_g(&deadline, 1) ;
      p0f3_query_pack(q, &client) ;
      if (query_exchange(argv[2], q, sizeof(q), r, sizeof(r), &deadline, &sent, why) && (answer_zero(&ans), p0f3_answer_unpack(&ans, r, 0) == ANSWER_OK))
      {
        lag[got++] = now_us() - t0 ;
        break ;
      }
      usleep(100) ;
    }
    while (read(fd, buf, sizeof(buf)) > 0) ;
    close(fd) ;
  }
  if (!got) return 111 ;
  qsort(lag, got, sizeof(long), &cmp_long) ;
  printf("%ld %ld %ld %d\n", lag[got / 2], lag[(got * 9) / 10], lag[got - 1], got) ;
  return 0 ;
}
