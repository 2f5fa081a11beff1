/* ISC license. */

 /* osprobe: a TCP client on loopback whose first SYN looks like another
    system's (TTL, DF and IP ID, window and scale, MSS, option layout,
    timestamps at a chosen clock rate), so that the real p0f names that
    system. It does the handshake itself on a raw socket; a firewall rule for
    exactly its source address and port, inserted first in OUTPUT and
    commented with the run's tag, keeps the kernel from resetting the
    connection, and is removed on every exit path. Then it speaks lines:
    with no LINE it prints everything the server says until it closes; with
    LINEs it reads the SMTP banner, sends each LINE and prints each reply. */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define USAGE "osprobe [ -T timeout ] [ -g gap ] [ -t tag ] [ -S ignored ] profile srcaddr dstaddr port [ line... ] | osprobe -l"

struct profile
{
  char const *name ;
  char const *p0f ;      /* what p0f's log says of the SYN */
  uint8_t ttl ;          /* on the wire: the signature's initial TTL minus the distance */
  uint8_t df ;
  uint16_t win ;
  uint8_t wscale ;
  uint16_t mss ;         /* IPv4; IPv6 sends 20 less, the same MTU */
  char const *layout ;   /* p0f.fp's option layout */
  unsigned int hz ;      /* TCP timestamp clock; 0: the layout has no ts */
  uint32_t up_s ;        /* the uptime the timestamps tell */
} ;

static struct profile const profiles[] =
{
  { "windows7", "os=Windows 7 or 8", 119, 1, 8192, 8, 1460, "mss,nop,ws,nop,nop,sok", 0, 0 },
  { "windowsxp", "os=Windows XP", 115, 1, 65535, 0, 1452, "mss,nop,nop,sok", 0, 0 },
  { "windows-fuzzy", "os=Windows 7 or 8", 80, 1, 8192, 8, 1460, "mss,nop,ws,nop,nop,sok", 0, 0 },
  { "windows-generic", "os=Windows NT kernel", 120, 1, 12345, 2, 1460, "mss,nop,ws,nop,nop,sok", 0, 0 },
  { "freebsd", "os=FreeBSD 9.x or newer", 54, 1, 65535, 6, 1460, "mss,nop,ws,sok,ts", 100, 3 * 86400 + 4 * 3600 + 5 * 60 },
  { "macosx", "os=Mac OS X 10.x", 57, 1, 65535, 3, 1460, "mss,nop,ws,nop,nop,ts,sok,eol+1", 100, 12 * 3600 + 34 * 60 },
  { "ios", "os=iOS iPhone or iPad", 58, 1, 65535, 2, 1460, "mss,nop,ws,nop,nop,ts,sok,eol+1", 100, 2 * 3600 },
  { "openbsd", "os=OpenBSD 4.x-5.x", 59, 1, 16384, 3, 1460, "mss,nop,nop,sok,nop,ws,nop,nop,ts", 100, 7 * 86400 },
  { "solaris", "os=Solaris 10", 52, 1, 49640, 0, 1460, "mss,nop,ws,nop,nop,sok", 0, 0 },
  { "linux-far", "os=Linux 3.11 and newer", 47, 1, 29200, 7, 1460, "mss,sok,ts,nop,ws", 250, 86400 + 3600 },
  { "unknown", "os=???", 44, 1, 4000, 0, 1460, "sok,ts,mss", 100, 600 },
  { "nmap", "app=NMap SYN scan", 50, 0, 1024, 0, 1460, "mss", 0, 0 },
  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
} ;

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10

struct conn
{
  struct profile const *profile ;
  int v6 ;
  unsigned char src[16], dst[16] ;
  char srcfmt[INET6_ADDRSTRLEN], dstfmt[INET6_ADDRSTRLEN] ;
  uint16_t sport, dport ;
  int raw ;
  uint32_t snd_nxt, rcv_nxt ;
  uint16_t ipid ;
  int ts_ok ;
  uint32_t ts_recent ;
  struct timespec start ;
  int fin_seen ;
  char line[4096] ;
  size_t linelen ;
} ;

