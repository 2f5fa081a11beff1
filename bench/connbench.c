/* ISC license. */

 /* connbench PORT CONCURRENCY SECONDS NET: CONCURRENCY workers connect to
    127.0.0.1:PORT over and over for SECONDS, each connection from a new
    source address 127.NET+worker.x.y (a host p0f has never seen), read the
    answer to EOF, and report: connections/s, the share that said
    P0F_STATUS=ok, the median and 99th percentile latency (microseconds). */

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "bench.h"

#define MAXCONN 200000

typedef struct result_s { long lat ; int ok ; } result ;

static void record (int out, long lat, int ok)
{
  result r = { .lat = lat, .ok = ok } ;
  if (write(out, &r, sizeof(r)) != sizeof(r)) _exit(111) ;
}

static void worker (int port, int net, long end, int out)
{
  for (long k = 0 ; now_us() < end ; k++)
  {
    struct sockaddr_in src = { .sin_family = AF_INET }, dst = { .sin_family = AF_INET, .sin_port = htons(port) } ;
    char buf[256] ;
    size_t got = 0 ;
    ssize_t r ;
    long t0 = now_us() ;
    int fd = socket(AF_INET, SOCK_STREAM, 0) ;
    struct timeval tv = { .tv_sec = 5 } ;
    if (fd < 0) { perror("socket") ; exit(111) ; }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ;
    src.sin_addr.s_addr = htonl((127U << 24) | ((unsigned)net << 16) | ((k / 250 % 250) << 8) | (k % 250 + 1)) ;
    dst.sin_addr.s_addr = htonl(0x7f000001) ;
    if (bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0 || connect(fd, (struct sockaddr *)&dst, sizeof(dst)) < 0)
    {
      close(fd) ;
      record(out, now_us() - t0, 0) ;
      continue ;
    }
    while (got < sizeof(buf) - 1 && (r = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0) got += r ;
    buf[got] = 0 ;
    close(fd) ;
    record(out, now_us() - t0, !!strstr(buf, "P0F_STATUS=ok")) ;
  }
}

int main (int argc, char **argv)
{
  int port, conc, secs, net ;
  long end, *lat, n = 0, ok = 0 ;
  char path[] = "/tmp/connbench.XXXXXX" ;
  int tmp ;
  if (argc < 5) { fprintf(stderr, "usage: connbench port concurrency seconds net\n") ; return 100 ; }
  port = atoi(argv[1]) ; conc = atoi(argv[2]) ; secs = atoi(argv[3]) ; net = atoi(argv[4]) ;
  tmp = mkstemp(path) ;
  lat = malloc(MAXCONN * sizeof(long)) ;
  if (tmp < 0 || !lat) return 111 ;
  unlink(path) ;
  if (fcntl(tmp, F_SETFL, O_APPEND) < 0) return 111 ;
  end = now_us() + secs * 1000000L ;
  for (int i = 0 ; i < conc ; i++)
  {
    pid_t pid = fork() ;
    if (pid < 0) return 111 ;
    if (!pid)
    {
      worker(port, net + i, end, tmp) ;
      _exit(0) ;
    }
  }
  while (wait(0) > 0) ;
  lseek(tmp, 0, SEEK_SET) ;
  {
    result r ;
    while (n < MAXCONN && read(tmp, &r, sizeof(r)) == sizeof(r)) { lat[n++] = r.lat ; ok += r.ok ; }
  }
  if (!n) return 111 ;
  qsort(lat, n, sizeof(long), &cmp_long) ;
  printf("%.1f %.1f %ld %ld %ld\n", (double)n / secs, 100.0 * ok / n, lat[n / 2], lat[(n * 99) / 100], n) ;
  return 0 ;
}
