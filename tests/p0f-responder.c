/* ISC license. */

 /* A test double for p0f: speaks the p0f 3 API (or, with -2, the p0f 2.0.8
    query protocol) on a Unix socket, with scripted answers and faults.
    It lays its bytes out itself (put32, put16 and the offsets below, from
    p0f's api.h and p0f-query.h) and does not share src/hostorder.h or the
    codecs: a layout bug there would otherwise be made on both sides of the
    socket and pass every test. */

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/sgetopt.h>
#include <skalibs/sig.h>
#include <skalibs/socket.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include <skalibs/ip46.h>

#define USAGE "p0f-responder [ -2 ] [ -n ] [ -c clientip:port ] [ -S serverip:port ] [ -m ip=genre ]... socket action..."
#define dieusage() strerr_dieusage(100, USAGE)

#define MAPS_MAX 8

typedef struct map_s { char ip[16] ; int is6 ; char const *genre ; } map ;

static map maps[MAPS_MAX] ;
static unsigned int nmaps = 0 ;
static char const *const *actions ;
static unsigned int nactions ;
static unsigned int served = 0 ;
static ip46 seen_client, seen_server ;
static uint16_t seen_cport, seen_sport ;
static int v2 = 0 ;

static void put32 (char *s, uint32_t u) { memcpy(s, &u, 4) ; }
static void put16 (char *s, uint16_t u) { memcpy(s, &u, 2) ; }

static void sleep_ms (unsigned int ms)
{
  struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L } ;
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) ;
}

static long long now_ms (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 ;
}

 /* Unix seconds as p0f stamps them: the packet's capture time, i.e.
    CLOCK_REALTIME; never time(), whose coarse clock lags it by up to a tick
    after each second begins (PROTOCOLS.md) */
static uint32_t unix_now (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_REALTIME, &ts) ;
  return (uint32_t)ts.tv_sec ;
}

 /* the second of the first query this responder got, logged once as
    "anchor SECONDS": "seen:D" stamps last_seen anchor + D on every answer,
    so that a test knows the stamp exactly, whenever the answer leaves */
static uint32_t anchor = 0 ;

 /* "nomatchfor:MS": no match until MS ms after the first query, then ok */
static char const *next_action (void)
{
  static long long first = -1 ;
  char const *a = actions[served < nactions ? served : nactions - 1] ;
  served++ ;
  if (first < 0) first = now_ms() ;
  if (!anchor)
  {
    anchor = unix_now() ;
    printf("anchor %u\n", (unsigned int)anchor) ;
    fflush(stdout) ;
  }
  if (!strncmp(a, "nomatchfor:", 11))
  {
    unsigned int ms = 0 ;
    uint_scan(a + 11, &ms) ;
    return now_ms() - first < ms ? "nomatch" : "ok" ;
  }
  return a ;
}

static void field (char *dst, size_t width, char const *s)
{
  size_t n = strlen(s) ;
  memset(dst, 0, width) ;
  memcpy(dst, s, n < width ? n : width) ;
}

 /* "ok:GENRE:DETAIL:DIST" with every part optional */
static void parse_ok (char const *action, char *genre, char *detail, int *dist)
{
  char buf[256] ;
  char *p, *q ;
  strcpy(genre, "Linux") ;
  strcpy(detail, "2.2.x-3.x") ;
  *dist = 0 ;
  if (strncmp(action, "ok:", 3)) return ;
  snprintf(buf, sizeof(buf), "%s", action + 3) ;
  p = strchr(buf, ':') ;
  if (p) *p++ = 0 ;
  strcpy(genre, buf) ;
  if (!p) return ;
  q = strchr(p, ':') ;
  if (q) *q++ = 0 ;
  strcpy(detail, p) ;
  if (q) sscanf(q, "%d", dist) ;
}

static char const *mapped_genre (char const *ip, int is6)
{
  for (unsigned int i = 0 ; i < nmaps ; i++)
    if (maps[i].is6 == is6 && !memcmp(maps[i].ip, ip, is6 ? 16 : 4)) return maps[i].genre ;
  return 0 ;
}

