# The whole chain as a mail server runs it: the real p0f 3.09b on lo, the
# real tcpserver, p0f-wrap, then qq-feed playing qmail-smtpd (it runs
# $QMAILQUEUE with p0f-wrap's environment, the message and the envelope on
# pipes), then p0f-queue, then the qmail-queue stand-in. Each connection
# comes from a new address, so p0f-wrap must wait out p0f's lag; the
# message qmail-queue gets must start with p0f's verdict on the client.
. tests/lib.sh
. tests/real.sh
require_root "the real-p0f test of p0f-queue"
QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}

printf 'Received: from client by server\nSubject: real\n\nhello\n' > "$T/message"
printf 'Fa@example.org\0Tb@example.net\0\0' > "$T/envelope"
PORT=$($B/freeport)
start_p0f "$T/p0f.sock" "$PORT"
mkdir -p "$T/q"
export P0F_QMAILQUEUE="$B/qq-recorder" QQ_DIR="$T/q"
start_tcpserver "$PORT" "$P0F_WRAP" -s "$T/p0f.sock" "$B/qq-feed" "$T/message" "$T/envelope" "$QUEUE"
unset P0F_QMAILQUEUE QQ_DIR

ok=0
for i in $(seq 2 11) ; do
  rm -f "$T/q/message" "$T/q/envelope"
  connect "127.0.0.$i" "$PORT" > "$T/conn.$i"
  head -n 1 "$T/q/message" > "$T/header.$i" 2>/dev/null
  if grep -q '^exit 0 answer 250 ' "$T/conn.$i" \
    && grep -qx 'X-P0F: status=ok; genre=Linux; detail=2.2.x-3.x; distance=0' "$T/header.$i" \
    && tail -n +2 "$T/q/message" | cmp -s - "$T/message" && cmp -s "$T/envelope" "$T/q/envelope" ; then
    ok=$((ok+1))
  else
    echo "# 127.0.0.$i: $(cat "$T/conn.$i") / $(cat "$T/header.$i")"
  fi
done
check "10 connections from new addresses: 250, qmail-queue got 'X-P0F: status=ok; genre=Linux; detail=2.2.x-3.x; distance=0', the message and the envelope intact ($ok ok)" [ "$ok" = 10 ]
check "qmail-queue saw p0f-wrap's variables (P0F_STATUS=ok, P0F_GENRE=Linux)" lines "$T/q/info" 'env P0F_STATUS=ok' 'env P0F_GENRE=Linux'
check "p0f is still running" kill -0 "$P0F_PID"
stop "$TCPSERVER_PID"
stop "$P0F_PID"

# p0f down: p0f-wrap says error, and the mail still flows with that verdict
PORT=$($B/freeport)
export P0F_QMAILQUEUE="$B/qq-recorder" QQ_DIR="$T/q"
start_tcpserver "$PORT" "$P0F_WRAP" -q -s "$T/none.sock" "$B/qq-feed" "$T/message" "$T/envelope" "$QUEUE"
unset P0F_QMAILQUEUE QQ_DIR
rm -f "$T/q/message"
connect 127.0.0.12 "$PORT" > "$T/conn.down"
# error_header: 250, and the message qmail-queue got starts with X-P0F: status=error
error_header () { grep -q '^exit 0 answer 250 ' "$T/conn.down" && head -n 1 "$T/q/message" | grep -qx 'X-P0F: status=error' ; }
check "p0f down: 250, qmail-queue got 'X-P0F: status=error'" error_header
finish