struct segment
{
  uint8_t flags ;
  uint32_t seq, ack ;
  unsigned char const *data ;
  size_t len ;
  int has_ts ;
  uint32_t tsval ;
} ;

static char const *rule_src ;
static char rule_port[8] ;
static char rule_tag[64] ;
static int rule_v6 ;
static int rule_added ;
static volatile sig_atomic_t got_signal ;
static long long deadline_ms ;

static long long now_ms (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 ;
}

/* first in OUTPUT (-I OUTPUT 1): an earlier ACCEPT, e.g. ufw's -o lo, would let the reset out */
static int firewall (int add)
{
  char const *tool = rule_v6 ? "/usr/sbin/ip6tables" : "/usr/sbin/iptables" ;
  char const *rule[] = { "-p", "tcp", "-s", rule_src, "--sport", rule_port, "--tcp-flags", "RST", "RST",
    "-m", "comment", "--comment", rule_tag, "-j", "DROP" } ;
  char const *argv[6 + sizeof(rule) / sizeof(*rule)] ;
  size_t n = 0 ;
  int status ;
  pid_t pid ;
  argv[n++] = access(tool, X_OK) < 0 ? strrchr(tool, '/') + 1 : tool ;
  argv[n++] = "-w" ;
  argv[n++] = add ? "-I" : "-D" ;
  argv[n++] = "OUTPUT" ;
  if (add) argv[n++] = "1" ;
  for (size_t i = 0 ; i < sizeof(rule) / sizeof(*rule) ; i++) argv[n++] = rule[i] ;
  argv[n] = 0 ;
  pid = fork() ;
  if (pid < 0) return 0 ;
  if (!pid)
  {
    sigset_t none ;
    sigemptyset(&none) ;
    sigprocmask(SIG_SETMASK, &none, 0) ;
    execvp(argv[0], (char *const *)argv) ;
    _exit(127) ;
  }
  while (waitpid(pid, &status, 0) < 0) if (errno != EINTR) return 0 ;
  return WIFEXITED(status) && !WEXITSTATUS(status) ;
}

static void firewall_remove (void)
{
  if (rule_added && firewall(0)) rule_added = 0 ;
  if (rule_added) fprintf(stderr, "osprobe: warning: unable to remove the %s rule %s for %s port %s\n", rule_v6 ? "ip6tables" : "iptables", rule_tag, rule_src, rule_port) ;
}

static void die (int e, char const *fmt, char const *what)
{
  fprintf(stderr, "osprobe: fatal: ") ;
  fprintf(stderr, fmt, what) ;
  if (e) fprintf(stderr, ": %s", strerror(e)) ;
  fprintf(stderr, "\n") ;
  firewall_remove() ;
  exit(111) ;
}

static void on_signal (int sig)
{
  got_signal = sig ;
}

static void check_signal (void)
{
  if (got_signal)
  {
    firewall_remove() ;
    fprintf(stderr, "osprobe: fatal: killed by signal %d, firewall rule removed\n", (int)got_signal) ;
    exit(111) ;
  }
}

static uint32_t tsval_now (struct conn const *c)
{
  struct timespec ts ;
  long long ms ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  ms = (ts.tv_sec - c->start.tv_sec) * 1000LL + (ts.tv_nsec - c->start.tv_nsec) / 1000000 ;
  return (uint32_t)((unsigned long long)c->profile->up_s * c->profile->hz + (unsigned long long)ms * c->profile->hz / 1000) ;
}

static uint32_t checksum_add (uint32_t sum, unsigned char const *p, size_t len)
{
  for (size_t i = 0 ; i + 1 < len ; i += 2) sum += (uint32_t)p[i] << 8 | p[i+1] ;
  if (len & 1) sum += (uint32_t)p[len-1] << 8 ;
  return sum ;
}

static uint16_t checksum_fold (uint32_t sum)
{
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16) ;
  return (uint16_t)~sum ;
}

