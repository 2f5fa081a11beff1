# The real p0f 3.09b sees other systems: tests/osprobe.c connects from
# 127.0.0.x (and ::1) with a first SYN shaped like Windows 7/8, Windows XP,
# FreeBSD, Mac OS X, iOS, OpenBSD, Solaris, a far Linux, a fuzzy-TTL and a
# generic Windows, an unknown layout and an NMap scan, through the real
# tcpserver and p0f-wrap to the probe. p0f's own log (p0f -o) is the oracle:
# genre and flavor (as p0f.fp's label splits them), distance, link, uptime
# (required for every timestamped profile), os_match_q, the number of SYNs
# and the first and last seen stamps exported by p0f-wrap equal what p0f
# wrote. Then one address shows as Linux, Windows, Linux, Windows:
# P0F_LAST_CHG and P0F_LAST_NAT equal p0f's "host change" and "ip sharing"
# stamps. osprobe's rule comes first in OUTPUT (an earlier ACCEPT does not
# stop it), this run removes only its own rules (another run's survive), and
# every rule osprobe adds is gone at the end.
. tests/lib.sh
. tests/real.sh
. tests/osprobe.sh
require_root "the real-profiles test"
require_firewall

PORT=$($B/freeport)
PORT6=$($B/freeport)
ADDRS="::1 127.0.0.200 127.0.0.201 127.0.0.203"
# two rules this script adds itself, each scoped to an address of its own: an
# ACCEPT before osprobe's (as ufw's -o lo), and one as another run's osprobe
# would add (its tag extends this run's, as pid 12340 extends 1234)
ACCEPT_RULE="OUTPUT -s 127.0.0.203/32 -p tcp -m comment --comment $OSPROBE_TAG-accept -j ACCEPT"
FOREIGN_RULE="OUTPUT -s 127.0.0.202/32 -p tcp -m tcp --sport 9 --tcp-flags RST RST -m comment --comment ${OSPROBE_TAG}0 -j DROP"
own_rules_remove () {
  for rule in "$ACCEPT_RULE" "$FOREIGN_RULE" ; do
    # shellcheck disable=SC2086
    while iptables -w -C $rule 2>/dev/null ; do iptables -w -D $rule || break ; done
  done
}
trap 'remove_rules $ADDRS ; own_rules_remove ; cleanup' EXIT
start_p0f_log "$T/p0f.sock" "tcp dst port $PORT or tcp dst port $PORT6"
start_tcpserver "$PORT" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE"

# the oracle's own checks: p0f.fp splits "Mac OS X 10.x" one way only
check "p0f.fp's label for os=Mac OS X 10.x: genre 'Mac OS X', flavor '10.x'" \
  [ "$(fp_split 'Mac OS X 10.x')" = "$(printf 'Mac OS X\t10.x')" ]

# osprobe inserts its rule first: an ACCEPT already in OUTPUT for its address does not let the kernel's reset out
# shellcheck disable=SC2086
iptables -w -I $(echo "$ACCEPT_RULE" | sed 's/^OUTPUT /OUTPUT 1 /')
# shellcheck disable=SC2086
iptables -w -C $ACCEPT_RULE && had=yes || had=no
OUT=$T/accept.out ERR=$T/accept.err
"$OSPROBE" windows7 127.0.0.203 127.0.0.1 "$PORT" > "$OUT" 2> "$ERR"
rc=$?
# completed_past HAD RC OUT: the ACCEPT rule was in place (HAD yes), osprobe exited 0 (RC), and OUT says P0F_STATUS=ok
completed_past () { [ "$1" = yes ] && [ "$2" = 0 ] && grep -qx "S: env P0F_STATUS=ok" "$3" ; }
check "osprobe completes the connection with an ACCEPT for its address first in OUTPUT (rule in place: $had, exit $rc)" \
  completed_past "$had" "$rc" "$OUT"
# shellcheck disable=SC2086
iptables -w -D $ACCEPT_RULE

