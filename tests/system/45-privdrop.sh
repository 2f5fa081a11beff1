# The p0f service directory as written (only ./env differs) under s6-svscan:
# p0f starts as root and drops to its own account, chrooted to its home; its
# socket sits in a directory only root and the SMTP account's group can
# search. The SMTP account gets answers, any other account one permission
# warning and the mail flows, and after a kill p0f comes back dropped again.
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
require_root "the privilege-drop test"

PORT=$($B/freeport)
SCAN=$T/scan
SOCK=$T/run/p0f.sock
s6_scandir "$SCAN" "$PORT" "$SOCK" "$T/bin/probe"
cp "$PROBE" "$T/bin/probe"
trap 's6_stop "$SCAN" ; cleanup' EXIT
s6_start "$SCAN"
wait_for -S "$SOCK" || fail "p0f under s6 did not create its socket"

# dropped PID: p0f's real, effective, saved and fs uid and gid are the account's, its root its home
dropped () {
  uid=$(id -u "$S6_P0F") gid=$(id -g "$S6_P0F")
  grep -qx "Uid:	$uid	$uid	$uid	$uid" "/proc/$1/status" &&
  grep -qx "Gid:	$gid	$gid	$gid	$gid" "/proc/$1/status" &&
  [ "$(readlink "/proc/$1/root")" = "$T/p0f-home" ]
}
heal=$(until_ok 127.0.1 "$PORT" 10) ; rc=$?
pid=$(s6-svstat -o pid "$SCAN/p0f")
echo "# p0f pid $pid: $(grep '^Uid:' /proc/$pid/status | tr '\t' ' '), root $(readlink /proc/$pid/root); $S6_P0F is uid $(id -u $S6_P0F)"
check "p0f runs with the dropped uid and gid of $S6_P0F, chrooted to its home" dropped "$pid"
dirmode=$(stat -c '%a %U %G' "$T/run")
echo "# socket directory $T/run: mode, owner, group: $dirmode; socket: $(stat -c '%a %U %G' "$SOCK")"
check "the socket's directory is mode 750, owner root, group $S6_SMTP" [ "$dirmode" = "750 root $S6_SMTP" ]

connect 127.0.0.2 "$PORT" > "$T/smtp"
check "through tcpserver as $S6_SMTP (first ok after $heal ms): P0F_STATUS=ok, the program ran" sh -c "[ $rc = 0 ] && grep -qx 'uid $(id -u $S6_SMTP) gid $(id -g $S6_SMTP)' $T/smtp && grep -qx 'env P0F_STATUS=ok' $T/smtp && grep -qx end $T/smtp"

# as ACCOUNT NAME: p0f-wrap as ACCOUNT about 127.0.0.2, output in $T/NAME.out/.err
as () {
  OUT=$T/$2.out ERR=$T/$2.err
  s6-setuidgid "$1" env -i PATH="$PATH" TCPREMOTEIP=127.0.0.2 "$T/bin/p0f-wrap" -s "$SOCK" "$T/bin/probe" > "$OUT" 2> "$ERR" < /dev/null
}
as "$S6_SMTP" smtp-direct
check "p0f-wrap as $S6_SMTP: an answer, no warning" sh -c "grep -qx 'env P0F_STATUS=\(ok\|stale\)' $OUT && grep -qx 'env P0F_GENRE=Linux' $OUT && [ ! -s $ERR ]"
as "$S6_OTHER" other
echo "# as $S6_OTHER: $(cat "$ERR")"
check "p0f-wrap as $S6_OTHER: P0F_STATUS=error and the program ran" sh -c "grep -qx 'env P0F_STATUS=error' $OUT && grep -qx end $OUT"
check "p0f-wrap as $S6_OTHER: one warning line, permission denied on the socket" sh -c "[ \$(wc -l < $ERR) = 1 ] && grep -q '^p0f-wrap: warning: 127.0.0.2 pid [0-9]*: .*$SOCK: Permission denied$' $ERR"

kill -9 "$pid"
heal=$(until_ok 127.0.2 "$PORT" 15) ; rc=$?
new=$(s6-svstat -o pid "$SCAN/p0f")
check "p0f killed: s6 restarts it (pid $pid, then $new), ok again after $heal ms" sh -c "[ $rc = 0 ] && [ '$pid' != '$new' ]"
check "the restarted p0f is dropped to $S6_P0F too" dropped "$new"
check "the socket's directory is still mode 750, owner root, group $S6_SMTP" [ "$(stat -c '%a %U %G' "$T/run")" = "750 root $S6_SMTP" ]

created=$S6_CREATED
s6_stop "$SCAN"
trap cleanup EXIT
check "s6-svscanctl -t: no process from the test is left" [ -z "$LEFT" ]
gone=yes
for account in $created ; do id "$account" > /dev/null 2>&1 && gone=no ; done
check "the accounts the test created ($created) are removed" [ $gone = yes ]
finish
