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
# nomatch_silent NAME: p0f-wrap said no match and nothing else
nomatch_silent () { grep -qx 'env P0F_STATUS=nomatch' "$T/$1.out" && [ ! -s "$T/$1.err" ] ; }
# deadline_cases OPTS...: 5 runs of each, every one nomatch and silent (OUT and ERR: the first that was not)
deadline_cases () {
  for deadline_opts in "$@" ; do
    deadline_good=0 deadline_bad=
    for deadline_i in 1 2 3 4 5 ; do
      # shellcheck disable=SC2086
      wrap "deadline$deadline_i" $C -- -s "$S" $deadline_opts
      if nomatch_silent "deadline$deadline_i" ; then deadline_good=$((deadline_good+1)) ; else deadline_bad=${deadline_bad:-$deadline_i} ; fi
    done
    [ -n "$deadline_bad" ] && OUT=$T/deadline$deadline_bad.out ERR=$T/deadline$deadline_bad.err
    check "p0f says no match until $deadline_opts runs out: nomatch, silent, 5 of 5 ($deadline_good)" [ "$deadline_good" = 5 ]
  done
}
# the wait ends far before the deadline: no timing at stake. When the
# deadline itself ends the wait (-t 7 ... -t 100), whether the last re-ask
# and its answer fit is a matter of milliseconds the machine's load decides
# (even under SCHED_FIFO, 1 in 750 runs missed -t 50 on a loaded 2-core
# machine): the rule is unit-tested (test_query: query_delay's reserve) and
# make bench-deadline counts how often it holds here
responder "$S" nomatch
deadline_cases "-t 1000 -w 100" "-t 3000 -w 300"
stop "$LASTPID"
responder "$S" nomatch
wrap noreader $C -- -s "$S" -t 1000 -w 50
check "no match until the deadline: no reader started" no_reader
check "no match until the deadline: p0f unharmed" kill -0 "$LASTPID"
stop "$LASTPID"

# 2. clock edges: a record is this connection's when its last_seen is not
# before the second before p0f-wrap started. The responder stamps "seen:D"
# as its first query's second + D; stopwatch notes the second just before
# p0f-wrap starts. When both are the same second, p0f-wrap started in it and
# every stamp is known exactly; when a second began between them (about 1 in
# 200), the case is run again: the verdict never rests on the clock.
# edge LABEL STATUS QUERIES ACTION...: QUERIES is a test(1) condition on the count
edge () {
  edge_label=$1 edge_want=$2 edge_nq=$3 ; shift 3
  edge_try=0
  while : ; do
    edge_try=$((edge_try+1))
    responder "$S" "$@"
    wrap edge $C -- -v -w 300
    edge_n=$(queries "$S")
    stop "$LASTPID"
    [ "$(anchor "$S")" = "$(started_second edge)" ] && break
    echo "# $edge_label: p0f-wrap started in second $(started_second edge), asked in $(anchor "$S"): run again"
    [ $edge_try -lt 5 ] || { fail "$edge_label: 5 runs, none started and asked in the same second" ; return 1 ; }
  done
  check "$edge_label: P0F_STATUS=$edge_want after $edge_nq queries ($edge_n, $ELAPSED ms)" edge_verdict
}
# edge_verdict: the status edge wants, its count of queries, no warning
# shellcheck disable=SC2086
edge_verdict () { grep -qx "env P0F_STATUS=$edge_want" "$OUT" && [ "$edge_n" $edge_nq ] && ! grep -q warning "$ERR" ; }
# waited_out: the last edge re-asked until its -w 300 ran out (the last re-ask interval is 10 ms)
waited_out () { [ "$ELAPSED" -ge 290 ] ; }
# settled_first: the last edge's ok came no sooner than 25 ms (QUERY_SETTLE_MS) after p0f-wrap started
# (a lower bound, which load cannot break; the count of queries before it depends on the load: at most 3)
settled_first () { [ "$ELAPSED" -ge 25 ] ; }
edge "last_seen the second before" ok "= 1" seen:-1
edge "last_seen now" ok "= 1" seen:0
edge "last_seen ahead, clock skew," ok "= 1" seen:5
edge "last_seen two seconds before: the first copy of a SYN sent again, ok once p0f has had 25 ms to see the last" ok "-le 3" seen:-2
check "the first copy of a SYN sent again: ok only after the 25 ms ($ELAPSED ms)" settled_first
edge "last_seen 40 s before, for ever (before the first copy of a SYN sent again could be)" stale "-ge 2" seen:-40
check "stale: re-asked until -w 300 ran out ($ELAPSED ms)" waited_out
stale_exported () { grep -qx 'env P0F_GENRE=Linux' "$OUT" && grep -qx "env P0F_LAST_SEEN=$(( $(anchor "$S") - 40 ))" "$OUT" ; }
check "stale: the earlier record is exported, with its P0F_LAST_SEEN" stale_exported
check "stale: the info line says so" grep -q '^p0f-wrap: info: 192.0.2.7 pid [0-9]*: stale genre=Linux' "$ERR"
edge "last_seen 40 s before, then this connection's" ok "= 2" seen:-40 seen:0
edge "an earlier record, then no match: the record stays" stale "-ge 2" seen:-40 nomatch
check "an earlier record, then no match: re-asked until -w 300 ran out ($ELAPSED ms)" waited_out

