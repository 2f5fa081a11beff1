# The service directories of doc/examples/s6, run for real under s6-svscan:
# p0f on lo, qmail-smtpd (tcpserver, p0f-wrap, the probe in qmail-smtpd's
# place) on 127.0.0.1, and p0f stopped, started and killed under it. Both
# qmail-smtpd run scripts (run: sh; run.s6: execline; both tcpserver after
# ./settings) run with the same ./env, a tcprules cdb included: both must
# deny 127.0.0.66 and pass the cdb's variables (RELAYCLIENT) to the others. ./env is the one the examples ship
# (P0F_WRAP_OPTS -v) plus what the test must change; run.s6's copy has
# P0F_WRAP_OPTS emptied. The log lines are checked: p0f/run's line each time
# it starts p0f (a restart after kill -9 shows), and p0f-wrap's, one per
# connection with -v (info when p0f answered, a warning when it could not),
# a warning only without -v; a P0F_SKIP client (tcprules) gets
# P0F_STATUS=skipped and P0F_ADDR, p0f is not asked (no warning while p0f is
# down), and tcpserver names this host from $QMAIL/control/me (-l).
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
s6_test "the s6 test"
printf '127.0.0.66:deny\n127.0.0.77:allow,P0F_SKIP=""\n:allow,RELAYCLIENT=""\n' | tcprules "$T/tcp.smtp.cdb" "$T/tcp.smtp.tmp"
echo "$T/tcp.smtp.cdb" > "$SCAN/qmail-smtpd/env/TCPRULES"
PORT2=$($B/freeport)
cp -R "$SCAN/qmail-smtpd" "$SCAN/qmail-smtpd-s6"
mv "$SCAN/qmail-smtpd-s6/run.s6" "$SCAN/qmail-smtpd-s6/run"
echo "$PORT2" > "$SCAN/qmail-smtpd-s6/env/PORT"
echo "$T/log/qmail-smtpd-s6" > "$SCAN/qmail-smtpd-s6/log/env/LOGDIR"
echo "tcp dst port $PORT or tcp dst port $PORT2" > "$SCAN/p0f/env/P0F_FILTER"
mkdir -m 0750 "$T/log/qmail-smtpd-s6" && chown "$S6_LOG" "$T/log/qmail-smtpd-s6"
: > "$SCAN/qmail-smtpd-s6/env/P0F_WRAP_OPTS"
s6_start "$SCAN"

