# The real p0f 3.09b sees other systems: tests/osprobe.c connects from
# 127.0.0.x (and ::1) with a first SYN shaped like Windows 7/8, Windows XP,
# FreeBSD, Mac OS X, iOS, OpenBSD, Solaris, a far Linux, a fuzzy-TTL and a
# generic Windows, an unknown layout and an NMap scan, through the real
# tcpserver and p0f-wrap to the probe. p0f's own log (p0f -o) is the oracle:
# genre and flavor, distance, link, uptime, os_match_q exported by p0f-wrap
# equal what p0f wrote. Then one address shows as Linux, Windows, Linux,
# Windows: P0F_LAST_CHG and P0F_LAST_NAT equal p0f's "host change" and "ip
# sharing" stamps. Every firewall rule osprobe adds is gone at the end.
. tests/lib.sh
. tests/real.sh
. tests/osprobe.sh
require_root "the real-profiles test"
require_firewall

PORT=$($B/freeport)
PORT6=$($B/freeport)
ADDRS="::1 127.0.0.200"
trap 'remove_rules $ADDRS ; cleanup' EXIT
start_p0f_log "$T/p0f.sock" "tcp dst port $PORT or tcp dst port $PORT6"
start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE"

# every profile at once, each from its own address (the timestamped ones wait 2 s between two SYNs)
i=10
jobs=
for prof in $("$OSPROBE" -l | cut -f1) ; do
  i=$((i+1))
  ADDRS="$ADDRS 127.0.0.$i"
  background "$OSPROBE" "$prof" "127.0.0.$i" 127.0.0.1 "$PORT" > "$T/$prof.out" 2> "$T/$prof.err"
  jobs="$jobs $LASTPID:$prof:127.0.0.$i"
done
for job in $jobs ; do
  pid=${job%%:*} rest=${job#*:}
  prof=${rest%%:*} addr=${rest#*:}
  wait "$pid"
  rc=$?
  OUT=$T/$prof.out ERR=$T/$prof.err
  want=$("$OSPROBE" -l | grep "^$prof	" | cut -f2)
  syn=$(logline syn "$addr/$(sport "$OUT")")
  check "$prof: osprobe completed the connection (exit $rc)" [ "$rc" = 0 ]
  check "$prof: p0f's log says $want (${syn#*subj=cli|})" sh -c 'case "$1" in *"|$2|"*) exit 0 ;; esac ; exit 1' x "$syn" "$want"
  check "$prof: p0f-wrap's exports equal p0f's log" same_as_log "$OUT" "$addr/$(sport "$OUT")"
done
check "the timestamped profiles got an uptime (freebsd: $(exported "$T/freebsd.out" P0F_UPTIME_MIN) min)" \
  sh -c '[ -n "$(sed -n "s/^S: env P0F_UPTIME_MIN=//p" "$1")" ]' x "$T/freebsd.out"
check "the unknown layout: P0F_STATUS=ok, no genre" sh -c 'grep -qx "S: env P0F_STATUS=ok" "$1" && ! grep -q "P0F_GENRE=" "$1"' x "$T/unknown.out"

# IPv6: a one-shot UCSPI server on ::1 (Debian's tcpserver is IPv4 only)
OUT=$T/v6.out ERR=$T/accept1.err
background "$B/accept1" ::1 "$PORT6" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE" 2> "$ERR"
wait_until grep -q listening "$ERR"
"$OSPROBE" windows7 ::1 ::1 "$PORT6" > "$OUT" 2>&1
check "IPv6 (::1, windows7): p0f-wrap's exports equal p0f's log" same_as_log "$OUT" "0:0:0:0:0:0:0:1/$(sport "$OUT")"
check "IPv6: p0f says Windows 7 or 8 at distance 9" sh -c 'grep -qx "S: env P0F_DETAIL=7 or 8" "$1" && grep -qx "S: env P0F_DISTANCE=9" "$1"' x "$OUT"

# one address, Linux (the real kernel), then Windows, Linux, Windows, 2 s apart (p0f-wrap takes
# a record seen in the second before it started for this connection's: p0f counts whole seconds):
# p0f notes a host change, then IP sharing; P0F_LAST_CHG and P0F_LAST_NAT follow its log
stamps_agree () { agree "$1" P0F_LAST_CHG "$2" && agree "$1" P0F_LAST_NAT "$3" ; }
a=127.0.0.200
round=0
for os in linux windows7 linux windows7 ; do
  round=$((round+1))
  sleep 2.1
  OUT=$T/change.$round ERR=$T/change.$round.err
  if [ "$os" = linux ] ; then
    connect "$a" "$PORT" > "$OUT" 2> "$ERR"
  else
    "$OSPROBE" "$os" "$a" 127.0.0.1 "$PORT" > "$OUT" 2> "$ERR"
  fi
  sleep 0.3
  chg=$(grep "mod=host change|cli=$a/" "$T/p0f.out" | tail -n 1)
  nat=$(grep "mod=ip sharing|cli=$a/" "$T/p0f.out" | tail -n 1)
  chg_t= nat_t=
  [ -n "$chg" ] && chg_t=$(logtime "$chg")
  [ -n "$nat" ] && nat_t=$(logtime "$nat")
  genre=$(exported "$OUT" P0F_GENRE)
  check "host change, round $round ($os, P0F_GENRE=$genre): P0F_LAST_CHG=${chg_t:-unset} and P0F_LAST_NAT=${nat_t:-unset} as p0f's log says" \
    stamps_agree "$OUT" "$chg_t" "$nat_t"
  case "$os" in
    linux) check "round $round: the kernel's SYN is Linux" [ "$genre" = Linux ] ;;
    *) check "round $round: osprobe's SYN is Windows" [ "$genre" = Windows ] ;;
  esac
done
check "p0f logged a host change for $a" grep -q "mod=host change|cli=$a/" "$T/p0f.out"
check "p0f logged IP sharing for $a" grep -q "mod=ip sharing|cli=$a/" "$T/p0f.out"

# osprobe killed in the middle of a connection removes its rule
OUT=$T/killed.out ERR=$T/killed.err
stop "$TCPSERVER_PID"
start_tcpserver "$PORT" sleep 30
background "$OSPROBE" windows7 127.0.0.201 127.0.0.1 "$PORT" > "$OUT" 2> "$ERR"
ADDRS="$ADDRS 127.0.0.201"
wait_until sh -c 'iptables -S OUTPUT | grep -q -e "-s 127.0.0.201/32.*osprobe"'
had=$?
kill -TERM "$LASTPID"
wait "$LASTPID"
rc=$?
check "osprobe killed mid-connection (exit $rc) had a rule and removed it" sh -c "[ $had = 0 ] && [ $rc = 111 ] && [ -z \"\$(iptables -S OUTPUT | grep -e '-s 127.0.0.201/32')\" ]"

check "p0f is still running" kill -0 "$P0F_PID"
left=$(rules_left $ADDRS)
check "no firewall rule left for the test's addresses" [ -z "$left" ]
[ -n "$left" ] && echo "# left: $left"
finish
