# p0f-queue run as qmail-smtpd runs $QMAILQUEUE (qq-feed: the message on a
# pipe on fd 0, the envelope on a pipe on fd 1, notqmail's error channel on
# fd 6, read to its end before the wait) in front of qq-recorder, a
# qmail-queue stand-in that records what it gets and exits as told. The
# message must arrive byte for byte behind one X-P0F field, the envelope
# untouched, every exit status of qmail-queue must come back, and every
# trouble of p0f-queue's own must give a temporary code (qmail-smtpd: 451).
# Last, the examples: the run script parses, the SpamAssassin rules read
# only the first X-P0F field.
. tests/lib.sh
QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}
FEED=$B/qq-feed
REC=$B/qq-recorder

# queue NAME MESSAGE ENV...: qq-feed MESSAGE $T/envelope p0f-queue under
# env -i ENV; the stand-in records into $Q=$T/q/NAME/. Sets RESULT (qq-feed's
# line), CODE (the exit status), ERR (stderr), GOT (what qmail-queue read)
queue () {
  name=$1 msg=$2 ; shift 2
  Q=$T/q/$name
  mkdir -p "$Q"
  env -i PATH="$PATH" P0F_QMAILQUEUE="$REC" QQ_DIR="$Q" "$@" \
    "$FEED" "$msg" "$T/envelope" "$QUEUE" > "$Q.res" 2> "$Q.err"
  RESULT=$(cat "$Q.res")
  CODE=$(echo "$RESULT" | sed -n 's/^exit \([0-9]*\) .*/\1/p')
  ERR=$Q.err
  OUT=$Q.res
  GOT=$Q/message
}

# answered CODE ANSWER [TEXT]: qq-feed's line says exit CODE, qmail-smtpd's ANSWER (and TEXT after it)
answered () { echo "$RESULT" | grep -q "^exit $1 answer $2 ${3:-}" ; }
# answered_silently CODE ANSWER: answered, nothing on stderr
answered_silently () { answered "$1" "$2" && [ ! -s "$ERR" ] ; }
# qq_refused: qmail-queue exited 54 (it refuses what it got) and got no envelope
qq_refused () { [ "$(cat "$Q/exit")" = 54 ] && [ ! -s "$Q/envelope" ] ; }
# unread REGEX: p0f-queue exited 54, its stderr matches REGEX, qmail-queue refused with no envelope
unread () { [ "$CODE" = 54 ] && grep -q -- "$1" "$ERR" && qq_refused ; }
# intact HEADER MESSAGE: qmail-queue read HEADER then MESSAGE, byte for byte
intact () {
  printf '%s' "$1" > "$T/header"
  n=$(wc -c < "$T/header")
  head -c "$n" "$GOT" | cmp -s - "$T/header" && tail -c +$((n + 1)) "$GOT" | cmp -s - "$2"
}
envelope_intact () { cmp -s "$T/envelope" "$Q/envelope" ; }
# delivered HEADER MESSAGE: exit 0, 250, nothing on stderr, bytes and envelope intact
delivered () { answered 0 250 && [ ! -s "$ERR" ] && intact "$1" "$2" && envelope_intact ; }
# refused CODE WHY: exit CODE, one fatal line matching WHY, the envelope never read
refused () { answered "$1" 451 && [ "$(wc -l < "$ERR")" = 1 ] && grep -q "^p0f-queue: fatal: [^ ]* pid [0-9]*: $2" "$ERR" && [ ! -e "$Q/envelope" ] ; }

printf 'Fbounce@example.org\0Trcpt1@example.net\0Trcpt2@example.com\0\0' > "$T/envelope"
OK="P0F_STATUS=ok P0F_GENRE=Windows P0F_DETAIL=7_or_8 P0F_DISTANCE=9 P0F_LINK=DSL"
H='X-P0F: status=ok; genre=Windows; detail=7_or_8; distance=9; link=DSL
'

