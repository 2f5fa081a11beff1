# What p0f-wrap says, and when it does not ask: a problem is a warning line
# with or without -v (an alarm that watches for warnings sees every outage),
# still one line a connection; P0F_SKIP asks nothing and waits for nothing;
# a cut or over-long answer is worded with the bytes received and expected;
# the compiled-in socket is the deployment's /run/p0f/p0f.sock.
. tests/lib.sh

S=$T/p0f.sock
C="TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S"

exported () { grep -qx "env $1" "$OUT" ; }
# only_exported NAME...: of the listed names, exactly these are set
only_exported () {
  want=$(printf '%s\n' "$@" | sort)
  got=$(grep -a "$OUTPUTS" "$OUT" | sed 's/^env \([A-Z0-9_]*\)=.*/\1/' | sort)
  [ "$want" = "$got" ]
}
# not_asked N: the responder still counts N queries
not_asked () { [ "$(queries "$S")" = "$1" ] ; }
# silent STATUS: P0F_STATUS=STATUS and nothing on stderr
silent () { status_is "$1" && [ ! -s "$ERR" ] ; }
# skipped_with_addr: P0F_STATUS=skipped and P0F_ADDR=192.0.2.7, nothing on stderr
skipped_with_addr () { silent skipped && exported P0F_ADDR=192.0.2.7 ; }
# skipped_invalid: skipped, no P0F_ADDR, one warning naming $TCPREMOTEIP
skipped_invalid () {
  status_is skipped && only_exported P0F_STATUS && one_line '^p0f-wrap: warning: not.an.address pid [0-9]*: invalid client address in \$TCPREMOTEIP: not.an.address$'
}
answered_linux () { status_is ok && exported P0F_GENRE=Linux ; }

responder "$S" ok

# 1. -v: info without a problem, warning with one; without -v a warning only for a problem
wrap v-ok $C -- -v
check "-v, p0f answered: one info line" one_line '^p0f-wrap: info: 192.0.2.7 pid [0-9]*: ok genre=Linux detail=2.2.x-3.x distance=0, 1 query, [0-9.]* ms$'
wrap v-down TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none -- -v
check "-v, p0f down: one warning line, with the result and the problem" one_line "^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: error, 0 queries, [0-9.]* ms; unable to connect to $T/none: No such file or directory\$"
check "-v, p0f down: P0F_STATUS=error" status_is error
wrap v-bad TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S P0F_TIMEOUT=abc -- -v
check "-v, a bad \$P0F_TIMEOUT and p0f fine: one warning line, the answer and the problem" one_line '^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: ok genre=Linux .*; invalid \$P0F_TIMEOUT abc (milliseconds'
wrap quiet-down TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none --
check "no -v, p0f down: one warning line" one_line "^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: unable to connect to $T/none: No such file or directory\$"
wrap quiet-ok $C --
check "no -v, p0f answered: nothing on stderr" [ ! -s "$ERR" ]
wrap empty-ip TCPREMOTEIP= P0F_SOCKET=$S --
check "an empty \$TCPREMOTEIP: the line's head says unknown, as p0f-queue's does" one_line '^p0f-wrap: warning: unknown pid [0-9]*: invalid client address in \$TCPREMOTEIP: $'
wrap q-down TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none -- -q
check "-q, p0f down: nothing on stderr, P0F_STATUS=error" silent error

# 2. P0F_SKIP: p0f is not asked, nothing waited for, P0F_STATUS=skipped and P0F_ADDR only
n0=$(queries "$S")
wrap skip $C P0F_SKIP= P0F_GENRE=Forged -- -v
check "P0F_SKIP='': P0F_STATUS=skipped" status_is skipped
check "P0F_SKIP='': P0F_ADDR is the client" exported P0F_ADDR=192.0.2.7
check "P0F_SKIP='': nothing else exported, the forged P0F_GENRE removed" only_exported P0F_STATUS P0F_ADDR
check "P0F_SKIP='': p0f was not asked" not_asked "$n0"
check "P0F_SKIP='': passed on unchanged" exported P0F_SKIP=
check "P0F_SKIP with -v: one info line that says skipped" one_line '^p0f-wrap: info: 192.0.2.7 pid [0-9]*: skipped, 0 queries, [0-9.]* ms$'
wrap skip-quiet $C P0F_SKIP=1 --
check "P0F_SKIP=1 without -v: skipped, nothing on stderr" silent skipped
wrap skip-down TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none P0F_SKIP=1 --
check "P0F_SKIP with p0f down: skipped, no warning (p0f is not asked)" silent skipped
wrap skip-bad TCPREMOTEIP=not.an.address P0F_SOCKET=$S P0F_SKIP=1 --
check "P0F_SKIP with an invalid client address: skipped, no P0F_ADDR, a warning naming the variable" skipped_invalid
wrap skip-2 $C TCPREMOTEPORT=25 P0F_SKIP=1 -- -2
check "P0F_SKIP with -2 and no local address: skipped, P0F_ADDR, no warning (nothing to ask)" skipped_with_addr
stop "$LASTPID"

