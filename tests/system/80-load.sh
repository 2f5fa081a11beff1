# Load against the real p0f 3.09b and its default limit of 20 API clients:
# p0f first sees SYNs from 300 loopback addresses, then 300 p0f-wrap
# processes, released at once through a FIFO, ask about those clients.
# Every one must exec within its bound, and p0f must still be alive and
# answering afterwards. p0f runs as the example service directory runs it,
# under s6-svscan with its s6-log: the log must stay small (p0f writes a block
# per connection to stdout and floods stderr while clients wait for a slot).
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
require_root "the load test"

N=${LOAD_N:-300}
TIMEOUT=1000
PORT=$($B/freeport)
SOCK=$T/run/p0f.sock
SCAN=$T/scan
trap 's6_stop "$SCAN" ; cleanup ; [ "$FAILED" = 0 ] || exit 1' EXIT
s6_scandir "$SCAN" "$PORT" "$SOCK" true
rm -rf "$SCAN/qmail-smtpd"
s6_start "$SCAN"
wait_for -S "$SOCK" || { echo "not ok - p0f under s6 did not start:" ; cat "$T/log/p0f/current" ; exit 1 ; }
P0F_PID=$(s6_pid "$SCAN/p0f") || { echo "not ok - p0f under s6 is not up" ; exit 1 ; }
start_tcpserver "$PORT" true
addr () { echo "127.0.$(( $1 / 200 + 10 )).$(( $1 % 200 + 2 ))" ; }
i=0
while [ $i -lt $N ] ; do
  tcpclient -RHl0 -T 5 -i "$(addr $i)" 127.0.0.1 "$PORT" true 2>/dev/null
  i=$((i+1))
done
sleep 0.2

# the FIFO stays open for writing (fd 3) until every one has exited: one
# that reaches its open late still finds a writer and its line, never blocks
mkfifo "$T/go"
exec 3<> "$T/go"
mkdir "$T/load"
i=0
pids=
while [ $i -lt $N ] ; do
  ( exec 3>&- ; read -r _ < "$T/go" ; exec env -i PATH="$PATH" TCPREMOTEIP="$(addr $i)" "$P0F_WRAP" -v -t $TIMEOUT -s "$SOCK" "$PROBE" > "$T/load/$i.out" 2> "$T/load/$i.err" ) &
  pids="$pids $!"
  i=$((i+1))
done
sleep 0.5
start=$(now_ms)
i=0
while [ $i -lt $N ] ; do echo go ; i=$((i+1)) ; done >&3
for pid in $pids ; do wait "$pid" ; done
exec 3>&-
took=$(( $(now_ms) - start ))

ok=$(cat "$T"/load/*.out | grep -c '^env P0F_STATUS=ok$')
stale=$(cat "$T"/load/*.out | grep -c '^env P0F_STATUS=stale$')
nomatch=$(cat "$T"/load/*.out | grep -c '^env P0F_STATUS=nomatch$')
error=$(cat "$T"/load/*.out | grep -c '^env P0F_STATUS=error$')
ran=$(cat "$T"/load/*.out | grep -c '^end$')
# the bound tells giving up at -t from hanging, as robust's (tests/lib.sh): the milliseconds are printed, bench/ measures them
late=$(cat "$T"/load/*.err | sed -n 's/.*, \([0-9]*\)\.[0-9] ms$/\1/p' | awk -v b=$((TIMEOUT + 1000)) '$1 > b' | wc -l)
echo "# $N p0f-wrap processes at once, all done in $took ms: ok $ok, stale $stale (SYN seen over a second before), nomatch $nomatch, error $error"
echo "# time in p0f-wrap: $(cat "$T"/load/*.err | sed -n 's/.*, \([0-9.]*\) ms$/\1/p' | stats) ms"
echo "# queries: $(cat "$T"/load/*.err | sed -n 's/.*, \([0-9]*\) quer.*/\1/p' | stats)"
check "every one of the $N ran the program ($ran)" [ "$ran" = $N ]
check "every one gave up by its -t $TIMEOUT, within 1 s more ($late late)" [ "$late" = 0 ]
check "every one reported a status" [ $((ok + stale + nomatch + error)) = $N ]
# same_p0f PID: PID is alive, and it is the p0f s6 supervises
same_p0f () { kill -0 "$1" && [ "$(s6_pid "$SCAN/p0f")" = "$1" ] ; }
check "p0f is still alive, not restarted (pid $P0F_PID)" same_p0f "$P0F_PID"
tcpclient -RHl0 -T 5 -i "$(addr 7)" 127.0.0.1 "$PORT" true 2>/dev/null
wrap after TCPREMOTEIP="$(addr 7)" -- -s "$SOCK"
check "p0f still answers afterwards, for a new connection" has "$OUT" "env P0F_STATUS=ok"
sleep 0.5
p0f_log () { cat "$T/log/p0f/current" "$T"/log/p0f/@* 2>/dev/null ; }
log_bytes=$(p0f_log | wc -c)
log_lines=$(p0f_log | wc -l)
echo "# p0f's supervised log after the load: $log_bytes bytes, $log_lines lines ($(p0f_log | grep -c 'Too many API connections') 'Too many API connections', $(p0f_log | grep -c 'raw_sig') per-connection blocks)"
check "p0f's log stays under 4 KiB after $N connections and $N queries at once ($log_bytes bytes)" [ "$log_bytes" -lt 4096 ]
finish
