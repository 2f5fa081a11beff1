# Helpers for the tests that run tests/osprobe.c against the real p0f: p0f's
# own log (p0f -o) is the oracle that p0f-wrap's exports are compared to.

OSPROBE=$B/osprobe
# this run's tag: osprobe comments its rules with it (OSPROBE_TAG), and
# rules_left and remove_rules see only rules with it, never another run's
OSPROBE_TAG=osprobe-$$
export OSPROBE_TAG

require_firewall () {
  for require_firewall_tool in iptables ip6tables ; do
    command -v "$require_firewall_tool" > /dev/null || skip_all "$require_firewall_tool is missing (package iptables: run package/deps)"
  done
}

# start_p0f_log: tests/real.sh

# sport FILE: the source port osprobe says it used
sport () { sed -n 's/^# osprobe .* port \([0-9]*\) to .*/\1/p' "$1" ; }

# logline MOD CLIENT: p0f's last log line of that kind for CLIENT (addr/port), waited for up
# to 10 s (p0f writes it tens of ms after it answers the API); empty when there is none
logline () {
  wait_until grep -q "mod=$1|cli=$2|" "$T/p0f.out" 2>/dev/null
  logline_now "$@"
}

# logline_now MOD CLIENT: the same, not waited for (p0f writes a SYN's lines in one
# pass: syn, host change or ip sharing, mtu, uptime)
logline_now () { grep "mod=$1|cli=$2|" "$T/p0f.out" | tail -n 1 ; }

# fp_split OS: the genre and flavor (tab-separated) of the labels in p0f.fp's
# [tcp:request] that p0f logs as os=OS (e.g. s:unix:Mac OS X:10.x: "Mac OS X" "10.x")
fp_split () {
  awk -v os="$1" '
    /^\[/ { section = $0 }
    section == "[tcp:request]" && /^label *= */ {
      sub(/^label *= */, "")
      sub(/^[^:]*:[^:]*:/, "")
      genre = $0 ; sub(/:.*/, "", genre)
      flavor = substr($0, length(genre) + 2)
      if (genre (flavor == "" ? "" : " " flavor) == os) print genre "\t" flavor
    }' "${FP_FILE:-/etc/p0f/p0f.fp}" | sort -u
}

# same_genre FILE OS: p0f-wrap exported the genre and the flavor of OS's one label in p0f.fp
same_genre () {
  same_genre_split=$(fp_split "$2")
  [ -n "$same_genre_split" ] && [ "$(printf '%s\n' "$same_genre_split" | wc -l)" = 1 ] || { echo "#   p0f.fp has no single label for '$2': '$same_genre_split'" ; return 1 ; }
  agree "$1" P0F_GENRE "$(printf '%s\n' "$same_genre_split" | cut -f1)" && agree "$1" P0F_DETAIL "$(printf '%s\n' "$same_genre_split" | cut -f2)"
}

# near A B: two Unix times at most 1 s apart (p0f's log and its API each count whole seconds)
near () {
  case "$1$2" in ''|*[!0-9]*) return 1 ;; esac
  [ -n "$1" ] && [ -n "$2" ] && [ $(( $1 - $2 )) -le 1 ] && [ $(( $2 - $1 )) -le 1 ]
}

# same_host FILE ADDR: P0F_TOTAL_CONN is the number of SYNs in p0f's log that ADDR
# takes part in (p0f counts one for the client's record and one for the server's:
# ::1 to ::1 counts twice), P0F_FIRST_SEEN and P0F_LAST_SEEN the stamps of the first and the last
same_host () {
  grep -e "mod=syn|cli=$2/" -e "mod=syn|cli=[^|]*|srv=$2/" "$T/p0f.out" > "$T/syns"
  same_host_ok=0
  agree "$1" P0F_TOTAL_CONN "$(grep -o -e "|cli=$2/" -e "|srv=$2/" "$T/syns" | wc -l)" || same_host_ok=1
  same_host_first=$(logtime "$(head -n 1 "$T/syns")") same_host_last=$(logtime "$(tail -n 1 "$T/syns")")
  near "$(exported "$1" P0F_FIRST_SEEN)" "$same_host_first" || { echo "#   P0F_FIRST_SEEN: p0f-wrap exported '$(exported "$1" P0F_FIRST_SEEN)', p0f's first SYN from $2 at $same_host_first" ; same_host_ok=1 ; }
  near "$(exported "$1" P0F_LAST_SEEN)" "$same_host_last" || { echo "#   P0F_LAST_SEEN: p0f-wrap exported '$(exported "$1" P0F_LAST_SEEN)', p0f's last SYN from $2 at $same_host_last" ; same_host_ok=1 ; }
  return $same_host_ok
}

# field LINE NAME: a field of a p0f log line
field () { printf '%s\n' "$1" | tr '|' '\n' | sed -n "s/^$2=//p" ; }

