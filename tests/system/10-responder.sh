# p0f-wrap through the real binary against the test p0f responder (p0f 3).
. tests/lib.sh

S=$T/p0f.sock
C="TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$S"

# the program sees what it would see without p0f-wrap, but for P0F_* and argv[0]
same_as_probe_alone () {
  printf 'HELO client\r\n' > "$T/stdin"
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $C "$PROBE" -i arg1 "two words" < "$T/stdin" > "$T/alone.out" 2>/dev/null
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $C "$P0F_WRAP" "$PROBE" -i arg1 "two words" < "$T/stdin" > "$T/wrapped.out" 2>/dev/null
  grep -q '^stdin HELO client' "$T/wrapped.out" || return 1
  grep -qx 'env P0F_STATUS=ok' "$T/wrapped.out" || return 1
  grep -v "^clock \\|$OUTPUTS" "$T/wrapped.out" > "$T/wrapped.cmp"
  grep -v "^clock " "$T/alone.out" | cmp -s - "$T/wrapped.cmp"
}

responder "$S" ok
wrap ok $C -- -v
check "ok: P0F_STATUS=ok and the genre" has "$OUT" "env P0F_STATUS=ok"
check "ok: genre, detail, distance, bad_sw, os_match_q" \
  sh -c "grep -qx 'env P0F_GENRE=Linux' $OUT && grep -qx 'env P0F_DETAIL=2.2.x-3.x' $OUT && grep -qx 'env P0F_DISTANCE=0' $OUT && grep -qx 'env P0F_BAD_SW=0' $OUT && grep -qx 'env P0F_OS_MATCH_Q=2' $OUT"
check "ok: unknown fields are not exported" sh -c "! grep -q '^env P0F_\\(LINK\\|UPTIME\\|LAST_NAT\\|HTTP_NAME\\|TOS\\|SCORE\\)' $OUT"
check "ok: one query, exit 0" sh -c "[ $(queries "$S") = 1 ] && [ $RC = 0 ]"
check "ok: -v logs one info line and no warning" sh -c "[ \$(wc -l < $ERR) = 1 ] && grep -q '^p0f-wrap: info: 192.0.2.7 pid [0-9]*: ok genre=Linux detail=2.2.x-3.x distance=0, 1 query, [0-9.]* ms$' $ERR"
check "argv, environment, fds, signals and stdin reach the program unchanged" same_as_probe_alone
stop "$LASTPID"

responder "$S" full
t0=$(date +%s)
wrap full $C --
check "every p0f 3 field is exported" sh -c "for v in STATUS=ok GENRE=Windows 'DETAIL=7 or 8' DISTANCE=12 'LINK=Ethernet or modem' UPTIME=2 UPTIME_MIN=125 FIRST_SEEN=1700000000 TOTAL_CONN=7 UP_MOD_DAYS=49 LAST_NAT=1700000050 LAST_CHG=1700000060 BAD_SW=1 OS_MATCH_Q=2 HTTP_NAME=Firefox HTTP_FLAVOR=10.x LANGUAGE=English ADDR=192.0.2.7 ; do grep -qx \"env P0F_\$v\" $OUT || exit 1 ; done"
check "P0F_LAST_SEEN: this connection's, from p0f" sh -c "[ \$(sed -n 's/^env P0F_LAST_SEEN=//p' $OUT) -ge $t0 ]"
stop "$LASTPID"

responder "$S" nomatch nomatch nomatch ok
wrap nomatch3 $C -- -t 3000 -w 2000
check "no match 3 times then ok: p0f-wrap keeps asking" sh -c "grep -qx 'env P0F_STATUS=ok' $OUT && [ $(queries "$S") = 4 ]"
stop "$LASTPID"

responder "$S" nomatch
wrap nomatchforever $C -- -w 300 -t 5000
n=$(queries "$S")
check "no match for ever: P0F_STATUS=nomatch" has "$OUT" "env P0F_STATUS=nomatch"
# at the end of -w, not of -t: never before its last re-ask interval (10 ms), long before -t 5000
gave_up_at_wait () { [ "$ELAPSED" -ge 290 ] && [ "$ELAPSED" -lt 2500 ] && [ "$n" -ge 2 ] ; }
check "no match for ever: kept asking, gave up within the last re-ask interval (10 ms) of -w 300 ms ($ELAPSED ms, $n queries)" gave_up_at_wait
check "no match is not a warning" sh -c "! grep -q warning $ERR"
check "no match: nothing but P0F_STATUS and P0F_ADDR" sh -c "[ \$(grep '^env P0F_' $OUT | grep -vc '^env P0F_SOCKET=') = 2 ] && grep -qx 'env P0F_ADDR=192.0.2.7' $OUT"
wrap forged $C P0F_GENRE=Windows P0F_STATUS=ok P0F_DISTANCE=3 P0F_SCORE=99 P0F_SOCKET_EXTRA=keep -- -w 0
check "forged P0F_* variables are removed" sh -c "grep -qx 'env P0F_STATUS=nomatch' $OUT && ! grep -q 'P0F_GENRE\\|P0F_DISTANCE\\|P0F_SCORE' $OUT && grep -qx 'env P0F_SOCKET_EXTRA=keep' $OUT"
stop "$LASTPID"