static void put16 (unsigned char *p, uint16_t v) { p[0] = v >> 8 ; p[1] = v ; }
static void put32 (unsigned char *p, uint32_t v) { p[0] = v >> 24 ; p[1] = v >> 16 ; p[2] = v >> 8 ; p[3] = v ; }
static uint16_t get16 (unsigned char const *p) { return (uint16_t)(p[0] << 8 | p[1]) ; }
static uint32_t get32 (unsigned char const *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] ; }

 /* the SYN's options, in the profile's layout; 0 when it does not fit in 40 bytes or 4-byte words */
static size_t syn_options (struct conn const *c, uint32_t tsval, unsigned char *o)
{
  struct profile const *p = c->profile ;
  char const *s = p->layout ;
  size_t n = 0 ;
  while (*s)
  {
    size_t len = strcspn(s, ",") ;
    if (n > 30) return 0 ;
    if (!strncmp(s, "mss", len) && len == 3)
    {
      o[n++] = 2 ; o[n++] = 4 ; put16(o + n, c->v6 ? p->mss - 20 : p->mss) ; n += 2 ;
    }
    else if (!strncmp(s, "nop", len) && len == 3) o[n++] = 1 ;
    else if (!strncmp(s, "ws", len) && len == 2) { o[n++] = 3 ; o[n++] = 3 ; o[n++] = p->wscale ; }
    else if (!strncmp(s, "sok", len) && len == 3) { o[n++] = 4 ; o[n++] = 2 ; }
    else if (!strncmp(s, "ts", len) && len == 2)
    {
      o[n++] = 8 ; o[n++] = 10 ; put32(o + n, tsval) ; put32(o + n + 4, 0) ; n += 8 ;
    }
    else if (!strncmp(s, "eol+", 4))
    {
      unsigned int pad = atoi(s + 4) ;
      if (n + 1 + pad > 40) return 0 ;
      o[n++] = 0 ;
      memset(o + n, 0, pad) ; n += pad ;
    }
    else return 0 ;
    s += len ;
    if (*s == ',') s++ ;
  }
  return n % 4 ? 0 : n ;
}