# logtime LINE: p0f's log stamp of LINE in Unix seconds
logtime () { date -d "$(printf '%s\n' "$1" | sed -n 's/^\[\([^]]*\)\].*/\1/p')" +%s ; }

# exported FILE NAME: the value p0f-wrap exported, as the probe printed it
exported () { sed -n "s/^\\(S: \\)\\{0,1\\}env $2=//p" "$1" | head -n 1 ; }

# agree FILE NAME VALUE: p0f-wrap exported NAME=VALUE, or did not export NAME when VALUE is empty
agree () {
  if grep -q "^\\(S: \\)\\{0,1\\}env $2=" "$1" ; then agree_got=$(exported "$1" "$2") ; else agree_got= ; fi
  [ "$agree_got" = "$3" ] && return 0
  echo "#   $2: p0f-wrap exported '${agree_got}', p0f's log says '$3'"
  return 1
}

# same_as_log FILE CLIENT [ts]: every field p0f's log tells of CLIENT's SYN equals
# p0f-wrap's export; with ts (a timestamped SYN) p0f must have logged an uptime
same_as_log () {
  same_as_log_syn=$(logline syn "$2")
  [ -n "$same_as_log_syn" ] || { echo "#   no mod=syn line for $2 in p0f's log" ; return 1 ; }
  if [ "${3:-}" = ts ] ; then
    same_as_log_up=$(logline uptime "$2")
    [ -n "$same_as_log_up" ] || { echo "#   no mod=uptime line for $2 in p0f's log" ; return 1 ; }
  else
    same_as_log_up=$(logline_now uptime "$2")
  fi
  same_as_log_mtu=$(logline_now mtu "$2")
  same_as_log_os=$(field "$same_as_log_syn" os)
  same_as_log_dist=$(field "$same_as_log_syn" dist)
  same_as_log_params=$(field "$same_as_log_syn" params)
  same_as_log_ok=0
  agree "$1" P0F_STATUS ok || same_as_log_ok=1
  same_host "$1" "${2%/*}" || same_as_log_ok=1
  case "$same_as_log_os" in
    ''|'???') agree "$1" P0F_GENRE '' || same_as_log_ok=1 ; agree "$1" P0F_OS_MATCH_Q '' || same_as_log_ok=1 ;;
    *)
      same_genre "$1" "$same_as_log_os" || same_as_log_ok=1
      same_as_log_q=0
      case " $same_as_log_params " in *" fuzzy "*) same_as_log_q=$((same_as_log_q+1)) ;; esac
      case " $same_as_log_params " in *" generic "*) same_as_log_q=$((same_as_log_q+2)) ;; esac
      agree "$1" P0F_OS_MATCH_Q "$same_as_log_q" || same_as_log_ok=1 ;;
  esac
  case "$same_as_log_dist" in
    *[!0-9]*|'') agree "$1" P0F_DISTANCE '' || same_as_log_ok=1 ;;
    *) agree "$1" P0F_DISTANCE "$same_as_log_dist" || same_as_log_ok=1 ;;
  esac
  agree "$1" P0F_LINK "$(field "$same_as_log_mtu" link)" || same_as_log_ok=1
  if [ -n "$same_as_log_up" ] ; then
    set -- "$1" $(field "$same_as_log_up" uptime | sed 's/^\([0-9]*\) days \([0-9]*\) hrs \([0-9]*\) min (modulo \([0-9]*\) days)$/\1 \2 \3 \4/')
    same_as_log_min=$(( $2 * 1440 + $3 * 60 + $4 ))
    agree "$1" P0F_UPTIME_MIN "$same_as_log_min" || same_as_log_ok=1
    agree "$1" P0F_UPTIME "$((same_as_log_min / 60))" || same_as_log_ok=1
    agree "$1" P0F_UP_MOD_DAYS "$5" || same_as_log_ok=1
  else
    agree "$1" P0F_UPTIME_MIN '' || same_as_log_ok=1
  fi
  return $same_as_log_ok
}

# firewall_tool ADDR: iptables or ip6tables
firewall_tool () { case "$1" in *:*) echo ip6tables ;; *) echo iptables ;; esac ; }

# rules_left ADDR...: this run's osprobe rules (tagged $OSPROBE_TAG) left for these addresses
rules_left () {
  for rules_left_addr in "$@" ; do
    "$(firewall_tool "$rules_left_addr")" -S OUTPUT | grep -e "^-A OUTPUT -s $rules_left_addr/" | grep -e " --comment $OSPROBE_TAG -j "
  done
}

# remove_rules ADDR...: removes what rules_left finds (after a test failed or was killed),
# nothing of another run's
remove_rules () {
  for remove_rules_addr in "$@" ; do
    remove_rules_tool=$(firewall_tool "$remove_rules_addr")
    rules_left "$remove_rules_addr" | while read -r remove_rules_rule ; do
      eval "$remove_rules_tool -w $(echo "$remove_rules_rule" | sed 's/^-A /-D /')"
    done
  done
}
