# A handshake packet sent again, for real, in front of the real p0f 3.09b.
# p0f ignores a SYN for a flow it already tracks ("Perhaps just a simple
# dupe?"), so a host's record keeps the first copy's second, while TCP_INFO
# dates the connection from its last handshake packet:
# 1. a full listen backlog (listen(0) and one connection waiting): the
#    kernel drops the client's SYN, the client sends it again 1 s later;
# 2. a lost SYN+ACK: osprobe ignores the first, the server sends it again
#    1 s later (tcpi_total_retrans counts it).
# Each is this connection's record: ok, P0F_TOTAL_CONN=1, and in few
# queries, not the whole -w wait. The queries and milliseconds are printed.
. tests/lib.sh
. tests/real.sh
. tests/osprobe.sh
require_root "the retransmission test"
require_firewall

# in_syn_sent ADDR: a connection from ADDR waits for its SYN's answer
in_syn_sent () { [ -n "$(ss -Htn state syn-sent src "$1")" ] ; }
# queue_full PORT: the listener on PORT has a connection waiting to be accepted
queue_full () { [ "$(ss -Hltn "sport = :$1" | awk '{ print $2 }')" = 1 ] ; }
# has_env FILE NAME=VALUE: the probe printed it (osprobe puts "S: " before what the server says)
has_env () { grep -qx "\(S: \)\?env $2" "$1" ; }
# one_syn FILE: ok, and the SYN's one record
one_syn () { has_env "$1" P0F_STATUS=ok && has_env "$1" P0F_TOTAL_CONN=1 ; }
# own_record FILE: ok, the SYN's one record (TOTAL_CONN 1), Linux
own_record () { one_syn "$1" && has_env "$1" P0F_GENRE=Linux ; }
queries_of () { sed -n 's/.*, \([0-9]*\) quer.*/\1/p' "$1" ; }
ms_of () { sed -n 's/.*, \([0-9.]*\) ms$/\1/p' "$1" ; }

PORT=$($B/freeport)
start_p0f "$T/p0f.sock" "$PORT"

# 1. the SYN dropped by a full backlog, sent again by the client
for round in 1 2 3 ; do
  rm -f "$T/go"
  background "$B/accept1" -b 0 -w "$T/go" -s 1 127.0.0.1 "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE" > /dev/null 2> "$T/backlog.$round.err"
  SERVER=$LASTPID
  wait_until grep -q listening "$T/backlog.$round.err"
  timeout 20 tcpclient -RHl0 -T 10 -i 127.0.6.1 127.0.0.1 "$PORT" sh -c 'exec cat <&6' > /dev/null 2>&1 &
  FILLER=$!
  wait_until queue_full "$PORT"
  timeout 20 tcpclient -RHl0 -T 10 -i "127.0.6.$((round + 1))" 127.0.0.1 "$PORT" sh -c 'exec cat <&6' > "$T/backlog.$round" 2>&1 &
  CLIENT=$!
  wait_until in_syn_sent "127.0.6.$((round + 1))"
  dropped=no
  in_syn_sent "127.0.6.$((round + 1))" && queue_full "$PORT" && dropped=yes
  touch "$T/go"
  wait "$CLIENT" ; wait "$FILLER"
  wait "$SERVER" ; forget "$SERVER"
  check "backlog full ($round): the client's SYN waited for an answer (sent again)" [ $dropped = yes ]
  check "backlog full ($round): this connection's own record, ok, P0F_TOTAL_CONN=1 ($(queries_of "$T/backlog.$round.err") queries, $(ms_of "$T/backlog.$round.err") ms)" own_record "$T/backlog.$round"
  echo "# $(grep -a '^p0f-wrap: ' "$T/backlog.$round.err")"
  check "backlog full ($round): at most 3 queries ($(queries_of "$T/backlog.$round.err"))" [ "$(queries_of "$T/backlog.$round.err")" -le 3 ]
done

# 2. the SYN+ACK lost (osprobe ignores it), sent again by the server
trap 'remove_rules 127.0.0.210 127.0.0.211 127.0.0.212 ; cleanup' EXIT
start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE"
for round in 0 1 2 ; do
  : > "$T/tcpserver.err"
  "$OSPROBE" -S 1 windows7 "127.0.0.21$round" 127.0.0.1 "$PORT" > "$T/synack.$round" 2> "$T/synack.$round.err"
  grep -a '^p0f-wrap: ' "$T/tcpserver.err" > "$T/synack.$round.log"
  check "SYN+ACK sent again ($round): osprobe ignored the first" grep -q '^# osprobe: ignored a SYN+ACK' "$T/synack.$round"
  check "SYN+ACK sent again ($round): this connection's own record, ok, P0F_TOTAL_CONN=1 ($(queries_of "$T/synack.$round.log") queries, $(ms_of "$T/synack.$round.log") ms)" \
    one_syn "$T/synack.$round"
  echo "# $(cat "$T/synack.$round.log")"
  check "SYN+ACK sent again ($round): 1 query" [ "$(queries_of "$T/synack.$round.log")" = 1 ]
done
check "p0f is still running" kill -0 "$P0F_PID"
check "no osprobe rule left" [ -z "$(rules_left 127.0.0.210 127.0.0.211 127.0.0.212)" ]
finish
