/* ISC license. */

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <skalibs/env.h>
#include <skalibs/ip46.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>

#include "addr.h"
#include "answer.h"
#include "exports.h"
#include "line.h"
#include "query.h"

#define USAGE "p0f-wrap [ -2 | -3 ] [ -s socket ] [ -t timeout ] [ -w wait ] [ -l localip ] [ -q | -v ] prog..."
#define dieusage() strerr_dieusage(100, USAGE)
#define SOCKET_DEFAULT "/run/p0f/p0f.sock"
#define TIMEOUT_DEFAULT 1000
#define MILLISECS_MAX 600000
#define STR(n) STR_(n)
#define STR_(n) #n
#define VALUE_SHOWN_MAX 40
 /* "p0f-wrap: info: " + head + this: under 500 bytes */
#define LINE_MAX_INFO 400

extern char **environ ;

typedef struct config_s config ;
struct config_s
{
  char const *socket ;
  unsigned int timeout ;
  unsigned int wait ;
  unsigned int verbosity ;
  int haslocal ;
  ip46 local ;
  char const *const *prog ;
} ;

static int millisecs_scan (char const *s, unsigned int *ms, unsigned int min)
{
  unsigned int u ;
  if (!uint0_scan(s, &u) || u < min || u > MILLISECS_MAX) return 0 ;
  *ms = u ;
  return 1 ;
}

 /* 0 when s is an address p0f can be asked about, else what is wrong with it */
static char const *address_scan (char const *s, ip46 *ip)
{
  if (!addr_scan(s, ip)) return "" ;
  return addr_is_unspecified(ip) ? " is unspecified" : 0 ;
}

 /* a value from the environment as a message shows it: at most 40 bytes, then "..." */
static char const *shown (char *buf, char const *s)
{
  size_t len = strlen(s) ;
  if (len <= VALUE_SHOWN_MAX) return s ;
  memcpy(buf, s, VALUE_SHOWN_MAX) ;
  memcpy(buf + VALUE_SHOWN_MAX, "...", 4) ;
  return buf ;
}

 /* options die with 100 where they are read; the environment's bad values go into why */
static void config_read (config *c, query_target *t, int argc, char const *const *argv, char *why)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char const *x, *bad ;
  char cut[VALUE_SHOWN_MAX + 4] ;
  int timeout_given = 0 ;
  *c = (config){ .socket = 0, .timeout = TIMEOUT_DEFAULT, .wait = 100, .verbosity = 1, .haslocal = 0 } ;
  t->protocol = 3 ;
  for (int opt ; (opt = subgetopt_r(argc, argv, "23s:t:w:l:qv", &l)) != -1 ;)
    switch (opt)
    {
      case '2' : t->protocol = 2 ; break ;
      case '3' : t->protocol = 3 ; break ;
      case 's' :
        if (!*l.arg) strerr_dief(100, "invalid socket path: empty") ;
        c->socket = l.arg ;
        break ;
      case 't' :
        if (!millisecs_scan(l.arg, &c->timeout, 1))
          strerr_dief(100, "invalid timeout (milliseconds, 1 to " STR(MILLISECS_MAX) "): ", l.arg) ;
        timeout_given = 1 ;
        break ;
      case 'w' :
        if (!millisecs_scan(l.arg, &c->wait, 0))
          strerr_dief(100, "invalid wait (milliseconds, 0 to " STR(MILLISECS_MAX) "): ", l.arg) ;
        break ;
      case 'l' :
        if ((bad = address_scan(l.arg, &c->local))) strerr_dief(100, "invalid local address: ", l.arg, bad) ;
        c->haslocal = 1 ;
        break ;
      case 'q' : c->verbosity = 0 ; break ;
      case 'v' : c->verbosity = 2 ; break ;
      default : dieusage() ;
    }
  if (l.ind >= argc || !*argv[l.ind]) dieusage() ;
  if (t->protocol == 2 && c->haslocal && c->local.is6)
    strerr_dief(100, "invalid local address: p0f 2 needs an IPv4 address") ;
  c->prog = argv + l.ind ;
  if (!timeout_given && (x = getenv("P0F_TIMEOUT")) && !millisecs_scan(x, &c->timeout, 1))
    line_why(why, "invalid $P0F_TIMEOUT ", shown(cut, x),
      " (milliseconds, 1 to " STR(MILLISECS_MAX) "), using the default, " STR(TIMEOUT_DEFAULT)) ;
  if (!c->socket)
  {
    x = getenv("P0F_SOCKET") ;
    if (x && !*x) line_why(why, "invalid $P0F_SOCKET (empty), using the default, " SOCKET_DEFAULT) ;
    c->socket = x && *x ? x : SOCKET_DEFAULT ;
  }
  if (c->wait > c->timeout) c->wait = c->timeout ;
}

 /* ${PROTO}name, else TCPname (ucspi_get has no TCP fallback); "$NAME" or
    "$PROTONAME and $TCPNAME" goes into said */
