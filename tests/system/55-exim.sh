# The seed's use case end to end: the real p0f, the real tcpserver,
# p0f-wrap, the greylisting step of doc/examples (execline, then sh) and a
# real SMTP daemon, exim4 -bs with the recipe doc/examples/exim/exim.conf
# (scratch spool and log, no exim service) and the test's own greylistd
# (retryMin 600 s; 52-greylistd.sh runs the retry). A client that p0f sees as
# Windows (osprobe windows7) is deferred at RCPT with 451; the real Linux
# kernel (swaks) gets 250 and its queued message carries, first in its
# header, X-P0F: status=ok; genre=Linux; ... in p0f-queue's layout;
# with p0f down the mail still gets 250 and the header says the status.
. tests/lib.sh
. tests/real.sh
. tests/osprobe.sh
. tests/greylistd.sh
require_root "the exim test"
require_firewall
for tool in exim4 swaks ; do
  command -v "$tool" > /dev/null || { echo "not ok - $tool is missing: run package/deps" ; exit 1 ; }
done

ADDRS=
trap 'remove_rules $ADDRS ; cleanup' EXIT
exim_conf
start_greylistd 600
EXIM="exim4 -bs -C $T/exim.conf"

PORT=$($B/freeport)
start_p0f_log "$T/p0f.sock" "tcp dst port $PORT"

# queued_header ID: the X-P0F: line of queued message ID
queued_header () { sed -n 's/^[0-9]*  X-P0F: /X-P0F: /p' "$T/spool/input/$1-H" 2>/dev/null ; }

# deferred_at_rcpt FILE: osprobe's transcript FILE has 451 as the reply to RCPT
deferred_at_rcpt () { sed -n "/^C: RCPT/{n;p}" "$1" | grep -q "^S: 451 " ; }
# linux_header HEADER: HEADER is p0f-queue's field for the Linux client (an uptime or not)
linux_header () {
  case $1 in
    "X-P0F: status=ok; genre=Linux; detail=2.2.x-3.x; distance=0"|"X-P0F: status=ok; genre=Linux; detail=2.2.x-3.x; distance=0; uptime="*) return 0 ;;
  esac
  return 1
}
# field_first HEADER-FILE: the first header line of exim's spool file is the X-P0F field
field_first () { sed -n "/^[0-9][0-9]*[A-Z* ] /{p;q}" "$1" | grep -q "^[0-9]*  X-P0F: " ; }
# swaks_from ADDR NAME: the real kernel's client from ADDR sends one message, transcript in $T/NAME
swaks_from () {
  swaks --server 127.0.0.1 --port "$PORT" --local-interface "$1" --ehlo client.example \
    --from sender@client.example --to user@p0f-wrap.test --header "Subject: p0f-wrap test" \
    --body "hello" --timeout 10 > "$T/$2" 2>&1
  OUT=$T/$2 ERR=$T/log/mainlog
  ID=$(sed -n 's/^<- *250 OK id=\([^ ]*\).*/\1/p' "$T/$2")
}

n=60
for step in greylist-windows greylist-windows.sh ; do
  start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" "doc/examples/$step" $EXIM
  n=$((n+1))
  ADDRS="$ADDRS 127.0.0.$n"
  OUT=$T/windows.$step ERR=$T/tcpserver.err
  "$OSPROBE" windows7 "127.0.0.$n" 127.0.0.1 "$PORT" "EHLO client.example" "MAIL FROM:<sender@client.example>" \
    "RCPT TO:<user@p0f-wrap.test>" QUIT > "$OUT" 2> "$T/osprobe.err"
  check "$step: the Windows client (osprobe windows7, p0f: $(field "$(logline syn "127.0.0.$n/$(sport "$OUT")")" os)) is deferred at RCPT with 451" \
    deferred_at_rcpt "$OUT"
  sed -n '/^C: RCPT/{n;p}' "$OUT" | sed 's/^/#   /'

  n=$((n+1))
  swaks_from "127.0.0.$n" "linux.$step"
  check "$step: the Linux client (swaks, the real kernel) gets 250 for RCPT and for the message" \
    swaks_queued "$OUT"
  check "$step: its queued message carries $(queued_header "$ID") (p0f-queue's layout)" \
    linux_header "$(queued_header "$ID")"
  check "$step: the X-P0F field is the first of the header (before exim's Received)" \
    field_first "$T/spool/input/$ID-H"
  stop "$TCPSERVER_PID"
done

# p0f down: the mail flows, the header says why p0f could not tell
stop "$P0F_PID"
start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" doc/examples/greylist-windows.sh $EXIM
n=$((n+1))
swaks_from "127.0.0.$n" linux.p0f-down
check "p0f down: the mail still gets 250" swaks_queued "$OUT"
check "p0f down: the header says $(queued_header "$ID")" [ "$(queued_header "$ID")" = "X-P0F: status=error" ]
check "p0f-wrap warned once for it" grep -q "^p0f-wrap: warning: 127.0.0.$n pid [0-9]*: error" "$T/tcpserver.err"
stop "$TCPSERVER_PID"

left=$(rules_left $ADDRS)
check "no firewall rule left for the test's addresses" [ -z "$left" ]
echo "# exim's log:"
grep -e ' <= ' -e 'rejected\|temporarily' "$T/log/mainlog" | cut -d' ' -f3- | sed 's/^/#   /'
finish
