# make bench: what p0f-wrap costs a mail server, measured. Prints a table.
. tests/lib.sh
. tests/real.sh
require_root "make bench (the real p0f captures packets)"
DYNAMIC_WRAP=$(pwd)/build-dynamic/p0f-wrap
RUNS=${RUNS:-2000}
SECS=${SECS:-5}
trap 'exit 1' INT

echo "p0f-wrap benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(uname -srm), $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "p0f-wrap: $(wc -c < "$P0F_WRAP") bytes fully static (the default), $(wc -c < "$DYNAMIC_WRAP") bytes with libc dynamic (make STATIC=)"
echo

# 1. one wrapped exec against an instantly answering responder
S=$T/p0f.sock
responder "$S" ok
R3=$LASTPID
export TCPREMOTEIP=192.0.2.7 P0F_SOCKET="$S"
echo "1. one exec, $RUNS runs each (microseconds, fork to reaped; peak RSS of the whole run)"
printf '%-44s %8s %8s %9s\n' "" median p95 "RSS KiB"
set -- $($B/execbench "$RUNS" /bin/true) ; printf '%-44s %8s %8s %9s\n' "/bin/true alone" $1 $2 $3 ; base=$1
set -- $($B/execbench "$RUNS" "$B/nullwrap" /bin/true) ; printf '%-44s %8s %8s %9s\n' "nullwrap /bin/true (exec only, static)" $1 $2 $3 ; null=$1
set -- $($B/execbench "$RUNS" "$P0F_WRAP" /bin/true) ; printf '%-44s %8s %8s %9s\n' "p0f-wrap /bin/true (p0f 3), fully static" $1 $2 $3 ; sta=$1
set -- $($B/execbench "$RUNS" "$DYNAMIC_WRAP" /bin/true) ; printf '%-44s %8s %8s %9s\n' "p0f-wrap /bin/true (p0f 3), libc dynamic" $1 $2 $3 ; dyn=$1
echo "   added per exec, median: $((sta - base)) us fully static, $((dyn - base)) us libc dynamic; a do-nothing static wrapper adds $((null - base)) us"
set -- $($B/execbench 500 "$P0F_WRAP" /nonexistent 2>/dev/null) ; rss_static=$3
set -- $($B/execbench 500 "$DYNAMIC_WRAP" /nonexistent 2>/dev/null) ; rss=$3
echo "   peak RSS of p0f-wrap alone before exec: $rss_static KiB fully static, $rss KiB libc dynamic"
ins_static=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$P0F_WRAP" /nonexistent 2>&1 | sed -n 's/.*Collected : //p')
ins=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$DYNAMIC_WRAP" /nonexistent 2>&1 | sed -n 's/.*Collected : //p')
ins_true=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null /bin/true 2>&1 | sed -n 's/.*Collected : //p')
echo "   instructions (callgrind, up to the exec): $ins_static fully static, $ins libc dynamic; /bin/true: $ins_true"
stop "$R3"
echo

echo "3. p0f 2 against the test responder, $RUNS runs"
RESPONDER_OPTS="-2 -c 192.0.2.7:40000 -S 203.0.113.5:25" responder "$S" ok
R2=$LASTPID
export TCPREMOTEPORT=40000 TCPLOCALIP=203.0.113.5 TCPLOCALPORT=25
set -- $($B/execbench "$RUNS" "$P0F_WRAP" -2 /bin/true) ; printf '%-44s %8s %8s %9s\n' "p0f-wrap -2 /bin/true, fully static" $1 $2 $3
echo "   added per exec, median: $(($1 - base)) us"
stop "$R2"
unset TCPREMOTEIP P0F_SOCKET TCPREMOTEPORT TCPLOCALIP TCPLOCALPORT
echo

echo "2. the chain with the real p0f 3.09b on lo: tcpserver in front of a trivial program, ${SECS} s per run, every connection from a new address"
PLAIN=$($B/freeport)
start_tcpserver "$PLAIN" "$B/status"
TPLAIN=$TCPSERVER_PID
mv "$T/tcpserver.err" "$T/plain.err"
WRAPPED=$($B/freeport)
start_p0f "$T/real.sock" "$PLAIN or tcp dst port $WRAPPED"
start_tcpserver "$WRAPPED" "$P0F_WRAP" -v -s "$T/real.sock" "$B/status"
printf '%-7s %-10s %9s %6s %9s %9s %12s %12s %10s\n' clients arm conn/s "ok %" "med us" "p99 us" "added med" "added p99" ratio
net=20
for c in 1 10 50 ; do
  set -- $($B/connbench "$PLAIN" $c "$SECS" $net) ; net=$((net + c))
  pr=$1 pm=$3 p9=$4
  printf '%-7s %-10s %9s %6s %9s %9s\n' $c without $1 - $3 $4
  : > "$T/tcpserver.err"
  set -- $($B/connbench "$WRAPPED" $c "$SECS" $net) ; net=$((net + c))
  printf '%-7s %-10s %9s %6s %9s %9s %12s %12s %10s\n' $c with $1 $2 $3 $4 $(($3 - pm)) $(($4 - p9)) "$(awk -v a=$1 -v b=$pr 'BEGIN { printf "%.2f", a / b }')"
  grep -a '^p0f-wrap: info' "$T/tcpserver.err" > "$T/info.$c"
  echo "        inside p0f-wrap: $(sed -n 's/.*, \([0-9.]*\) ms$/\1/p' "$T/info.$c" | stats) ms; queries $(sed -n 's/.*, \([0-9]*\) quer.*/\1/p' "$T/info.$c" | stats)"
done
set -- $($B/lagprobe "$PLAIN" "$T/real.sock" 200 $net)
echo "p0f's own lag, connect() to its first ok, polled every 0.1 ms, 200 new clients: median $1 us, p90 $2 us, worst $3 us"
check "p0f survived the benchmark" kill -0 "$P0F_PID"
echo

echo "4. p0f-queue: a message on its way into the queue, against cat through the same pipes"
sh bench/queue.sh