# 3. every forged copy goes
$B/envexec PATH="$PATH" P0F_GENRE=Windows P0F_STATUS=ok TCPREMOTEIP=192.0.2.7 P0F_STATUS=ok P0F_GENRE=Windows P0F_SOCKET="$T/none" -- "$P0F_WRAP" -q "$PROBE" > "$T/dup.out"
# scrubbed FILE: the probe's output FILE says P0F_STATUS=error and has no P0F_GENRE
scrubbed () { lines "$1" 'env P0F_STATUS=error' && none "$1" '^env P0F_GENRE' ; }
# scrubbed_once FILE: the same, and P0F_STATUS is there once
scrubbed_once () { [ "$(grep -c '^env P0F_STATUS=' "$1")" = 1 ] && scrubbed "$1" ; }
check "a name twice, p0f down: one P0F_STATUS=error, no P0F_GENRE" scrubbed_once "$T/dup.out"
if unsanitized "4 MiB of address space" ; then
(ulimit -v 4096 ; exec $B/envexec PATH="$PATH" P0F_GENRE=Windows TCPREMOTEIP=192.0.2.7 P0F_GENRE=Windows P0F_SOCKET="$T/none" -- "$P0F_WRAP" -q "$PROBE") > "$T/lowmem.out" 2>&1
check "4 MiB of address space: still scrubbed" scrubbed "$T/lowmem.out"
fi

# 4. the late-answer reader (67-late.sh has the rest)
# no fork possible: RLIMIT_NPROC 1 for an account of this run's own, which
# runs no other process (any other account's processes, nobody's say,
# would change the verdict); p0f never answers
if ! unsanitized "no fork possible" ; then
  :
elif [ "$(id -u)" != 0 ] ; then
  skip "no fork possible" "needs root, to run p0f-wrap as an account of its own"
else
  trap 'cleanup ; accounts_remove' EXIT
  if account_add nofork ; then
    mkdir -m 755 "$T/pub"
    responder "$T/pub/p0f.sock" silent
    chmod 755 "$T" ; chmod 666 "$T/pub/p0f.sock"
    prlimit --nproc=1 setpriv --reuid="$ACCOUNT" --regid="$ACCOUNT" --clear-groups env -i PATH="$PATH" TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$T/pub/p0f.sock" "$P0F_WRAP" -t 100 "$PROBE" > "$T/nofork.out" 2> "$T/nofork.err"
    OUT=$T/nofork.out ERR=$T/nofork.err
    nofork_warned () { [ "$(wc -l < "$ERR")" = 1 ] && grep -q 'unable to read an answer.*Connection timed out; p0f was left with an answer pending (unable to fork a reader: ' "$ERR" && grep -qx 'env P0F_STATUS=error' "$OUT" ; }
    check "no fork possible ($ACCOUNT, RLIMIT_NPROC 1): the one warning says p0f was left with an answer pending, the mail flows" nofork_warned
    chmod 700 "$T"
    stop "$LASTPID"
  fi
  accounts_remove
  account_gone () { ! getent passwd "$ACCOUNT" > /dev/null && ! getent group "$ACCOUNT" > /dev/null ; }
  check "the account $ACCOUNT is removed" account_gone
fi

# 5. export edges
responder "$S" uptime0
wrap uptime0 $C --
check "uptime under a minute: P0F_UPTIME=0, P0F_UPTIME_MIN=0" lines "$OUT" 'env P0F_UPTIME=0' 'env P0F_UPTIME_MIN=0' 'env P0F_UP_MOD_DAYS=49'
stop "$LASTPID"
responder "$S" unknown
wrap unknown $C --
# ok_unmatched: P0F_STATUS=ok without P0F_GENRE or P0F_OS_MATCH_Q
ok_unmatched () { status_is ok && none "$OUT" '^env P0F_\(GENRE\|OS_MATCH_Q\)=' ; }
check "no signature matched: ok, no P0F_GENRE, no P0F_OS_MATCH_Q" ok_unmatched
stop "$LASTPID"
responder "$S" cutflavor
wrap cutflavor $C --
check "a flavor cut after a space: no trailing space" has "$OUT" "env P0F_DETAIL=10.9 or newer (sometimes iPhone"
stop "$LASTPID"