static void send_segment (struct conn *c, uint16_t sport, uint8_t flags, uint32_t seq, uint32_t ack, unsigned char const *data, size_t len)
{
  unsigned char pkt[20 + 60 + 1500] ;
  unsigned char pseudo[40] ;
  unsigned char *tcp = c->v6 ? pkt : pkt + 20 ;
  size_t optlen = 0, tcplen ;
  uint32_t sum ;
  ssize_t r ;
  if (len > 1400) die(0, "%s", "segment too long") ;
  if (flags & TH_SYN)
  {
    optlen = syn_options(c, tsval_now(c), tcp + 20) ;
    if (!optlen) die(0, "the option layout of profile %s does not fit in whole words", c->profile->name) ;
  }
  else if (c->ts_ok)
  {
    tcp[20] = 1 ; tcp[21] = 1 ; tcp[22] = 8 ; tcp[23] = 10 ;
    put32(tcp + 24, tsval_now(c)) ; put32(tcp + 28, c->ts_recent) ;
    optlen = 12 ;
  }
  tcplen = 20 + optlen + len ;
  put16(tcp, sport) ;
  put16(tcp + 2, c->dport) ;
  put32(tcp + 4, seq) ;
  put32(tcp + 8, ack) ;
  tcp[12] = (uint8_t)((20 + optlen) / 4 << 4) ;
  tcp[13] = flags ;
  put16(tcp + 14, flags & TH_SYN ? c->profile->win : 65535) ;
  put16(tcp + 16, 0) ;
  put16(tcp + 18, 0) ;
  if (len) memcpy(tcp + 20 + optlen, data, len) ;
  if (c->v6)
  {
    memcpy(pseudo, c->src, 16) ; memcpy(pseudo + 16, c->dst, 16) ;
    put32(pseudo + 32, (uint32_t)tcplen) ; put32(pseudo + 36, IPPROTO_TCP) ;
    sum = checksum_add(0, pseudo, 40) ;
  }
  else
  {
    memcpy(pseudo, c->src, 4) ; memcpy(pseudo + 4, c->dst, 4) ;
    pseudo[8] = 0 ; pseudo[9] = IPPROTO_TCP ; put16(pseudo + 10, (uint16_t)tcplen) ;
    sum = checksum_add(0, pseudo, 12) ;
  }
  put16(tcp + 16, checksum_fold(checksum_add(sum, tcp, tcplen))) ;
  if (c->v6)
  {
    struct sockaddr_in6 sa = { .sin6_family = AF_INET6 } ;
    memcpy(&sa.sin6_addr, c->dst, 16) ;
    r = sendto(c->raw, pkt, tcplen, 0, (struct sockaddr *)&sa, sizeof(sa)) ;
  }
  else
  {
    struct sockaddr_in sa = { .sin_family = AF_INET } ;
    pkt[0] = 0x45 ; pkt[1] = 0 ;
    put16(pkt + 2, (uint16_t)(20 + tcplen)) ;
    if (!++c->ipid) c->ipid = 1 ;
    put16(pkt + 4, c->ipid) ;  /* the kernel fills in a zero ID itself: never zero */
    put16(pkt + 6, c->profile->df ? 0x4000 : 0) ;
    pkt[8] = c->profile->ttl ;
    pkt[9] = IPPROTO_TCP ;
    put16(pkt + 10, 0) ;
    memcpy(pkt + 12, c->src, 4) ; memcpy(pkt + 16, c->dst, 4) ;
    memcpy(&sa.sin_addr, c->dst, 4) ;
    r = sendto(c->raw, pkt, 20 + tcplen, 0, (struct sockaddr *)&sa, sizeof(sa)) ;
  }
  if (r < 0) die(errno, "%s", "send a segment") ;
}

 /* the next segment of the connection (from dst:dport to src:sport); 0 on time-out */
static int segment_wait (struct conn *c, uint16_t sport, long long until, struct segment *seg)
{
  static unsigned char buf[70000] ;
  if (until > deadline_ms) until = deadline_ms ;
  for (;;)
  {
    struct pollfd pfd = { .fd = c->raw, .events = POLLIN } ;
    struct sockaddr_storage from ;
    socklen_t fromlen = sizeof(from) ;
    unsigned char const *tcp ;
    size_t tcplen, hlen ;
    ssize_t r ;
    long long left = until - now_ms() ;
    sigset_t none ;
    struct timespec ts ;
    check_signal() ;
    if (left <= 0) return 0 ;
    ts.tv_sec = left / 1000 ; ts.tv_nsec = left % 1000 * 1000000 ;
    sigemptyset(&none) ;
    r = ppoll(&pfd, 1, &ts, &none) ;
    check_signal() ;
    if (r < 0) { if (errno == EINTR) continue ; die(errno, "%s", "poll") ; }
    if (!r) return 0 ;
    r = recvfrom(c->raw, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen) ;
    if (r < 0) { if (errno == EINTR || errno == EAGAIN) continue ; die(errno, "%s", "receive") ; }
    if (c->v6)
    {
      struct sockaddr_in6 const *sa = (struct sockaddr_in6 const *)&from ;
      if (from.ss_family != AF_INET6 || memcmp(&sa->sin6_addr, c->dst, 16)) continue ;
      tcp = buf ; tcplen = r ;
    }
    else
    {
      size_t ihl ;
      if (r < 20 || (buf[0] >> 4) != 4 || buf[9] != IPPROTO_TCP || memcmp(buf + 12, c->dst, 4) || memcmp(buf + 16, c->src, 4)) continue ;
      ihl = (buf[0] & 15) * 4 ;
      if (ihl < 20 || (size_t)r < ihl || get16(buf + 2) > r || get16(buf + 2) < ihl) continue ;
      tcp = buf + ihl ; tcplen = get16(buf + 2) - ihl ;
    }
    if (tcplen < 20 || get16(tcp) != c->dport || get16(tcp + 2) != sport) continue ;
    hlen = (tcp[12] >> 4) * 4 ;
    if (hlen < 20 || hlen > tcplen) continue ;
    seg->flags = tcp[13] ;
    seg->seq = get32(tcp + 4) ;
    seg->ack = get32(tcp + 8) ;
    seg->data = tcp + hlen ;
    seg->len = tcplen - hlen ;
    seg->has_ts = 0 ;
    for (size_t i = 20 ; i < hlen ;)
    {
      if (tcp[i] == 0) break ;
      if (tcp[i] == 1) { i++ ; continue ; }
      if (i + 1 >= hlen || tcp[i+1] < 2 || i + tcp[i+1] > hlen) break ;
      if (tcp[i] == 8 && tcp[i+1] == 10) { seg->has_ts = 1 ; seg->tsval = get32(tcp + i + 2) ; }
      i += tcp[i+1] ;
    }
    return 1 ;
  }
}