# 3. a cut or over-long answer says how many bytes came and how many were due
responder "$S" short
wrap short $C -- -t 200
check "a 100-byte answer then EOF: the warning says truncated, 100 of 232 bytes" one_line "truncated answer from p0f at $S: 100 of 232 bytes, then p0f closed the connection\$"
stop "$LASTPID"
responder "$S" long:68
wrap long $C -- -t 200
check "a 300-byte answer: the warning says 300 bytes, expected 232" one_line "malformed answer from p0f at $S: 300 bytes or more, expected 232 (p0f 3.09b's; a patched p0f"
stop "$LASTPID"
RESPONDER_OPTS=-2 responder "$S" short
wrap short2 $C TCPREMOTEPORT=4000 TCPLOCALIP=192.0.2.1 TCPLOCALPORT=25 -- -2 -t 200
check "p0f 2: a cut answer then EOF: truncated, the bytes of 144" one_line "truncated answer from p0f at $S: [0-9]* of 144 bytes, then p0f closed the connection\$"
stop "$LASTPID"

# p0f-queue writes what p0f-wrap said
printf 'Fa@example.org\0Tb@example.net\0\0' > "$T/envelope"
printf 'Subject: skipped\n\nbody\n' > "$T/message"
mkdir -p "$T/q"
env -i PATH="$PATH" P0F_STATUS=skipped P0F_ADDR=192.0.2.7 P0F_SKIP= P0F_QMAILQUEUE="$B/qq-recorder" QQ_DIR="$T/q" \
  "$B/qq-feed" "$T/message" "$T/envelope" "${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}" > "$T/q.res" 2> "$T/q.err"
check "p0f-queue after a skipped client: X-P0F: status=skipped first" [ "$(head -n 1 "$T/q/message")" = "X-P0F: status=skipped" ]

env -i PATH="$PATH" TCPREMOTEIP=192.0.2.7 P0F_QMAILQUEUE=qmail-queue "$B/qq-feed" "$T/message" "$T/envelope" \
  "${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}" > "$T/q2.res" 2> "$T/q2.err"
ERR=$T/q2.err
check "p0f-queue's fatal line starts with the client and the pid, as p0f-wrap's lines do" \
  one_line '^p0f-queue: fatal: 192.0.2.7 pid [0-9]*: $P0F_QMAILQUEUE is not a path: qmail-queue$'

# 4. the compiled-in socket: /run/p0f/p0f.sock, seen in a mount namespace of this test's own
if [ "$(id -u)" = 0 ] && unshare -m true 2> /dev/null ; then
  mkdir -p "$T/runp0f"
  # a /run of this mount namespace's own: nothing is made in the machine's /run, and a deployed p0f's socket is hidden
  cat > "$T/default.sh" <<'END'
mount --make-rprivate / && mount -t tmpfs -o mode=0755 none /run && mkdir -m 0750 /run/p0f || exit 111
"$1" /run/p0f/p0f.sock ok > /dev/null 2>&1 &
r=$!
i=0
while [ ! -S /run/p0f/p0f.sock ] && [ $i -lt 200 ] ; do sleep 0.05 ; i=$((i+1)) ; done
env -i TCPREMOTEIP=192.0.2.7 "$2" "$3" > "$4" 2>&1
kill $r
END
  unshare -m sh "$T/default.sh" "$RESPONDER" "$P0F_WRAP" "$PROBE" "$T/default.out"
  OUT=$T/default.out ERR=/dev/null
  check "no -s, no \$P0F_SOCKET: p0f-wrap asks /run/p0f/p0f.sock" answered_linux
else
  echo "# skipped: the compiled-in socket (needs root and unshare -m)"
fi
finish
