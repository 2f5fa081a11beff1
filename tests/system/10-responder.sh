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

# asked_exit N CODE: the responder counts N queries, p0f-wrap exited CODE
asked_exit () { [ "$(queries "$S")" = "$1" ] && [ "$RC" = "$2" ] ; }
# ran_with STATUS: P0F_STATUS=STATUS, the program ran to its end, exit 0
ran_with () { status_is "$1" && lines "$OUT" end && [ "$RC" = 0 ] ; }
# asked_as LINE: P0F_STATUS=ok, and the last query was LINE (query4 ADDR, query6 ADDR)
asked_as () { status_is ok && last_query "$1" ; }
# error_unasked REGEX N: P0F_STATUS=error, a line of $ERR matches REGEX, the responder still counts N queries
error_unasked () { error_says "$1" && [ "$(queries "$S")" = "$2" ] ; }
# nothing_run REGEX: exit 100, nothing on stdout, a line of $ERR matches REGEX
nothing_run () { [ ! -s "$OUT" ] && exit_says 100 "$1" ; }

responder "$S" ok
wrap ok $C -- -v
check "ok: P0F_STATUS=ok and the genre" has "$OUT" "env P0F_STATUS=ok"
check "ok: genre, detail, distance, bad_sw, os_match_q" \
  lines "$OUT" 'env P0F_GENRE=Linux' 'env P0F_DETAIL=2.2.x-3.x' 'env P0F_DISTANCE=0' 'env P0F_BAD_SW=0' 'env P0F_OS_MATCH_Q=2'
check "ok: unknown fields are not exported" none "$OUT" '^env P0F_\(LINK\|UPTIME\|LAST_NAT\|HTTP_NAME\|TOS\|SCORE\)'
check "ok: one query, exit 0" asked_exit 1 0
check "ok: -v logs one info line and no warning" one_line '^p0f-wrap: info: 192.0.2.7 pid [0-9]*: ok genre=Linux detail=2.2.x-3.x distance=0, 1 query, [0-9.]* ms$'
check "argv, environment, fds, signals and stdin reach the program unchanged" same_as_probe_alone
stop "$LASTPID"

responder "$S" full
t0=$(date +%s)
wrap full $C --
check "every p0f 3 field is exported" lines "$OUT" 'env P0F_STATUS=ok' 'env P0F_GENRE=Windows' 'env P0F_DETAIL=7 or 8' 'env P0F_DISTANCE=12' \
  'env P0F_LINK=Ethernet or modem' 'env P0F_UPTIME=2' 'env P0F_UPTIME_MIN=125' 'env P0F_FIRST_SEEN=1700000000' 'env P0F_TOTAL_CONN=7' \
  'env P0F_UP_MOD_DAYS=49' 'env P0F_LAST_NAT=1700000050' 'env P0F_LAST_CHG=1700000060' 'env P0F_BAD_SW=1' 'env P0F_OS_MATCH_Q=2' \
  'env P0F_HTTP_NAME=Firefox' 'env P0F_HTTP_FLAVOR=10.x' 'env P0F_LANGUAGE=English' 'env P0F_ADDR=192.0.2.7'
# seen_since SECOND: P0F_LAST_SEEN is SECOND or later
seen_since () { [ "$(sed -n 's/^env P0F_LAST_SEEN=//p' "$OUT")" -ge "$1" ] ; }
check "P0F_LAST_SEEN: this connection's, from p0f" seen_since "$t0"
stop "$LASTPID"

responder "$S" nomatch nomatch nomatch ok
wrap nomatch3 $C -- -t 3000 -w 2000
check "no match 3 times then ok: p0f-wrap keeps asking" ok_after 4
stop "$LASTPID"