# 1. byte for byte
printf 'Received: (qmail 1 invoked from network); 1 Jan 2026\nSubject: lf\n\nbody\n.\n' > "$T/lf"
printf 'Received: (qmail 1 invoked from network); 1 Jan 2026\r\nSubject: crlf\r\n\r\nbody\r\n' > "$T/crlf"
: > "$T/empty"
awk 'BEGIN { for (i = 0 ; i < 4 ; i++) for (c = 0 ; c < 256 ; c++) printf "%c", c ; printf "no newline at the end\r" }' > "$T/binary"
check "the binary message holds 4 NULs and every byte value" [ "$(tr -d '\000' < "$T/binary" | wc -c)" = $(( $(wc -c < "$T/binary") - 4 )) ]
for m in lf crlf empty binary ; do
  # shellcheck disable=SC2086
  queue "$m" "$T/$m" $OK
  check "$m message: 250, the header then the message byte for byte, the envelope intact" delivered "$H" "$T/$m"
done
head -c 52428800 /dev/urandom > "$T/big"
# shellcheck disable=SC2086
queue big "$T/big" $OK
check "50 MB of random bytes: 250, the header then the message byte for byte, the envelope intact" delivered "$H" "$T/big"
rm -f "$GOT"

# 2. what qmail-queue gets besides the bytes
# shellcheck disable=SC2086
queue env "$T/lf" $OK QMAILQUEUE="$QUEUE" OTHER=kept
sed -n 's/^env //p' "$Q/info" | grep -v '^P0F_QUEUE_PID=' | sort > "$T/env.got"
# shellcheck disable=SC2086
printf '%s\n' PATH="$PATH" P0F_QMAILQUEUE="$REC" QQ_DIR="$Q" $OK OTHER=kept | sort > "$T/env.want"
check "qmail-queue gets the environment unchanged (P0F_* included) but QMAILQUEUE, which names p0f-queue" cmp -s "$T/env.want" "$T/env.got"
check "qmail-queue gets P0F_QUEUE_PID, p0f-queue's pid (the loop marker)" grep -qx "env P0F_QUEUE_PID=[0-9][0-9]*" "$Q/info"
check "qmail-queue's argv is its path alone" [ "$(grep '^argv' "$Q/info")" = "argv 0 $REC" ]
mkdir -p "$T/q/alone"
env -i QQ_DIR="$T/q/alone" "$FEED" "$T/lf" "$T/envelope" "$REC" > /dev/null
check "qmail-queue gets the fds it gets when qmail-smtpd runs it directly (0, 1, 2, 6; no other pipe end of p0f-queue's)" \
  [ "$(grep '^fd' "$Q/info")" = "$(grep '^fd' "$T/q/alone/info")" ]

# loops: each script below stops itself at depth 3, so that a p0f-queue
# without the guard fails the test instead of forking without end
# shellcheck disable=SC2016
printf '#!/bin/sh\nn=${DEPTH:-0}\n[ "$n" -ge 3 ] && exec "%s"\nDEPTH=$((n+1)) exec "%s"\n' "$REC" "$QUEUE" > "$T/again"
# shellcheck disable=SC2016
printf '#!/bin/sh\nn=${DEPTH:-0}\nif [ -n "${QMAILQUEUE:-}" ] && [ "$n" -lt 3 ] ; then DEPTH=$((n+1)) exec "$QMAILQUEUE" ; fi\nexec "%s"\n' "$REC" > "$T/honour"
chmod 755 "$T/again" "$T/honour"
# shellcheck disable=SC2086
queue again "$T/lf" $OK P0F_QMAILQUEUE="$T/again"
# loop_refused: 71 (451), one fatal line about the loop, the recorder never ran
loop_refused () {
  answered 71 451 && [ "$(wc -l < "$ERR")" = 1 ] &&
    grep -q '^p0f-queue: fatal: unknown pid [0-9]*: refusing to run under another p0f-queue, a loop: P0F_QUEUE_PID=[0-9]*$' "$ERR" && [ ! -e "$Q/info" ]
}
check "P0F_QMAILQUEUE a script that execs p0f-queue again: the inner one refuses, 71 (451), no recursion, nothing queued" loop_refused
# shellcheck disable=SC2086
queue honour "$T/lf" $OK P0F_QMAILQUEUE="$T/honour" QMAILQUEUE="$QUEUE"
check "a filter that runs \$QMAILQUEUE when set, with QMAILQUEUE naming p0f-queue: no loop, 250, one X-P0F" delivered "$H" "$T/lf"
# shellcheck disable=SC2086
queue marker "$T/lf" $OK P0F_QUEUE_PID="$(printf '12\033[2J')"
check "P0F_QUEUE_PID already set: refused, 71 (451), its value sanitized" refused 71 'refusing to run under another p0f-queue, a loop: P0F_QUEUE_PID=12?\[2J$'

