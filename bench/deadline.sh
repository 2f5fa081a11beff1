# make bench-deadline: the deadline edges that tests/system/65-answers.sh and
# 60-faults.sh leave to test_query, on the machine as it is (its load is part
# of the number): out of RUNS runs each, how often p0f-wrap, asked about a
# client p0f never matches, ends in a silent "nomatch" (its last re-ask and
# answer fit in the deadline) and how often in anything else (a time-out
# warning: the machine took the CPU for longer than the reserve). A number,
# not a verdict: test_query (query_delay) holds the rule.
. tests/lib.sh
RUNS=${RUNS:-200}
S=$T/p0f.sock
C="TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S"
responder "$S" nomatch
echo "deadline edges, $RUNS runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %8s %10s %10s\n' options nomatch other "median ms" "worst ms"
for opts in "-t 7" "-t 8" "-t 20 -w 20" "-t 50" "-t 100" "-t 100 -w 300" "-t 1000 -w 100" ; do
  good=0 other=0 i=0
  : > "$T/ms"
  while [ $i -lt "$RUNS" ] ; do
    # shellcheck disable=SC2086
    wrap d $C -- -s "$S" $opts
    echo "$ELAPSED" >> "$T/ms"
    if grep -qx 'env P0F_STATUS=nomatch' "$OUT" && [ ! -s "$ERR" ] ; then good=$((good+1)) ; else other=$((other+1)) ; fi
    i=$((i+1))
  done
  printf '%-16s %8s %8s %10s %10s\n' "$opts" "$good" "$other" "$(sort -n "$T/ms" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" "$(sort -n "$T/ms" | tail -n 1)"
done
stop "$LASTPID"
# no match until 150 ms after the first query, then ok: -t 200 -w 190 must still get it
responder "$S" nomatchfor:150
good=0 i=0
while [ $i -lt "$RUNS" ] ; do
  wrap d $C -- -s "$S" -t 200 -w 190
  grep -qx 'env P0F_STATUS=ok' "$OUT" && [ ! -s "$ERR" ] && good=$((good+1))
  stop "$LASTPID" ; responder "$S" nomatchfor:150
  i=$((i+1))
done
stop "$LASTPID"
echo "no match for 150 ms, then ok, -t 200 -w 190: ok $good of $RUNS"
