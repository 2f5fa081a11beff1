# README's Deploy section, pasted: its command blocks ("# 1. accounts" to
# "# 7. undo"), taken from README itself, run in order in a scratch root
# ($R: every /etc, /run, /service, /usr/local, /var path under it) with
# throwaway accounts in place of p0f, p0fq, qmaild and qmaill (a command
# that would reach outside the scratch root stops the test before anything
# runs). Between "4. the service directories" and "5. start" the test
# changes only what s6.sh does, through ./env: the interface (lo), the
# port, the socket and log paths under $R, qmail's home, the accounts, the
# probe in qmail-smtpd's place. Then: the chain answers, p0f/run's and
# p0f-wrap's log lines are there, "6. check" shows what a client gets,
# README's QMAILQUEUE line and the tcp.smtp recipe (P0F_SKIP for 127.) work,
# and "7. undo" leaves no process, directory, account or group behind.
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
require_root "the deploy test"
PORT=$($B/freeport)
R=$T/root
SOCK=$R/run/p0f/p0f.sock
trap 's6_stop "$R/service" ; cleanup ; [ "$FAILED" = 0 ] || exit 1' EXIT
chmod 755 "$T"
mkdir -p "$T/bin" "$R/etc" "$R/run" "$R/service" "$R/var/lib" "$R/var/log" "$R/var/qmail/control"
echo "$S6_ME" > "$R/var/qmail/control/me"
cp "$PROBE" "$T/bin/probe"

# block N: README's Deploy block that starts with "# N.", without its indent
block () {
  sed -n '/^Deploy$/,/^The verdict in the message/p' README |
    awk -v n="$1" '/^    # [0-9]+\. / { on = ($2 == n ".") } !/^    / { on = 0 } on { print substr($0, 5) }'
}
# scratch: README's commands with the accounts and the paths of the scratch root
scratch () {
  sed -e "s/\\bp0fq\\b/$S6_QUERY/g" -e "s/\\bqmaild\\b/$S6_SMTP/g" -e "s/\\bqmaill\\b/$S6_LOG/g" \
      -e "/^user\\(add\\|del\\) /s/ p0f\$/ $S6_P0F/" -e "s/198\\.51\\.100\\.7/127.0.0.5/g" \
      -e "s#\\(^\\|[ =]\\)/\\(etc\\|run\\|service\\|usr/local\\|var\\)\\([/ ]\\|\$\\)#\\1$R/\\2\\3#g"
}
for n in 1 2 3 4 5 6 7 ; do
  block "$n" | scratch > "$T/block$n"
  sed "s/^/# $n: /" "$T/block$n"
done
# outside FILE: the absolute paths in FILE that are not under $R nor read-only system files
outside () { grep -o '\(^\|[ =]\)/[^ ;|&)]*' "$1" | sed 's/^[ =]//' | grep -v -e "^$R/" -e '^/usr/sbin/nologin$' -e '^/usr/bin/env$' ; }
bad=
for n in 1 2 3 4 5 6 7 ; do
  [ -s "$T/block$n" ] || bad="$bad block $n missing;"
  [ -z "$(outside "$T/block$n")" ] || bad="$bad block $n reaches $(outside "$T/block$n" | tr '\n' ' ');"
done
check "README's Deploy has blocks 1 to 7, and each, rewritten, stays in the scratch root${bad:+:$bad}" [ -z "$bad" ]
[ -z "$bad" ] || exit 1

S6_USERS="$S6_P0F $S6_SMTP $S6_LOG" S6_GROUPS="$S6_P0F $S6_QUERY $S6_NOFILES"
for name in $S6_USERS $S6_GROUPS ; do
  getent passwd "$name" > /dev/null || getent group "$name" > /dev/null || continue
  S6_USERS='' S6_GROUPS=''
  echo "not ok - the account or group $name exists already: not reused" ; exit 1
done
groupadd --system "$S6_NOFILES" || fail "groupadd $S6_NOFILES"
for account in "$S6_SMTP" "$S6_LOG" ; do
  useradd --system --gid "$S6_NOFILES" --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$account" || fail "useradd $account"
done
DESTDIR=$R FROM=$(dirname "$P0F_WRAP") sh package/install > "$T/install.out" 2>&1 || fail "package/install into $R: $(cat "$T/install.out")"
PATH=$R/usr/local/bin:$PATH

