# Every answer right (the edges a review found): the wait never turns into
# an error, answers describe this connection, every forged copy goes, the
# late-answer reader holds nothing else, exports and log lines say true
# things, bad input is refused at once.
. tests/lib.sh

S=$T/p0f.sock
C="TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S"

# no p0f-wrap left running with this marker in its argv (the late-answer reader)
no_reader () { ! pgrep -f "$P0F_WRAP -s $S " > /dev/null ; }

# 1. the wait meeting the deadline: only "no match" is never an error, never a reader
responder "$S" nomatch
for opts in "-t 100" "-t 50" "-t 20 -w 20" "-t 100 -w 300" "-t 7" ; do
  good=0
  for i in 1 2 3 4 5 ; do
    # shellcheck disable=SC2086
    wrap "deadline$i" $C -- -s "$S" $opts
    grep -qx 'env P0F_STATUS=nomatch' "$OUT" && [ ! -s "$ERR" ] && good=$((good+1))
  done
  check "p0f says no match until $opts runs out: nomatch, silent, 5 of 5 ($good)" [ "$good" = 5 ]
done
n0=$(queries "$S")
wrap short $C -- -t 8
check "-t 8: no re-ask cut short to come before p0f could know more (1 query, $(( $(queries "$S") - n0 )))" sh -c "[ $(( $(queries "$S") - n0 )) = 1 ] && grep -qx 'env P0F_STATUS=nomatch' $OUT"
sleep 0.2
check "no match until the deadline: no reader started" no_reader
check "no match until the deadline: p0f unharmed" kill -0 "$LASTPID"
stop "$LASTPID"

# 2. clock edges: a record is this connection's when its last_seen is not before the second before p0f-wrap started
early_in_second () { while [ "$(date +%N | cut -c1)" -ge 5 ] ; do sleep 0.05 ; done ; }
edge () {
  name=$1 want=$2 nq=$3 ; shift 3
  responder "$S" "$@"
  early_in_second
  wrap edge $C -- -v -w 50
  n=$(queries "$S")
  check "$name: P0F_STATUS=$want after $nq queries ($n)" sh -c "grep -qx 'env P0F_STATUS=$want' $OUT && [ $n $nq ] && ! grep -q warning $ERR"
  stop "$LASTPID"
}
edge "last_seen the second before" ok "= 1" seen:-1
edge "last_seen now" ok "= 1" seen:0
edge "last_seen ahead, clock skew," ok "= 1" seen:5
edge "last_seen two seconds before, for ever: the first copy of a SYN sent again, once p0f has had time to see the last" ok "= 3" seen:-2
edge "last_seen 40 s before, for ever (before the first copy of a SYN sent again could be)" stale "-ge 5" seen:-40
check "stale: the earlier record is exported, with its P0F_LAST_SEEN" sh -c "grep -qx 'env P0F_GENRE=Linux' $OUT && grep -q '^env P0F_LAST_SEEN=[0-9]*$' $OUT"
check "stale: the info line says so" grep -q '^p0f-wrap: info: 192.0.2.7 pid [0-9]*: stale genre=Linux' "$ERR"
edge "last_seen two seconds before, then this connection's" ok "= 2" seen:-2 seen:0
edge "an earlier record, then no match: the record stays" stale "-ge 5" seen:-40 nomatch

# 3. every forged copy goes
$B/envexec PATH="$PATH" P0F_GENRE=Windows P0F_STATUS=ok TCPREMOTEIP=192.0.2.7 P0F_STATUS=ok P0F_GENRE=Windows P0F_SOCKET="$T/none" -- "$P0F_WRAP" -q "$PROBE" > "$T/dup.out"
check "a name twice, p0f down: one P0F_STATUS=error, no P0F_GENRE" sh -c "[ \$(grep -c '^env P0F_STATUS=' $T/dup.out) = 1 ] && grep -qx 'env P0F_STATUS=error' $T/dup.out && ! grep -q '^env P0F_GENRE' $T/dup.out"
if unsanitized "4 MiB of address space" ; then
(ulimit -v 4096 ; exec $B/envexec PATH="$PATH" P0F_GENRE=Windows TCPREMOTEIP=192.0.2.7 P0F_GENRE=Windows P0F_SOCKET="$T/none" -- "$P0F_WRAP" -q "$PROBE") > "$T/lowmem.out" 2>&1
check "4 MiB of address space: still scrubbed" sh -c "grep -qx 'env P0F_STATUS=error' $T/lowmem.out && ! grep -q '^env P0F_GENRE' $T/lowmem.out"
fi

# 4. the late-answer reader (67-late.sh has the rest)
if ! unsanitized "no fork possible" ; then
  :
elif id nobody > /dev/null 2>&1 ; then
  mkdir -m 755 "$T/pub"
  responder "$T/pub/p0f.sock" late:300
  chmod 755 "$T" ; chmod 666 "$T/pub/p0f.sock"
  prlimit --nproc=1 setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH="$PATH" TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$T/pub/p0f.sock" "$P0F_WRAP" -t 100 "$PROBE" > "$T/nofork.out" 2> "$T/nofork.err"
  check "no fork possible: the one warning says p0f was left with an answer pending, the mail flows" sh -c "[ \$(wc -l < $T/nofork.err) = 1 ] && grep -q 'unable to read an answer.*Connection timed out; p0f was left with an answer pending (unable to fork a reader: ' $T/nofork.err && grep -qx 'env P0F_STATUS=error' $T/nofork.out"
  chmod 700 "$T"
  stop "$LASTPID"
