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
  for group in $S6_P0FGROUP $S6_NOFILES $S6_QUERY ; do
    getent group "$group" > /dev/null && s6_account_fail "the group $group exists already: not reused"
    groupadd --system "$group" || s6_account_fail "groupadd $group failed"
    S6_GROUPS="$S6_GROUPS $group"
  done
  for spec in "$S6_P0F:$S6_P0FGROUP:$T/p0f-home" "$S6_SMTP:$S6_NOFILES:/nonexistent" \
      "$S6_OTHER:$S6_NOFILES:/nonexistent" "$S6_LOG:$S6_NOFILES:/nonexistent" ; do
    account=${spec%%:*} rest=${spec#*:}
    getent passwd "$account" > /dev/null && s6_account_fail "the account $account exists already: not reused"
    useradd --system --gid "${rest%%:*}" --no-create-home --home-dir "${rest#*:}" --shell /usr/sbin/nologin "$account" ||
      s6_account_fail "useradd $account failed"
    S6_USERS="$S6_USERS $account"
  done
}

# s6_accounts_remove: userdel, groupdel of what s6_accounts made; a failure is a failed test case
s6_accounts_remove () {
  for account in $S6_USERS ; do
    getent passwd "$account" > /dev/null || continue
    userdel "$account" || fail "userdel $account failed"
  done
  for group in $S6_GROUPS ; do
    getent group "$group" > /dev/null || continue
    groupdel "$group" || fail "groupdel $group failed"
  done
  S6_USERS= S6_GROUPS=
}

# s6_pid SERVICEDIR: prints the service's pid; fails, printing nothing, when
# it is not up (s6-svstat -o pid prints -1 for a service that is down, and
# kill -9 -1 as root kills every process on the machine)
s6_pid () {
  pid=$(s6-svstat -o pid "$1" 2>/dev/null)
  is_pid "$pid" || return 1
  echo "$pid"
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
  scan=$1 port=$2 sock=$3 smtpd=$4
  chmod 755 "$T"
  mkdir -p "$T/bin" "$scan"
  s6_accounts
  cp "$P0F_WRAP" "$T/bin/p0f-wrap"
  cp -R "$S6_EXAMPLES/p0f" "$S6_EXAMPLES/qmail-smtpd" "$scan/"
  mkdir -p "$scan/p0f/env" "$scan/p0f/log/env" "$scan/qmail-smtpd/env" "$scan/qmail-smtpd/log/env"
  echo lo > "$scan/p0f/env/P0F_IFACE"
  echo "tcp dst port $port" > "$scan/p0f/env/P0F_FILTER"
  echo "$sock" > "$scan/p0f/env/P0F_SOCKET"
  echo "$S6_P0F" > "$scan/p0f/env/P0F_USER"
  echo "$S6_QUERY" > "$scan/p0f/env/P0F_GROUP"
  mkdir -p "$T/log/p0f" "$T/log/qmail-smtpd"
  chown "$S6_LOG" "$T/log/p0f" "$T/log/qmail-smtpd"
  for svc in p0f qmail-smtpd ; do
    echo "$T/log/$svc" > "$scan/$svc/log/env/LOGDIR"
    echo "$S6_LOG" > "$scan/$svc/log/env/LOGUSER"
  done
  mkdir -p "$T/qmail/control"
  echo "$S6_ME" > "$T/qmail/control/me"
  e=$scan/qmail-smtpd/env
  echo "$T/qmail" > "$e/QMAIL"
  echo "$sock" > "$e/P0F_SOCKET"
  echo 300 > "$e/P0F_TIMEOUT"
  echo "$S6_SMTP" > "$e/SMTPD_USER"
  echo "$S6_QUERY" > "$e/SMTPD_GROUP"
  echo 127.0.0.1 > "$e/IP"
  echo "$port" > "$e/PORT"
  echo "$smtpd" > "$e/SMTPD"
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
    i=0
    while kill -0 "$SVSCAN_PID" 2>/dev/null && [ $i -lt 100 ] ; do sleep 0.1 ; i=$((i+1)) ; done
    stop "$SVSCAN_PID"
    SVSCAN_PID=
  fi
  i=0
  while [ -n "$(leftovers)" ] && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
  LEFT=$(leftovers)
  for pid in $LEFT ; do kill9 "$pid" 2>/dev/null ; done
  s6_accounts_remove
}

# until_ok FROM-PREFIX PORT SECONDS: connects from new addresses until the
# answer says P0F_STATUS=ok; prints the milliseconds it took, fails on time-out
until_ok () {
  start=$(now_ms)
  j=0
  while [ $(( $(now_ms) - start )) -lt $(( $3 * 1000 )) ] ; do
    j=$((j+1))
    if connect "$1.$j" "$2" | grep -qx 'env P0F_STATUS=ok' ; then
      echo $(( $(now_ms) - start ))
      return 0
    fi
    sleep 0.05
  done
  return 1
}
