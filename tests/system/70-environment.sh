# Bad input from the environment: each gives a clear warning (or is handled
# as the docs say), the mail flows, and every invariant holds. Bad values on
# the command line are usage errors: exit 100, nothing run.
. tests/lib.sh

S=$T/p0f.sock
responder "$S" ok
INPUTS=0
bad () { INPUTS=$((INPUTS+1)) ; robust "$@" ; }
warns () { grep -q "^p0f-wrap: warning: .*$1" "$ERR" ; }
# quiet_query LINE: the responder's last query was LINE, nothing on stderr
quiet_query () { last_query "$1" && [ ! -s "$ERR" ] ; }
# cut_short REGEX: at most 250 bytes on stderr, and a line matches REGEX
cut_short () { [ "$(wc -c < "$ERR")" -le 250 ] && grep -q -- "$1" "$ERR" ; }

bad "no TCPREMOTEIP" error 1000 P0F_SOCKET=$S --
check "no TCPREMOTEIP: the warning names it" warns 'no client address: \$TCPREMOTEIP not set'
bad "empty TCPREMOTEIP" error 1000 P0F_SOCKET=$S TCPREMOTEIP= --
check "empty TCPREMOTEIP: the warning names it" warns 'invalid client address in \$TCPREMOTEIP'
bad "TCPREMOTEIP=300.1.1.1" error 1000 P0F_SOCKET=$S TCPREMOTEIP=300.1.1.1 --
bad "TCPREMOTEIP=1.2.3.4x" error 1000 P0F_SOCKET=$S TCPREMOTEIP=1.2.3.4x --
bad "TCPREMOTEIP=::ffff:1.2.3.4 is the IPv4 client it maps" ok 1000 P0F_SOCKET=$S TCPREMOTEIP=::ffff:1.2.3.4 --
check "::ffff:1.2.3.4: asked as 1.2.3.4, no warning" quiet_query 'query4 1.2.3.4'
bad "TCPREMOTEIP=2001:db8::1%eth0 drops the zone" ok 1000 P0F_SOCKET=$S TCPREMOTEIP=2001:db8::1%eth0 --
bad "an IPv6 client with -2" error 1000 P0F_SOCKET=$S TCPREMOTEIP=2001:db8::1 TCPREMOTEPORT=1 TCPLOCALIP=192.0.2.1 TCPLOCALPORT=25 -- -2
check "IPv6 with -2: the warning says why" warns 'p0f 2 cannot look up IPv6 clients'
junk=$(head -c 65536 /dev/zero | tr '\0' 'Z')
bad "64 KiB of junk in TCPREMOTEIP" error 1000 P0F_SOCKET=$S "TCPREMOTEIP=$junk" --
# shellcheck disable=SC2016
check "64 KiB of junk: the address is cut short in the warning, the value at 40 bytes" \
  cut_short 'ZZZ\.\.\. pid [0-9]*: invalid client address in \$TCPREMOTEIP: Z\{40\}\.\.\.$'
high=$(printf 'caf\351\033[2J\001\177')
bad "non-ASCII and control bytes in TCPREMOTEIP" error 1000 P0F_SOCKET=$S "TCPREMOTEIP=$high" --
check "non-ASCII bytes: replaced by ? in the warning" grep -q '^p0f-wrap: warning: caf??\[2J?? pid' "$ERR"
bad "PROTO=TCP6 without TCP6REMOTEIP or TCPREMOTEIP" error 1000 P0F_SOCKET=$S PROTO=TCP6 --
check "PROTO=TCP6: the warning names both variables" warns 'no client address: \$TCP6REMOTEIP and \$TCPREMOTEIP not set'
bad "PROTO=TCP6 without TCP6REMOTEIP falls back to TCPREMOTEIP" ok 1000 P0F_SOCKET=$S PROTO=TCP6 TCPREMOTEIP=192.0.2.7 --
bad "PROTO set to junk, no address" error 1000 P0F_SOCKET=$S "PROTO=$high" --
bad "PROTO set to junk, TCPREMOTEIP set" ok 1000 P0F_SOCKET=$S "PROTO=$high" TCPREMOTEIP=192.0.2.7 --
for t in abc 0 -5 99999999999 1e3 "" ; do
  bad "P0F_TIMEOUT='$t'" ok 1000 P0F_SOCKET=$S TCPREMOTEIP=192.0.2.7 "P0F_TIMEOUT=$t" --
  check "P0F_TIMEOUT='$t': a warning with the value, the default used" warns "invalid \\\$P0F_TIMEOUT $t (milliseconds, 1 to 600000), using the default, 1000\$"
done
# the compiled-in default is the machine's: a p0f running there would answer
if [ -e /run/p0f/p0f.sock ] ; then
  skip "P0F_SOCKET empty: the default socket is used" "/run/p0f/p0f.sock exists on this machine"
else
  bad "P0F_SOCKET empty" error 1000 P0F_SOCKET= TCPREMOTEIP=192.0.2.7 --
  check "P0F_SOCKET empty: one warning line, with the default socket" warns 'invalid \$P0F_SOCKET (empty), using the default, /run/p0f/p0f.sock; unable to connect to /run/p0f/p0f.sock'
fi
bad "P0F_SOCKET a 4 KiB path" error 1000 "P0F_SOCKET=/$(head -c 4096 /dev/zero | tr '\0' 'a')" TCPREMOTEIP=192.0.2.7 --
bad "P0F_SOCKET a directory" error 1000 P0F_SOCKET=/ TCPREMOTEIP=192.0.2.7 --
bad "forged P0F_* outputs" error 1000 P0F_SOCKET=$T/none TCPREMOTEIP=192.0.2.7 P0F_STATUS=ok P0F_GENRE=Linux P0F_SCORE=100 P0F_MFLAGS=1 P0F_LAST_NAT=1 -- -w 0 -t 1
check "forged outputs: all removed" none "$OUT" '^env P0F_\(GENRE\|SCORE\|MFLAGS\|LAST_NAT\)='
stop "$LASTPID"

# usage_refused: exit 100 (rc), nothing on stdout, one fatal or usage line on stderr
usage_refused () {
  [ "$rc" = 100 ] && [ ! -s "$T/usage.out" ] && [ "$(wc -l < "$T/usage.err")" = 1 ] && grep -q '^p0f-wrap: \(fatal\|usage\): ' "$T/usage.err"
}
usage () {
  INPUTS=$((INPUTS+1))
  env -i PATH="$PATH" TCPREMOTEIP=192.0.2.7 "$P0F_WRAP" "$@" "$PROBE" > "$T/usage.out" 2> "$T/usage.err"
  rc=$?
  check "command line $*: exit 100, nothing run, one fatal or usage line" usage_refused
}
usage -t abc
usage -t 0
usage -t 600001
usage -w soon
usage -w -1
usage -l 10.0.0.300
usage -l ""
usage -2 -l ::1
usage -s ""
usage -Z

echo "# bad inputs tried: $INPUTS"
finish
