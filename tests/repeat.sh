# tests/repeat.sh TEST...: tests/run.sh TEST... N times in a row (N=5),
# with LOAD busy loops beside it (LOAD=0; LOAD=2 keeps both cores of a CI
# runner busy), and counts: runs that failed, and how often each test failed.
# Each run's output is kept in $B/repeat/run-I.log. The busy loops are
# bounded in time (timeout, LOAD_SECS, 4 h by default) and stopped by pid at
# the end, on failure and on interruption too. Exit 0 only when no run failed.

set -u
: "${B:=$(pwd)/build}" "${N:=5}" "${LOAD:=0}" "${LOAD_SECS:=14400}"
case "$N$LOAD" in *[!0-9]*) echo "repeat: N and LOAD must be numbers" ; exit 100 ;; esac
dir=$B/repeat
rm -rf "$dir" && mkdir -p "$dir" || exit 111
loaders=
stop_load () {
  for pid in $loaders ; do
    case $pid in ''|*[!0-9]*) continue ;; esac
    [ "$pid" -gt 1 ] && kill "$pid" 2>/dev/null
  done
  for pid in $loaders ; do wait "$pid" 2>/dev/null ; done
  loaders=
}
trap stop_load EXIT
trap 'exit 1' INT TERM HUP
i=0
while [ $i -lt "$LOAD" ] ; do
  timeout "$LOAD_SECS" sh -c 'while : ; do : ; done' &
  loaders="$loaders $!"
  i=$((i+1))
done
[ "$LOAD" = 0 ] || echo "# $LOAD busy loops beside the runs (pids$loaders)"

bad=0 i=1
start=$(date +%s)
while [ $i -le "$N" ] ; do
  t0=$(date +%s)
  RESULTS=$dir/results-$i sh tests/run.sh "$@" > "$dir/run-$i.log" 2>&1
  rc=$?
  summary=$(tail -n 1 "$dir/run-$i.log")
  if [ $rc = 0 ] ; then verdict=passed ; else verdict=FAILED ; bad=$((bad+1)) ; fi
  echo "run $i of $N: $verdict in $(( $(date +%s) - t0 )) s: $summary"
  [ $rc = 0 ] || sed -n '/^FAILED:/,/^[0-9]* passed/p' "$dir/run-$i.log" | sed '1d;$d'
  i=$((i+1))
done
echo "== $N runs of $# tests in $(( $(date +%s) - start )) s, $LOAD busy loops beside"
if [ $bad != 0 ] ; then
  echo "failures per test:"
  cat "$dir"/run-*.log | sed -n 's/^  \([^ ]*\): [0-9]* failed (log: .*/\1/p' | sort | uniq -c | sort -rn
fi
echo "$((N - bad)) runs passed, $bad runs failed"
[ $bad = 0 ]
