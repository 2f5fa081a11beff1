# The runner and the helpers themselves: tests/run.sh runs every script after
# a failing one, lists the failing ones, counts a skip as a skip (never a
# pass), a script that died as a failure, and ends with "N passed, N failed,
# N skipped" over all of them; as root each script gets a network namespace
# of its own (a listener outside is not reachable inside, an iptables rule
# added inside is gone outside); no helper overwrites its caller's variables.
. tests/lib.sh

mkdir "$T/s" "$T/res"
cat > "$T/s/a-fails.sh" <<'EOF'
. tests/lib.sh
check "one that holds" true
check "one that fails" false
finish
EOF
cat > "$T/s/b-skips.sh" <<'EOF'
. tests/lib.sh
check "one that holds" true
skip "one not made" "a reason of its own"
finish
EOF
cat > "$T/s/c-all-skipped.sh" <<'EOF'
. tests/lib.sh
skip_all "needs what this machine lacks"
check "never reached" true
EOF
cat > "$T/s/d-dies.sh" <<'EOF'
. tests/lib.sh
check "one that holds" true
exit 3
EOF
cat > "$T/s/e-passes.sh" <<'EOF'
. tests/lib.sh
check "one that holds" true
check "and another" true
finish
EOF
B=$B RESULTS=$T/res sh tests/run.sh "$T"/s/*.sh > "$T/run.out" 2>&1
rc=$?
OUT=$T/run.out ERR=/nonexistent
every_script_ran () { [ "$(grep -c '^== system: ' "$OUT")" = 5 ] && grep -q '^ok - and another$' "$OUT" ; }
check "run.sh: every script runs, after a failing one too (exit $rc)" every_script_ran
listed () {
  sed -n '/^FAILED:/,$p' "$OUT" > "$T/failed"
  grep -q "a-fails.sh: 1 failed" "$T/failed" && grep -q "d-dies.sh: 1 failed" "$T/failed" &&
    ! grep -q 'b-skips\|c-all-skipped\|e-passes' "$T/failed"
}
check "run.sh: the failing scripts are listed at the end, the one that died among them" listed
skips_named () {
  sed -n '/^skipped, never counted as passed:/,/^FAILED:/p' "$OUT" > "$T/skipped"
  grep -q 'b-skips.sh: 1 skipped (one not made (a reason of its own))' "$T/skipped" &&
    grep -q 'c-all-skipped.sh: c-all-skipped: needs what this machine lacks' "$T/skipped"
}
check "run.sh: the skipped ones are listed with their reasons" skips_named
totals () { [ "$(tail -n 1 "$OUT")" = "5 passed, 2 failed, 2 skipped" ] && [ "$rc" != 0 ] ; }
check "run.sh: the last line sums every check: 5 passed, 2 failed, 2 skipped; exit non-zero ($(tail -n 1 "$OUT"))" totals
B=$B RESULTS=$T/res sh tests/run.sh "$T/s/b-skips.sh" "$T/s/e-passes.sh" > "$T/run2.out" 2>&1
rc=$?
check "run.sh: skips alone fail nothing: exit 0 ($rc), 3 passed, 0 failed, 1 skipped" [ "$rc:$(tail -n 1 "$T/run2.out")" = "0:3 passed, 0 failed, 1 skipped" ]

# no helper overwrites a caller's variable
S=$T/p0f.sock
responder "$S" ok
name=mine start=mine envs=mine sock=mine why=mine want=mine bound=mine i=mine pid=mine new=mine d=mine
wrap w TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S --
robust "a robust case" ok 1000 TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S --
check "a check" true
wait_until true
stop "$LASTPID"
kept () { [ "$name $start $envs $sock $why $want $bound $i $pid $new $d" = "mine mine mine mine mine mine mine mine mine mine mine" ] ; }
check "wrap, robust, check, responder, stop, wait_until keep the caller's name, start, envs, sock, why, want, bound, i, pid, new, d" kept

# a network namespace of its own, as root
if [ "$(id -u)" != 0 ] ; then
  skip "a network namespace per script" "needs root"
elif ! "$B/netns" true 2> "$T/netns.err" ; then
  skip "a network namespace per script" "$(cat "$T/netns.err")"
else
  PORT=$($B/freeport)
  background "$B/accept1" 127.0.0.1 "$PORT" true 2> "$T/outside.err"
  wait_until grep -q listening "$T/outside.err"
  "$B/netns" timeout 5 tcpclient -T 2 127.0.0.1 "$PORT" true > /dev/null 2>&1
  rc=$?
  check "inside build/netns, a listener on 127.0.0.1:$PORT outside is not reachable (tcpclient exit $rc)" [ "$rc" != 0 ]
  stop "$LASTPID"
  # lo_alone: in a fresh namespace, lo is the only interface (/proc/net/dev: 2 header lines), up (flags 0x1 set)
  lo_alone () {
    "$B/netns" sh -c 'cat /proc/net/dev ; cat /sys/class/net/lo/flags' > "$T/links" &&
      [ "$(sed -n '3,$p' "$T/links" | grep -c ':')" = 1 ] && grep -q '^ *lo:' "$T/links" &&
      [ $(( $(tail -n 1 "$T/links") & 1 )) = 1 ]
  }
  check "inside build/netns: lo alone, up" lo_alone
  if command -v iptables > /dev/null ; then
    tag=p0fwt-$$-netns
    # shellcheck disable=SC2016
    "$B/netns" sh -c 'iptables -w -A OUTPUT -s 127.0.0.250/32 -m comment --comment "$1" -j DROP && iptables -w -S OUTPUT | grep -q "$1"' sh "$tag"
    rc=$?
    added_inside_only () { [ "$rc" = 0 ] && ! iptables -w -S OUTPUT | grep -q "$tag" ; }
    check "an iptables rule added inside build/netns (exit $rc) is not in the machine's OUTPUT chain" added_inside_only
  else
    skip "iptables inside build/netns" "iptables is missing"
  fi
fi
finish