else
  fail "no account nobody to run the fork-failure case"
fi

# 5. export edges
responder "$S" uptime0
wrap uptime0 $C --
check "uptime under a minute: P0F_UPTIME=0, P0F_UPTIME_MIN=0" sh -c "grep -qx 'env P0F_UPTIME=0' $OUT && grep -qx 'env P0F_UPTIME_MIN=0' $OUT && grep -qx 'env P0F_UP_MOD_DAYS=49' $OUT"
stop "$LASTPID"
responder "$S" unknown
wrap unknown $C --
check "no signature matched: ok, no P0F_GENRE, no P0F_OS_MATCH_Q" sh -c "grep -qx 'env P0F_STATUS=ok' $OUT && ! grep -q '^env P0F_\\(GENRE\\|OS_MATCH_Q\\)=' $OUT"
stop "$LASTPID"
responder "$S" cutflavor
wrap cutflavor $C --
check "a flavor cut after a space: no trailing space" has "$OUT" "env P0F_DETAIL=10.9 or newer (sometimes iPhone"
stop "$LASTPID"

# 6. one line per connection, saying what happened
wrap vproblem TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none P0F_TIMEOUT=abc -- -v
check "-v with problems: one warning line with both, no query counted" sh -c "[ \$(wc -l < $ERR) = 1 ] && grep -q '^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: error, 0 queries, [0-9.]* ms; invalid \$P0F_TIMEOUT abc (milliseconds, 1 to 600000), using the default, 1000; unable to connect to $T/none: No such file or directory$' $ERR"

long=$(head -c 300 /dev/zero | tr '\0' L)
wrap longvalue TCPREMOTEIP=$(head -c 100 /dev/zero | tr '\0' 9) P0F_SOCKET=$S "P0F_TIMEOUT=$long" --
check "a 300-byte bad value is cut at 40 bytes: the next problem still shows" sh -c "grep -q 'invalid \$P0F_TIMEOUT L\\{40\\}\\.\\.\\. (milliseconds.*; invalid client address in \$TCPREMOTEIP: 9\\{40\\}\\.\\.\\.\$' $ERR"

# 7. input edges
responder "$S" ok
for w in 0.0.0.0 :: ; do
  wrap wild $C TCPREMOTEPORT=4000 "TCPLOCALIP=$w" TCPLOCALPORT=25 -- -2 -w 500
  check "-2 with TCPLOCALIP=$w: an error at once naming the variable ($ELAPSED ms)" sh -c "grep -qx 'env P0F_STATUS=error' $OUT && grep -q 'invalid local address in \$TCPLOCALIP: $w is unspecified' $ERR && [ $ELAPSED -lt 300 ]"
done
wrap wildlocal $C TCPREMOTEPORT=4000 TCPLOCALIP=192.0.2.1 TCPLOCALPORT=25 P0F_LOCAL_IP=0.0.0.0 -- -2
check "P0F_LOCAL_IP=0.0.0.0: an error naming it" grep -q 'invalid local address in \$P0F_LOCAL_IP: 0.0.0.0 is unspecified' "$ERR"
wrap wildl $C -- -2 -l 0.0.0.0
check "-l 0.0.0.0: a usage error" sh -c "[ $RC = 100 ] && grep -q '^p0f-wrap: fatal: invalid local address: 0.0.0.0 is unspecified' $ERR"
env -i PATH="$PATH" $C "$P0F_WRAP" '' > "$T/empty.out" 2> "$T/empty.err"
check "an empty program name: usage, exit 100" sh -c "[ $? = 100 ] && grep -q '^p0f-wrap: usage: ' $T/empty.err"
for a in 01.2.3.4 ::ffff:01.2.3.4 ; do
  wrap zero "TCPREMOTEIP=$a" P0F_SOCKET=$S --
  check "TCPREMOTEIP=$a: leading zeros refused, as in both forms" sh -c "grep -qx 'env P0F_STATUS=error' $OUT && grep -q 'invalid client address in' $ERR"
done
if unsanitized "no fd left" ; then
(ulimit -n 3 ; export TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$S" ; exec "$P0F_WRAP" "$B/probe-static") > "$T/emfile.out" 2> "$T/emfile.err"
check "no fd left for a socket: the warning says so, the mail flows" sh -c "grep -q 'unable to create a socket: Too many open files' $T/emfile.err && grep -qx 'env P0F_STATUS=error' $T/emfile.out"
fi
stop "$LASTPID"
RESPONDER_OPTS="-2 -c 192.0.2.7:4000 -S 203.0.113.5:25" responder "$S" ok
wrap overridden TCPREMOTEIP=192.0.2.7 TCPREMOTEPORT=4000 TCPLOCALPORT=25 P0F_LOCAL_IP=203.0.113.5 P0F_SOCKET=$S -- -2 -w 0
check "-2 with P0F_LOCAL_IP and no TCPLOCALIP: ok, no warning" sh -c "[ ! -s $ERR ] && grep -qx 'env P0F_STATUS=ok' $OUT"
wrap overriddenl TCPREMOTEIP=192.0.2.7 TCPREMOTEPORT=4000 TCPLOCALIP=bogus TCPLOCALPORT=25 P0F_SOCKET=$S -- -2 -w 0 -l 203.0.113.5
check "-2 -l with a bogus TCPLOCALIP: the override wins, TCPLOCALIP is not read" sh -c "[ ! -s $ERR ] && grep -qx 'env P0F_STATUS=ok' $OUT"
stop "$LASTPID"
finish