# 6. one line per connection, saying what happened
wrap vproblem TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none P0F_TIMEOUT=abc -- -v
check "-v with problems: one warning line with both, no query counted" \
  one_line "^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: error, 0 queries, [0-9.]* ms; invalid \$P0F_TIMEOUT abc (milliseconds, 1 to 600000), using the default, 1000; unable to connect to $T/none: No such file or directory\$"

long=$(head -c 300 /dev/zero | tr '\0' L)
wrap longvalue TCPREMOTEIP=$(head -c 100 /dev/zero | tr '\0' 9) P0F_SOCKET=$S "P0F_TIMEOUT=$long" --
check "a 300-byte bad value is cut at 40 bytes: the next problem still shows" \
  grep -q 'invalid $P0F_TIMEOUT L\{40\}\.\.\. (milliseconds.*; invalid client address in $TCPREMOTEIP: 9\{40\}\.\.\.$' "$ERR"

# 7. input edges
responder "$S" ok
# refused_at_once: an error naming TCPLOCALIP, long before the -w 5000 a wait would take
refused_at_once () { grep -qx 'env P0F_STATUS=error' "$OUT" && grep -q "invalid local address in \$TCPLOCALIP: $w is unspecified" "$ERR" && [ "$ELAPSED" -lt 2500 ] ; }
for w in 0.0.0.0 :: ; do
  wrap wild $C TCPREMOTEPORT=4000 "TCPLOCALIP=$w" TCPLOCALPORT=25 -- -2 -t 6000 -w 5000
  check "-2 with TCPLOCALIP=$w: an error at once naming the variable ($ELAPSED ms)" refused_at_once
done
wrap wildlocal $C TCPREMOTEPORT=4000 TCPLOCALIP=192.0.2.1 TCPLOCALPORT=25 P0F_LOCAL_IP=0.0.0.0 -- -2
check "P0F_LOCAL_IP=0.0.0.0: an error naming it" grep -q 'invalid local address in \$P0F_LOCAL_IP: 0.0.0.0 is unspecified' "$ERR"
wrap wildl $C -- -2 -l 0.0.0.0
check "-l 0.0.0.0: a usage error" exit_says 100 '^p0f-wrap: fatal: invalid local address: 0.0.0.0 is unspecified'
# shellcheck disable=SC2086
env -i PATH="$PATH" $C "$P0F_WRAP" '' > "$T/empty.out" 2> "$T/empty.err"
empty_rc=$?
# empty_refused: exit 100 (empty_rc), the usage line in $T/empty.err
empty_refused () { [ "$empty_rc" = 100 ] && grep -q '^p0f-wrap: usage: ' "$T/empty.err" ; }
check "an empty program name: usage, exit 100" empty_refused
for a in 01.2.3.4 ::ffff:01.2.3.4 ; do
  wrap zero "TCPREMOTEIP=$a" P0F_SOCKET=$S --
  check "TCPREMOTEIP=$a: leading zeros refused, as in both forms" error_says 'invalid client address in'
done
if unsanitized "no fd left" ; then
(ulimit -n 3 ; export TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$S" ; exec "$P0F_WRAP" "$B/probe-static") > "$T/emfile.out" 2> "$T/emfile.err"
# emfile_warned: the warning in $T/emfile.err names EMFILE, the probe ran with P0F_STATUS=error
emfile_warned () { grep -q 'unable to create a socket: Too many open files' "$T/emfile.err" && lines "$T/emfile.out" 'env P0F_STATUS=error' ; }
check "no fd left for a socket: the warning says so, the mail flows" emfile_warned
fi
stop "$LASTPID"
RESPONDER_OPTS="-2 -c 192.0.2.7:4000 -S 203.0.113.5:25" responder "$S" ok
wrap overridden TCPREMOTEIP=192.0.2.7 TCPREMOTEPORT=4000 TCPLOCALPORT=25 P0F_LOCAL_IP=203.0.113.5 P0F_SOCKET=$S -- -2 -w 0
check "-2 with P0F_LOCAL_IP and no TCPLOCALIP: ok, no warning" quiet ok
wrap overriddenl TCPREMOTEIP=192.0.2.7 TCPREMOTEPORT=4000 TCPLOCALIP=bogus TCPLOCALPORT=25 P0F_SOCKET=$S -- -2 -w 0 -l 203.0.113.5
check "-2 -l with a bogus TCPLOCALIP: the override wins, TCPLOCALIP is not read" quiet ok
stop "$LASTPID"
finish
