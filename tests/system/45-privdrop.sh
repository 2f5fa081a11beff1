# The p0f service directory as written (only ./env differs) under s6-svscan:
# p0f starts as root and drops to its own account, chrooted to its home; its
# socket sits in a directory only root and the socket's group (p0fq) can
# search, a group no account has: tcpserver -g gives it to qmail-smtpd. The
# SMTP chain gets answers; the SMTP account with its own groups, and an
# account that shares its primary group (as alias, qmaill, qmailp share
# nofiles with qmaild), get one permission warning and the mail flows; after
# a kill p0f comes back dropped again, the existing directory accepted.
# Run under root's strict umask 077, as an administrator's shell may have it:
# tests/lib.sh must still leave $T/bin, the logs and the service directories
# usable by the test accounts (with 0700 directories the loggers never start
# and a connection waits for ever).
umask 077
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
s6_test "the privilege-drop test"
s6_start "$SCAN"
wait_for -S "$SOCK" || fail "p0f under s6 did not create its socket"

# dropped PID: p0f's real, effective, saved and fs uid and gid are the account's, its root its home
dropped () {
  uid=$(id -u "$S6_P0F") gid=$(getent group "$S6_P0FGROUP" | cut -d: -f3)
  grep -qx "Uid:	$uid	$uid	$uid	$uid" "/proc/$1/status" &&
  grep -qx "Gid:	$gid	$gid	$gid	$gid" "/proc/$1/status" &&
  [ "$(readlink "/proc/$1/root")" = "$T/p0f-home" ]
}
heal=$(until_ok 127.0.1 "$PORT" 10) ; rc=$?
pid=$(s6_pid "$SCAN/p0f") || fail "p0f is not up"
echo "# p0f pid $pid: $(grep '^Uid:' /proc/$pid/status | tr '\t' ' '), root $(readlink /proc/$pid/root); $S6_P0F is uid $(id -u $S6_P0F)"
check "p0f runs with the dropped uid and gid of $S6_P0F, chrooted to its home" dropped "$pid"
dirmode=$(stat -c '%a %U %G' "$T/run")
echo "# socket directory $T/run: mode, owner, group: $dirmode; socket: $(stat -c '%a %U %G' "$SOCK")"
check "the socket's directory is mode 750, owner root, group $S6_QUERY" [ "$dirmode" = "750 root $S6_QUERY" ]

connect 127.0.0.2 "$PORT" > "$T/smtp"
QGID=$(getent group "$S6_QUERY" | cut -d: -f3)
# through_tcpserver: until_ok came back (rc), the program ran as $S6_SMTP with the query group, P0F_STATUS=ok
through_tcpserver () { [ "$rc" = 0 ] && lines "$T/smtp" "uid $(id -u "$S6_SMTP") gid $QGID" 'env P0F_STATUS=ok' end ; }
check "through tcpserver as $S6_SMTP, group $S6_QUERY (first ok after $heal ms): P0F_STATUS=ok, the program ran" through_tcpserver

# as NAME UID GID GIDLIST: p0f-wrap with these credentials about 127.0.0.2, output in $T/NAME.out/.err
as () {
  OUT=$T/$1.out ERR=$T/$1.err
  s6-applyuidgid -u "$2" -g "$3" -G "$4" env -i PATH="$PATH" TCPREMOTEIP=127.0.0.2 "$T/bin/p0f-wrap" -s "$SOCK" "$T/bin/probe" > "$OUT" 2> "$ERR" < /dev/null
}
# denied NAME: P0F_STATUS=error, the program ran, one warning line: permission denied on the socket
denied () {
  OUT=$T/$1.out ERR=$T/$1.err
  grep -qx 'env P0F_STATUS=error' "$OUT" && grep -qx end "$OUT" && [ "$(wc -l < "$ERR")" = 1 ] &&
    grep -q "^p0f-wrap: warning: 127.0.0.2 pid [0-9]*: .*$SOCK: Permission denied\$" "$ERR"
}
NGID=$(getent group "$S6_NOFILES" | cut -d: -f3)
as smtp-direct "$(id -u $S6_SMTP)" "$QGID" "$QGID"
# answered_quietly: ok or stale, Linux, nothing on stderr
answered_quietly () { lines "$OUT" 'env P0F_STATUS=\(ok\|stale\)' 'env P0F_GENRE=Linux' && [ ! -s "$ERR" ] ; }
check "p0f-wrap as $S6_SMTP with group $S6_QUERY (tcpserver -u -g): an answer, no warning" answered_quietly
as smtp-own "$(id -u $S6_SMTP)" "$NGID" "$NGID"
echo "# as $S6_SMTP with its own group $S6_NOFILES: $(cat "$ERR")"
check "p0f-wrap as $S6_SMTP with its own group $S6_NOFILES (qmaild outside tcpserver -g): P0F_STATUS=error, one Permission denied warning, the program ran" denied smtp-own
as other "$(id -u $S6_OTHER)" "$NGID" "$NGID"
check "p0f-wrap as $S6_OTHER, who shares $S6_SMTP's group $S6_NOFILES (as alias does qmaild's): P0F_STATUS=error, one Permission denied warning, the program ran" denied other

kill9 "$pid"
heal=$(until_ok 127.0.2 "$PORT" 15) ; rc=$?
new=$(s6_pid "$SCAN/p0f")
check "p0f killed: s6 restarts it (pid $pid, then $new), ok again after $heal ms" s6_healed "$rc" "$pid" "$new"
check "the restarted p0f is dropped to $S6_P0F too" dropped "$new"
check "the socket's directory is still mode 750, owner root, group $S6_QUERY (the existing directory accepted as it is)" [ "$(stat -c '%a %U %G' "$T/run")" = "750 root $S6_QUERY" ]

s6_stop_checked "$SCAN"
finish
