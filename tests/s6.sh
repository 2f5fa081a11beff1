# Helpers to run the example s6 service directories of doc/examples/s6 under
# a real s6-svscan on a temporary scan directory. Only what a test must is
# substituted, through the services' ./env directories: the interface (lo),
# the port, the socket path, the log directories, and the program after
# p0f-wrap, the accounts. p0f-wrap and the programs are copied to $T/bin so
# that the unprivileged accounts can run them wherever the tree is. The socket
# must be in a directory of its own under $T: p0f's run script creates it
# root:$S6_SMTP mode 0750.

S6_EXAMPLES=${S6_EXAMPLES:-doc/examples/s6}

# Throwaway accounts, created when missing and then removed by s6_stop:
# p0f drops to $S6_P0F (its home, where p0f chroots, is $T/p0f-home),
# qmail-smtpd runs as $S6_SMTP (its group may query p0f), $S6_OTHER is any
# other local account.
S6_P0F=p0fwtest-p0f S6_SMTP=p0fwtest-smtp S6_OTHER=p0fwtest-other
S6_CREATED=

s6_accounts () {
  mkdir -p "$T/p0f-home"
  for account in $S6_P0F $S6_SMTP $S6_OTHER ; do
    id "$account" > /dev/null 2>&1 && continue
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$account" ||
      { echo "not ok - useradd $account failed" ; exit 1 ; }
    S6_CREATED="$S6_CREATED $account"
  done
  usermod --home "$T/p0f-home" "$S6_P0F" || { echo "not ok - usermod --home $T/p0f-home $S6_P0F failed" ; exit 1 ; }
}

s6_accounts_remove () {
  for account in $S6_CREATED ; do userdel "$account" ; done
  S6_CREATED=
}

# s6_scandir SCANDIR PORT SOCKET SMTPD: the services, configured
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
  echo "$S6_SMTP" > "$scan/p0f/env/P0F_GROUP"
  echo "$T/log/p0f" > "$scan/p0f/log/env/LOGDIR"
  echo "$T/log/qmail-smtpd" > "$scan/qmail-smtpd/log/env/LOGDIR"
  e=$scan/qmail-smtpd/env
  echo "$sock" > "$e/P0F_SOCKET"
  echo 300 > "$e/P0F_TIMEOUT"
  echo "$S6_SMTP" > "$e/SMTPD_USER"
  echo 127.0.0.1 > "$e/IP"
  echo "$port" > "$e/PORT"
  echo "$smtpd" > "$e/SMTPD"
  mkdir -p "$T/log"
}

# s6_start SCANDIR: s6-svscan on it, with $T/bin first in PATH
s6_start () {
  PATH="$T/bin:$PATH" background s6-svscan "$1"
  SVSCAN_PID=$LASTPID
}

# s6_stop SCANDIR: s6-svscanctl -t, then make sure nothing from $T is left
s6_stop () {
  s6-svscanctl -t "$1" 2>/dev/null
  i=0
  while kill -0 "$SVSCAN_PID" 2>/dev/null && [ $i -lt 100 ] ; do sleep 0.1 ; i=$((i+1)) ; done
  wait "$SVSCAN_PID" 2>/dev/null
  i=0
  while [ -n "$(s6_leftovers)" ] && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
  LEFT=$(s6_leftovers)
  for pid in $LEFT ; do kill -9 "$pid" 2>/dev/null ; done
  s6_accounts_remove
}

# s6_leftovers: pids of processes whose working directory or root is under $T
s6_leftovers () {
  for d in /proc/[0-9]* ; do
    case "$(readlink "$d/cwd" 2>/dev/null) $(readlink "$d/root" 2>/dev/null)" in
      "$T"/*|*" $T"/*) echo "${d#/proc/}" ;;
    esac
  done
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
