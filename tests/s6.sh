# Helpers to run the example s6 service directories of doc/examples/s6 under
# a real s6-svscan on a temporary scan directory. Only what a test must is
# substituted, through the services' ./env directories: the interface (lo),
# the port, the socket path, the log directories, qmail's home (QMAIL, its
# control/me naming $S6_ME), the program after p0f-wrap, the accounts; what
# the examples ship in ./env (P0F_WRAP_OPTS -v, QMAILQUEUE) is kept.
# p0f-wrap and the programs are copied to $T/bin so that the unprivileged
# accounts can run them wherever the tree is. The socket
# must be in a directory of its own under $T: p0f's run script creates it
# root:$S6_QUERY mode 0750.

S6_EXAMPLES=${S6_EXAMPLES:-doc/examples/s6}

# Throwaway accounts and groups, named after this run's pid (two runs at once
# do not meet; a name that exists already is a failure, never reused),
# created by s6_accounts and removed by s6_stop (set the EXIT trap that calls
# s6_stop before s6_scandir). As in a qmail install: $S6_SMTP (qmaild) and
# $S6_OTHER (alias, qmaill, qmailp) share the primary group $S6_NOFILES; the
# socket's group $S6_QUERY (p0fq) is no account's, tcpserver -g gives it to
# qmail-smtpd alone; p0f drops to $S6_P0F (group $S6_P0FGROUP, home
# $T/p0f-home, where p0f chroots); the loggers run as $S6_LOG.
S6_RUN=p0fwt-$$
S6_P0F=$S6_RUN-p0f S6_SMTP=$S6_RUN-smtp S6_OTHER=$S6_RUN-other S6_LOG=$S6_RUN-log
S6_P0FGROUP=$S6_RUN-p0fg S6_NOFILES=$S6_RUN-nofiles S6_QUERY=$S6_RUN-q
S6_ME=mx.$S6_RUN.example
S6_USERS=
S6_GROUPS=
SVSCAN_PID=

# s6_account_fail MESSAGE: says why the accounts could not be made, and stops
s6_account_fail () { echo "not ok - $1" ; exit 1 ; }

