# The example run scripts refuse what they must not run with, and change
# nothing: qmail-smtpd's run and run.s6 with an unknown account or group, or
# root, or without a host name in $QMAIL/control/me, exit (111) with one
# line and never let tcpserver run the program as root; run splits SMTPD on
# spaces without globbing; both split P0F_WRAP_OPTS and hand it to p0f-wrap; p0f's run, under
# s6-svscan, leaves an existing socket directory that is not root:P0F_GROUP
# mode exactly 0750 without an ACL (a mode-1777 directory, a group-writable
# one, one of another owner, a symbolic link, a setgid one, one whose ACL
# lets another account in) as it is, does not start p0f and says why in
# p0f's log; refuses a socket directly in /, /run, /tmp... and one whose
# directory's parent others may write to (mode, owner, ACL), saying to use a
# directory of its own and never to remove a shared one; refuses a relative
# P0F_SOCKET, and creates a missing directory root:P0F_GROUP 0750.
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
s6_test "the run scripts' refusals"
NONE=$S6_RUN-none

smtpd_settled () { ! kill -0 "$pid" 2>/dev/null || ss -ltn | grep -q "127.0.0.1:$PORT " ; }
# smtpd RUN NAME VAR=VALUE...: qmail-smtpd's RUN script (run or run.s6) by
# itself, as s6-supervise would start it, with ./env changed by VAR=VALUE;
# one connection once it has exited or after 2 s; output in $T/NAME.out, the
# connection's in $T/NAME.conn, the exit code in RC (none: still running)
smtpd () {
  run=$1 name=$2 ; shift 2
  svc=$T/$name
  rm -rf "$svc"
  cp -R "$SCAN/qmail-smtpd" "$svc"
  for setting in "$@" ; do echo "${setting#*=}" > "$svc/env/${setting%%=*}" ; done
  ( cd "$svc" && PATH="$T/bin:$PATH" exec "./$run" ) > "$T/$name.out" 2>&1 < /dev/null &
  pid=$!
  # settled: the script exited (refused) or its tcpserver listens (up to 10 s, not a fixed 2 s)
  wait_until smtpd_settled
  connect 127.0.0.2 "$PORT" > "$T/$name.conn" 2>/dev/null
  RC=none
  if kill -0 "$pid" 2>/dev/null ; then
    kill9 "$pid"
    wait "$pid" 2>/dev/null
  else
    wait "$pid" ; RC=$?
  fi
}

# refused NAME WORDS: exit 111, one line that says WORDS, no program ran (no root)
refused () {
  [ "$RC" = 111 ] && [ "$(wc -l < "$T/$1.out")" = 1 ] && grep -q "$2" "$T/$1.out" &&
    ! grep -q '^uid ' "$T/$1.conn"
}
# refused_opts NAME: exit 111, p0f-wrap's own usage line, then the run script's refusal, nothing runs
refused_opts () {
  [ "$RC" = 111 ] && [ "$(wc -l < "$T/$1.out")" = 2 ] && grep -q '^p0f-wrap: fatal: invalid timeout' "$T/$1.out" &&
    grep -q 'fatal: p0f-wrap refuses P0F_WRAP_OPTS' "$T/$1.out" && ! grep -q '^uid ' "$T/$1.conn"
}

for run in run run.s6 ; do
  smtpd "$run" "$run-nouser" "SMTPD_USER=$NONE"
  echo "# $run, SMTPD_USER=$NONE: exit $RC: $(cat "$T/$run-nouser.out"); the connection: $(grep '^uid ' "$T/$run-nouser.conn")"
  check "qmail-smtpd/$run with an unknown SMTPD_USER: exit 111, one line naming it, nothing runs (as root or at all)" refused "$run-nouser" "$NONE"
  smtpd "$run" "$run-nogroup" "SMTPD_GROUP=$NONE"
  check "qmail-smtpd/$run with an unknown SMTPD_GROUP: exit 111, one line naming it, nothing runs" refused "$run-nogroup" "$NONE"
  smtpd "$run" "$run-root" SMTPD_USER=root
  check "qmail-smtpd/$run with SMTPD_USER=root: exit 111, one line, nothing runs" refused "$run-root" root
  smtpd "$run" "$run-rootgroup" SMTPD_GROUP=root
  check "qmail-smtpd/$run with SMTPD_GROUP=root: exit 111, one line, nothing runs" refused "$run-rootgroup" root
  smtpd "$run" "$run-nome" "QMAIL=$T/noqmail"
  echo "# $run, QMAIL=$T/noqmail: exit $RC: $(cat "$T/$run-nome.out")"
  check "qmail-smtpd/$run with no \$QMAIL/control/me: exit 111, one line naming it, nothing runs" refused "$run-nome" "$T/noqmail/control/me"
  mkdir -p "$T/emptyme/control" && : > "$T/emptyme/control/me"
  smtpd "$run" "$run-emptyme" "QMAIL=$T/emptyme"
  check "qmail-smtpd/$run with an empty control/me: exit 111, one line, nothing runs" refused "$run-emptyme" "$T/emptyme/control/me"
  # p0f is not running here: every connection is a p0f-wrap warning, unless -q
  smtpd "$run" "$run-quiet" "P0F_WRAP_OPTS=-q -t 200"
  check "qmail-smtpd/$run with P0F_WRAP_OPTS='-q -t 200': split into p0f-wrap's options (-q: no p0f-wrap line; the program ran, P0F_STATUS=error)" sh -c "[ $RC = none ] && grep -qx 'env P0F_STATUS=error' $T/$run-quiet.conn && ! grep -q 'p0f-wrap' $T/$run-quiet.out"
  smtpd "$run" "$run-bad" "P0F_WRAP_OPTS=-t x"
  check "qmail-smtpd/$run with P0F_WRAP_OPTS='-t x': not started (exit 111), p0f-wrap's usage error and the refusal in the log, nothing runs" refused_opts "$run-bad"
