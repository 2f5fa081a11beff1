# Helpers for the tests that run Debian's greylistd: a daemon of the test's
# own, with its config, socket and data under $T (greylistd 0.9 takes its
# config file as its argument; the machine's /etc/greylistd and
# /var/lib/greylistd are not touched), as the account greylist, stopped by
# pid. Needs root (to start it as greylist).

# start_greylistd RETRYMIN: greylistd on $T/greylistd/socket, pid in GREYLISTD_PID
start_greylistd () {
  command -v greylistd > /dev/null || { echo "not ok - greylistd is missing: run package/deps" ; exit 1 ; }
  mkdir -p "$T/greylistd"
  chown greylist "$T/greylistd" || { echo "not ok - no account greylist (greylistd's package makes it)" ; exit 1 ; }
  # mode 0666: the socket's directory is the test's own; Debian's is 0660 with Debian-exim in the group greylist
  cat > "$T/greylistd/config" <<CONF
[timeouts]
retryMin = $1
retryMax = 28800
expire = 5184000

[socket]
path = $T/greylistd/socket
mode = 0666

[data]
update = 600
statefile = $T/greylistd/states
tripletfile = $T/greylistd/triplets
savetriplets = true
CONF
  background s6-setuidgid greylist greylistd "$T/greylistd/config" > "$T/greylistd/log" 2>&1
  GREYLISTD_PID=$LASTPID
  wait_for -S "$T/greylistd/socket" || { echo "not ok - greylistd did not start:" ; cat "$T/greylistd/log" ; exit 1 ; }
}

# greylistd_status EXIM-CONF IP SENDER RECIPIENT: what greylistd holds for
# the triplet (unseen, grey, white), asked through exim's own readsocket
greylistd_status () {
  exim4 -C "$1" -be "\${readsocket{$T/greylistd/socket}{status $2 $3 $4}{5s}{}{no answer}}"
}

# exim_conf: doc/examples/exim/exim.conf with the test's spool, log and greylistd socket
exim_conf () {
  chmod 755 "$T"
  mkdir -p "$T/spool" "$T/log"
  chown Debian-exim "$T/spool" "$T/log" 2>/dev/null
  sed -e "s|^spool_directory = .*|spool_directory = $T/spool|" -e "s|^log_file_path = .*|log_file_path = $T/log/%slog|" \
    -e "s|^GREYLISTD_SOCKET = .*|GREYLISTD_SOCKET = $T/greylistd/socket|" doc/examples/exim/exim.conf > "$T/exim.conf"
}

# swaks_queued FILE: swaks's transcript FILE shows 250 at RCPT and 250 for the message (queued)
swaks_queued () { grep -q "^<- *250 Accepted" "$1" && grep -q "^<- *250 OK id=" "$1" ; }