responder "$S" nomatch
wrap nomatchforever $C -- -w 300 -t 5000
n=$(queries "$S")
check "no match for ever: P0F_STATUS=nomatch" has "$OUT" "env P0F_STATUS=nomatch"
# at the end of -w, not of -t: never before its last re-ask interval (10 ms), long before -t 5000
gave_up_at_wait () { [ "$ELAPSED" -ge 290 ] && [ "$ELAPSED" -lt 2500 ] && [ "$n" -ge 2 ] ; }
check "no match for ever: kept asking, gave up within the last re-ask interval (10 ms) of -w 300 ms ($ELAPSED ms, $n queries)" gave_up_at_wait
check "no match is not a warning" none "$ERR" warning
# status_and_addr_only: of the P0F_* variables but P0F_SOCKET, two are set, and one is P0F_ADDR=192.0.2.7
status_and_addr_only () { [ "$(grep '^env P0F_' "$OUT" | grep -vc '^env P0F_SOCKET=')" = 2 ] && lines "$OUT" 'env P0F_ADDR=192.0.2.7' ; }
check "no match: nothing but P0F_STATUS and P0F_ADDR" status_and_addr_only
wrap forged $C P0F_GENRE=Windows P0F_STATUS=ok P0F_DISTANCE=3 P0F_SCORE=99 P0F_SOCKET_EXTRA=keep -- -w 0
# forged_removed: nomatch, none of the forged P0F_GENRE, P0F_DISTANCE, P0F_SCORE, and P0F_SOCKET_EXTRA kept
forged_removed () { status_is nomatch && none "$OUT" 'P0F_GENRE\|P0F_DISTANCE\|P0F_SCORE' && lines "$OUT" 'env P0F_SOCKET_EXTRA=keep' ; }
check "forged P0F_* variables are removed" forged_removed
stop "$LASTPID"

wrap nosocket TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none --
check "no socket: P0F_STATUS=error, the program runs, exit 0" ran_with error
check "no socket: one warning naming the client and the socket" one_line "^p0f-wrap: warning: 192.0.2.7 pid [0-9]*: unable to connect to $T/none: No such file or directory\$"
wrap nosocketq TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none -- -q
check "-q: no warning at all" quiet error

responder "$S" ok
wrap ipv6 TCPREMOTEIP=2001:db8::1 P0F_SOCKET=$S --
check "IPv6 client: a type 6 query" asked_as 'query6 2001:db8::1'
wrap zone TCPREMOTEIP=fe80::1%lo P0F_SOCKET=$S --
check "IPv6 client with a %zone: the zone is ignored" asked_as 'query6 fe80::1'
wrap mapped TCPREMOTEIP=::ffff:192.0.2.9 P0F_SOCKET=$S --
check "mapped client: asked as IPv4" asked_as 'query4 192.0.2.9'
wrap mappedhex TCPREMOTEIP=::ffff:c000:20a P0F_SOCKET=$S --
check "mapped client in hex: asked as IPv4" last_query 'query4 192.0.2.10'
wrap tcp6 PROTO=TCP6 TCP6REMOTEIP=2001:db8::7 TCPREMOTEIP=192.0.2.1 P0F_SOCKET=$S --
check "PROTO=TCP6 reads TCP6REMOTEIP" asked_as 'query6 2001:db8::7'
wrap tcp6fallback PROTO=TCP6 TCPREMOTEIP=192.0.2.11 P0F_SOCKET=$S --
check "PROTO=TCP6 without TCP6REMOTEIP falls back to TCPREMOTEIP" last_query 'query4 192.0.2.11'
n=$(queries "$S")
wrap noaddr P0F_SOCKET=$S --
check "no client address: error, warning, nothing asked" error_unasked "no client address: \$TCPREMOTEIP not set" "$n"
wrap badaddr TCPREMOTEIP=300.1.1.1 P0F_SOCKET=$S --
check "invalid client address: error and a warning naming the variable" error_says "invalid client address in \$TCPREMOTEIP"
stop "$LASTPID"

wrap usage TCPREMOTEIP=192.0.2.7 -- -t abc
check "usage error: exit 100, nothing run" nothing_run '^p0f-wrap: fatal: invalid timeout'
wrap usage2 TCPREMOTEIP=192.0.2.7 -- -Z
check "unknown option: exit 100 with the usage line" exit_says 100 '^p0f-wrap: usage: '
env -i PATH="$PATH" TCPREMOTEIP=192.0.2.7 P0F_SOCKET=$T/none "$P0F_WRAP" -q /nonexistent/prog > /dev/null 2> "$T/noexec.err"
rc=$?
# exec_failed: exit 127 (rc), a fatal line in $T/noexec.err naming the program
exec_failed () { [ "$rc" = 127 ] && grep -q '^p0f-wrap: fatal: 192.0.2.7 pid [0-9]*: unable to exec /nonexistent/prog' "$T/noexec.err" ; }
check "exec failure: exit 127 with a fatal line" exec_failed

finish