done
smtpd run run-good "SMTPD=$T/bin/probe r* x"
check "qmail-smtpd/run with the test's settings: runs the program as $S6_SMTP, group $S6_QUERY (the refusals above are not for everything)" sh -c "[ $RC = none ] && grep -qx 'uid $(id -u $S6_SMTP) gid $(getent group $S6_QUERY | cut -d: -f3)' $T/run-good.conn"
check "qmail-smtpd/run: SMTPD is split on spaces, never globbed (r* stays r*, not ./run ./run.s6...)" sh -c "grep -qx 'argv 1 r\*' $T/run-good.conn && grep -qx 'argv 2 x' $T/run-good.conn && ! grep -q '^argv 3' $T/run-good.conn"

# p0f's service alone under s6-svscan, P0F_SOCKET changed while it restarts
rm -rf "$SCAN/qmail-smtpd"
QGID=$(getent group "$S6_QUERY" | cut -d: -f3)
mkdir -m 1777 "$T/shared"
mkdir -m 0770 "$T/groupw" && chown "0:$QGID" "$T/groupw"
mkdir -m 0750 "$T/theirs" && chown "$S6_OTHER:$QGID" "$T/theirs"
mkdir -m 0750 "$T/good" && chown "0:$QGID" "$T/good" && ln -s "$T/good" "$T/link"
echo "$T/shared/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
s6_start "$SCAN"

