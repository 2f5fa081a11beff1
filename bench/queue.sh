# p0f-queue's cost on the way into the queue: a 1 KB and a 50 MB message,
# fed as qmail-smtpd feeds $QMAILQUEUE (tests/qq-feed.c: pipes on fd 0 and 1),
# through p0f-queue into the qmail-queue stand-in, against cat through the
# same pipes into the same stand-in. Wall time from fork to reaped; peak RSS
# is the largest of the processes reaped (p0f-queue or cat, and the
# stand-in), so the stand-in's own peak is printed beside it. p0f-queue is
# linked statically by default, cat (coreutils) dynamically: the header line
# says which, and the medians are of SMALL_RUNS and BIG_RUNS runs per arm.
# Needs: P0F_QUEUE (or P0F_WRAP beside it), B. No root, no p0f.
. tests/lib.sh
QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}
SMALL_RUNS=${SMALL_RUNS:-300}
BIG_RUNS=${BIG_RUNS:-7}

head -c 1024 /dev/urandom > "$T/1k"
head -c 52428800 /dev/urandom > "$T/50m"
printf 'Fa@example.org\0Tb@example.net\0\0' > "$T/envelope"
export P0F_STATUS=ok P0F_GENRE=Windows P0F_DETAIL='7 or 8' P0F_DISTANCE=9 P0F_LINK='Ethernet or modem'
export P0F_QMAILQUEUE="$B/qq-recorder" QQ_RSS="$T/rss"

# one LABEL MESSAGE prog...: one run, its qq-feed line and the stand-in's
# own peak RSS appended to $T/LABEL; fails on anything but exit 0
one () {
  label=$1 msg=$2 ; shift 2
  line=$("$B/qq-feed" "$msg" "$T/envelope" "$@")
  case $line in "exit 0 answer 250 "*) ;; *) echo "bench run failed: $line" >&2 ; exit 1 ;; esac
  echo "$line $(cat "$T/rss")" >> "$T/$label"
}

# summary LABEL RUNS: median and p90 wall us, median peak RSS KiB, the
# stand-in's own median peak RSS KiB
nth () { sort -n | sed -n "$1p" ; }
summary () {
  med=$(( ($2 + 1) / 2 )) p90=$(( ($2 * 9 + 9) / 10 ))
  echo "$(awk '{ print $8 }' "$T/$1" | nth $med) $(awk '{ print $8 }' "$T/$1" | nth $p90)" \
    "$(awk '{ print $10 }' "$T/$1" | nth $med) $(awk '{ print $11 }' "$T/$1" | nth $med)"
}

# linked LABEL FILE: "static" or "dynamic": a dynamic binary pays for the
# dynamic loader at every start, which shows in the 1 KB times
linked () { if ldd "$2" > /dev/null 2>&1 ; then echo "$1 dynamic" ; else echo "$1 static" ; fi ; }
CAT=$(command -v cat)
echo "p0f-queue: $(wc -c < "$QUEUE") bytes; $(linked p0f-queue "$QUEUE"), $(linked cat "$CAT") (its start costs the dynamic loader); $(uname -srm), $(nproc) cores; runs alternate between the two arms"
printf '%-34s %10s %10s %9s %11s %11s\n' "" "median us" "p90 us" "MB/s" "peak KiB" "stand-in"
for size in 1k 50m ; do
  runs=$SMALL_RUNS ; [ $size = 50m ] && runs=$BIG_RUNS
  bytes=$(wc -c < "$T/$size")
  : > "$T/p0f-queue" ; : > "$T/cat"
  i=0
  while [ $i -lt "$runs" ] ; do
    one p0f-queue "$T/$size" "$QUEUE" || exit 1
    one cat "$T/$size" cat '|' "$B/qq-recorder" || exit 1
    i=$((i+1))
  done
  for which in p0f-queue cat ; do
    set -- $(summary $which "$runs")
    rate=- ; [ $size = 50m ] && rate=$(awk -v b="$bytes" -v u="$1" 'BEGIN { printf "%.0f", b / u }')
    printf '%-34s %10s %10s %9s %11s %11s\n' "$size, $which -> stand-in ($runs runs)" $1 $2 $rate $3 $4
  done
done
echo "   peak KiB: the largest of the processes reaped; above the stand-in's own, it is p0f-queue's (or cat's) own"