# remove_rules removes this run's rules only: another run's on a shared address survive
# shellcheck disable=SC2086
iptables -w -I $(echo "$FOREIGN_RULE" | sed 's/^OUTPUT /OUTPUT 1 /')
remove_rules 127.0.0.202
# shellcheck disable=SC2086
foreign_alone () { iptables -w -C $FOREIGN_RULE && [ -z "$(rules_left 127.0.0.202)" ] ; }
check "remove_rules leaves another run's rule (tag ${OSPROBE_TAG}0) alone, and rules_left does not count it" foreign_alone
# shellcheck disable=SC2086
iptables -w -D $FOREIGN_RULE

# log_says LINE OS: p0f's log LINE has the field OS between two bars
log_says () { case $1 in *"|$2|"*) return 0 ;; esac ; return 1 ; }
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
  forget "$pid"
  echo "$addr" > "$T/$prof.addr"
  OUT=$T/$prof.out ERR=$T/$prof.err
  want=$("$OSPROBE" -l | grep "^$prof	" | cut -f2)
  case ",$("$OSPROBE" -l | grep "^$prof	" | cut -f3)," in *,ts,*) ts=ts ;; *) ts= ;; esac
  syn=$(logline syn "$addr/$(sport "$OUT")")
  check "$prof: osprobe completed the connection (exit $rc)" [ "$rc" = 0 ]
  check "$prof: p0f's log says $want (${syn#*subj=cli|})" log_says "$syn" "$want"
  check "$prof: p0f-wrap's exports equal p0f's log${ts:+, an uptime included (P0F_UPTIME_MIN=$(exported "$OUT" P0F_UPTIME_MIN))}" \
    same_as_log "$OUT" "$addr/$(sport "$OUT")" $ts
done
check "windows-fuzzy: P0F_OS_MATCH_Q=1 (fuzzy)" agree "$T/windows-fuzzy.out" P0F_OS_MATCH_Q 1
check "windows-generic: P0F_OS_MATCH_Q=2 (generic)" agree "$T/windows-generic.out" P0F_OS_MATCH_Q 2
# ok_no_genre FILE: osprobe's FILE says P0F_STATUS=ok, and no P0F_GENRE
ok_no_genre () { grep -qx "S: env P0F_STATUS=ok" "$1" && ! grep -q "P0F_GENRE=" "$1" ; }
check "the unknown layout: P0F_STATUS=ok, no genre" ok_no_genre "$T/unknown.out"
# the oracle fails what it should: a wrong split of the same words (genre Mac, flavor OS X 10.x),
# one SYN too many, a last-seen stamp 2 s off
differs_from_log () { ! same_as_log "$@" > /dev/null ; }
macosx=$(cat "$T/macosx.addr")/$(sport "$T/macosx.out")
sed -e 's/^S: env P0F_GENRE=.*/S: env P0F_GENRE=Mac/' -e 's/^S: env P0F_DETAIL=.*/S: env P0F_DETAIL=OS X 10.x/' "$T/macosx.out" > "$T/macosx-split.out"
check "the oracle fails P0F_GENRE=Mac P0F_DETAIL='OS X 10.x' for p0f's os=Mac OS X 10.x" differs_from_log "$T/macosx-split.out" "$macosx" ts
n=$(exported "$T/macosx.out" P0F_TOTAL_CONN)
sed "s/^S: env P0F_TOTAL_CONN=.*/S: env P0F_TOTAL_CONN=$((n + 1))/" "$T/macosx.out" > "$T/macosx-conn.out"
check "the oracle fails P0F_TOTAL_CONN=$((n + 1)) for $n SYNs in p0f's log" differs_from_log "$T/macosx-conn.out" "$macosx" ts
n=$(exported "$T/macosx.out" P0F_LAST_SEEN)
sed "s/^S: env P0F_LAST_SEEN=.*/S: env P0F_LAST_SEEN=$((n + 2))/" "$T/macosx.out" > "$T/macosx-seen.out"
check "the oracle fails a P0F_LAST_SEEN 2 s after p0f's log" differs_from_log "$T/macosx-seen.out" "$macosx" ts