# p0f_refuses DIR MODE WHAT: p0f's log says DIR is refused, DIR is still MODE (stat %A %U %G), no socket in it
p0f_refuses () {
  wait_until grep -qF "p0f/run: fatal: $1 must be a directory of p0f alone, owner root, group $S6_QUERY, mode 0750, no ACL; it is $3" "$T/log/p0f/current" 2>/dev/null &&
    [ "$(stat -c '%A %U %G' "$1")" = "$2" ] && [ ! -e "$1/p0f.sock" ]
}
# logged TEXT: p0f's log has a line with TEXT (within 10 s)
logged () { wait_until grep -qF -- "$1" "$T/log/p0f/current" 2>/dev/null ; }
check "P0F_SOCKET in an existing mode-1777 directory: left as it is, p0f not started, the log says why" p0f_refuses "$T/shared" "drwxrwxrwt root root" "directory, owner root, group root, mode 1777"
grep 'p0f/run' "$T/log/p0f/current" | tail -n 1 | sed 's/^[^ ]* /# /'
echo "$T/groupw/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
check "P0F_SOCKET in an existing root:$S6_QUERY mode 0770 directory: left as it is, refused" p0f_refuses "$T/groupw" "drwxrwx--- root $S6_QUERY" "directory, owner root, group $S6_QUERY, mode 770"
echo "$T/theirs/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
check "P0F_SOCKET in an existing directory of another owner ($S6_OTHER:$S6_QUERY 0750): left as it is, refused" p0f_refuses "$T/theirs" "drwxr-x--- $S6_OTHER $S6_QUERY" "directory, owner $S6_OTHER"
echo "$T/link/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
link_refused () { logged "p0f/run: fatal: $T/link must be a directory of p0f alone" && [ ! -e "$T/good/p0f.sock" ] ; }
check "P0F_SOCKET through a symbolic link to a good directory: refused" link_refused
mkdir -m 0750 "$T/setgid" && chown "0:$QGID" "$T/setgid" && chmod 2750 "$T/setgid"
echo "$T/setgid/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
check "P0F_SOCKET in an existing root:$S6_QUERY directory mode 2750 (setgid): left as it is, refused" p0f_refuses "$T/setgid" "drwxr-s--- root $S6_QUERY" "directory, owner root, group $S6_QUERY, mode 2750"
mkdir -m 0750 "$T/acl" && chown "0:$QGID" "$T/acl" && setfacl -m "u:$S6_OTHER:rx" "$T/acl"
echo "# $T/acl: $(ls -ld "$T/acl" | cut -d' ' -f1) (stat: $(stat -c %a "$T/acl")), $(getfacl -cp "$T/acl" 2>/dev/null | grep "^user:$S6_OTHER")"
echo "$T/acl/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
acl_refused () {
  p0f_refuses "$T/acl" "drwxr-x--- root $S6_QUERY" "directory, owner root, group $S6_QUERY, mode 750, with an ACL" &&
    getfacl -cp "$T/acl" 2>/dev/null | grep -qx "user:$S6_OTHER:r-x"
}
check "P0F_SOCKET in an existing root:$S6_QUERY 0750 directory whose ACL lets $S6_OTHER in (stat says 750): left as it is, ACL kept, refused" acl_refused
# shared NAME WHERE: p0f's log says P0F_SOCKET NAME is directly in WHERE, names a directory of its own, advises no removal
shared () {
  logged "p0f/run: fatal: P0F_SOCKET $1 is directly in $2, a directory others use: the socket needs a directory of its own, e.g. /run/p0f/p0f.sock" &&
    ! grep -qi 'remove' "$T/log/p0f/current"
}
for sock in /run/p0f.sock /p0f.sock /tmp/p0f.sock /var/run//p0f.sock ; do
  echo "$sock" > "$SCAN/p0f/env/P0F_SOCKET"
  where=${sock%/*} ; where=${where%/} ; where=${where:-/}
  check "P0F_SOCKET=$sock: refused, the log says to use a directory of its own, not to remove $where" shared "$sock" "$where"
done
grep 'directly in /run,' "$T/log/p0f/current" | tail -n 1 | sed 's/^[^ ]* /# /'
# parent_refused DIR WHAT: p0f's log says DIR's parent must be root's alone and is WHAT; DIR not created
parent_refused () {
  logged "p0f/run: fatal: ${1%/*}, where $1 is, must be owned and writable by root alone; it is $2" && [ ! -e "$1" ]
}
echo "$T/shared/p0f/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
check "P0F_SOCKET in a missing directory of a mode-1777 one: refused, nothing created" parent_refused "$T/shared/p0f" "owner root, group root, mode 1777"
echo "$T/theirs/p0f/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
check "P0F_SOCKET in a missing directory of one that $S6_OTHER owns: refused, nothing created" parent_refused "$T/theirs/p0f" "owner $S6_OTHER, group $S6_QUERY, mode 750"
mkdir -m 0755 "$T/aclparent" && setfacl -m "u:$S6_OTHER:rwx" "$T/aclparent"
echo "$T/aclparent/p0f/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
check "P0F_SOCKET in a missing directory of one whose ACL lets $S6_OTHER write: refused, nothing created" parent_refused "$T/aclparent/p0f" "owner root, group root, mode 775, with an ACL"
echo "sock/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
relative_refused () { logged "p0f/run: fatal: P0F_SOCKET must be an absolute path, not sock/p0f.sock" && [ ! -e "$SCAN/p0f/sock" ] ; }
check "a relative P0F_SOCKET: refused, nothing created in the service directory" relative_refused
echo "$T/fresh/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
wait_for -S "$T/fresh/p0f.sock"
check "P0F_SOCKET in a missing directory: created root:$S6_QUERY mode 0750, p0f up" sh -c "[ -S $T/fresh/p0f.sock ] && [ \"\$(stat -c '%a %U %G' $T/fresh)\" = '750 root $S6_QUERY' ]"
check "the refused directories are unchanged at the end" sh -c "[ \"\$(stat -c '%a %U %G' $T/shared $T/groupw $T/theirs $T/setgid $T/acl | tr '\n' ' ')\" = '1777 root root 770 root $S6_QUERY 750 $S6_OTHER $S6_QUERY 2750 root $S6_QUERY 750 root $S6_QUERY ' ]"

s6_stop "$SCAN"
trap cleanup EXIT
check "s6-svscanctl -t: no process from the test is left" [ -z "$LEFT" ]
finish
