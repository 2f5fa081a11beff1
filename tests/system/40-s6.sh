# The service directories of doc/examples/s6, run for real under s6-svscan:
# p0f on lo, qmail-smtpd (tcpserver, p0f-wrap, the probe in qmail-smtpd's
# place) on 127.0.0.1, and p0f stopped, started and killed under it. Both
# qmail-smtpd run scripts (run: tcpserver; run.s6: s6 tools) run with the same
# ./env, a tcprules cdb included: both must deny 127.0.0.66 and pass the cdb's
# variables (RELAYCLIENT) to the others.
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
s6_test "the s6 test"
printf '127.0.0.66:deny\n:allow,RELAYCLIENT=""\n' | tcprules "$T/tcp.smtp.cdb" "$T/tcp.smtp.tmp"
echo "$T/tcp.smtp.cdb" > "$SCAN/qmail-smtpd/env/TCPRULES"
PORT2=$($B/freeport)
cp -R "$SCAN/qmail-smtpd" "$SCAN/qmail-smtpd-s6"
mv "$SCAN/qmail-smtpd-s6/run.s6" "$SCAN/qmail-smtpd-s6/run"
echo "$PORT2" > "$SCAN/qmail-smtpd-s6/env/PORT"
echo "$T/log/qmail-smtpd-s6" > "$SCAN/qmail-smtpd-s6/log/env/LOGDIR"
echo "tcp dst port $PORT or tcp dst port $PORT2" > "$SCAN/p0f/env/P0F_FILTER"
mkdir -m 0750 "$T/log/qmail-smtpd-s6" && chown "$S6_LOG" "$T/log/qmail-smtpd-s6"
s6_start "$SCAN"

wait_for -S "$SOCK" || fail "p0f under s6 did not create its socket"
heal=$(until_ok 127.0.1 "$PORT" 10) ; rc=$?
check "the supervised chain answers (first ok after $heal ms)" [ $rc = 0 ]

ok=0
for i in 2 3 4 5 6 ; do
  connect "127.0.0.$i" "$PORT" > "$T/c$i"
  grep -qx 'env P0F_STATUS=ok' "$T/c$i" && grep -qx 'env P0F_GENRE=Linux' "$T/c$i" && ok=$((ok+1))
done
check "connections from 127.0.0.x arrive at the program with P0F_STATUS=ok and P0F_GENRE=Linux ($ok of 5)" [ $ok = 5 ]
connect 127.0.0.7 "$PORT" > "$T/c7"
check "the program runs as the unprivileged account with the socket's group alone (SMTPD_USER, SMTPD_GROUP) and the envdir's settings" sh -c "grep -qx 'uid $(id -u $S6_SMTP) gid $(getent group $S6_QUERY | cut -d: -f3)' $T/c7 && grep -qx 'env P0F_SOCKET=$SOCK' $T/c7 && grep -qx 'env P0F_TIMEOUT=300' $T/c7 && [ \"\$(grep -c '^end$' $T/c7)\" = 1 ]"
heal=$(until_ok 127.0.2 "$PORT2" 10) ; rc=$?
connect 127.0.0.8 "$PORT2" > "$T/c8"
check "the s6-tools variant (run.s6: s6-envuidgid, tcpserver -u -g) answers ok too, as the same account and group" sh -c "[ $rc = 0 ] && grep -qx 'env P0F_GENRE=Linux' $T/c8 && grep -qx 'uid $(id -u $S6_SMTP) gid $(getent group $S6_QUERY | cut -d: -f3)' $T/c8"
check "run.s6: s6-envuidgid's UID, GID, GIDLIST do not reach the program" sh -c "! grep -q -e '^env UID=' -e '^env GID=' -e '^env GIDLIST=' $T/c8"
for p in "$PORT" "$PORT2" ; do
  connect 127.0.0.66 "$p" > "$T/deny$p" 2>&1
  connect 127.0.0.67 "$p" > "$T/allow$p" 2>&1