# pasted N: runs block N as root (sh -e: a failed command fails it), at most 30 s, its output in $T/pasted$N
pasted () { timeout 30 sh -e "$T/block$1" > "$T/pasted$1" 2>&1 || { sed 's/^/#   /' "$T/pasted$1" ; return 1 ; } ; }
check "1. accounts: pasted, no command fails" pasted 1
# p0f_account: $S6_P0F's home is $R/var/lib/p0f, mode 755, its group its own; the group $S6_QUERY exists
p0f_account () {
  [ "$(getent passwd "$S6_P0F" | cut -d: -f6)" = "$R/var/lib/p0f" ] && [ "$(stat -c %a "$R/var/lib/p0f")" = 755 ] &&
    [ "$(id -gn "$S6_P0F")" = "$S6_P0F" ] && getent group "$S6_QUERY" > /dev/null
}
check "1. accounts: $S6_P0F (its home $R/var/lib/p0f, empty, 0755), its own group $S6_P0F (useradd's), the group $S6_QUERY" p0f_account
check "2. the socket's directory: pasted, no command fails" pasted 2
check "2. the socket's directory: root:$S6_QUERY mode 0750" [ "$(stat -c '%U %G %a' "$R/run/p0f")" = "root $S6_QUERY 750" ]
check "3. the log directories: pasted, no command fails" pasted 3
check "3. the log directories: $S6_LOG's, mode 0750" [ "$(stat -c '%U %a' "$R/var/log/p0f" "$R/var/log/qmail-smtpd" | tr '\n' ' ')" = "$S6_LOG 750 $S6_LOG 750 " ]
check "4. the service directories: pasted, no command fails" pasted 4
sv=$R/etc/p0f-wrap
# service_dirs: qmail-smtpd's is the tree's, its run and settings and p0f's run and socket-dir are executable, P0F_WRAP_OPTS is -v
service_dirs () {
  diff -r doc/examples/s6/qmail-smtpd "$sv/qmail-smtpd" && [ -x "$sv/p0f/run" ] && [ -x "$sv/p0f/socket-dir" ] &&
    [ -x "$sv/qmail-smtpd/run" ] && [ -x "$sv/qmail-smtpd/settings" ] &&
    [ "$(cat "$sv/qmail-smtpd/env/P0F_WRAP_OPTS")" = -v ]
}
check "4. the service directories: the installed examples, env/ included (P0F_WRAP_OPTS -v)" service_dirs
echo lo > "$sv/p0f/env/P0F_IFACE"
echo "tcp dst port $PORT" > "$sv/p0f/env/P0F_FILTER"
echo "$SOCK" > "$sv/p0f/env/P0F_SOCKET"
echo "$S6_P0F" > "$sv/p0f/env/P0F_USER"
echo "$S6_QUERY" > "$sv/p0f/env/P0F_GROUP"
for svc in p0f qmail-smtpd ; do
  mkdir -p "$sv/$svc/log/env"
  echo "$R/var/log/$svc" > "$sv/$svc/log/env/LOGDIR"
  echo "$S6_LOG" > "$sv/$svc/log/env/LOGUSER"
done
e=$sv/qmail-smtpd/env
echo "$SOCK" > "$e/P0F_SOCKET"
echo "$S6_SMTP" > "$e/SMTPD_USER"
echo "$S6_QUERY" > "$e/SMTPD_GROUP"
echo 127.0.0.1 > "$e/IP"
echo "$PORT" > "$e/PORT"
echo "$R/var/qmail" > "$e/QMAIL"
echo "$T/bin/probe" > "$e/SMTPD"

s6_start "$R/service"
check "5. start: pasted, no command fails" pasted 5
wait_for -S "$SOCK" || fail "5. start: p0f did not create its socket: $(cat "$R/var/log/p0f/current" 2>/dev/null)"
heal=$(until_ok 127.0.1 "$PORT" 10) ; rc=$?
check "5. start: the chain answers, P0F_STATUS=ok (after $heal ms)" [ $rc = 0 ]
connect 127.0.0.5 "$PORT" > "$T/c5"
check "the program gets P0F_GENRE=Linux and TCPLOCALHOST from control/me" lines "$T/c5" 'env P0F_GENRE=Linux' "env TCPLOCALHOST=$S6_ME"
check "p0f's log has p0f/run's line: account, interface, socket" wait_until grep -q "p0f/run: info: starting p0f: account $S6_P0F, interface lo, socket $SOCK, filter tcp dst port $PORT\$" "$R/var/log/p0f/current"
check "qmail-smtpd's log has the -v line for 127.0.0.5, as README shows it" wait_until grep -q "p0f-wrap: info: 127.0.0.5 pid [0-9]*: ok genre=Linux .*, [0-9]* quer[a-z]*, [0-9.]* ms\$" "$R/var/log/qmail-smtpd/current"
grep -B1 -A1 'p0f-wrap: info: 127.0.0.5 ' "$R/var/log/qmail-smtpd/current" | sed 's/^[^ ]* /# /'