# wrapped LOG ADDR: p0f-wrap's lines (stamp cut) about the last connection
# from ADDR in LOG, once tcpserver has logged that connection's end (the
# child's lines come before it); nothing when the connection is not there
wrapped () {
  wait_until grep -q "tcpserver: ok [0-9]* [^ ]* [^:]*:$2:" "$1" || return 0
  pid=$(sed -n "s/.*tcpserver: ok \([0-9]*\) [^ ]* [^:]*:$2:.*/\1/p" "$1" | tail -n 1)
  wait_until grep -q "tcpserver: end $pid " "$1"
  sed -n "s/^[^ ]* \(p0f-wrap: [a-z]*: $2 pid $pid: .*\)/\1/p" "$1"
}
# one_wrapped LOG ADDR REGEX: exactly one p0f-wrap line about ADDR, and it matches REGEX
one_wrapped () {
  wrapped "$1" "$2" > "$T/lines"
  sed 's/^/# /' "$T/lines"
  [ "$(wc -l < "$T/lines")" = 1 ] && grep -q -- "$3" "$T/lines"
}
# silent LOG ADDR: no p0f-wrap line about ADDR
silent () { [ -z "$(wrapped "$1" "$2")" ] ; }
# started: the lines p0f/run wrote when it started p0f, with the test's account, interface and socket
started () { grep -c "p0f/run: info: starting p0f: account $S6_P0F, interface lo, socket $SOCK, filter tcp dst port" "$T/log/p0f/current" ; }

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
# as_smtpd FILE: the program ran as $S6_SMTP with the group $S6_QUERY alone
as_smtpd () { lines "$1" "uid $(id -u "$S6_SMTP") gid $(getent group "$S6_QUERY" | cut -d: -f3)" ; }
# envdir_settings: as $S6_SMTP, with ./env's P0F_SOCKET and P0F_TIMEOUT, the program ran once
envdir_settings () { as_smtpd "$T/c7" && lines "$T/c7" "env P0F_SOCKET=$SOCK" 'env P0F_TIMEOUT=300' && [ "$(grep -c '^end$' "$T/c7")" = 1 ] ; }
check "the program runs as the unprivileged account with the socket's group alone (SMTPD_USER, SMTPD_GROUP) and the envdir's settings" envdir_settings
check "run with the shipped env/P0F_WRAP_OPTS (-v): an answered connection logs one info line, its genre and queries (not a warning)" one_wrapped "$T/log/qmail-smtpd/current" 127.0.0.7 "^p0f-wrap: info: 127.0.0.7 pid [0-9]*: ok genre=Linux .*, [0-9]* quer[a-z]*, [0-9.]* ms\$"
# named_me: TCPLOCALHOST is control/me's name, and tcpserver's line for the connection says it
named_me () { lines "$T/c7" "env TCPLOCALHOST=$S6_ME" && grep -q "tcpserver: ok [0-9]* $S6_ME:127.0.0.1:$PORT " "$T/log/qmail-smtpd/current" ; }
check "tcpserver -l names this host from \$QMAIL/control/me ($S6_ME), not 0: TCPLOCALHOST, and tcpserver's own line" named_me
# no_qmailqueue: the program ran, without QMAILQUEUE
no_qmailqueue () { lines "$T/c7" end && none "$T/c7" '^env QMAILQUEUE=' ; }
check "the shipped env/QMAILQUEUE is empty: no QMAILQUEUE reaches the program (qmail-queue itself)" no_qmailqueue
n=$(started)
check "p0f/run logged one line when it started p0f: account, interface, socket ($n)" [ "$n" = 1 ]
heal=$(until_ok 127.0.2 "$PORT2" 10) ; rc=$?
connect 127.0.0.8 "$PORT2" > "$T/c8"
# run_s6_ok: until_ok came back (rc), Linux, as $S6_SMTP with $S6_QUERY
run_s6_ok () { [ "$rc" = 0 ] && lines "$T/c8" 'env P0F_GENRE=Linux' && as_smtpd "$T/c8" ; }
check "the execline variant (run.s6: ./settings' ids, tcpserver -u -g) answers ok too, as the same account and group" run_s6_ok
check "run.s6: no UID, GID, GIDLIST, nor ./settings' output (ids), reach the program" none "$T/c8" '^env UID=' '^env GID=' '^env GIDLIST=' '^env ids='
check "run.s6 with an empty P0F_WRAP_OPTS (no -v): an answered connection logs nothing" silent "$T/log/qmail-smtpd-s6/current" 127.0.0.8
check "run.s6: tcpserver -l names this host from \$QMAIL/control/me too" grep -qx "env TCPLOCALHOST=$S6_ME" "$T/c8"
for p in "$PORT" "$PORT2" ; do
  connect 127.0.0.66 "$p" > "$T/deny$p" 2>&1
  connect 127.0.0.67 "$p" > "$T/allow$p" 2>&1
done
# both_denied: neither program ran for 127.0.0.66, and both logs say deny
both_denied () {
  none "$T/deny$PORT" '^end$' && none "$T/deny$PORT2" '^end$' &&
    grep -q 'deny.*127.0.0.66' "$T/log/qmail-smtpd/current" && grep -q 'deny.*127.0.0.66' "$T/log/qmail-smtpd-s6/current"
}
check "TCPRULES in ./env: run and run.s6 both deny 127.0.0.66 (tcprules 127.0.0.66:deny)" both_denied
# both_allowed REGEX...: what run's and run.s6's programs printed for 127.0.0.67 each have a line matching each REGEX wholly
both_allowed () { lines "$T/allow$PORT" "$@" && lines "$T/allow$PORT2" "$@" ; }
check "TCPRULES in ./env: run and run.s6 both serve 127.0.0.67 with the cdb's RELAYCLIENT" both_allowed 'env RELAYCLIENT=' end
check "run and run.s6 export the same P0F_SOCKET" both_allowed "env P0F_SOCKET=$SOCK"
# own_settings_kept: both programs ran, and none of the run scripts' own settings reached either
own_settings_kept () {
  both_allowed end && for own_settings_kept_f in "$T/allow$PORT" "$T/allow$PORT2" ; do
    none "$own_settings_kept_f" '^env P0F_WRAP_OPTS=' '^env SMTPD=' '^env SMTPD_USER=' '^env SMTPD_GROUP=' '^env IP=' '^env PORT=' '^env QMAIL=' '^env TCPRULES=' || return 1
  done
}
check "run and run.s6: their own settings (P0F_WRAP_OPTS, SMTPD_USER, SMTPD_GROUP, IP, PORT, QMAIL, TCPRULES, SMTPD) do not reach the program" own_settings_kept