static char const *ucspi_var (char const *name, char *said, size_t saidmax)
{
  char const *proto = getenv("PROTO") ;
  char const *x = ucspi_get(name) ;
  said[0] = 0 ;
  if (proto && strcmp(proto, "TCP"))
  {
    line_add(said, saidmax, "$", proto, name) ;
    if (x) return x ;
    line_cat(said, saidmax, " and ") ;
  }
  line_add(said, saidmax, "$TCP", name) ;
  {
    char tcpname[16] = "TCP" ;
    strncat(tcpname, name, sizeof(tcpname) - 4) ;
    return getenv(tcpname) ;
  }
}

 /* an address and a port (each wanted when ip or port is not null) from the
    UCSPI variables, else (inetd, systemd, s6-tcpserver alone) from the TCP
    socket on fd 0 */
static int endpoint_read (char const *ipname, char const *portname, char const *what, int remote,
  ip46 *ip, uint16_t *port, int *fromfd0, char *why)
{
  char ipsaid[64], portsaid[64], cut[VALUE_SHOWN_MAX + 4] ;
  char const *bad ;
  char const *x = ip ? ucspi_var(ipname, ipsaid, sizeof(ipsaid)) : "" ;
  char const *y = port ? ucspi_var(portname, portsaid, sizeof(portsaid)) : "" ;
  ip46 sip ;
  uint16_t sport ;
  int sock = 0 ;
  if (!x || !y)
  {
    sock = (remote ? socket_remote46(0, &sip, &sport) : socket_local46(0, &sip, &sport)) == 0 ;
    if (sock) addr_fold_mapped(&sip) ;
  }
  if (!ip) ;
  else if (x)
  {
    if ((bad = address_scan(x, ip)))
      return (line_why(why, "invalid ", what, " address in ", ipsaid, ": ", shown(cut, x), bad), 0) ;
  }
  else if (sock) { *ip = sip ; *fromfd0 = 1 ; }
  else return (line_why(why, "no ", what, " address: ", ipsaid, " not set"), 0) ;
  if (!port) ;
  else if (y)
  {
    if (!uint160_scan(y, port))
      return (line_why(why, "invalid ", what, " port in ", portsaid, ": ", shown(cut, y)), 0) ;
  }
  else if (sock) { *port = sport ; *fromfd0 = 1 ; }
  else return (line_why(why, "no ", what, " port: ", portsaid, " not set"), 0) ;
  return 1 ;
}

 /* the client (in P0F_ADDR as soon as it is known), and for p0f 2 the ports and the local address p0f saw */
static int target_read (query_target *t, config const *c, char *addr, int *fromfd0, char *why)
{
  char const *x, *bad ;
  char cut[VALUE_SHOWN_MAX + 4] ;
  uint16_t *client_port = t->protocol == 2 ? &t->client_port : 0 ;
  if (!endpoint_read("REMOTEIP", "REMOTEPORT", "client", 1, &t->client, client_port, fromfd0, why))
    return 0 ;
  addr[ip46_fmt(addr, &t->client)] = 0 ;
  if (t->protocol == 3) return 1 ;
  if (t->client.is6) return (line_why(why, "p0f 2 cannot look up IPv6 clients"), 0) ;
  x = c->haslocal ? 0 : getenv("P0F_LOCAL_IP") ;
  if (!endpoint_read("LOCALIP", "LOCALPORT", "local", 0, c->haslocal || x ? 0 : &t->server, &t->server_port, fromfd0,
    why))
    return 0 ;
  if (c->haslocal) t->server = c->local ;
  else if (x && (bad = address_scan(x, &t->server)))
    return (line_why(why, "invalid local address in $P0F_LOCAL_IP: ", shown(cut, x), bad), 0) ;
  if (t->server.is6) return (line_why(why, "p0f 2 cannot look up connections to an IPv6 local address"), 0) ;
  return 1 ;
}

 /* when this connection's last SYN came: t->since, the first second
    (Unix) a record of it can carry (p0f stamps last_seen with the SYN's
    capture time, in whole seconds), and t->settle, when p0f has surely seen
    it. When fd 0 is the TCP connection, from TCP_INFO: the age (the longest
    of the times since the handshake's ACK, since data last came, since data
    last left: each is reset by later traffic, none passes the age) plus the
    round trip, less 20 ms of clock grain, and for each SYN+ACK the server
    sent again (tcpi_total_retrans) the time its timer waited, 1 s doubled
    each time; else the second before p0f-wrap started (PROTOCOLS.md) */
