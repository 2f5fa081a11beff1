# tests/run.sh TEST...: runs every TEST, whatever the earlier ones did, and
# sums them up (git's t/README model). A TEST is a system script
# (tests/system/NN-*.sh, run with sh) or a cmocka unit test binary
# (build/test_*). Each one's output is shown as it runs and kept in
# $RESULTS/NAME.log. At the end: the failing tests, the skipped ones with
# their reasons, and a last line "N passed, N failed, N skipped" counted over
# every check of every test. Exit 0 only when nothing failed.
#
# A system script reports each check as "ok - ...", "not ok - ..." or
# "skip - ... (reason)" (tests/lib.sh); one that cannot run at all (not
# root, a package missing) prints "skip - ..." and exits 77. A script that
# exits non-zero with no "not ok" line counts as one failure.
#
# As root, each system script runs in a network namespace of its own
# ($B/netns: only lo, up): two suites at once (two clones, two CI jobs) never
# see each other's connections in p0f, ports or firewall rules. NETNS=no
# runs them in the machine's namespace.
# Environment: P0F_WRAP, P0F_QUEUE, B (absolute), SAN, LOAD_N, as the Makefile sets them.

set -u
: "${B:=$(pwd)/build}" "${RESULTS:=$B/results}"
mkdir -p "$RESULTS" || exit 111
rm -f "$RESULTS"/*.log "$RESULTS"/*.rc
passed=0 failed=0 skipped=0
failing= skipping=

netns_note=
wrapper=
if [ "$(id -u)" = 0 ] && [ "${NETNS:-yes}" != no ] ; then
  if [ -x "$B/netns" ] && netns_err=$("$B/netns" true 2>&1) ; then
    wrapper=$B/netns
  else
    netns_note="not in network namespaces of their own (${netns_err:-$B/netns is missing}): do not run two suites at once"
  fi
fi
[ -n "$netns_note" ] && echo "# $netns_note"

for t in "$@" ; do
  began=$(date +%s)
  name=$(basename "$t" .sh)
  log=$RESULTS/$name.log
  case "$t" in
    *.sh)
      echo "== system: $t"
      { $wrapper sh "$t" ; echo $? > "$RESULTS/$name.rc" ; } 2>&1 < /dev/null | tee "$log"
      rc=$(cat "$RESULTS/$name.rc")
      p=$(grep -c '^ok - ' "$log")
      f=$(grep -c '^not ok - ' "$log")
      s=$(grep -c '^skip - ' "$log")
      ;;
    *)
      echo "== unit: $t"
      { "$t" ; echo $? > "$RESULTS/$name.rc" ; } 2>&1 < /dev/null | tee "$log"
      rc=$(cat "$RESULTS/$name.rc")
      ran=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\.$/\1/p' "$log" | tail -n 1)
      p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\.$/\1/p' "$log" | tail -n 1)
      s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test(s)[.,].*$/\1/p' "$log" | tail -n 1)  # cmocka: "N test(s), listed below:"
      p=${p:-0} s=${s:-0}
      f=$(( ${ran:-0} - p - s ))
      [ $f -ge 0 ] || f=0
      ;;
  esac
  if [ "$rc" != 0 ] && [ "$rc" != 77 ] && [ "$f" = 0 ] ; then
    echo "not ok - $t exited $rc with no failing check reported"
    f=1
  fi
  if [ "$rc" = 77 ] && [ "$f" = 0 ] ; then
    s=$((s + (s == 0)))
    skipping="$skipping
  $t: $(sed -n 's/^skip - //p' "$log" | head -n 1)"
  elif [ "$s" != 0 ] ; then
    skipping="$skipping
  $t: $s skipped ($(sed -n 's/^skip - //p' "$log" | head -n 3 | paste -s -d ';' -)$([ "$s" -gt 3 ] && echo '; ...'))"
  fi
  echo "# $t: $p passed, $f failed, $s skipped, in $(( $(date +%s) - began )) s"
  [ "$f" = 0 ] || failing="$failing
  $t: $f failed (log: $log)"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

echo
echo "== summary of $# tests"
[ -n "$netns_note" ] && echo "# $netns_note"
[ -n "$skipping" ] && echo "skipped, never counted as passed:$skipping"
[ -n "$failing" ] && echo "FAILED:$failing"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