# IPv6: a one-shot UCSPI server on ::1 (Debian's tcpserver is IPv4 only)
OUT=$T/v6.out ERR=$T/accept1.err
background "$B/accept1" ::1 "$PORT6" "$P0F_WRAP" -v -s "$T/p0f.sock" "$PROBE" 2> "$ERR"
wait_until grep -q listening "$ERR"
"$OSPROBE" windows7 ::1 ::1 "$PORT6" > "$OUT" 2>&1
stop "$LASTPID"
check "IPv6 (::1, windows7): p0f-wrap's exports equal p0f's log" same_as_log "$OUT" "0:0:0:0:0:0:0:1/$(sport "$OUT")"
check "IPv6: p0f says Windows 7 or 8 at distance 9" lines "$OUT" 'S: env P0F_DETAIL=7 or 8' 'S: env P0F_DISTANCE=9'

# one address, Linux (the real kernel), then Windows, Linux, Windows, 2 s apart (p0f-wrap takes
# a record seen in the second before it started for this connection's: p0f counts whole seconds):
# p0f notes a host change, then IP sharing; P0F_LAST_CHG and P0F_LAST_NAT follow its log
logged () { [ -n "$(logline "$@")" ] ; }
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
  # p0f writes the host change and ip sharing lines before the mtu line of the same SYN
  port=$(exported "$OUT" TCPREMOTEPORT)
  check "round $round: p0f logged the connection (port ${port:-unknown})" logged mtu "$a/$port"
  check "round $round: P0F_TOTAL_CONN, P0F_FIRST_SEEN, P0F_LAST_SEEN as p0f's log of $a says" same_host "$OUT" "$a"
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

# osprobe killed in the middle of a connection removes its rule, for each common termination
# signal; the server holding the connection is accept1 exec'ing sleep: one pid, stopped by it
stop "$TCPSERVER_PID"
PORT_HOLD=$($B/freeport)
# holding TAG PID: OUTPUT has osprobe's rule (tagged TAG) for 127.0.0.201, and PID has exec'd sleep
holding () { iptables -S OUTPUT | grep -q -e "^-A OUTPUT -s 127.0.0.201/32 .* --comment $1 -j " && [ "$(cat "/proc/$2/comm")" = sleep ] ; }
# removed_own HAD RC LEFT: the rule was there (HAD 0), osprobe exited 111 (RC), no rule left (LEFT empty)
removed_own () { [ "$1" = 0 ] && [ "$2" = 111 ] && [ -z "$3" ] ; }
for sig in TERM INT HUP QUIT USR1 USR2 ALRM ; do
  OUT=$T/killed.$sig.out ERR=$T/killed.$sig.err
  background "$B/accept1" 127.0.0.1 "$PORT_HOLD" sleep 30 2> "$T/hold.err"
  HOLD_PID=$LASTPID
  wait_until grep -q listening "$T/hold.err"
  background "$OSPROBE" windows7 127.0.0.201 127.0.0.1 "$PORT_HOLD" > "$OUT" 2> "$ERR"
  # the connection is up once accept1 has exec'd sleep (same pid)
  wait_until holding "$OSPROBE_TAG" "$HOLD_PID"
  had=$?
  kill "-$sig" "$LASTPID"
  wait "$LASTPID"
  rc=$?
  forget "$LASTPID"
  check "osprobe killed by SIG$sig mid-connection (exit $rc) had a rule and removed it" \
    removed_own "$had" "$rc" "$(rules_left 127.0.0.201)"
  stop "$HOLD_PID"
  check "SIG$sig: the sleep that held the connection (pid $HOLD_PID) is stopped, not left behind" [ ! -e "/proc/$HOLD_PID" ]
done

check "p0f is still running" kill -0 "$P0F_PID"
left=$(rules_left $ADDRS)
check "no firewall rule left for the test's addresses" [ -z "$left" ]
[ -n "$left" ] && echo "# left: $left"
finish