static void print_lines (struct conn *c, unsigned char const *data, size_t len, int *replies)
{
  for (size_t i = 0 ; i < len ; i++)
  {
    if (data[i] != '\n')
    {
      if (c->linelen < sizeof(c->line) - 1) c->line[c->linelen++] = data[i] ;
      continue ;
    }
    if (c->linelen && c->line[c->linelen-1] == '\r') c->linelen-- ;
    c->line[c->linelen] = 0 ;
    printf("S: %s\n", c->line) ;
    if (c->linelen >= 3 && (c->linelen == 3 || c->line[3] == ' ')
     && c->line[0] >= '0' && c->line[0] <= '9') ++*replies ;
    c->linelen = 0 ;
  }
  fflush(stdout) ;
}

 /* takes in what the server sends until `replies` SMTP replies are complete (-1: until it closes) or `until` */
static int receive (struct conn *c, int want, long long until)
{
  int replies = 0 ;
  struct segment seg ;
  while (want < 0 ? !c->fin_seen : replies < want)
  {
    if (!segment_wait(c, c->sport, until, &seg)) return 0 ;
    if (seg.flags & TH_RST) die(0, "%s", "the server reset the connection") ;
    if (seg.has_ts) c->ts_recent = seg.tsval ;
    if (seg.flags & TH_SYN) { send_segment(c, c->sport, TH_ACK, c->snd_nxt, c->rcv_nxt, 0, 0) ; continue ; }
    if (seg.seq == c->rcv_nxt && seg.len)
    {
      c->rcv_nxt += (uint32_t)seg.len ;
      print_lines(c, seg.data, seg.len, &replies) ;
    }
    if (seg.flags & TH_FIN && seg.seq + (uint32_t)seg.len == c->rcv_nxt && !c->fin_seen)
    {
      c->rcv_nxt++ ;
      c->fin_seen = 1 ;
    }
    if (seg.len || seg.flags & TH_FIN) send_segment(c, c->sport, TH_ACK, c->snd_nxt, c->rcv_nxt, 0, 0) ;
    if (c->fin_seen && want >= 0 && replies < want) return 0 ;
  }
  return 1 ;
}

static uint16_t reserve_port (struct conn const *c, int *fd)
{
  struct sockaddr_storage ss = { 0 } ;
  socklen_t len = sizeof(ss) ;
  *fd = socket(c->v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0) ;
  if (*fd < 0) die(errno, "%s", "create a socket") ;
  if (c->v6)
  {
    struct sockaddr_in6 *sa = (struct sockaddr_in6 *)&ss ;
    sa->sin6_family = AF_INET6 ; memcpy(&sa->sin6_addr, c->src, 16) ;
  }
  else
  {
    struct sockaddr_in *sa = (struct sockaddr_in *)&ss ;
    sa->sin_family = AF_INET ; memcpy(&sa->sin_addr, c->src, 4) ;
  }
  if (bind(*fd, (struct sockaddr *)&ss, c->v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) < 0) die(errno, "bind to %s", c->srcfmt) ;
  if (getsockname(*fd, (struct sockaddr *)&ss, &len) < 0) die(errno, "%s", "getsockname") ;
  return ntohs(c->v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port) ;
}