s6_accounts () {
  mkdir -p "$T/p0f-home"
  for s6_accounts_group in $S6_P0FGROUP $S6_NOFILES $S6_QUERY ; do
    getent group "$s6_accounts_group" > /dev/null && s6_account_fail "the group $s6_accounts_group exists already: not reused"
    groupadd --system "$s6_accounts_group" || s6_account_fail "groupadd $s6_accounts_group failed"
    S6_GROUPS="$S6_GROUPS $s6_accounts_group"
  done
  for s6_accounts_spec in "$S6_P0F:$S6_P0FGROUP:$T/p0f-home" "$S6_SMTP:$S6_NOFILES:/nonexistent" \
      "$S6_OTHER:$S6_NOFILES:/nonexistent" "$S6_LOG:$S6_NOFILES:/nonexistent" ; do
    s6_accounts_account=${s6_accounts_spec%%:*} s6_accounts_rest=${s6_accounts_spec#*:}
    getent passwd "$s6_accounts_account" > /dev/null && s6_account_fail "the account $s6_accounts_account exists already: not reused"
    useradd --system --gid "${s6_accounts_rest%%:*}" --no-create-home --home-dir "${s6_accounts_rest#*:}" --shell /usr/sbin/nologin "$s6_accounts_account" ||
      s6_account_fail "useradd $s6_accounts_account failed"
    S6_USERS="$S6_USERS $s6_accounts_account"
  done
}

# s6_accounts_remove: userdel, groupdel of what s6_accounts made; a failure is a failed test case
s6_accounts_remove () {
  for s6_accounts_remove_account in $S6_USERS ; do
    getent passwd "$s6_accounts_remove_account" > /dev/null || continue
    userdel "$s6_accounts_remove_account" || fail "userdel $s6_accounts_remove_account failed"
  done
  for s6_accounts_remove_group in $S6_GROUPS ; do
    getent group "$s6_accounts_remove_group" > /dev/null || continue
    groupdel "$s6_accounts_remove_group" || fail "groupdel $s6_accounts_remove_group failed"
  done
  S6_USERS= S6_GROUPS=
}

# s6_pid SERVICEDIR: prints the service's pid; fails, printing nothing, when
# it is not up (s6-svstat -o pid prints -1 for a service that is down, and
# kill -9 -1 as root kills every process on the machine)
s6_pid () {
  s6_pid_pid=$(s6-svstat -o pid "$1" 2>/dev/null)
  is_pid "$s6_pid_pid" || return 1
  echo "$s6_pid_pid"
}

# kill9 PID: SIGKILL to PID, refused (a failed test case) unless is_pid
kill9 () {
  is_pid "$1" || { fail "refused to kill '$1': not a process id" ; return 1 ; }
  kill -9 "$1"
}

# s6_scandir SCANDIR PORT SOCKET SMTPD: the services, configured
# s6_test WHAT: what every s6 system test starts from: root, a free port,
# $SCAN with the example service directories (p0f's socket $SOCK, the probe
# as qmail-smtpd's program), and an EXIT trap that stops it all
s6_test () {
  require_root "$1"
  PORT=$($B/freeport)
  SCAN=$T/scan
  SOCK=$T/run/p0f.sock
  trap 's6_stop "$SCAN" ; cleanup ; [ "$FAILED" = 0 ] || exit 1' EXIT
  s6_scandir "$SCAN" "$PORT" "$SOCK" "$T/bin/probe"
  cp "$PROBE" "$T/bin/probe"
}

s6_scandir () {
  s6_scandir_scan=$1 s6_scandir_port=$2 s6_scandir_sock=$3 s6_scandir_smtpd=$4
  chmod 755 "$T"
  mkdir -p "$T/bin" "$s6_scandir_scan"
  s6_accounts
  cp "$P0F_WRAP" "$T/bin/p0f-wrap"
  cp -R "$S6_EXAMPLES/p0f" "$S6_EXAMPLES/qmail-smtpd" "$s6_scandir_scan/"
  mkdir -p "$s6_scandir_scan/p0f/env" "$s6_scandir_scan/p0f/log/env" "$s6_scandir_scan/qmail-smtpd/env" "$s6_scandir_scan/qmail-smtpd/log/env"
  echo lo > "$s6_scandir_scan/p0f/env/P0F_IFACE"
  echo "tcp dst port $s6_scandir_port" > "$s6_scandir_scan/p0f/env/P0F_FILTER"
  echo "$s6_scandir_sock" > "$s6_scandir_scan/p0f/env/P0F_SOCKET"
  echo "$S6_P0F" > "$s6_scandir_scan/p0f/env/P0F_USER"
  echo "$S6_QUERY" > "$s6_scandir_scan/p0f/env/P0F_GROUP"
  mkdir -p "$T/log/p0f" "$T/log/qmail-smtpd"
  chown "$S6_LOG" "$T/log/p0f" "$T/log/qmail-smtpd"
  for s6_scandir_svc in p0f qmail-smtpd ; do
    echo "$T/log/$s6_scandir_svc" > "$s6_scandir_scan/$s6_scandir_svc/log/env/LOGDIR"
    echo "$S6_LOG" > "$s6_scandir_scan/$s6_scandir_svc/log/env/LOGUSER"
  done
  mkdir -p "$T/qmail/control"
  echo "$S6_ME" > "$T/qmail/control/me"
  s6_scandir_env=$s6_scandir_scan/qmail-smtpd/env
  echo "$T/qmail" > "$s6_scandir_env/QMAIL"
  echo "$s6_scandir_sock" > "$s6_scandir_env/P0F_SOCKET"
  echo 300 > "$s6_scandir_env/P0F_TIMEOUT"
  echo "$S6_SMTP" > "$s6_scandir_env/SMTPD_USER"
  echo "$S6_QUERY" > "$s6_scandir_env/SMTPD_GROUP"
  echo 127.0.0.1 > "$s6_scandir_env/IP"
  echo "$s6_scandir_port" > "$s6_scandir_env/PORT"
  echo "$s6_scandir_smtpd" > "$s6_scandir_env/SMTPD"
}

# s6_start SCANDIR: s6-svscan on it, with $T/bin first in PATH
s6_start () {
  PATH="$T/bin:$PATH" background s6-svscan "$1"
  SVSCAN_PID=$LASTPID
  # ready once its control pipe has a reader: s6-svscanctl fails before that
  wait_until s6-svscanctl -a "$1" 2> /dev/null || fail "s6-svscan on $1 did not start"
}

# s6_stop SCANDIR: s6-svscanctl -t, then make sure nothing from $T is left
# (processes whose working directory or root is under $T, stopped by pid;
# those still there in LEFT); with $T not this run's own directory (t_ok)
# it signals nothing and says so
s6_stop () {
  if ! t_ok ; then
    fail "s6_stop: \$T is '$T', not this run's directory: no process stopped"
    s6_accounts_remove
    return 1
  fi
  if [ -n "$SVSCAN_PID" ] ; then
    s6-svscanctl -t "$1" 2>/dev/null
    s6_stop_i=0
    while kill -0 "$SVSCAN_PID" 2>/dev/null && [ $s6_stop_i -lt 100 ] ; do sleep 0.1 ; s6_stop_i=$((s6_stop_i+1)) ; done
    stop "$SVSCAN_PID"
    SVSCAN_PID=
  fi
  s6_stop_i=0
  while [ -n "$(leftovers)" ] && [ $s6_stop_i -lt 50 ] ; do sleep 0.1 ; s6_stop_i=$((s6_stop_i+1)) ; done
  LEFT=$(leftovers)
  for s6_stop_pid in $LEFT ; do kill9 "$s6_stop_pid" 2>/dev/null ; done
  s6_accounts_remove
}

# s6_healed RC OLD NEW: until_ok came back (RC 0), and s6 runs p0f under a new pid (OLD, then NEW)
s6_healed () { [ "$1" = 0 ] && [ "$2" != "$3" ] ; }

# s6_stop_checked SCAN: s6_stop SCAN, then two checks: no process of the
# test is left, and the accounts and groups it made are removed
s6_stop_checked () {
  s6_stop_checked_made="$S6_USERS$S6_GROUPS"
  s6_stop "$1"
  trap cleanup EXIT
  check "s6-svscanctl -t: no process from the test is left" [ -z "$LEFT" ]
  # shellcheck disable=SC2086
  check "the accounts and groups the test created ($s6_stop_checked_made) are removed" accounts_gone $s6_stop_checked_made
}

# until_ok FROM-PREFIX PORT SECONDS: connects from new addresses until the
# answer says P0F_STATUS=ok; prints the milliseconds it took, fails on time-out
until_ok () {
  until_ok_start=$(now_ms)
  until_ok_j=0
  while [ $(( $(now_ms) - until_ok_start )) -lt $(( $3 * 1000 )) ] ; do
    until_ok_j=$((until_ok_j+1))
    if connect "$1.$until_ok_j" "$2" | grep -qx 'env P0F_STATUS=ok' ; then
      echo $(( $(now_ms) - until_ok_start ))
      return 0
    fi
    sleep 0.05
  done
  return 1
}
