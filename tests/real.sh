# Helpers to run the real p0f 3.09b on loopback and the real tcpserver.
# Needs root: p0f captures packets.

# require_root WHAT: WHAT needs root (p0f captures packets on lo): skipped otherwise, never passed
require_root () {
  [ "$(id -u)" = 0 ] || skip_all "$1 needs root (p0f captures packets on lo): run make check as root"
}

# p0f_start SOCKET FILTER P0F-OPTION...: the real p0f on lo with the capture
# FILTER, its pid in P0F_PID, its stdout and stderr in $T/p0f.err
p0f_start () {
  p0f_start_sock=$1 p0f_start_filter=$2 ; shift 2
  rm -f "$p0f_start_sock"
  background p0f -i lo -s "$p0f_start_sock" "$@" "$p0f_start_filter" > "$T/p0f.err" 2>&1
  P0F_PID=$LASTPID
  wait_for -S "$p0f_start_sock" || { echo "not ok - p0f did not start:" ; cat "$T/p0f.err" ; exit 1 ; }
}

# start_p0f SOCKET PORT: the real p0f on lo, watching SYNs to PORT
start_p0f () { p0f_start "$1" "tcp dst port $2" ; }

# start_p0f_log SOCKET FILTER: the real p0f on lo, its log (p0f -o) in $T/p0f.out
start_p0f_log () { p0f_start "$1" "$2" -o "$T/p0f.out" ; }

# real_test WHAT: WHAT needs root (require_root); the real p0f on lo watching
# a free PORT, its socket $T/p0f.sock, and tcpserver on 127.0.0.1:PORT running
# p0f-wrap -v in front of the probe
real_test () {
  require_root "$1"
  PORT=$("$B/freeport")
  start_p0f "$T/p0f.sock" "$PORT"
  start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE"
}

# start_tcpserver PORT PROG...: the real tcpserver on 127.0.0.1:PORT, its log in $T/tcpserver.err
start_tcpserver () {
  start_tcpserver_port=$1 ; shift
  background tcpserver -v -RHl0 -c 100 -b 512 127.0.0.1 "$start_tcpserver_port" "$@" > /dev/null 2> "$T/tcpserver.err"
  TCPSERVER_PID=$LASTPID
  wait_until grep -q 'status: 0/' "$T/tcpserver.err" || { echo "not ok - tcpserver did not start:" ; cat "$T/tcpserver.err" ; exit 1 ; }
}

# listening PORT...: something listens on 127.0.0.1:PORT, for each PORT (ss -ltn)
listening () {
  for listening_port ; do ss -ltn | grep -q "127.0.0.1:$listening_port " || return 1 ; done
}

# connect FROM PORT: one connection from 127.0.0.FROM's address, prints what
# the server said; at most 10 s in all (tcpclient -T bounds the connect only,
# and a server that never closes would leave cat waiting for ever)
connect () {
  timeout 10 tcpclient -RHl0 -T 5 -i "$1" 127.0.0.1 "$2" sh -c 'exec cat <&6'
}

# stats: median, 90th percentile and worst of a list of numbers on stdin
stats () {
  sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "median %s, p90 %s, worst %s", v[int((NR + 1) / 2)], v[int((NR * 9 + 9) / 10)], v[NR] }'
}

# xinetd_conf NAME PORT SERVER ARGS: an xinetd configuration of one service on 127.0.0.1:PORT, as root
xinetd_conf () {
  printf 'defaults\n{\n}\nservice %s\n{\n  type = UNLISTED\n  socket_type = stream\n  protocol = tcp\n  wait = no\n  user = root\n  bind = 127.0.0.1\n  port = %s\n  server = %s\n  server_args = %s\n}\n' "$1" "$2" "$3" "$4"
}
