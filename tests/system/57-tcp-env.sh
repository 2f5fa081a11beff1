# inetd-style launchers with tcp-env in front of p0f-wrap, as the recipes in
# doc/p0f-wrap.html have it: under systemd-socket-activate --inetd -a
# (systemd's Accept=yes) and xinetd, with the real p0f, the program after
# p0f-wrap sees TCPREMOTEIP, TCPLOCALIP and the rest, and P0F_STATUS=ok.
# tcp-env is qmail's own (/var/qmail/bin/tcp-env) when installed, else the
# stand-in tests/tcp-env (Debian 12 packages no qmail).
. tests/lib.sh
. tests/real.sh
require_root "the tcp-env test (the real p0f, xinetd)"
TCPENV=/var/qmail/bin/tcp-env
[ -x "$TCPENV" ] || TCPENV=$(pwd)/tests/tcp-env
echo "# tcp-env: $TCPENV"
# from_variables: p0f-wrap's info line for 127.0.0.21, and no word of the socket
from_variables () { grep -q '^p0f-wrap: info: 127.0.0.21 pid' "$ERR" && ! grep -q 'from the socket' "$ERR" ; }
# ok_without_variables: P0F_STATUS=ok, and the program saw no TCPREMOTEIP
ok_without_variables () { status_is ok && none "$OUT" '^env TCPREMOTEIP=' ; }

SOCKACT=$($B/freeport) XINETD=$($B/freeport)
start_p0f "$T/p0f.sock" "$SOCKACT or tcp dst port $XINETD"

# sees FILE ADDR PORT: the program after p0f-wrap saw the connection's variables and P0F_STATUS=ok
sees () {
  has "$1" "env PROTO=TCP" && has "$1" "env TCPREMOTEIP=$2" && has "$1" "env TCPLOCALIP=127.0.0.1" \
    && has "$1" "env TCPLOCALPORT=$3" && grep -q '^env TCPREMOTEPORT=[0-9][0-9]*$' "$1" \
    && has "$1" "env P0F_STATUS=ok" && has "$1" "env P0F_ADDR=$2" && has "$1" end
}

if command -v systemd-socket-activate > /dev/null ; then
  background env -i PATH="$PATH" systemd-socket-activate -l "127.0.0.1:$SOCKACT" -a --inetd "$TCPENV" -R "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE" 2> "$T/sockact.err"
  SA=$LASTPID
  wait_until grep -q 'Listening on' "$T/sockact.err"
  OUT=$T/sockact.out ERR=$T/sockact.err
  connect 127.0.0.21 "$SOCKACT" > "$OUT"
  check "systemd-socket-activate --inetd -a, tcp-env, p0f-wrap: the program sees TCPREMOTEIP=127.0.0.21, TCPLOCALIP, TCPLOCALPORT, TCPREMOTEPORT, P0F_STATUS=ok" sees "$OUT" 127.0.0.21 "$SOCKACT"
  check "p0f-wrap read the variables, not the socket" from_variables
  stop "$SA"  # before the second binds the same port (started first, it lost the race now and then)
  background env -i PATH="$PATH" systemd-socket-activate -l "127.0.0.1:$SOCKACT" -a --inetd "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE" 2> "$T/bare.err"
  SA=$LASTPID
  wait_until grep -q 'Listening on' "$T/bare.err"
  OUT=$T/bare.out ERR=$T/bare.err
  connect 127.0.0.22 "$SOCKACT" > "$OUT"
  check "without tcp-env: p0f-wrap still gets ok from the socket, but the program sees no TCPREMOTEIP" ok_without_variables
  stop "$SA"
else
  fail "systemd-socket-activate is missing (package systemd)"
fi

xinetd_conf p0fwraptcpenv "$XINETD" "$TCPENV" "-R $P0F_WRAP -q -s $T/p0f.sock $PROBE" > "$T/xinetd.conf"
background xinetd -dontfork -f "$T/xinetd.conf" -pidfile "$T/xinetd.pid"
XI=$LASTPID
wait_until listening "$XINETD"
OUT=$T/xinetd.out ERR=/dev/null
connect 127.0.0.23 "$XINETD" > "$OUT"
check "xinetd, tcp-env, p0f-wrap -q: the program sees TCPREMOTEIP=127.0.0.23, TCPLOCALIP, TCPLOCALPORT, TCPREMOTEPORT, P0F_STATUS=ok" sees "$OUT" 127.0.0.23 "$XINETD"
check "nothing on fd 2 (it is the client's connection under xinetd)" none "$OUT" '^tcp-env:\|^p0f-wrap:'
stop "$XI"

# the recipes in doc/p0f-wrap.html put tcp-env in front of p0f-wrap
check "p0f-wrap.html's systemd recipe listens on IPv4 (qmail's tcp-env reads an IPv6 socket's address as 0.0.0.0)" grep -qx 'ListenStream=0.0.0.0:25' doc/p0f-wrap.html
check "p0f-wrap.html's systemd recipe: ExecStart=/var/qmail/bin/tcp-env -R /usr/local/bin/p0f-wrap ..." grep -q '^ExecStart=/var/qmail/bin/tcp-env -R /usr/local/bin/p0f-wrap -s /run/p0f/p0f.sock ' doc/p0f-wrap.html
# xinetd_recipe: p0f-wrap.html's xinetd service runs tcp-env, and tcp-env -R p0f-wrap
xinetd_recipe () {
  grep -q '^ *server *= /var/qmail/bin/tcp-env$' doc/p0f-wrap.html && grep -q '^ *server_args *= -R /usr/local/bin/p0f-wrap -q -s /run/p0f/p0f.sock ' doc/p0f-wrap.html
}
check "p0f-wrap.html's xinetd recipe: server = /var/qmail/bin/tcp-env, then -R /usr/local/bin/p0f-wrap" xinetd_recipe
check "p0f-wrap.html's inetd line: tcp-env -R in front of p0f-wrap" grep -q '^smtp  *stream  *tcp  *nowait  *qmaild:p0fq  */var/qmail/bin/tcp-env  *tcp-env -R /usr/local/bin/p0f-wrap ' doc/p0f-wrap.html
finish