# 3. the header
queue none "$T/lf" P0F_GENRE=Windows
check "no P0F_STATUS (p0f-wrap did not run): 'X-P0F: status=none' and nothing else from P0F_*" delivered 'X-P0F: status=none
' "$T/lf"
printf 'Received: from client\nX-P0F: status=ok; genre=Linux\nSubject: forged\n\nX-P0F: in the body\n' > "$T/forged"
# shellcheck disable=SC2086
queue forged "$T/forged" $OK
check "a client's own X-P0F stays where it was: ours comes first, the message byte for byte" delivered "$H" "$T/forged"
long=$(head -c 5000 /dev/zero | tr '\0' 'A')
nasty=$(printf 'a"b\\c;d=e\001\033[2J\177\351 "x"')
queue hostile "$T/lf" P0F_STATUS="$nasty" P0F_GENRE="$long" P0F_DETAIL="$nasty" P0F_DISTANCE='9; status=ok' P0F_LINK="$(printf 'x\ny')" P0F_UPTIME="$long$nasty"
awk 'NR == 1 || /^ / { print ; next } { exit }' "$GOT" > "$T/hostile.h"
# after_field MESSAGE: exit 0, and what qmail-queue read after the field ($T/hostile.h) is MESSAGE
after_field () { [ "$CODE" = 0 ] && tail -c +$(($(wc -c < "$T/hostile.h") + 1)) "$GOT" | cmp -s - "$1" ; }
check "hostile P0F_* (long, control bytes, quotes, semicolons, newlines): 250, message intact after the field" after_field "$T/lf"
# one_field: $T/hostile.h starts with X-P0F: status=", in 4 lines
one_field () { head -n 1 "$T/hostile.h" | grep -q '^X-P0F: status="' && [ "$(wc -l < "$T/hostile.h")" = 4 ] ; }
check "hostile P0F_*: one field: the first line X-P0F, the others folded (start with a space)" one_field
# printable_short: $T/hostile.h is printable ASCII, its longest line under 100 bytes
printable_short () {
  ! LC_ALL=C grep -q '[^ -~]' "$T/hostile.h" && [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/hostile.h")" -lt 100 ]
}
check "hostile P0F_*: printable ASCII only, no line over 998 bytes (here under 100)" printable_short
check "hostile P0F_*: the exact quoting, values cut at 40 bytes" [ "$(cat "$T/hostile.h")" = 'X-P0F: status="a\"b\\c;d=e??[2J?? \"x\"";
 genre=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA;
 detail="a\"b\\c;d=e??[2J?? \"x\""; distance="9; status=ok"; link="x?y";
 uptime=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' ]

# 4. qmail-queue's exit status comes back, whatever it is
for code in 0 11 31 51 53 54 61 71 81 91 100 111 ; do
  # shellcheck disable=SC2086
  queue "exit$code" "$T/lf" $OK QQ_EXIT=$code
  want=451 ; [ $code = 0 ] && want=250 ; [ $code -ge 11 ] && [ $code -le 40 ] && want=554
  check "qmail-queue exits $code: p0f-queue exits $code ($want), silently" answered_silently "$code" "$want"
done
head -c 1048576 /dev/zero > "$T/onemeg"
# shellcheck disable=SC2086
queue early31 "$T/onemeg" $OK QQ_READ=0 QQ_EXIT=31
check "qmail-queue exits 31 without reading (1 MB message, p0f-queue's write fails): 31 comes back, 554" answered 31 554
# shellcheck disable=SC2086
queue early0 "$T/onemeg" $OK QQ_READ=1000 QQ_EXIT=0
check "qmail-queue exits 0 after 1000 of 1 MB: never 0, 53 (451)" refused 53 ".* exited 0 before it read the whole message and envelope"
# a small message fits the pipe: only the envelope, relayed after it, can fail
# shellcheck disable=SC2086
queue early0small "$T/lf" $OK QQ_READ=10 QQ_EXIT=0 FEED_PAUSE_MS=300
check "qmail-queue exits 0 after 10 bytes of a small message (all of it fit the pipe): never 0, 53 (451)" refused 53 ".* exited 0 before it read the whole message and envelope"
# write_failed_silently: qmail-smtpd's write failed (54, 451), nothing on stderr, qmail-queue exited 54
write_failed_silently () { answered 54 451 'write error ' && [ ! -s "$ERR" ] && [ "$(cat "$Q/exit")" = 54 ] ; }
# shellcheck disable=SC2086
queue closes "$T/onemeg" $OK QQ_CLOSE=100 FEED_TIMEOUT=20
check "qmail-queue closes fd 0 after 100 bytes of 1 MB and keeps running: no hang, qmail-smtpd's write fails, qmail-queue's 54 comes back (451)" \
  write_failed_silently
# shellcheck disable=SC2086
queue closes0 "$T/onemeg" $OK QQ_CLOSE=100 QQ_EXIT=0 FEED_TIMEOUT=20
check "the same with an envelope it never gets: p0f-queue closed its end, 54 (451)" answered 54 451 'write error '
# crashed SIG: 81 (451), and stderr says qmail-queue crashed with signal SIG
crashed () { answered 81 451 && grep -q "crashed: signal $1\$" "$ERR" ; }
for sig in 9 11 15 ; do
  # shellcheck disable=SC2086
  queue "signal$sig" "$T/lf" $OK QQ_SIGNAL=$sig
  check "qmail-queue killed by signal $sig after reading everything: never 0, 81 (451)" crashed "$sig"
done

# 5. p0f-queue's own trouble: temporary, and qmail-queue never gets the envelope
queue missing "$T/lf" P0F_QMAILQUEUE="$T/none"
check "qmail-queue missing: 71 (451), one line" refused 71 "unable to spawn $T/none: No such file or directory"
printf '#!/bin/sh\nexit 0\n' > "$T/noexec"
queue noexec "$T/lf" P0F_QMAILQUEUE="$T/noexec"
check "qmail-queue not executable: 71 (451)" refused 71 "unable to spawn $T/noexec: Permission denied"
queue self "$T/lf" P0F_QMAILQUEUE="$QUEUE"
check "P0F_QMAILQUEUE naming p0f-queue: refused, 71 (451)" refused 71 "refusing to run myself as qmail-queue"
ln -s "$QUEUE" "$T/alias"
queue alias "$T/lf" P0F_QMAILQUEUE="$T/alias"
check "P0F_QMAILQUEUE naming p0f-queue through a symlink: refused, 71 (451)" refused 71 "refusing to run myself as qmail-queue"
queue relative "$T/lf" P0F_QMAILQUEUE=qmail-queue
check "P0F_QMAILQUEUE not a path: 71 (451)" refused 71 '\$P0F_QMAILQUEUE is not a path'
if [ ! -e /var/qmail/bin/qmail-queue ] ; then
  queue default "$T/lf" P0F_QMAILQUEUE=
  check "P0F_QMAILQUEUE empty: /var/qmail/bin/qmail-queue (missing here: 71)" refused 71 'unable to spawn /var/qmail/bin/qmail-queue'
fi
Q=$T/q/readerr
mkdir -p "$Q"
env -i P0F_STATUS=ok P0F_QMAILQUEUE="$REC" QQ_DIR="$Q" "$QUEUE" < "$T" 1< "$T/envelope" 2> "$Q.err"
CODE=$? ERR=$Q.err OUT=/nonexistent RESULT="exit $CODE answer 451 "
# message_unread: one line on stderr, that the message could not be read; 54, qmail-queue refused
message_unread () { [ "$(wc -l < "$ERR")" = 1 ] && unread 'unable to read the message: Is a directory' ; }
check "the message cannot be read (fd 0 a directory): 54 (451); p0f-queue closes both pipes, qmail-queue gets no envelope and refuses (54)" message_unread
# a filter in front of qmail-queue: p0f-queue closes the pipes the filter
# passed on, and the envelope that never comes keeps qmail-queue from queueing.
# The 1 MB message makes sure that qmail-queue runs before p0f-queue gives up
# on the envelope (fd 1 a directory)
printf '#!/bin/sh\n"%s"\nexit $?\n' "$REC" > "$T/forking"
chmod 755 "$T/forking"
Q=$T/q/orphan
mkdir -p "$Q"
env -i PATH="$PATH" P0F_STATUS=ok P0F_QMAILQUEUE="$T/forking" QQ_DIR="$Q" "$QUEUE" < "$T/onemeg" 1< "$T" 2> "$Q.err"
CODE=$? ERR=$Q.err
wait_for -s "$Q/exit"
check "the envelope cannot be read (fd 1 a directory), qmail-queue behind a filter that forks it: 54; qmail-queue gets the message but no envelope, and refuses (54)" \
  unread 'unable to read the envelope: Is a directory'

# a qmail-queue p0f-queue cannot kill (a setuid filter started by another
# account): giving up must not wait for it while holding its pipes
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1 ; then
  mkdir -m 755 "$T/pub"
  chmod 711 "$T"
  printf '#include <unistd.h>\nint main (int argc, char **argv) { (void)argc ; if (setuid(0) < 0) return 111 ; execv("%s", argv) ; return 111 ; }\n' "$REC" > "$T/pub/suid.c"
  cc -o "$T/pub/suid" "$T/pub/suid.c" && chmod 4755 "$T/pub/suid"
  Q=$T/pub/q
  mkdir -m 777 "$Q"
  (sleep 1 ; cat "$T/lf") | timeout 10 setpriv --reuid=nobody --regid=nogroup --clear-groups env -i P0F_STATUS=ok P0F_QMAILQUEUE="$T/pub/suid" QQ_DIR="$Q" "$QUEUE" 1< "$T" 2> "$T/suid.err"
  CODE=$?
  # gave_up_on_suid: p0f-queue exited 54, and so did qmail-queue
  gave_up_on_suid () { [ "$CODE" = 54 ] && [ "$(cat "$Q/exit" 2>/dev/null)" = 54 ] ; }
  check "a setuid qmail-queue p0f-queue may not kill, and the envelope unreadable: 54 at once, no hang (exit $CODE), qmail-queue refuses" gave_up_on_suid
  chmod 700 "$T"
else
  fail "no account nobody for the setuid case"
fi

# p0f-queue killed in the middle of a message: qmail-queue holds after its
# first byte, qmail-smtpd writes all of the 100 kB and the envelope meanwhile
head -c 102400 /dev/urandom > "$T/100k"
Q=$T/q/killed
mkdir -p "$Q"
# shellcheck disable=SC2086
env -i PATH="$PATH" P0F_QMAILQUEUE="$REC" QQ_DIR="$Q" QQ_HOLD=1 FEED_TIMEOUT=20 $OK \
  "$FEED" "$T/100k" "$T/envelope" "$QUEUE" > "$Q.res" 2> "$Q.err" &
feed=$!
wait_for -s "$Q/held"
sleep 0.5
victim=$(cat "$Q/held")
is_pid "$victim" && kill -9 "$victim"
touch "$Q/go"
wait "$feed"
wait_for -s "$Q/exit"
RESULT=$(cat "$Q.res") ERR=$Q.err OUT=$Q.res
# killed_midway: qq-feed saw signal 9 and 451, qmail-queue exited 54 with less than
# the 100 kB and not the whole envelope
killed_midway () {
  echo "$RESULT" | grep -q '^signal 9 answer 451 ' && [ "$(cat "$Q/exit")" = 54 ] && [ "$(wc -c < "$Q/message")" -lt 102400 ] &&
    ! cmp -s "$T/envelope" "$Q/envelope"
}
check "p0f-queue killed (-9) in the middle of a 100 kB message: qmail-smtpd answers 451, qmail-queue got a cut message and no complete envelope, refuses (54): nothing queued" \
  killed_midway
long=$(head -c 300 /dev/zero | tr '\0' 'x')
queue sanitized "$T/lf" P0F_QMAILQUEUE="$T/$(printf 'a\033[2Jb')$long"
# cut_path: one fatal line under 200 bytes, the path sanitized and cut
cut_path () {
  [ "$(wc -l < "$ERR")" = 1 ] && grep -q "^p0f-queue: fatal: unknown pid [0-9]*: unable to spawn $T/a?\[2Jbxxx*\.\.\.: File name too long\$" "$ERR" &&
    [ "$(wc -c < "$ERR")" -lt 200 ]
}
check "P0F_QMAILQUEUE in the error line: sanitized and cut" cut_path

# 6. the examples
# smtpd_example: qmail-smtpd's run and settings are valid sh, its README names p0f-queue as a QMAILQUEUE
smtpd_example () {
  sh -n doc/examples/s6/qmail-smtpd/run && sh -n doc/examples/s6/qmail-smtpd/settings &&
    grep -q '^  QMAILQUEUE .*/usr/local/bin/p0f-queue' doc/examples/s6/qmail-smtpd/README
}
check "doc/examples/s6/qmail-smtpd: run and settings are valid sh, README gives QMAILQUEUE the value /usr/local/bin/p0f-queue" smtpd_example
# the rules, run on p0f-queue's own output: a Windows client at 23 hops, a
# Linux client at 9 whose message carries a forged X-P0F saying Windows
# shellcheck disable=SC2086
queue sa-windows "$T/lf" P0F_STATUS=ok P0F_GENRE=Windows P0F_DETAIL='7 or 8' P0F_DISTANCE=23 P0F_LINK='Ethernet or modem' P0F_UPTIME=26
cp "$GOT" "$T/sa-windows.msg"
# shellcheck disable=SC2086
queue sa-forged "$T/forged" P0F_STATUS=ok P0F_GENRE=Linux P0F_DISTANCE=9 P0F_LINK='Ethernet or modem' P0F_UPTIME=26
cp "$GOT" "$T/sa-forged.msg"
# p0f saw the host, named no system (status=ok without a genre); then nomatch
# shellcheck disable=SC2086
queue sa-nogenre "$T/lf" P0F_STATUS=ok P0F_DISTANCE=12 P0F_LINK='Ethernet or modem'
cp "$GOT" "$T/sa-nogenre.msg"
# shellcheck disable=SC2086
queue sa-nomatch "$T/lf" P0F_STATUS=nomatch
cp "$GOT" "$T/sa-nomatch.msg"
# sa_hits MESSAGE: the p0f.cf rules that fire, comma-separated: the real
# SpamAssassin when installed, else its header rule semantics in perl (every
# X-P0F field, unfolded, joined by newlines)
if command -v spamassassin > /dev/null ; then
  SA="SpamAssassin $(spamassassin -V | sed -n 's/^SpamAssassin version //p')"
  mkdir -p "$T/sa"
  cp doc/examples/p0f-queue/p0f.cf "$T/sa/"
  cp /etc/spamassassin/*.pre "$T/sa/" 2>/dev/null
  printf 'report _TESTS_\nrequired_score 1000\n' > "$T/sa/zz-report.cf"
  sa_hits () { spamassassin -L --configpath="$T/sa" --siteconfigpath="$T/sa" -t < "$1" 2>/dev/null | awk 'NF { l = $0 } END { print l }' | tr ',' '\n' | grep '^P0F_' | sort | paste -sd, - ; }
else
  SA="SpamAssassin's header rules in perl (spamassassin is not installed)"
  sa_hits () {
    for rule in $(sed -n 's/^header *\(P0F_[A-Z]*\) .*/\1/p' doc/examples/p0f-queue/p0f.cf) ; do
      re=$(sed -n "s|^header *$rule *X-P0F =~ /\\(.*\\)/\$|\\1|p" doc/examples/p0f-queue/p0f.cf)
      awk '/^$/ { exit } /^[^ \t]/ { f = tolower($0) ~ /^x-p0f:/ } f' "$1" \
        | perl -0777 -ne 's/\n[ \t]+/ /g ; s/^x-p0f: *//gim ; exit(/'"$re"'/ ? 0 : 1)' && echo "$rule"
    done | sort | paste -sd, -
  }
fi
check "$SA on p0f-queue's field for Windows at 23 hops: P0F_FAR and P0F_WINDOWS fire ($(sa_hits "$T/sa-windows.msg"))" \
  [ "$(sa_hits "$T/sa-windows.msg")" = P0F_FAR,P0F_WINDOWS ]
check "$SA on a Linux client's message with a forged X-P0F (Windows) after ours: only P0F_LINUX fires ($(sa_hits "$T/sa-forged.msg"))" \
  [ "$(sa_hits "$T/sa-forged.msg")" = P0F_LINUX ]
check "$SA on p0f-queue's field for status=ok without a genre ($(sed -n 's/^X-P0F: //p' "$T/sa-nogenre.msg" | head -n 1)): only P0F_NOGENRE fires ($(sa_hits "$T/sa-nogenre.msg"))" \
  [ "$(sa_hits "$T/sa-nogenre.msg")" = P0F_NOGENRE ]
check "$SA on p0f-queue's field for nomatch: only P0F_UNKNOWN fires ($(sa_hits "$T/sa-nomatch.msg"))" \
  [ "$(sa_hits "$T/sa-nomatch.msg")" = P0F_UNKNOWN ]
finish
