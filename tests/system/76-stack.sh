# Every program of the package under a small stack and a large environment:
# the kernel puts the environment on the stack, so 6,000 short variables
# (about 100 KB) under a 192 KiB limit (and less) leave a program under 90 KiB of it,
# where sh runs. p0f-wrap must exec the program with p0f's answer, p0f-queue
# must pass the message on: neither may keep the environment's pointers or a
# large buffer on the stack (p0f-queue did both and died of SIGSEGV, and
# qmail-smtpd answered 451 for every message).
. tests/lib.sh
QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}
S=$T/p0f.sock
responder "$S" ok

printf 'Fa@example.org\0Tb@example.net\0\0' > "$T/envelope"
printf 'Subject: small stack\n\nbody\n' > "$T/message"

# many N CMD...: CMD with N more variables V0..V(N-1)=x
many () {
  n=$1 ; shift
  (i=0 ; while [ $i -lt "$n" ] ; do export "V$i=x" ; i=$((i+1)) ; done ; exec "$@")
}

# wrapped_ok FILE N: the probe ran with p0f's answer and all N variables
wrapped_ok () { grep -qx end "$1" && grep -qx 'env P0F_STATUS=ok' "$1" && [ "$(grep -c '^env V' "$1")" = "$2" ] ; }
# queued_ok DIR: qq-feed saw exit 0 (250), qmail-queue got the X-P0F field, the message and the envelope
queued_ok () {
  grep -q "^exit 0 answer 250 " "$1.res" && [ "$(head -n 1 "$1/message")" = "X-P0F: status=ok; genre=Linux" ] && tail -n +2 "$1/message" | cmp -s - "$T/message" && cmp -s "$1/envelope" "$T/envelope"
}

for kib in 192 160 144 ; do
  stack=$((kib * 1024))
  if unsanitized "p0f-wrap, 6000 variables under a $kib KiB stack" ; then
    TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S many 6000 prlimit --stack="$stack" "$P0F_WRAP" -q "$B/probe-static" > "$T/wrap.$kib" 2> "$T/wrap.$kib.err"
    rc=$?
    check "p0f-wrap, 6000 variables under a $kib KiB stack: the program runs with p0f's answer and every variable (exit $rc)" wrapped_ok "$T/wrap.$kib" 6000
  fi
  if unsanitized "p0f-queue, 6000 variables under a $kib KiB stack" ; then
    mkdir -p "$T/q$kib"
    P0F_STATUS=ok P0F_GENRE=Linux P0F_QMAILQUEUE=$B/qq-recorder QQ_DIR=$T/q$kib \
      many 6000 "$B/qq-feed" "$T/message" "$T/envelope" prlimit --stack="$stack" "$QUEUE" > "$T/q$kib.res" 2> "$T/q$kib.err"
    OUT=$T/q$kib.res ERR=$T/q$kib.err
    check "p0f-queue, 6000 variables under a $kib KiB stack: 250, qmail-queue got the field, the message and the envelope ($(cat "$T/q$kib.res"))" queued_ok "$T/q$kib"
  fi
done
finish