static void connection_date (query_target *t, tain const *start)
{
  struct tcp_info ti ;
  struct timespec now ;
  socklen_t len = sizeof(ti) ;
  uint64_t ms, age = 0 ;
  tain d ;
  clock_gettime(CLOCK_REALTIME, &now) ;  /* p0f's last_seen is Unix time: skalibs' tain is TAI */
  ms = (uint64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000 ;
  t->since = (uint32_t)(ms / 1000 - 1) ;
  if (!getsockopt(0, IPPROTO_TCP, TCP_INFO, &ti, &len) && len >= sizeof(ti) && ti.tcpi_state == TCP_ESTABLISHED)
  {
    unsigned int resent = ti.tcpi_total_retrans < 6 ? ti.tcpi_total_retrans : 6 ;
    uint64_t back ;
    age = ti.tcpi_last_ack_recv ;
    if (ti.tcpi_last_data_recv > age) age = ti.tcpi_last_data_recv ;
    if (ti.tcpi_last_data_sent > age) age = ti.tcpi_last_data_sent ;
    age += ti.tcpi_rtt / 1000 ;
    back = age + 20 + ((1ULL << resent) - 1) * 1100 ;
    if (back < ms) t->since = (uint32_t)((ms - back) / 1000) ;
  }
  tain_from_millisecs(&d, age < QUERY_SETTLE_MS ? QUERY_SETTLE_MS - (int)age : 0) ;
  tain_add(&t->settle, start, &d) ;
}

 /* the info line, or the warning when there was a problem: what p0f said, how many queries and how long */
static void result (char const *head, enum answer_status status, answer const *a, unsigned int sent, tain const *start,
  char const *why, int problem)
{
  static enum answer_field const fields[] = { ANSWER_GENRE, ANSWER_DETAIL, ANSWER_DISTANCE, ANSWER_LINK } ;
  char line[LINE_MAX_INFO] = "" ;
  char n[UINT_FMT], ms[UINT64_FMT + 2], key[ANSWER_KEY_MAX] ;
  tain elapsed ;
  uint64_t us ;
  size_t len ;
  tain_now_g() ;
  tain_sub(&elapsed, &STAMP, start) ;
  us = elapsed.sec.x * 1000000 + elapsed.nano / 1000 ;
  line_cat(line, sizeof(line), answer_status_names[status]) ;
  for (unsigned int i = 0 ; i < sizeof(fields) / sizeof(*fields) ; i++)
    if (a->value[fields[i]][0])
    {
      answer_key(key, fields[i]) ;
      line_add(line, sizeof(line), " ", key, "=", a->value[fields[i]]) ;
    }
  n[uint_fmt(n, sent)] = 0 ;
  len = uint64_fmt(ms, us / 1000) ;
  ms[len++] = '.' ;
  ms[len++] = '0' + us % 1000 / 100 ;
  ms[len] = 0 ;
  line_add(line, sizeof(line), ", ", n, sent == 1 ? " query, " : " queries, ", ms, " ms") ;
  if (why[0]) line_add(line, sizeof(line), "; ", why) ;
  if (problem) strerr_warnw(head, line) ;
  else strerr_warni(head, line) ;
}

int main (int argc, char const *const *argv)
{
  config c ;
  query_target t ;
  static answer a ;  /* off the stack, with e: a large environment leaves little of it */
  char why[LINE_WHY_MAX] = "" ;
  char head[LINE_HEAD_MAX] = "" ;
  char addr[IP46_FMT] = "" ;
  char said[64] ;
  static exports e ;
  unsigned int sent = 0 ;
  int fromfd0 = 0, problem ;
  enum answer_status status = ANSWER_ERROR ;
  tain start, deadline, waitdeadline ;
  pid_t self = getpid() ;  /* the UCSPI server's child: a late answer keeps it and runs prog in a child */
  PROG = "p0f-wrap" ;

  config_read(&c, &t, argc, argv, why) ;
  tain_now_set_stopwatch_g() ;
  start = STAMP ;
  connection_date(&t, &start) ;
  tain_from_millisecs(&deadline, c.timeout) ;
  tain_add_g(&deadline, &deadline) ;
  tain_from_millisecs(&waitdeadline, c.wait) ;
  tain_add_g(&waitdeadline, &waitdeadline) ;
  answer_zero(&a) ;

  if (getenv("P0F_SKIP"))
  {
    t.protocol = 3 ;  /* the client's address alone, for P0F_ADDR */
    target_read(&t, &c, addr, &fromfd0, why) ;
    status = ANSWER_SKIPPED ;
  }
  else if (target_read(&t, &c, addr, &fromfd0, why))
    status = query_run(&a, c.socket, &t, &deadline, &waitdeadline, &sent, why) ;
  strcpy(a.value[ANSWER_STATUS], answer_status_names[status]) ;
  strcpy(a.value[ANSWER_ADDR], addr) ;

  exports_build(&e, (char const **)environ, env_len((char const *const *)environ), &a, c.prog, exports_limit(), why) ;
  problem = !!why[0] ;
  if (fromfd0 && (c.verbosity >= 2 || problem))
    line_why(why, "addresses from the socket on fd 0, not the UCSPI variables") ;
  {
    char const *remote = ucspi_var("REMOTEIP", said, sizeof(said)) ;
    line_head(head, remote && *remote ? remote : addr, self) ;
  }
  if (c.verbosity >= 2) result(head, status, &a, sent, &start, why, problem) ;
  else if (c.verbosity && problem) strerr_warnw(head, why) ;
  exports_xexec(&e, head, c.verbosity) ;
}