static size_t p0f3_reply (char *r, char const *q, char const *action)
{
  char genre[256], detail[256] ;
  int dist ;
  char const *mg = q[4] == 4 || q[4] == 6 ? mapped_genre(q + 5, q[4] == 6) : 0 ;
  memset(r, 0, 232) ;
  put32(r, 0x50304602U) ;
  if (mg) action = "ok" ;
  if (!strcmp(action, "nomatch")) { put32(r + 4, 0x20) ; return 232 ; }
  if (!strcmp(action, "badquery")) { put32(r + 4, 0x00) ; return 232 ; }
  if (!strcmp(action, "status")) { put32(r + 4, 0x30) ; return 232 ; }
  if (!strcmp(action, "magic")) { put32(r, 0x50304603U) ; put32(r + 4, 0x10) ; return 232 ; }
  put32(r + 4, 0x10) ;
  put32(r + 8, unix_now()) ;
  put32(r + 12, unix_now()) ;
  put32(r + 16, 1) ;
  if (!strncmp(action, "seen:", 5))
  {
    int delta = 0 ;
    int_scan(action + 5, &delta) ;
    put32(r + 8, anchor + delta) ;
    put32(r + 12, anchor + delta) ;
  }
  if (!strcmp(action, "uptime0")) put32(r + 24, 49) ;
  if (!strcmp(action, "unknown")) { r[39] = 2 ; return 232 ; }
  if (!strcmp(action, "cutflavor")) { field(r + 40, 32, "Mac OS X") ; memcpy(r + 72, "10.9 or newer (sometimes iPhone ", 32) ; return 232 ; }
  if (!strcmp(action, "junk"))
  {
    for (unsigned int i = 40 ; i < 232 ; i++) r[i] = (char)(i % 2 ? 0x07 : 0xe9) ;
    put16(r + 36, 255) ;
    return 232 ;
  }
  if (!strcmp(action, "full"))
  {
    put32(r + 8, 1700000000) ; put32(r + 16, 7) ;
    put32(r + 20, 125) ; put32(r + 24, 49) ; put32(r + 28, 1700000050) ; put32(r + 32, 1700000060) ;
    put16(r + 36, 12) ; r[38] = 1 ; r[39] = 2 ;
    field(r + 40, 32, "Windows") ; field(r + 72, 32, "7 or 8") ; field(r + 104, 32, "Firefox") ;
    field(r + 136, 32, "10.x") ; field(r + 168, 32, "Ethernet or modem") ; field(r + 200, 32, "English") ;
    return 232 ;
  }
  parse_ok(action, genre, detail, &dist) ;
  put16(r + 36, (uint16_t)dist) ;
  r[39] = 2 ;
  field(r + 40, 32, mg ? mg : genre) ;
  field(r + 72, 32, mg ? "" : detail) ;
  return 232 ;
}

static void log_query (char const *ip, int is6, uint32_t id)
{
  char fmt[IP6_FMT] ;
  fmt[is6 ? ip6_fmt(fmt, ip) : ip4_fmt(fmt, ip)] = 0 ;
  if (v2) printf("query2 %s id %u\n", fmt, (unsigned int)id) ;
  else printf("query%d %s\n", is6 ? 6 : 4, fmt) ;
  fflush(stdout) ;
}

static void send_reply (int fd, char const *r, size_t len, char const *action)
{
  if (!strncmp(action, "late:", 5))
  {
    unsigned int ms = 0 ;
    uint_scan(action + 5, &ms) ;
    sleep_ms(ms) ;
  }
  if (!strcmp(action, "silent")) { sleep_ms(600000) ; return ; }
  if (!strcmp(action, "close")) return ;
  if (!strcmp(action, "short")) { allwrite(fd, r, 100) ; return ; }
  if (!strcmp(action, "slow"))
  {
    for (size_t i = 0 ; i < len ; i++) { allwrite(fd, r + i, 1) ; sleep_ms(1) ; }
    return ;
  }
  if (!strcmp(action, "split"))
  {
    allwrite(fd, r, 50) ; sleep_ms(20) ; allwrite(fd, r + 50, len - 50) ;
    return ;
  }
  if (!strncmp(action, "long:", 5))
  {
    char big[4096] ;
    unsigned int more = 0 ;
    uint_scan(action + 5, &more) ;
    if (len + more > sizeof(big)) more = sizeof(big) - len ;
    memcpy(big, r, len) ;
    memset(big + len, 'x', more) ;
    allwrite(fd, big, len + more) ;
    return ;
  }
  allwrite(fd, r, len) ;
  if (!strcmp(action, "extra")) send(fd, r, len, MSG_NOSIGNAL) ;
   /* written after the write: a test waits for it instead of sleeping past the delay */
  if (!strncmp(action, "late:", 5)) { printf("late answer sent\n") ; fflush(stdout) ; }
}

static void serve3 (int fd)
{
  char q[21] ;
  char r[232] ;
  while (allread(fd, q, 21) == 21)
  {
    char const *action = next_action() ;
    uint32_t magic ;
    memcpy(&magic, q, 4) ;
    log_query(q + 5, q[4] == 6, 0) ;
    if (magic != 0x50304601U) action = "badquery" ;
    send_reply(fd, r, p0f3_reply(r, q, action), action) ;
    if (!strcmp(action, "close") || !strcmp(action, "short")) return ;
  }
}

