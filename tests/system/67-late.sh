# A late answer: p0f dies when its client closes between its poll() and its
# write(), so when -t runs out with an answer pending, the process the UCSPI
# server forked stays, holding the socket alone (cwd /), reads the answer
# out, and waits for the session, which its child runs. It is the session's
# pid for the UCSPI server: tcpserver counts every child it reaps, so a
# detached reader reaped by a tcpserver that is PID 1 or a subreaper freed a
# -c slot while the session still ran (ucspi-tcp 0.88: "if (numchildren)
# --numchildren" for every pid). The test p0f answers late (the real one
# cannot be made to on demand) and dies of SIGPIPE as p0f does.
. tests/lib.sh
. tests/real.sh

S=$T/p0f.sock
C="TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S"

# alive PID: the process exists (a zombie counts as gone)
alive () { [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2> /dev/null ; }
# fds_only_socket PID: PID holds one fd, a socket
fds_only_socket () { [ "$(ls "/proc/$1/fd" | wc -l)" = 1 ] && readlink "/proc/$1/fd/"* | grep -q '^socket:' ; }
in_root () { [ "$(readlink "/proc/$1/cwd")" = / ] ; }
# reader_ready PID: PID has closed all but the socket (it does so right after the fork)
reader_ready () { alive "$1" && fds_only_socket "$1" ; }
# session SECONDS: a program that notes its start, sleeps, notes its end
cat > "$T/session" <<EOF
#!/bin/sh
mkdir "$T/active" 2> /dev/null || echo overlap >> "$T/overlaps"
echo start >> "$T/sessions"
sleep "\$1"
rmdir "$T/active" 2> /dev/null
exit 0
EOF
# hold CODE: a program that waits (10 s at most) for $T/go, then exits CODE; TERM makes it exit 42
cat > "$T/hold" <<EOF
#!/bin/sh
trap 'exit 42' TERM
i=0
while [ ! -e "$T/go" ] && [ \$i -lt 200 ] ; do sleep 0.05 & wait \$! ; i=\$((i+1)) ; done
exit "\$1"
EOF
chmod 755 "$T/session" "$T/hold"

# late PROG...: p0f-wrap -t 100 in front of PROG, in the background, p0f answering late:
# READER is its pid, once it holds the socket alone
late () {
  (cd "$T" && exec env -i PATH="$PATH" $C "$P0F_WRAP" -q -t 100 "$@" < /dev/null > /dev/null 2>&1) &
  READER=$!
  PIDS="$PIDS $READER"
  wait_until reader_ready "$READER"
}
# ended [SIGNAL]: sends SIGNAL to READER if given, waits for it; its status in RC
ended () {
  [ -n "${1:-}" ] && kill "-$1" "$READER"
  wait "$READER"
  RC=$?
  forget "$READER"
}

# 1. the process that stays: the socket alone, in /, exits as the session did
responder "$S" silent
RESP=$LASTPID
late "$T/hold" 7
check "p0f answers late: p0f-wrap's pid stays, with the socket alone" fds_only_socket "$READER"
check "p0f answers late: it stays in /" in_root "$READER"
SESSION=$(pgrep -P "$READER" | head -n 1)
check "p0f answers late: the session runs as its child ($SESSION)" [ -n "$SESSION" ]
touch "$T/go"
ended
check "the session exits 7: p0f-wrap's pid exits 7 ($RC)" [ "$RC" = 7 ]
rm -f "$T/go"
late "$T/hold" 0
ended TERM
check "SIGTERM to p0f-wrap's pid reaches the session (it exits 42: $RC)" [ "$RC" = 42 ]
late sleep 10
ended TERM
check "a session killed by SIGTERM: p0f-wrap's pid dies of SIGTERM too (status $RC)" [ "$RC" = 143 ]
timeout 5 sh -c 'env -i PATH="$PATH" P0F_SOCKET="$1" TCPREMOTEIP=192.0.2.7 "$2" -q -t 100 /bin/true 5>&1 | cat > /dev/null' sh "$S" "$P0F_WRAP"
rc=$?
check "the reader keeps no inherited fd: a pipe on fd 1 and fd 5 ends with the program, not with the reader (exit $rc)" [ "$rc" = 0 ]
check "p0f answered nothing and was left alone: it still runs" alive "$RESP"
stop "$RESP"

# 2. a late answer is read out: the test p0f, deadly SIGPIPE and all, survives
responder "$S" late:300
RESP=$LASTPID
env -i PATH="$PATH" $C "$P0F_WRAP" -q -t 100 /bin/true 2>&-
check "stderr closed at start (the socket is fd 2): p0f-wrap's pid ended after reading the late answer, p0f still runs" alive "$RESP"
env -i PATH="$PATH" $C "$P0F_WRAP" -q -t 100 /bin/true
check "the same with stderr open: p0f still runs" alive "$RESP"
stop "$RESP"

# 3. tcpserver -c 1 as a subreaper, and as PID 1: never two sessions at once, p0f alive
if [ "$(id -u)" = 0 ] ; then
  for how in subreaper pid1 ; do
    rm -rf "$T/active" "$T/overlaps" "$T/sessions"
    responder "$S" late:400
    RESP=$LASTPID
    PORT=$($B/freeport)
    if [ $how = subreaper ] ; then
      background "$B/subreaper" tcpserver -v -RHl0 -c 1 127.0.0.1 "$PORT" "$P0F_WRAP" -q -t 100 -s "$S" "$T/session" 1.5 > /dev/null 2> "$T/tcpserver.err"
    else
      background unshare --pid --fork --kill-child tcpserver -v -RHl0 -c 1 127.0.0.1 "$PORT" "$P0F_WRAP" -q -t 100 -s "$S" "$T/session" 1.5 > /dev/null 2> "$T/tcpserver.err"
    fi
    SERVER=$LASTPID
    wait_until grep -q 'status: 0/1' "$T/tcpserver.err"
    clients=
    for i in 1 2 3 ; do
      timeout 20 tcpclient -RHl0 -T 5 -i "127.0.4.$i" 127.0.0.1 "$PORT" sh -c 'exec cat <&6' > /dev/null 2>&1 &
      clients="$clients $!"
      sleep 0.8
    done
    for c in $clients ; do wait "$c" ; done
    n=$(grep -c start "$T/sessions" 2> /dev/null)
    check "tcpserver -c 1 as $how, p0f answering 0.4 s late: 3 clients served ($n)" [ "${n:-0}" = 3 ]
    check "tcpserver -c 1 as $how: never two sessions at once ($(grep -c overlap "$T/overlaps" 2> /dev/null || echo 0) overlaps)" [ ! -e "$T/overlaps" ]
    check "tcpserver -c 1 as $how: p0f still runs" alive "$RESP"
    stop "$SERVER"
    stop "$RESP"
  done
else
  echo "# skipped: tcpserver as a subreaper and as PID 1 (needs root for unshare --pid)"
fi
finish
