# The real p0f 3.09b and the real tcpserver, each address twice: 30 new
# clients (p0f has never seen them), then the same 30 again 2 s later. p0f
# answers a known host at once from its record of the earlier connection
# (PROTOCOLS.md): the second time, p0f-wrap must wait for the record of this
# connection (P0F_TOTAL_CONN=2, P0F_LAST_SEEN not before the connect).
. tests/lib.sh
. tests/real.sh
real_test "the real-p0f test"

round () {
  for i in $(seq 2 31) ; do
    date +%s > "$T/t.$1.$i"
    connect "127.0.1.$i" "$PORT" > "$T/conn.$1.$i"
  done
  grep -a '^p0f-wrap: info: ' "$T/tcpserver.err" > "$T/info.$1"
  : > "$T/tcpserver.err"
}

round fresh
sleep 2
round known

fresh=0 known=0 bad=
for i in $(seq 2 31) ; do
  grep -qx 'env P0F_STATUS=ok' "$T/conn.fresh.$i" && grep -qx 'env P0F_TOTAL_CONN=1' "$T/conn.fresh.$i" && fresh=$((fresh+1))
  seen=$(sed -n 's/^env P0F_LAST_SEEN=//p' "$T/conn.known.$i")
  if grep -qx 'env P0F_STATUS=ok' "$T/conn.known.$i" && grep -qx 'env P0F_TOTAL_CONN=2' "$T/conn.known.$i" && [ "${seen:-0}" -ge "$(cat "$T/t.known.$i")" ] ; then
    known=$((known+1))
  else
    bad="$bad 127.0.1.$i($(grep -a '^env P0F_\(STATUS\|TOTAL_CONN\|LAST_SEEN\)=' "$T/conn.known.$i" | tr '\n' ' '))"
  fi
done
check "30 new clients: P0F_STATUS=ok, P0F_TOTAL_CONN=1 ($fresh ok)" [ "$fresh" = 30 ]
check "the same 30 again: this connection's record, P0F_TOTAL_CONN=2, P0F_LAST_SEEN not before the connect ($known ok)" [ "$known" = 30 ]
[ -n "$bad" ] && echo "# not this connection's record:$bad"
check "p0f is still running" kill -0 "$P0F_PID"
for r in fresh known ; do
  echo "# $r hosts: queries $(sed -n 's/.*, \([0-9]*\) quer.*/\1/p' "$T/info.$r" | stats); ms $(sed -n 's/.*, \([0-9.]*\) ms$/\1/p' "$T/info.$r" | stats)"
done
# a slow step between tcpserver and p0f-wrap (tcpserver's own DNS lookups, say): p0f knew the connection long before p0f-wrap asks
SLOW=$($B/freeport)
start_p0f "$T/p0f2.sock" "$SLOW"
start_tcpserver "$SLOW" sh -c 'sleep 1.5 ; exec "$@"' sh "$P0F_WRAP" -v -s "$T/p0f2.sock" "$PROBE"
for i in 2 3 4 ; do connect "127.0.2.$i" "$SLOW" > "$T/slow.$i" ; done
# ok_at_first PREFIX N I...: PREFIX.I says P0F_STATUS=ok for each I, and tcpserver's log has N lines of 1 query
ok_at_first () {
  ok_at_first_prefix=$1 ok_at_first_n=$2 ; shift 2
  for ok_at_first_i ; do lines "$ok_at_first_prefix.$ok_at_first_i" 'env P0F_STATUS=ok' || return 1 ; done
  [ "$(grep -c ', 1 query, ' "$T/tcpserver.err")" = "$ok_at_first_n" ]
}
check "1.5 s between the accept and p0f-wrap: a new client is ok, not stale, at the first query" ok_at_first "$T/slow" 3 2 3 4
: > "$T/tcpserver.err"
stop "$TCPSERVER_PID"
# a client that talks 2.5 s after connecting, before p0f-wrap (3 s late) asks:
# TCP_INFO's "last ACK received" is then its data, not the handshake
start_tcpserver "$SLOW" sh -c 'sleep 3 ; exec "$@"' sh "$P0F_WRAP" -v -s "$T/p0f2.sock" "$PROBE"
for i in 5 6 ; do
  tcpclient -RHl0 -T 5 -i "127.0.2.$i" 127.0.0.1 "$SLOW" sh -c 'sleep 2.5 ; printf "EHLO early.example\r\n" >&7 ; exec cat <&6' > "$T/early.$i" 2> /dev/null
done
check "the same for a client that talks first, 2.5 s in: ok at the first query" ok_at_first "$T/early" 2 5 6
stop "$TCPSERVER_PID"

# the same address again in a later second: p0f's record of the first
# connection carries the second before, and is not taken for this one. The
# second connection starts once the clock is 50 ms past the end of the first
# one's P0F_LAST_SEEN (p0f's own stamp of its SYN), more than p0f-wrap's clock
# grain: when it was accepted, that record was over a second old. No moment
# in the second is gambled on.
# past_ms MS: the Unix time is MS milliseconds or later
past_ms () { [ $(( $(date +%s%N) / 1000000 )) -ge "$1" ] ; }
start_tcpserver "$SLOW" "$P0F_WRAP" -v -s "$T/p0f2.sock" "$PROBE"
again=0 again_bad=
for i in 8 9 10 ; do
  connect "127.0.2.$i" "$SLOW" > "$T/first.$i"
  first=$(sed -n 's/^env P0F_LAST_SEEN=//p' "$T/first.$i")
  wait_until past_ms $(( (${first:-0} + 1) * 1000 + 50 ))
  connect "127.0.2.$i" "$SLOW" > "$T/again.$i"
  if grep -qx 'env P0F_STATUS=ok' "$T/first.$i" && grep -qx 'env P0F_STATUS=ok' "$T/again.$i" && grep -qx 'env P0F_TOTAL_CONN=2' "$T/again.$i" ; then
    again=$((again+1))
  else
    again_bad="$again_bad 127.0.2.$i(first: $(grep -a '^env P0F_\(STATUS\|TOTAL_CONN\|LAST_SEEN\)=' "$T/first.$i" | tr '\n' ' ')again: $(grep -a '^env P0F_\(STATUS\|TOTAL_CONN\|LAST_SEEN\)=' "$T/again.$i" | tr '\n' ' '))"
  fi
done
check "the same address again in the next second: this connection's record, P0F_TOTAL_CONN=2 ($again of 3)" [ "$again" = 3 ]
[ -n "$again_bad" ] && echo "# not this connection's record:$again_bad"
# how many queries a new client takes depends on the machine's load: a number, not a check (bench/ measures it)
echo "# new clients, median queries: $(sed -n 's/.*, \([0-9]*\) quer.*/\1/p' "$T/info.fresh" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
finish