static void serve2 (int fd)
{
  char q[25] ;
  char r[144] ;
  char genre[256], detail[256] ;
  int dist ;
  uint32_t id, magic ;
  uint16_t cport, sport ;
  char const *action ;
  ssize_t n = recv(fd, q, sizeof(q), 0) ;
  if (n != 24) return ;
  memcpy(&magic, q, 4) ;
  memcpy(&id, q + 8, 4) ;
  memcpy(&cport, q + 20, 2) ;
  memcpy(&sport, q + 22, 2) ;
  action = next_action() ;
  log_query(q + 12, 0, id) ;
  memset(r, 0, 144) ;
  put32(r, 0x0defaced) ;
  put32(r + 4, !strcmp(action, "wrongid") ? id + 1 : id) ;
  if (magic != 0x0defaced || q[4] != 1) r[8] = 1 ;
  else if (memcmp(q + 12, seen_client.ip, 4) || memcmp(q + 16, seen_server.ip, 4) || cport != seen_cport || sport != seen_sport) r[8] = 2 ;
  else if (!strcmp(action, "nomatch")) r[8] = 2 ;
  else if (!strcmp(action, "badquery")) r[8] = 1 ;
  else if (!strcmp(action, "wrongtype")) r[8] = (char)255 ;
  else if (!strcmp(action, "magic")) put32(r, 0x0defacee) ;
  else if (!strcmp(action, "junk"))
  {
    for (unsigned int i = 9 ; i < 130 ; i++) r[i] = (char)(i % 2 ? 0x01 : 0xff) ;
    r[69] = -1 ;
    put16(r + 134, (uint16_t)-100) ;
    put32(r + 140, (uint32_t)-1) ;
  }
  else
  {
    char const *mg = mapped_genre(q + 12, 0) ;
    parse_ok(action, genre, detail, &dist) ;
    field(r + 9, 20, mg ? mg : genre) ;
    field(r + 29, 40, detail) ;
    r[69] = (char)dist ;
    field(r + 70, 30, "ethernet/modem") ;
    field(r + 100, 30, "low delay") ;
    r[130] = 1 ; r[131] = 2 ; r[132] = 1 ;
    put16(r + 134, (uint16_t)-7) ;
    put16(r + 136, 0x0102) ;
    put32(r + 140, 1390) ;
  }
  send_reply(fd, r, 144, action) ;
}

static void scan_endpoint (char const *s, ip46 *ip, uint16_t *port)
{
  size_t n = ip46_scan(s, ip) ;
  if (!n || s[n] != ':' || !uint160_scan(s + n + 1, port)) strerr_dief(100, "invalid endpoint: ", s) ;
}

int main (int argc, char const *const *argv)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char tmp[256] ;
  int never_accept = 0 ;
  int s ;
  PROG = "p0f-responder" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "2nc:S:m:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case '2' : v2 = 1 ; break ;
      case 'n' : never_accept = 1 ; break ;
      case 'c' : scan_endpoint(l.arg, &seen_client, &seen_cport) ; break ;
      case 'S' : scan_endpoint(l.arg, &seen_server, &seen_sport) ; break ;
      case 'm' :
      {
        ip46 ip ;
        size_t n = ip46_scan(l.arg, &ip) ;
        if (!n || l.arg[n] != '=' || nmaps >= MAPS_MAX) dieusage() ;
        memcpy(maps[nmaps].ip, ip.ip, 16) ;
        maps[nmaps].is6 = ip.is6 ;
        maps[nmaps++].genre = l.arg + n + 1 ;
        break ;
      }
      default : dieusage() ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (argc < 2) dieusage() ;
  actions = argv + 1 ;
  nactions = argc - 1 ;
  if (strlen(argv[0]) + 5 > sizeof(tmp)) strerr_dief(100, "socket path too long") ;
  snprintf(tmp, sizeof(tmp), "%s.new", argv[0]) ;
  /* SIGPIPE stays deadly, as for p0f: a client that closes with an answer pending kills the responder */
  s = ipc_stream_b() ;
  if (s < 0) strerr_diefu(111, "create a socket") ;
  unlink(tmp) ;
  if (ipc_bind(s, tmp) < 0) strerr_diefusys(111, "bind to ", tmp) ;
  if (ipc_listen(s, never_accept ? 0 : 64) < 0) strerr_diefusys(111, "listen") ;
  if (rename(tmp, argv[0]) < 0) strerr_diefusys(111, "rename ", tmp) ;
  if (never_accept)
  {
    for (unsigned int i = 0 ; i < 64 ; i++)
    {
      int c = ipc_stream_nb() ;
      if (c < 0 || (!ipc_connect(c, argv[0]) && errno != EINPROGRESS)) break ;
    }
    for (;;) pause() ;
  }
  for (;;)
  {
    int dummy ;
    int fd = ipc_accept(s, 0, 0, &dummy) ;
    if (fd < 0) continue ;
    if (v2) serve2(fd) ; else serve3(fd) ;
    fd_close(fd) ;
  }
}
