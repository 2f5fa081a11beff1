# Edges from the field: a full environment, addresses from the socket when
# the UCSPI variables are missing (tcpserver behind env -i, systemd's
# socket activation, xinetd: as root, and as the documented recipe has it,
# an account with the query group of p0f's private socket directory, and
# without that group), the address looked up, patched daemons.
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
require_root "the field tests (the real p0f, xinetd)"

S=$T/p0f.sock
# throwaway accounts (tests/s6.sh): removed on exit, after every process
trap 'cleanup ; s6_accounts_remove ; [ "$FAILED" = 0 ] || exit 1' EXIT

# 1. a full environment: p0f-wrap's additions push the exec past the kernel's limit
responder "$S" full
# the largest variable p0f-wrap itself can be started with under a 512 KiB stack (a 128 KiB exec limit)
lo=0 hi=131072
while [ $((hi - lo)) -gt 1 ] ; do
  mid=$(( (lo + hi) / 2 ))
  if (BIG=$(head -c $mid /dev/zero | tr '\0' x) ; export BIG TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$S" ; exec prlimit --stack=524288 "$P0F_WRAP" -q -s "$T/none" "$PROBE") > /dev/null 2>&1 ; then lo=$mid ; else hi=$mid ; fi
done
# full NAME SIZE ARGS...: p0f-wrap ARGS in front of the probe, with a variable of SIZE bytes, p0f answering every field
full () {
  (BIG=$(head -c "$2" /dev/zero | tr '\0' x) ; export BIG TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$S" ; shift 2 ; exec prlimit --stack=524288 "$P0F_WRAP" "$@" "$PROBE") > "$T/full.out" 2> "$T/full.err"
  RC=$?
}
full some $((lo - 700))
# full_warned REGEX: $T/full.err is one line, and it matches REGEX
full_warned () { [ "$(wc -l < "$T/full.err")" = 1 ] && grep -q -- "$1" "$T/full.err" ; }
# error_only: exit 0, the program ran with P0F_STATUS=error as the one name of the list, P0F_SOCKET kept
error_only () {
  [ "$RC" = 0 ] && lines "$T/full.out" end && [ "$(grep -c "$OUTPUTS" "$T/full.out")" = 1 ] && lines "$T/full.out" 'env P0F_STATUS=error' "env P0F_SOCKET=$S"
}
check "an environment $((lo - 700)) bytes large under a 128 KiB exec limit: the program runs with P0F_STATUS=error alone, exit 0" error_only
check "a full environment: one warning line that says so" \
  full_warned "^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: the environment is too large for p0f.s variables: running $PROBE with P0F_STATUS=error only\$"
full verbose $((lo - 700)) -v
# answer_and_note: one warning line with p0f's answer and the note, the program ran with P0F_STATUS=error
answer_and_note () {
  full_warned "^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: ok genre=Windows .*; the environment is too large for p0f.s variables: running $PROBE with P0F_STATUS=error only\$" &&
    lines "$T/full.out" 'env P0F_STATUS=error'
}
check "a full environment with -v: exactly one warning line, p0f's answer and the note" answer_and_note
full none $((lo - 8))
# no_names: exit 0, the program ran with none of the list's names, one line on stderr that says so
no_names () {
  [ "$RC" = 0 ] && lines "$T/full.out" end && none "$T/full.out" "$OUTPUTS" && full_warned "running $PROBE with none of p0f.s variables\$"
}
check "no room even for P0F_STATUS=error: the program runs with none of the names, and the line says so" no_names
stop "$LASTPID"

# thousands of variables under a small stack: the environment's pointers fill it as far as the kernel allows, and p0f-wrap must not add as many again
responder "$S" ok
(i=0 ; while [ $i -lt 5000 ] ; do export "V$i=x" ; i=$((i+1)) ; done ; export TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$S" ; exec prlimit --stack=131072 "$P0F_WRAP" -q "$B/probe-static") > "$T/many.out" 2> "$T/many.err"
RC=$?
# all_5000: exit 0, the program ran with P0F_STATUS=ok and the 5000 variables
all_5000 () { [ "$RC" = 0 ] && lines "$T/many.out" end 'env P0F_STATUS=ok' && [ "$(grep -c '^env V' "$T/many.out")" = 5000 ] ; }
unsanitized "5000 variables under a 128 KiB stack" && check "5000 variables under a 128 KiB stack: the program runs with p0f's answer (exit $RC)" all_5000
stop "$LASTPID"

# 2. no UCSPI variables: the addresses come from the socket on fd 0; the
# real p0f's socket in a directory of its own, root:$S6_QUERY mode 0750, as
# p0f's run script makes it; p0f-wrap and the probe copied where the test
# accounts can run them
P0F3=$($B/freeport) ; P0F2=$($B/freeport) ; SOCKACT=$($B/freeport) ; XINETD=$($B/freeport)
XQ=$($B/freeport) ; XNOQ=$($B/freeport)
s6_accounts
chmod 755 "$T"
mkdir -m 0750 "$T/q" && chown "0:$S6_QUERY" "$T/q"
mkdir "$T/bin" && cp "$P0F_WRAP" "$T/bin/p0f-wrap" && cp "$PROBE" "$T/bin/probe"
start_p0f "$T/q/p0f.sock" "$P0F3 or tcp dst port $SOCKACT or tcp dst port $XINETD or tcp dst port $XQ or tcp dst port $XNOQ"
start_tcpserver "$P0F3" env -i PATH="$PATH" "$P0F_WRAP" -v -s "$T/q/p0f.sock" "$PROBE"
T3=$TCPSERVER_PID
connect 127.0.0.11 "$P0F3" > "$T/nov.out"
# from_socket_linux: ok, Linux, for 127.0.0.11, and no TCPREMOTEIP reached the program
from_socket_linux () {
  lines "$T/nov.out" 'env P0F_STATUS=ok' 'env P0F_ADDR=127.0.0.11' 'env P0F_GENRE=Linux' && none "$T/nov.out" '^env TCPREMOTEIP'
}
check "tcpserver behind env -i, real p0f 3: ok for 127.0.0.11, from the socket" from_socket_linux
check "the info line says the addresses came from the socket" grep -q '^p0f-wrap: info: 127.0.0.11 pid [0-9]*: ok .*; addresses from the socket on fd 0, not the UCSPI variables$' "$T/tcpserver.err"
stop "$T3"

RESPONDER_OPTS="-2 -c 127.0.0.12:$((P0F2 + 1)) -S 127.0.0.1:$P0F2"
responder "$S" ok
start_tcpserver "$P0F2" env -i PATH="$PATH" "$P0F_WRAP" -2 -v -s "$S" "$PROBE"
# asked_from_socket: ok, and the responder was asked about 127.0.0.12
asked_from_socket () { lines "$T/nov2.out" 'env P0F_STATUS=ok' && grep -q '^query2 127.0.0.12 ' "$S.log" ; }
timeout 10 tcpclient -RHl0 -T 5 -i 127.0.0.12 -p $((P0F2 + 1)) 127.0.0.1 "$P0F2" sh -c 'exec cat <&6' > "$T/nov2.out"
check "tcpserver behind env -i, p0f 2: all four of address and port from the socket, ok" asked_from_socket
stop "$TCPSERVER_PID"
stop "$LASTPID"

# from_socket OUT ADDR ERR: ok for ADDR in OUT, and ERR says the addresses came from the socket
from_socket () { lines "$1" 'env P0F_STATUS=ok' "env P0F_ADDR=$2" && grep -q 'addresses from the socket on fd 0' "$3" ; }
if command -v systemd-socket-activate > /dev/null ; then
  background env -i PATH="$PATH" systemd-socket-activate -l "127.0.0.1:$SOCKACT" -a --inetd "$P0F_WRAP" -v -s "$T/q/p0f.sock" "$PROBE" 2> "$T/sockact.err"
  SA=$LASTPID
  wait_until grep -q 'Listening on' "$T/sockact.err"
  connect 127.0.0.13 "$SOCKACT" > "$T/sockact.out"
  check "systemd-socket-activate --inetd -a (systemd's Accept=yes): ok for 127.0.0.13, no variables" from_socket "$T/sockact.out" 127.0.0.13 "$T/sockact.err"
  stop "$SA"
else
  skip "systemd-socket-activate --inetd -a" "systemd-socket-activate is missing (package systemd: run package/deps)"
fi

xinetd_conf p0fwraptest "$XINETD" "$P0F_WRAP" "-v -s $T/q/p0f.sock $PROBE" > "$T/xinetd.conf"
background xinetd -dontfork -f "$T/xinetd.conf" -pidfile "$T/xinetd.pid"
XI=$LASTPID
wait_until listening "$XINETD"
connect 127.0.0.14 "$XINETD" > "$T/xinetd.out"
check "xinetd: ok for 127.0.0.14, no variables (the info line, on fd 2, reaches the client as inetd wires it)" from_socket "$T/xinetd.out" 127.0.0.14 "$T/xinetd.out"
stop "$XI"

# p0f-wrap.html's xinetd recipe: user qmaild, group p0fq (here $S6_SMTP,
# $S6_QUERY), and the same without the group; no -q, so that a warning
# (on fd 2, the connection) shows
for svc in q:$XQ:"group = $S6_QUERY" noq:$XNOQ: ; do
  name=${svc%%:*} rest=${svc#*:}
  cat <<EOX
service p0fwrap$name
{
  type = UNLISTED
  socket_type = stream
  protocol = tcp
  wait = no
  user = $S6_SMTP
  ${rest#*:}
  bind = 127.0.0.1
  port = ${rest%%:*}
  server = $T/bin/p0f-wrap
  server_args = -s $T/q/p0f.sock $T/bin/probe
}
EOX
done > "$T/xinetd-acct.conf"
background xinetd -dontfork -f "$T/xinetd-acct.conf" -pidfile "$T/xinetd-acct.pid"
XI=$LASTPID
wait_until listening "$XQ" "$XNOQ"
connect 127.0.0.16 "$XQ" > "$T/xq.out"
QGID=$(getent group "$S6_QUERY" | cut -d: -f3)
# with_group: the program ran as $S6_SMTP with the query group, P0F_STATUS=ok, no line of p0f-wrap's
with_group () { lines "$T/xq.out" "uid $(id -u "$S6_SMTP") gid $QGID" 'env P0F_STATUS=ok' end && none "$T/xq.out" 'p0f-wrap:' ; }
check "xinetd as $S6_SMTP, group $S6_QUERY (the recipe's user and group): ok, no warning" with_group
connect 127.0.0.17 "$XNOQ" > "$T/xnoq.out"
echo "# without the group: $(grep 'p0f-wrap:' "$T/xnoq.out")"
# without_group: the program ran as $S6_SMTP with its own group, P0F_STATUS=error, and one
# line of p0f-wrap's, the warning that the socket's Permission denied
without_group () {
  lines "$T/xnoq.out" "uid $(id -u "$S6_SMTP") gid $(getent group "$S6_NOFILES" | cut -d: -f3)" 'env P0F_STATUS=error' end &&
    [ "$(grep -c 'p0f-wrap:' "$T/xnoq.out")" = 1 ] && grep -q "^p0f-wrap: warning: 127.0.0.17 pid [0-9]*: .*$T/q/p0f.sock: Permission denied" "$T/xnoq.out"
}
check "xinetd as $S6_SMTP without group = (its own group $S6_NOFILES): P0F_STATUS=error, one Permission denied warning, the program ran" without_group
stop "$XI"

# variables, when set, win over the socket
start_tcpserver "$P0F3" env TCPREMOTEIP=192.0.2.99 "$P0F_WRAP" -v -s "$T/q/p0f.sock" "$PROBE"
connect 127.0.0.15 "$P0F3" > "$T/win.out"
# variables_won: p0f was asked about TCPREMOTEIP's 192.0.2.99 (nomatch), never from the socket
variables_won () { lines "$T/win.out" 'env P0F_ADDR=192.0.2.99' 'env P0F_STATUS=nomatch' && none "$T/tcpserver.err" 'addresses from the socket' ; }
check "variables win: TCPREMOTEIP set to another address is the one asked about" variables_won
stop "$TCPSERVER_PID"
check "p0f is still running" kill -0 "$P0F_PID"

# 4. behind a proxy: the address p0f was asked about is exported
responder "$S" ok
wrap mapped TCPREMOTEIP=::ffff:192.0.2.7 P0F_SOCKET=$S --
check "P0F_ADDR: the address looked up (mapped folded to IPv4)" has "$OUT" "env P0F_ADDR=192.0.2.7"
wrap v6 TCPREMOTEIP=2001:db8::0:1 P0F_SOCKET=$S --
check "P0F_ADDR: an IPv6 address in its compressed form" has "$OUT" "env P0F_ADDR=2001:db8::1"
stop "$LASTPID"
finish
