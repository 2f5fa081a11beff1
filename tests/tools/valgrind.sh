# valgrind memcheck over p0f-wrap (and p0f-queue, at the end) in a handful of the fault and bad-input
# cases. The program after p0f-wrap does not exist, so p0f-wrap exits 127
# under valgrind and its leak check covers everything done before the exec.
. tests/lib.sh

S=$T/p0f.sock
S2=$T/p0f2.sock
responder "$S" nomatch nomatch ok junk nomatch
R1=$LASTPID
RESPONDER_OPTS="-2 -c 192.0.2.7:40000 -S 203.0.113.5:25" responder "$S2" ok
P2="TCPREMOTEIP=192.0.2.7 TCPREMOTEPORT=40000 TCPLOCALIP=203.0.113.5 TCPLOCALPORT=25"

memcheck () {
  name=$1 ; shift
  envs=
  while [ "$1" != "--" ] ; do envs="$envs $1" ; shift ; done
  shift
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $envs valgrind -q --log-file="$T/vg.log" --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --child-silent-after-fork=yes \
    "$P0F_WRAP" "$@" /nonexistent/prog > /dev/null 2> "$T/vg.err"
  rc=$?
  if [ $rc = 127 ] && [ ! -s "$T/vg.log" ] ; then pass "valgrind: $name" ; else
    fail "valgrind: $name (exit $rc)" ; cat "$T/vg.log" ; cat "$T/vg.err" ; fi
}

memcheck "no match twice, then ok" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S --
memcheck "junk strings" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S --
memcheck "no match for ever" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S -- -w 30
memcheck "no socket" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none --
memcheck "IPv6 and a zone" TCPREMOTEIP=2001:db8::1%eth0 P0F_SOCKET=$S -- -w 0
memcheck "64 KiB of junk as the address" "TCPREMOTEIP=$(head -c 65536 /dev/zero | tr '\0' 'x')" --
memcheck "bad P0F_TIMEOUT and empty P0F_SOCKET" TCPREMOTEIP=192.0.2.7 P0F_TIMEOUT=x P0F_SOCKET= --
memcheck "p0f 2 ok" $P2 P0F_SOCKET=$S2 -- -2
memcheck "p0f 2 with an IPv6 client" TCPREMOTEIP=::1 -- -2
stop "$R1"
responder "$S" silent
memcheck "p0f never answers (p0f-wrap stays to read it out, its child execs)" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S -- -t 100

# p0f-queue, run as qmail-smtpd runs it, in front of the qmail-queue stand-in
QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}
printf 'Subject: x\n\nbody\n' > "$T/msg"
head -c 1048576 /dev/zero >> "$T/msg"
printf 'Fa@b\0Tc@d\0\0' > "$T/envelope"
qmemcheck () {
  name=$1 want=$2 ; shift 2
  env -i PATH="$PATH" P0F_QMAILQUEUE="$B/qq-recorder" "$@" "$B/qq-feed" "$T/msg" "$T/envelope" \
    valgrind -q --log-file="$T/vg.log" --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=99 --child-silent-after-fork=yes "$QUEUE" > "$T/vg.res" 2> "$T/vg.err"
  if grep -q "^exit $want " "$T/vg.res" && [ ! -s "$T/vg.log" ] ; then pass "valgrind: p0f-queue: $name" ; else
    fail "valgrind: p0f-queue: $name ($(cat "$T/vg.res"))" ; cat "$T/vg.log" ; cat "$T/vg.err" ; fi
}
qmemcheck "1 MB message, exit 0" 0 P0F_STATUS=ok P0F_GENRE=Linux "P0F_DETAIL=$(head -c 3000 /dev/zero | tr '\0' '"')"
qmemcheck "no P0F_STATUS" 0
qmemcheck "qmail-queue exits 31 without reading" 31 P0F_STATUS=ok QQ_READ=0 QQ_EXIT=31
# under valgrind posix_spawn cannot report a failed exec: the child exits 127
qmemcheck "qmail-queue missing" '\(71\|127\)' P0F_STATUS=ok P0F_QMAILQUEUE=/nonexistent
finish
