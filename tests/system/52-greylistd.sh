# Greylisting for real: the real p0f, the real tcpserver, p0f-wrap, the
# greylisting step (execline), exim4 -bs with doc/examples/exim/exim.conf
# and Debian's greylistd (its own config, socket and data under $T, retryMin
# 3 s). A client that p0f sees as Windows (osprobe windows7) is deferred with
# 451 at RCPT on its first attempt and on an early retry, and accepted with
# 250 and queued on a retry after retryMin; the real Linux kernel (swaks) gets
# 250 at once and greylistd holds no record of it; with p0f down a
# Windows-looking client gets 250. Times are greylistd's whole seconds.
. tests/lib.sh
. tests/real.sh
. tests/osprobe.sh
. tests/greylistd.sh
require_root "the greylistd test"
require_firewall
for tool in exim4 swaks greylistd ; do
  command -v "$tool" > /dev/null || { echo "not ok - $tool is missing: run package/deps" ; exit 1 ; }
done
RETRYMIN=3
WIN=127.0.0.91 WIN2=127.0.0.93 LINUX=127.0.0.92
ADDRS="$WIN $WIN2"
trap 'remove_rules $ADDRS ; cleanup' EXIT
exim_conf
start_greylistd $RETRYMIN
PORT=$($B/freeport)
start_p0f_log "$T/p0f.sock" "tcp dst port $PORT"
start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" doc/examples/greylist-windows exim4 -bs -C "$T/exim.conf"

MSG=$(printf 'Subject: p0f-wrap greylistd test\r\n\r\nhello\r\n.')
# windows NAME ADDR [data]: osprobe windows7 from ADDR, one RCPT (and with data the message), transcript in $T/NAME
windows () {
  set -- "$1" "$2" "EHLO client.example" "MAIL FROM:<sender@client.example>" "RCPT TO:<user@p0f-wrap.test>" ${3:+DATA} ${3:+"$MSG"} QUIT
  name=$1 addr=$2 ; shift 2
  OUT=$T/$name ERR=$T/tcpserver.err
  "$OSPROBE" windows7 "$addr" 127.0.0.1 "$PORT" "$@" > "$OUT" 2> "$T/osprobe.err"
  sed -n '/^C: RCPT/,$p' "$OUT" | grep '^S: [0-9]' | grep -v '^S: 221' | sed "s/^/#   $name, at +$(($(date +%s) - t0)) s: /"
}
# reply NAME COMMAND: the code of the reply to COMMAND in $T/NAME
reply () { sed -n "/^C: $2/{n;p}" "$T/$1" | sed -n 's/^S: \([0-9][0-9][0-9]\).*/\1/p' | head -n 1 ; }
# message NAME: the code of the reply to the message (the first after 354)
message () { awk '/^S: 354/ { after = 1 ; next } after && /^S: [0-9][0-9][0-9]/ { print substr($0, 4, 3) ; exit }' "$T/$1" ; }
queued () { grep -c " <= sender@client.example H=.*\\[$1\\]" "$T/log/mainlog" 2>/dev/null ; }
# after_second S: the Unix second is past S
after_second () { [ "$(date +%s)" -gt "$1" ] ; }
# got_250 RCPT-CODE MESSAGE-CODE: both replies are 250
got_250 () { [ "$1" = 250 ] && [ "$2" = 250 ] ; }
# windows_header HEADER: HEADER is p0f-queue's field for a Windows client
windows_header () { case $1 in "X-P0F: status=ok; genre=Windows; detail="*) return 0 ;; esac ; return 1 ; }
# said_error_unseen ADDR LOG STATUS: LOG has p0f-wrap's error line for ADDR, and greylistd's STATUS is unseen
said_error_unseen () { grep -q "^p0f-wrap: [a-z]*: $1 pid [0-9]*: error" "$2" && [ "$3" = unseen ] ; }
status_of () { greylistd_status "$T/exim.conf" "$1" sender@client.example user@p0f-wrap.test ; }

t0=$(date +%s)
windows first "$WIN"
t1=$(date +%s)
check "the Windows client (p0f: $(field "$(logline syn "$WIN/$(sport "$T/first")")" os)) is deferred at RCPT with 451 on its first attempt" [ "$(reply first RCPT)" = 451 ]
check "greylistd holds its triplet as grey" [ "$(status_of "$WIN")" = grey ]
check "p0f-wrap saw Windows" grep -q "^p0f-wrap: info: $WIN pid [0-9]*: ok genre=Windows " "$T/tcpserver.err"

windows early "$WIN"
t2=$(date +%s)
# greylistd passes a triplet once its first sight (not before t0) + retryMin < now (whole seconds)
if [ $((t2 - t0)) -le $RETRYMIN ] ; then
  check "an early retry ($((t2 - t0)) s after the first) is deferred again with 451" [ "$(reply early RCPT)" = 451 ]
else
  echo "# the early retry came $((t2 - t0)) s after the first attempt, not before retryMin: not checked"
fi

# the retry: once greylistd's clock is past the first sight plus retryMin
wait_until after_second $((t1 + RETRYMIN))
windows retry "$WIN" data
t3=$(date +%s)
check "the retry $((t3 - t0)) s after the first attempt gets 250 at RCPT and for the message" got_250 "$(reply retry RCPT)" "$(message retry)"
check "exim queued it, once" [ "$(queued "$WIN")" = 1 ]
id=$(sed -n 's/^S: 250 OK id=\([^ ]*\).*/\1/p' "$T/retry")
hdr=$(sed -n 's/^[0-9]*  X-P0F: /X-P0F: /p' "$T/spool/input/$id-H" 2>/dev/null)
check "its header says $hdr" windows_header "$hdr"
check "greylistd now holds the triplet as white" [ "$(status_of "$WIN")" = white ]

swaks --server 127.0.0.1 --port "$PORT" --local-interface "$LINUX" --ehlo client.example \
  --from sender@client.example --to user@p0f-wrap.test --header "Subject: p0f-wrap greylistd test" \
  --body hello --timeout 10 > "$T/linux" 2>&1
OUT=$T/linux
grep -e '^<- *250 Accepted' -e '^<- *250 OK id' "$T/linux" | sed "s/^/#   linux, at +$(($(date +%s) - t0)) s: /"
check "the Linux client gets 250 at RCPT at once and its message is queued" swaks_queued "$T/linux"
check "greylistd holds no record of it (the step left GREYLIST unset: exim never asked)" [ "$(status_of "$LINUX")" = unseen ]

stop "$P0F_PID"
windows down "$WIN2" data
check "p0f down: a Windows-looking client gets 250 at RCPT and for the message" got_250 "$(reply down RCPT)" "$(message down)"
check "p0f down: p0f-wrap said error, greylistd holds no record" said_error_unseen "$WIN2" "$T/tcpserver.err" "$(status_of "$WIN2")"
stop "$TCPSERVER_PID"
stop "$GREYLISTD_PID"
check "greylistd stopped by its pid and removed its socket" [ ! -e "$T/greylistd/socket" ]
left=$(rules_left $ADDRS)
check "no firewall rule left for the test's addresses" [ -z "$left" ]
echo "# exim's log:"
grep -e ' <= ' -e 'rejected\|temporarily' "$T/log/mainlog" | cut -d' ' -f2- | sed 's/^/#   /'
finish