static void pause_ms (long long ms)
{
  long long until = now_ms() + ms ;
  if (until > deadline_ms) until = deadline_ms ;
  while (now_ms() < until)
  {
    long long left = until - now_ms() ;
    struct timespec ts = { .tv_sec = left / 1000, .tv_nsec = left % 1000 * 1000000 } ;
    sigset_t none ;
    sigemptyset(&none) ;
    ppoll(0, 0, &ts, &none) ;
    check_signal() ;
  }
  if (now_ms() >= deadline_ms) die(0, "%s", "timed out (-T) before the gap (-g) was over") ;
}

static int uint_scan (char const *s, unsigned long min, unsigned long max, unsigned int *v)
{
  char *end ;
  unsigned long n ;
  if (*s < '0' || *s > '9') return 0 ;
  errno = 0 ;
  n = strtoul(s, &end, 10) ;
  if (errno || *end || n < min || n > max) return 0 ;
  *v = (unsigned int)n ;
  return 1 ;
}

static int tag_ok (char const *s)
{
  size_t len = strlen(s) ;
  return len && len < sizeof(rule_tag) && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == len ;
}

int main (int argc, char **argv)
{
  struct conn c = { 0 } ;
  struct segment seg ;
  static int const deadly[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2 } ;
  unsigned int timeout = 10000, gap = 2100, port, ignored = 0 ;
  char const *tag = getenv("OSPROBE_TAG") ;
  uint16_t prime_port = 0 ;
  int portfd[2] = { -1, -1 } ;
  int opt ;
  sigset_t block ;
  struct sigaction sa = { .sa_handler = on_signal } ;

  while ((opt = getopt(argc, argv, "+lT:g:t:S:")) != -1) switch (opt)
  {
    case 'l' :
      for (struct profile const *p = profiles ; p->name ; p++) printf("%s\t%s\t%s\n", p->name, p->p0f, p->layout) ;
      return 0 ;
    case 'T' :
      if (!uint_scan(optarg, 1, 3600000, &timeout)) { fprintf(stderr, "osprobe: fatal: invalid -T %s (milliseconds, 1 to 3600000)\n", optarg) ; return 100 ; }
      break ;
    case 'g' :
      if (!uint_scan(optarg, 0, 600000, &gap)) { fprintf(stderr, "osprobe: fatal: invalid -g %s (milliseconds, 0 to 600000)\n", optarg) ; return 100 ; }
      break ;
    case 't' : tag = optarg ; break ;
    case 'S' :
      if (!uint_scan(optarg, 0, 3, &ignored)) { fprintf(stderr, "osprobe: fatal: invalid -S %s (SYN+ACKs to ignore, 0 to 3)\n", optarg) ; return 100 ; }
      break ;
    default : fprintf(stderr, "osprobe: usage: %s\n", USAGE) ; return 100 ;
  }
  if (tag && !tag_ok(tag)) { fprintf(stderr, "osprobe: fatal: invalid tag %s (1 to 63 of A-Z a-z 0-9 . _ -)\n", tag) ; return 100 ; }
  if (tag) strcpy(rule_tag, tag) ;
  else snprintf(rule_tag, sizeof(rule_tag), "osprobe-%ld", (long)getpid()) ;
  argc -= optind ; argv += optind ;
  if (argc < 4) { fprintf(stderr, "osprobe: usage: %s\n", USAGE) ; return 100 ; }
  for (struct profile const *p = profiles ; p->name ; p++) if (!strcmp(p->name, argv[0])) c.profile = p ;
  if (!c.profile) { fprintf(stderr, "osprobe: fatal: unknown profile %s (osprobe -l lists them)\n", argv[0]) ; return 100 ; }
  c.v6 = !!strchr(argv[1], ':') ;
  if (inet_pton(c.v6 ? AF_INET6 : AF_INET, argv[1], c.src) != 1 || inet_pton(c.v6 ? AF_INET6 : AF_INET, argv[2], c.dst) != 1)
  {
    fprintf(stderr, "osprobe: fatal: invalid address %s or %s (both IPv4 or both IPv6)\n", argv[1], argv[2]) ;
    return 100 ;
  }
  {
    static unsigned char const loop6[16] = { [15] = 1 } ;
    if (c.v6 ? memcmp(c.src, loop6, 16) || memcmp(c.dst, loop6, 16) : c.src[0] != 127 || c.dst[0] != 127)
    {
      fprintf(stderr, "osprobe: fatal: loopback only: 127.0.0.0/8 or ::1\n") ;
      return 100 ;
    }
  }
  inet_ntop(c.v6 ? AF_INET6 : AF_INET, c.src, c.srcfmt, sizeof(c.srcfmt)) ;
  inet_ntop(c.v6 ? AF_INET6 : AF_INET, c.dst, c.dstfmt, sizeof(c.dstfmt)) ;
  if (!uint_scan(argv[3], 1, 65535, &port)) { fprintf(stderr, "osprobe: fatal: invalid port %s\n", argv[3]) ; return 100 ; }
  c.dport = (uint16_t)port ;
  argc -= 4 ; argv += 4 ;
  clock_gettime(CLOCK_MONOTONIC, &c.start) ;
  deadline_ms = now_ms() + timeout ;
  srandom((unsigned int)(c.start.tv_nsec ^ getpid())) ;
  c.ipid = (uint16_t)random() ;

  sigemptyset(&block) ;
  for (size_t i = 0 ; i < sizeof(deadly) / sizeof(*deadly) ; i++) sigaddset(&block, deadly[i]) ;
  sigprocmask(SIG_BLOCK, &block, 0) ;  /* delivered only inside ppoll, where the handler's flag is checked */
  for (size_t i = 0 ; i < sizeof(deadly) / sizeof(*deadly) ; i++) sigaction(deadly[i], &sa, 0) ;

  c.raw = socket(c.v6 ? AF_INET6 : AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_TCP) ;
  if (c.raw < 0) die(errno, "%s", "create a raw socket (osprobe needs root)") ;
  if (c.v6)
  {
    int hops = c.profile->ttl, off = 0 ;
    struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6 } ;
    memcpy(&sa6.sin6_addr, c.src, 16) ;
    if (setsockopt(c.raw, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops)) < 0) die(errno, "%s", "set the hop limit") ;