done
check "TCPRULES in ./env: run and run.s6 both deny 127.0.0.66 (tcprules 127.0.0.66:deny)" sh -c "! grep -q '^end$' $T/deny$PORT && ! grep -q '^end$' $T/deny$PORT2 && grep -q 'deny.*127.0.0.66' $T/log/qmail-smtpd/current && grep -q 'deny.*127.0.0.66' $T/log/qmail-smtpd-s6/current"
check "TCPRULES in ./env: run and run.s6 both serve 127.0.0.67 with the cdb's RELAYCLIENT" sh -c "grep -qx 'env RELAYCLIENT=' $T/allow$PORT && grep -qx 'env RELAYCLIENT=' $T/allow$PORT2 && grep -qx end $T/allow$PORT && grep -qx end $T/allow$PORT2"
check "run and run.s6 export the same P0F_SOCKET" sh -c "grep -qx 'env P0F_SOCKET=$SOCK' $T/allow$PORT && grep -qx 'env P0F_SOCKET=$SOCK' $T/allow$PORT2"
check "run and run.s6: their own settings (SMTPD_USER, SMTPD_GROUP, IP, PORT, TCPRULES, SMTPD) do not reach the program" sh -c "grep -qx end $T/allow$PORT && grep -qx end $T/allow$PORT2 && ! grep -q -e '^env SMTPD=' -e '^env SMTPD_USER=' -e '^env SMTPD_GROUP=' -e '^env IP=' -e '^env PORT=' -e '^env TCPRULES=' $T/allow$PORT $T/allow$PORT2"

s6-svc -d "$SCAN/p0f"
s6-svwait -D -t 5000 "$SCAN/p0f"
check "s6-svc -d: p0f is down" sh -c "s6-svstat -o up $SCAN/p0f | grep -qx false"
refused () { ! out=$(s6_pid "$1") && [ -z "$out" ] && ! is_pid -1 && ! is_pid 0 && ! is_pid 1 && ! is_pid '' && ! is_pid 12x && is_pid $$ ; }
check "p0f down: s6-svstat says pid $(s6-svstat -o pid "$SCAN/p0f"), s6_pid refuses it, and no -1, 0, 1, '', 12x is a pid to kill" refused "$SCAN/p0f"
ok=0 slow=0 worst=0
for i in 9 10 11 ; do
  t0=$(now_ms)
  connect "127.0.0.$i" "$PORT" > "$T/d$i"
  t=$(( $(now_ms) - t0 ))
  [ $t -gt $worst ] && worst=$t
  grep -qx 'env P0F_STATUS=error' "$T/d$i" && grep -qx end "$T/d$i" && ok=$((ok+1))
  [ $t -lt 3000 ] || slow=$((slow+1))
done
check "p0f down: the connections still reach the program, with P0F_STATUS=error ($ok of 3)" [ $ok = 3 ]
check "p0f down: each whole connection (tcpclient, tcpserver, p0f-wrap with -t 300, the program) ends, within 3 s (worst $worst ms)" [ $slow = 0 ]

s6-svc -u "$SCAN/p0f"
heal=$(until_ok 127.0.3 "$PORT" 10) ; rc=$?
check "s6-svc -u: ok again after $heal ms" [ $rc = 0 ]

old=$(s6_pid "$SCAN/p0f") || fail "p0f is not up after s6-svc -u"
kill9 "$old"
heal=$(until_ok 127.0.4 "$PORT" 15) ; rc=$?
new=$(s6_pid "$SCAN/p0f")
check "p0f killed with SIGKILL: s6 restarts it (pid $old, then $new) and ok comes back by itself after $heal ms" sh -c "[ $rc = 0 ] && [ '$old' != '$new' ]"
echo "# p0f restart healed in $heal ms (s6-supervise waits 1 s before restarting a service that died)"

check "p0f-wrap's warnings went to the qmail-smtpd log" sh -c "grep -q 'p0f-wrap: warning: 127.0.0.9 pid [0-9]*: unable to connect to $SOCK' $T/log/qmail-smtpd/current"
check "p0f's warnings (stderr) reach its log: s6-svc -d left 'User-initiated shutdown'" grep -q 'WARNING: User-initiated shutdown' "$T/log/p0f/current"
check "p0f's per-connection blocks and banner (stdout) do not" sh -c "! grep -q -e 'raw_sig' -e 'p0f 3.09b' -e '127.0.0.2/' $T/log/p0f/current"
logged_as () {
  u=$(id -u "$1") ; shift
  for l in "$@" ; do
    p=$(s6_pid "$SCAN/$l") && grep -qx "Uid:	$u	$u	$u	$u" "/proc/$p/status" || return 1
  done
}
check "the loggers run as $S6_LOG, not root" logged_as "$S6_LOG" p0f/log qmail-smtpd/log qmail-smtpd-s6/log

created="$S6_USERS$S6_GROUPS"
s6_stop "$SCAN"
trap cleanup EXIT
check "s6-svscanctl -t: no process from the test is left" [ -z "$LEFT" ]
check "the accounts and groups the test created ($created) are removed" sh -c "for n in $created ; do ! getent passwd \$n > /dev/null && ! getent group \$n > /dev/null || exit 1 ; done"
finish