check "6. check: pasted, no command fails" pasted 6
sed 's/^/# 6: /' "$T/pasted6"
# checked: block 6 printed p0f-wrap's info line for 127.0.0.5 (ok or stale, Linux) and that environment
checked () {
  grep -q '^p0f-wrap: info: 127.0.0.5 pid [0-9]*: \(ok\|stale\) genre=Linux ' "$T/pasted6" &&
    lines "$T/pasted6" 'P0F_STATUS=\(ok\|stale\)' 'P0F_GENRE=Linux' 'P0F_ADDR=127.0.0.5'
}
check "6. check: prints p0f-wrap's line and the environment a client from 127.0.0.5 would get (ok or stale, Linux)" checked

# README's QMAILQUEUE line (p0f-queue section) and the tcp.smtp recipe, with a restart
sed -n 's/^    \(echo \/usr\/local\/bin\/p0f-queue > .*QMAILQUEUE\)$/\1/p' README | scratch > "$T/qq"
sed -n '/^    tcprules .*tcp.smtp/,/^    s6-svc -t/p' README | sed 's/^    //' |
  sed "s#/etc/tcp.smtp #$R/usr/local/share/doc/p0f-wrap/examples/p0f-queue/tcp.smtp #; s#< /etc/tcp.smtp\$#< $R/usr/local/share/doc/p0f-wrap/examples/p0f-queue/tcp.smtp#" | scratch >> "$T/qq"
sed 's/^/# qq: /' "$T/qq"
timeout 30 sh -e "$T/qq" > "$T/qq.out" 2>&1
# qq_set: env/QMAILQUEUE names the installed p0f-queue, and the cdb is made
qq_set () { [ "$(cat "$e/QMAILQUEUE")" = "$R/usr/local/bin/p0f-queue" ] && [ -s "$R/etc/tcp.smtp.cdb" ] ; }
check "README's QMAILQUEUE and tcprules lines run as written (env/ exists)" qq_set
# recipe FILE: the tcp.smtp recipe for a local client: skipped, P0F_ADDR, through p0f-queue, relaying
recipe () {
  connect 127.0.0.6 "$PORT" > "$1" 2>/dev/null &&
    grep -qx 'env P0F_STATUS=skipped' "$1" && grep -qx 'env P0F_ADDR=127.0.0.6' "$1" &&
    grep -qx 'env QMAILQUEUE=/usr/local/bin/p0f-queue' "$1" && grep -qx 'env RELAYCLIENT=' "$1"
}
check "the tcp.smtp recipe, after s6-svc -t: a 127. client is skipped (P0F_SKIP), P0F_ADDR set, through p0f-queue (QMAILQUEUE), relaying" wait_until recipe "$T/c6"
grep -e '^env P0F_' -e '^env QMAILQUEUE=' -e '^env RELAYCLIENT=' "$T/c6" | sed 's/^/# 127.0.0.6: /'

check "7. undo: pasted, no command fails" pasted 7
# gone: nothing of the deployment is left: no process of it (s6-svscan aside), no directory, account or group
gone () {
  for p in $(leftovers) ; do [ "$p" = "$SVSCAN_PID" ] || return 1 ; done
  for d in etc/p0f-wrap run/p0f var/lib/p0f var/log/p0f var/log/qmail-smtpd service/p0f service/qmail-smtpd ; do
    [ ! -e "$R/$d" ] && [ ! -L "$R/$d" ] || return 1
  done
  ! getent passwd "$S6_P0F" > /dev/null && ! getent group "$S6_P0F" > /dev/null && ! getent group "$S6_QUERY" > /dev/null
}
check "7. undo: no process, directory, account ($S6_P0F) or group ($S6_P0F, $S6_QUERY) of the deployment is left" gone
created="$S6_USERS $S6_GROUPS"
s6_stop "$R/service"
trap cleanup EXIT
# shellcheck disable=SC2086
check "the test's own accounts and groups ($created) are removed" accounts_gone $created
finish
