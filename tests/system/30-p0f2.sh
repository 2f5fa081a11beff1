# p0f-wrap -2 against the test responder playing p0f 2.0.8: it saw a SYN from
# 198.51.100.9:40000 to 203.0.113.5:25 (the server's public address), and
# answers only a query that names all four exactly.
. tests/lib.sh

S=$T/p0f2.sock
RESPONDER_OPTS="-2 -c 198.51.100.9:40000 -S 203.0.113.5:25"
NAT="P0F_SOCKET=$S TCPREMOTEIP=198.51.100.9 TCPREMOTEPORT=40000 TCPLOCALIP=10.0.0.5 TCPLOCALPORT=25"
PUBLIC="P0F_SOCKET=$S TCPREMOTEIP=198.51.100.9 TCPREMOTEPORT=40000 TCPLOCALIP=203.0.113.5 TCPLOCALPORT=25"
status () { grep -qx "env P0F_STATUS=$2" "$1" ; }
# last_query_says REGEX: the responder's last query line matches REGEX (grep, not wholly)
last_query_says () { tail -n 1 "$S.log" | grep -q -- "$1" ; }
# flowed_unasked REGEX N: P0F_STATUS=error, the program ran to its end, a
# line of $ERR matches REGEX, the responder still counts N queries
flowed_unasked () { status_is error && lines "$OUT" end && grep -q -- "$1" "$ERR" && [ "$(queries "$S")" = "$2" ] ; }
# error_exit0: P0F_STATUS=error, exit 0
error_exit0 () { status_is error && [ "$RC" = 0 ] ; }

responder "$S" ok
wrap direct $PUBLIC -- -2 -v
check "p0f 2: ok when tcpserver's addresses are what p0f saw" status "$OUT" ok
check "p0f 2: every p0f 2 field, uptime in hours and minutes" lines "$OUT" 'env P0F_GENRE=Linux' 'env P0F_DETAIL=2.2.x-3.x' 'env P0F_DISTANCE=0' \
  'env P0F_LINK=ethernet/modem' 'env P0F_TOS=low delay' 'env P0F_FW=1' 'env P0F_NAT=2' 'env P0F_REAL=1' 'env P0F_SCORE=-7' \
  'env P0F_MFLAGS=258' 'env P0F_UPTIME=1390' 'env P0F_UPTIME_MIN=83400'
check "p0f 2: no p0f 3 fields" none "$OUT" '^env P0F_\(BAD_SW\|OS_MATCH_Q\|FIRST_SEEN\)'
check "p0f 2: the id is echoed and checked" last_query_says '^query2 198.51.100.9 id [0-9]*$'
wrap nat $NAT -- -2 -t 3000 -w 500
check "NAT: no match with TCPLOCALIP=10.0.0.5" status "$OUT" nomatch
n=$(queries "$S")
check "NAT: no match is re-asked, each on a new connection ($n queries)" [ "$n" -ge 4 ]
wrap natenv $NAT P0F_LOCAL_IP=203.0.113.5 -- -2
check "NAT: ok with P0F_LOCAL_IP=203.0.113.5" status "$OUT" ok
check "NAT: P0F_LOCAL_IP passes through unchanged" has "$OUT" "env P0F_LOCAL_IP=203.0.113.5"
wrap natopt $NAT -- -2 -l 203.0.113.5
check "NAT: ok with -l 203.0.113.5" status "$OUT" ok
wrap natboth $NAT P0F_LOCAL_IP=10.0.0.5 -- -2 -l 203.0.113.5
check "NAT: -l wins over P0F_LOCAL_IP" status "$OUT" ok
wrap natbad $NAT P0F_LOCAL_IP=203.0.113.500 -- -2
check "NAT: an invalid P0F_LOCAL_IP is an error naming it" error_says "invalid local address in \$P0F_LOCAL_IP"
wrap mapped $NAT TCPREMOTEIP=::ffff:198.51.100.9 P0F_LOCAL_IP=203.0.113.5 -- -2
check "p0f 2: a mapped client is asked as IPv4" status "$OUT" ok
n=$(queries "$S")
wrap ipv6 $PUBLIC TCPREMOTEIP=2001:db8::9 -- -2
check "p0f 2: IPv6 client gives error and a warning, the mail flows" flowed_unasked 'p0f 2 cannot look up IPv6 clients' "$n"
wrap noport P0F_SOCKET=$S TCPREMOTEIP=198.51.100.9 TCPLOCALIP=203.0.113.5 TCPLOCALPORT=25 -- -2
check "p0f 2: a missing client port is an error naming the variable" error_says "no client port: \$TCPREMOTEPORT not set"
wrap badport $PUBLIC TCPLOCALPORT=smtp -- -2
check "p0f 2: an invalid local port is an error naming the variable" error_says "invalid local port in \$TCPLOCALPORT"
wrap tcp6 $PUBLIC PROTO=TCP6 TCP6REMOTEIP=::ffff:198.51.100.9 TCP6REMOTEPORT=40000 TCPREMOTEPORT=1 -- -2
check "p0f 2: PROTO=TCP6 reads TCP6REMOTEIP and TCP6REMOTEPORT" status "$OUT" ok
wrap three3 $NAT P0F_LOCAL_IP=203.0.113.5 -- -3 -l 203.0.113.5 -w 0
check "-l and P0F_LOCAL_IP are accepted with -3 (and the p0f 3 query is not understood by p0f 2)" error_exit0
wrap badl $PUBLIC -- -2 -l 203.0.113
check "-l with an invalid address: exit 100" exit_says 100 'fatal: invalid local address: 203.0.113'
wrap l6 $PUBLIC -- -2 -l 2001:db8::1
check "-2 -l with an IPv6 address: exit 100" [ "$RC" = 100 ]
stop "$LASTPID"

responder "$S" nomatch nomatch ok
wrap twice $PUBLIC -- -2
check "p0f 2: no match twice then ok, three queries" ok_after 3
stop "$LASTPID"

responder "$S" wrongid
wrap wrongid $PUBLIC -- -2
check "p0f 2: an answer with another id is malformed" error_says 'malformed answer'
stop "$LASTPID"

finish