wrap nosocket TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none --
check "no socket: P0F_STATUS=error, the program runs, exit 0" sh -c "grep -qx 'env P0F_STATUS=error' $OUT && grep -qx end $OUT && [ $RC = 0 ]"
check "no socket: one warning naming the client and the socket" sh -c "[ \$(wc -l < $ERR) = 1 ] && grep -q '^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: unable to connect to $T/none: No such file or directory$' $ERR"
wrap nosocketq TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none -- -q
check "-q: no warning at all" sh -c "[ ! -s $ERR ] && grep -qx 'env P0F_STATUS=error' $OUT"

responder "$S" ok
wrap ipv6 TCPREMOTEIP=2001:db8::1 P0F_SOCKET=$S --
check "IPv6 client: a type 6 query" sh -c "grep -qx 'env P0F_STATUS=ok' $OUT && tail -n 1 $S.log | grep -qx 'query6 2001:db8::1'"
wrap zone TCPREMOTEIP=fe80::1%lo P0F_SOCKET=$S --
check "IPv6 client with a %zone: the zone is ignored" sh -c "grep -qx 'env P0F_STATUS=ok' $OUT && tail -n 1 $S.log | grep -qx 'query6 fe80::1'"
wrap mapped TCPREMOTEIP=::ffff:192.0.2.9 P0F_SOCKET=$S --
check "mapped client: asked as IPv4" sh -c "grep -qx 'env P0F_STATUS=ok' $OUT && tail -n 1 $S.log | grep -qx 'query4 192.0.2.9'"
wrap mappedhex TCPREMOTEIP=::ffff:c000:20a P0F_SOCKET=$S --
check "mapped client in hex: asked as IPv4" sh -c "tail -n 1 $S.log | grep -qx 'query4 192.0.2.10'"
wrap tcp6 PROTO=TCP6 TCP6REMOTEIP=2001:db8::7 TCPREMOTEIP=192.0.2.1 P0F_SOCKET=$S --
check "PROTO=TCP6 reads TCP6REMOTEIP" sh -c "grep -qx 'env P0F_STATUS=ok' $OUT && tail -n 1 $S.log | grep -qx 'query6 2001:db8::7'"
wrap tcp6fallback PROTO=TCP6 TCPREMOTEIP=192.0.2.11 P0F_SOCKET=$S --
check "PROTO=TCP6 without TCP6REMOTEIP falls back to TCPREMOTEIP" sh -c "tail -n 1 $S.log | grep -qx 'query4 192.0.2.11'"
n=$(queries "$S")
wrap noaddr P0F_SOCKET=$S --
check "no client address: error, warning, nothing asked" sh -c "grep -qx 'env P0F_STATUS=error' $OUT && grep -q 'no client address: \$TCPREMOTEIP not set' $ERR && [ $(queries "$S") = $n ]"
wrap badaddr TCPREMOTEIP=300.1.1.1 P0F_SOCKET=$S --
check "invalid client address: error and a warning naming the variable" sh -c "grep -qx 'env P0F_STATUS=error' $OUT && grep -q 'invalid client address in \$TCPREMOTEIP' $ERR"
stop "$LASTPID"

wrap usage TCPREMOTEIP=192.0.2.7 -- -t abc
check "usage error: exit 100, nothing run" sh -c "[ $RC = 100 ] && [ ! -s $OUT ] && grep -q '^p0f-wrap: fatal: invalid timeout' $ERR"
wrap usage2 TCPREMOTEIP=192.0.2.7 -- -Z
check "unknown option: exit 100 with the usage line" sh -c "[ $RC = 100 ] && grep -q '^p0f-wrap: usage: ' $ERR"
env -i PATH="$PATH" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none "$P0F_WRAP" -q /nonexistent/prog > /dev/null 2> "$T/noexec.err"
rc=$?
check "exec failure: exit 127 with a fatal line" sh -c "[ $rc = 127 ] && grep -q '^p0f-wrap: fatal: 192.0.2.7 pid [0-9]*: unable to exec /nonexistent/prog' $T/noexec.err"

finish