#ifdef IPV6_AUTOFLOWLABEL
    setsockopt(c.raw, IPPROTO_IPV6, IPV6_AUTOFLOWLABEL, &off, sizeof(off)) ;  /* a flow label is p0f's "flow" quirk */
#endif
    (void)off ;
    if (bind(c.raw, (struct sockaddr *)&sa6, sizeof(sa6)) < 0) die(errno, "%s", "bind the raw socket") ;
  }
  else
  {
    int one = 1 ;
    if (setsockopt(c.raw, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one)) < 0) die(errno, "%s", "set IP_HDRINCL") ;
  }

  c.sport = reserve_port(&c, &portfd[0]) ;
  if (c.profile->hz)
  {
    prime_port = reserve_port(&c, &portfd[1]) ;
    if (prime_port > c.sport) { uint16_t t = prime_port ; prime_port = c.sport ; c.sport = t ; }  /* p0f notes a source port going down */
  }
  rule_src = c.srcfmt ;
  rule_v6 = c.v6 ;
  snprintf(rule_port, sizeof(rule_port), "%u", (unsigned int)c.sport) ;
  if (!firewall(1)) die(0, "unable to add the firewall rule for %s (iptables/ip6tables, root)", c.srcfmt) ;
  rule_added = 1 ;
  printf("# osprobe %s (%s) from %s port %u to %s port %u, rule %s\n", c.profile->name, c.profile->p0f, c.srcfmt, (unsigned int)c.sport, c.dstfmt, (unsigned int)c.dport, rule_tag) ;
  fflush(stdout) ;

  if (prime_port)
  {
     /* an earlier timestamped SYN for p0f's uptime, more than a second before (p0f's last_seen
        counts whole seconds): the kernel resets its SYN-ACK, there is no rule for that port */
    send_segment(&c, prime_port, TH_SYN, (uint32_t)random(), 0, 0, 0) ;
    pause_ms(gap) ;
  }

  {
    uint32_t iss = (uint32_t)random() ;
    long long next_syn = 0 ;
    int tries = 0 ;
    for (;;)
    {
      if (now_ms() >= next_syn)
      {
        if (tries++ == 3) die(0, "no SYN-ACK from %s", c.dstfmt) ;
        send_segment(&c, c.sport, TH_SYN, iss, 0, 0, 0) ;
        next_syn = now_ms() + 1000 ;
      }
      if (!segment_wait(&c, c.sport, next_syn, &seg)) { if (now_ms() >= deadline_ms) die(0, "no SYN-ACK from %s", c.dstfmt) ; continue ; }
      if (seg.flags & TH_RST) die(0, "connection refused by %s", c.dstfmt) ;
      if ((seg.flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && seg.ack == iss + 1)
      {
        if (!ignored) break ;
         /* as if it was lost: the server sends it again (its timer, 1 s, doubled each time); no SYN again */
        ignored-- ;
        next_syn = deadline_ms ;
        printf("# osprobe: ignored a SYN+ACK\n") ;
        fflush(stdout) ;
      }
    }
    c.snd_nxt = iss + 1 ;
    c.rcv_nxt = seg.seq + 1 ;
    c.ts_ok = c.profile->hz && seg.has_ts ;
    if (seg.has_ts) c.ts_recent = seg.tsval ;
    send_segment(&c, c.sport, TH_ACK, c.snd_nxt, c.rcv_nxt, 0, 0) ;
  }

  if (!argc)
  {
    if (!receive(&c, -1, deadline_ms)) die(0, "%s", "timed out before the server closed") ;
  }
  else
  {
    if (!receive(&c, 1, deadline_ms)) die(0, "%s", "no banner") ;
    for (int i = 0 ; i < argc ; i++)
    {
      char buf[1024] ;
      int n = snprintf(buf, sizeof(buf), "%s\r\n", argv[i]) ;
      if (n < 0 || (size_t)n >= sizeof(buf)) die(0, "%s", "line too long") ;
      printf("C: %s\n", argv[i]) ;
      fflush(stdout) ;
      send_segment(&c, c.sport, TH_PSH | TH_ACK, c.snd_nxt, c.rcv_nxt, (unsigned char *)buf, n) ;
      c.snd_nxt += (uint32_t)n ;
      if (!receive(&c, 1, deadline_ms)) die(0, "no reply to %s", argv[i]) ;
    }
  }

  send_segment(&c, c.sport, TH_FIN | TH_ACK, c.snd_nxt, c.rcv_nxt, 0, 0) ;
  c.snd_nxt++ ;
  {
    long long until = now_ms() + 1000 ;
    int acked = 0 ;
    while ((!acked || !c.fin_seen) && segment_wait(&c, c.sport, until, &seg))
    {
      if (seg.flags & TH_RST) break ;
      if (seg.flags & TH_ACK && seg.ack == c.snd_nxt) acked = 1 ;
      if (seg.flags & TH_FIN && !c.fin_seen) { c.rcv_nxt = seg.seq + (uint32_t)seg.len + 1 ; c.fin_seen = 1 ; }
      if (seg.flags & TH_FIN) send_segment(&c, c.sport, TH_ACK, c.snd_nxt, c.rcv_nxt, 0, 0) ;
    }
  }
  firewall_remove() ;
  return rule_added ? 111 : 0 ;
}
