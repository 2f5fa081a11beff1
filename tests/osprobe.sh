# Helpers for the tests that run tests/osprobe.c against the real p0f: p0f's
# own log (p0f -o) is the oracle that p0f-wrap's exports are compared to.

OSPROBE=$B/osprobe

require_firewall () {
  for tool in iptables ip6tables ; do
    command -v "$tool" > /dev/null || { echo "not ok - $tool is missing: run package/deps" ; exit 1 ; }
  done
}

# start_p0f_log SOCKET FILTER: the real p0f on lo, its log in $T/p0f.out
start_p0f_log () {
  rm -f "$1"
  background p0f -i lo -s "$1" -o "$T/p0f.out" "$2" > "$T/p0f.err" 2>&1
  P0F_PID=$LASTPID
  wait_for -S "$1" || { echo "not ok - p0f did not start:" ; cat "$T/p0f.err" ; exit 1 ; }
}

# sport FILE: the source port osprobe says it used
sport () { sed -n 's/^# osprobe .* port \([0-9]*\) to .*/\1/p' "$1" ; }

# logline MOD CLIENT: p0f's last log line of that kind for CLIENT (addr/port), waited for
# (p0f writes it tens of ms after it answers the API)
logline () {
  wait_until grep -q "|cli=$2|.*" "$T/p0f.out" 2>/dev/null
  grep "mod=$1|cli=$2|" "$T/p0f.out" | tail -n 1
}

# field LINE NAME: a field of a p0f log line
field () { printf '%s\n' "$1" | tr '|' '\n' | sed -n "s/^$2=//p" ; }

# logtime LINE: p0f's log stamp of LINE in Unix seconds
logtime () { date -d "$(printf '%s\n' "$1" | sed -n 's/^\[\([^]]*\)\].*/\1/p')" +%s ; }

# exported FILE NAME: the value p0f-wrap exported, as the probe printed it
exported () { sed -n "s/^\\(S: \\)\\{0,1\\}env $2=//p" "$1" | head -n 1 ; }

# agree FILE NAME VALUE: p0f-wrap exported NAME=VALUE, or did not export NAME when VALUE is empty
agree () {
  if grep -q "^\\(S: \\)\\{0,1\\}env $2=" "$1" ; then got=$(exported "$1" "$2") ; else got= ; fi
  [ "$got" = "$3" ] && return 0
  echo "#   $2: p0f-wrap exported '${got}', p0f's log says '$3'"
  return 1
}

# same_as_log FILE CLIENT: every field p0f's log tells of CLIENT's SYN equals p0f-wrap's export
same_as_log () {
  syn=$(logline syn "$2")
  [ -n "$syn" ] || { echo "#   no mod=syn line for $2 in p0f's log" ; return 1 ; }
  mtu=$(logline mtu "$2")
  up=$(logline uptime "$2")
  os=$(field "$syn" os)
  dist=$(field "$syn" dist)
  params=$(field "$syn" params)
  ok=0
  agree "$1" P0F_STATUS ok || ok=1
  case "$os" in
    ''|'???') agree "$1" P0F_GENRE '' || ok=1 ; agree "$1" P0F_OS_MATCH_Q '' || ok=1 ;;
    *)
      genre=$(exported "$1" P0F_GENRE) detail=$(exported "$1" P0F_DETAIL)
      [ "$genre${detail:+ $detail}" = "$os" ] || { echo "#   genre and flavor: p0f-wrap '$genre' '$detail', p0f's log '$os'" ; ok=1 ; }
      q=0
      case " $params " in *" fuzzy "*) q=$((q+1)) ;; esac
      case " $params " in *" generic "*) q=$((q+2)) ;; esac
      agree "$1" P0F_OS_MATCH_Q "$q" || ok=1 ;;
  esac
  case "$dist" in
    *[!0-9]*|'') agree "$1" P0F_DISTANCE '' || ok=1 ;;
    *) agree "$1" P0F_DISTANCE "$dist" || ok=1 ;;
  esac
  agree "$1" P0F_LINK "$(field "$mtu" link)" || ok=1
  if [ -n "$up" ] ; then
    set -- "$1" $(field "$up" uptime | sed 's/^\([0-9]*\) days \([0-9]*\) hrs \([0-9]*\) min (modulo \([0-9]*\) days)$/\1 \2 \3 \4/')
    min=$(( $2 * 1440 + $3 * 60 + $4 ))
    agree "$1" P0F_UPTIME_MIN "$min" || ok=1
    agree "$1" P0F_UPTIME "$((min / 60))" || ok=1
    agree "$1" P0F_UP_MOD_DAYS "$5" || ok=1
  else
    agree "$1" P0F_UPTIME_MIN '' || ok=1
  fi
  return $ok
}

# rules_left ADDR...: the firewall rules osprobe left for these addresses
rules_left () {
  for a in "$@" ; do
    case "$a" in
      *:*) ip6tables -S OUTPUT ;;
      *) iptables -S OUTPUT ;;
    esac | grep -e "-s $a/" | grep osprobe
  done
}

# remove_rules ADDR...: removes what rules_left finds (after a test failed or was killed)
remove_rules () {
  rules_left "$@" | while read -r rule ; do
    case "$rule" in
      *::*) eval "ip6tables -w $(echo "$rule" | sed 's/^-A /-D /')" ;;
      *) eval "iptables -w $(echo "$rule" | sed 's/^-A /-D /')" ;;
    esac
  done
}