s6-svc -d "$SCAN/p0f"
s6-svwait -D -t 5000 "$SCAN/p0f"
# is_down SERVICEDIR: s6-svstat says the service is not up
is_down () { s6-svstat -o up "$1" | grep -qx false ; }
check "s6-svc -d: p0f is down" is_down "$SCAN/p0f"
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
check "p0f down, run with -v: the connection's one line is a warning, with the result and the problem (a warning alarm sees the outage)" one_wrapped "$T/log/qmail-smtpd/current" 127.0.0.9 "^p0f-wrap: warning: 127.0.0.9 pid [0-9]*: error, .*unable to connect to $SOCK"
connect 127.0.0.12 "$PORT2" > "$T/d12"
check "p0f down, run.s6 without -v: one warning line, the problem" one_wrapped "$T/log/qmail-smtpd-s6/current" 127.0.0.12 "^p0f-wrap: warning: 127.0.0.12 pid [0-9]*: unable to connect to $SOCK"
for p in "$PORT" "$PORT2" ; do connect 127.0.0.77 "$p" > "$T/skip$p" ; done
# skipped FILE: P0F_STATUS=skipped and P0F_ADDR=127.0.0.77, no other output of the list, the program ran
skipped () { grep -qx 'env P0F_STATUS=skipped' "$1" && grep -qx 'env P0F_ADDR=127.0.0.77' "$1" && [ "$(grep -c "$OUTPUTS" "$1")" = 2 ] && grep -qx 'env P0F_SKIP=' "$1" && grep -qx end "$1" ; }
both_skipped () { skipped "$T/skip$PORT" && skipped "$T/skip$PORT2" ; }
check "P0F_SKIP from tcprules (127.0.0.77:allow,P0F_SKIP=\"\"), run and run.s6: P0F_STATUS=skipped and P0F_ADDR, nothing else, P0F_SKIP passed on" both_skipped
check "P0F_SKIP, p0f down, without -v: p0f was not asked, nothing logged (no warning)" silent "$T/log/qmail-smtpd-s6/current" 127.0.0.77
check "P0F_SKIP, p0f down, with -v: one info line that says skipped (no warning)" one_wrapped "$T/log/qmail-smtpd/current" 127.0.0.77 "^p0f-wrap: info: 127.0.0.77 pid [0-9]*: skipped"

s6-svc -u "$SCAN/p0f"
heal=$(until_ok 127.0.3 "$PORT" 10) ; rc=$?
check "s6-svc -u: ok again after $heal ms" [ $rc = 0 ]

old=$(s6_pid "$SCAN/p0f") || fail "p0f is not up after s6-svc -u"
kill9 "$old"
heal=$(until_ok 127.0.4 "$PORT" 15) ; rc=$?
new=$(s6_pid "$SCAN/p0f")
check "p0f killed with SIGKILL: s6 restarts it (pid $old, then $new) and ok comes back by itself after $heal ms" s6_healed "$rc" "$old" "$new"
echo "# p0f restart healed in $heal ms (s6-supervise waits 1 s before restarting a service that died)"

n=$(started)
check "p0f/run logged a line each time it started p0f: the start, s6-svc -u, the restart after kill -9 ($n)" [ "$n" = 3 ]
check "p0f's warnings (stderr) reach its log: s6-svc -d left 'User-initiated shutdown'" grep -q 'WARNING: User-initiated shutdown' "$T/log/p0f/current"
check "p0f's per-connection blocks and banner (stdout) do not" none "$T/log/p0f/current" 'raw_sig' 'p0f 3.09b' '127.0.0.2/'
logged_as () {
  u=$(id -u "$1") ; shift
  for l in "$@" ; do
    p=$(s6_pid "$SCAN/$l") && grep -qx "Uid:	$u	$u	$u	$u" "/proc/$p/status" || return 1
  done
}
check "the loggers run as $S6_LOG, not root" logged_as "$S6_LOG" p0f/log qmail-smtpd/log qmail-smtpd-s6/log

s6_stop_checked "$SCAN"
finish
