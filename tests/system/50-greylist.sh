# The greylisting steps of doc/examples (execline and sh). First the step
# alone, its exact output environment for every status, genre and upstream
# value of the greylister's variable, with the default settings, a genre
# list of two and each recipe's settings (greylite, jgreylist, s/qmail);
# then behind the real tcpserver and p0f-wrap, against the test responder
# answering Windows for 127.0.0.2 and Linux for 127.0.0.3, with GREYLIST=""
# set upstream as greylite's manual puts it in tcprules.
. tests/lib.sh
. tests/real.sh

STEPS="greylist-windows greylist-windows.sh"
STATUSES="ok stale nomatch error skipped unset"
GENRES="Windows|Linux|Mac OS X|-n|(|*|"

# expected SETTINGS STATUS GENRE: the greylister's variable the step must
# leave (one line VAR=VALUE, or nothing), from the settings in $SET_LIST
# (the genres named, one per line), $SET_VAR, $SET_VALUE, $SET_INVERT
expected () {
  named=
  case $1 in
    ok|stale) [ -n "$2" ] && printf '%s\n' "$SET_LIST" | grep -qxF -e "$2" && named=1 ;;
  esac
  if [ -n "$named" ] && [ -z "$SET_INVERT" ] ; then echo "$SET_VAR=$SET_VALUE"
  elif [ -z "$named" ] && [ -n "$SET_INVERT" ] ; then echo "$SET_VAR="
  fi
}

# step_env STEP SETTINGS UPSTREAM STATUS GENRE: the step's output
# environment, sorted, but for PATH (execlineb prepends its own directory)
# and PWD (dash exports it)
step_env () {
  step=$1 settings=$2 upstream=$3 status=$4 genre=$5
  set -- PATH=/usr/bin:/bin P0F_DETAIL=2.2.x-3.x P0F_DISTANCE=0 TCPREMOTEIP=127.0.0.9
  [ "$status" = unset ] || set -- "$@" "P0F_STATUS=$status"
  [ -z "$genre" ] || set -- "$@" "P0F_GENRE=$genre"
  [ "$status" = skipped ] && set -- "$@" P0F_SKIP=
  # the settings: one VAR=VALUE a line
  nl='
'
  IFS=$nl
  # shellcheck disable=SC2086
  set -- "$@" $settings
  unset IFS
  [ -z "$upstream" ] || set -- "$@" "$upstream"
  "$B/envexec" "$@" -- "doc/examples/$step" /usr/bin/env | grep -v -e '^PATH=' -e '^PWD=' | LC_ALL=C sort
}

# table STEP NAME SETTINGS UPSTREAM...: one check per status: for each genre
# and each upstream value, the output is the input without any copy of the
# variable, plus what expected says
table () {
  step=$1 what=$2 settings=$3 ; shift 3
  for status in $STATUSES ; do
    wrong=
    for upstream in "" "$@" ; do
      IFS='|'
      for genre in $GENRES ; do
        unset IFS
        step_env "$step" "$settings" "$upstream" "$status" "$genre" > "$T/got"
        {
          echo P0F_DETAIL=2.2.x-3.x ; echo P0F_DISTANCE=0 ; echo TCPREMOTEIP=127.0.0.9
          [ "$status" = unset ] || echo "P0F_STATUS=$status"
          [ -z "$genre" ] || echo "P0F_GENRE=$genre"
          [ "$status" = skipped ] && echo P0F_SKIP=
          [ -z "$settings" ] || printf '%s\n' "$settings"
          expected "$status" "$genre"
        } | LC_ALL=C sort > "$T/want"
        cmp -s "$T/want" "$T/got" || wrong="$wrong [genre '$genre', upstream '${upstream:-none}': got $(grep "^$SET_VAR=" "$T/got" | tr '\n' ' ')$(diff "$T/want" "$T/got" | grep '^[<>]' | tr '\n' ' ')]"
        IFS='|'
      done
      unset IFS
    done
    check "$step, $what: status $status: the exact environment for each genre, without the variable upstream$(for u in "$@" ; do printf ", with %s" "$u" ; done)${wrong:+:$wrong}" [ -z "$wrong" ]
  done
}

for step in $STEPS ; do
  SET_LIST=Windows SET_VAR=GREYLIST SET_VALUE=1 SET_INVERT=''
  table "$step" "default settings (greylite)" "" "GREYLIST=" "GREYLIST=1"
  SET_LIST=$(printf 'Windows\nMac OS X')
  table "$step" "two genres" "GREYLIST_GENRES=Windows|Mac OS X" "GREYLIST="
  SET_LIST=Windows SET_VAR=JGREYLIST SET_VALUE='' SET_INVERT=1
  table "$step" "jgreylist (inverted)" "$(printf 'GREYLIST_VAR=JGREYLIST\nGREYLIST_INVERT=1')" "JGREYLIST=" "JGREYLIST=go away"
  SET_VAR=POSTGREY SET_VALUE='127.0.0.1;10023' SET_INVERT=
  table "$step" "s/qmail's POSTGREY" "$(printf 'GREYLIST_VAR=POSTGREY\nGREYLIST_VALUE=127.0.0.1;10023')" "POSTGREY=127.0.0.1;60000"
done

# the recipes of doc/examples/greylist: the settings their tcprules give a
# client (tcprules and tcprulescheck themselves), the variable each
# greylister reads in the sense it reads it
# rules FILE: the VAR=VALUE lines tcprulescheck sets for 192.0.2.7 from FILE
# rules FILE ADDR: the settings tcprules gives ADDR (the one line of its longest matching prefix)
rules () {
  tcprules "$T/rules.cdb" "$T/rules.tmp" < "$1" && \
    env TCPREMOTEIP="$2" tcprulescheck "$T/rules.cdb" | sed -n 's/^set environment variable //p' | grep -v '^P0F_SKIP='
}
for recipe in greylite jgreylist sqmail greylite@127.0.0.1 jgreylist@127.0.0.1 sqmail@127.0.0.1 ; do
  case $recipe in *@*) addr=${recipe#*@} recipe=${recipe%@*} ;; *) addr=192.0.2.7 ;; esac
  f=doc/examples/greylist/$recipe.tcp.smtp
  settings=$(rules "$f" "$addr")
  check "$recipe: tcprules reads $f for $addr (settings: $(echo $settings))" [ -n "$settings" ]
  case $recipe in
    greylite) SET_VAR=GREYLIST SET_VALUE=1 SET_INVERT='' ; ups="GREYLIST=" ;;
    jgreylist) SET_VAR=JGREYLIST SET_VALUE='' SET_INVERT=1 ; ups="JGREYLIST=go away" ;;
    sqmail) SET_VAR=POSTGREY SET_VALUE='127.0.0.1;10023' SET_INVERT='' ; ups="POSTGREY=127.0.0.1;60000" ;;
  esac
  SET_LIST=Windows
  for step in $STEPS ; do
    table "$step" "the $recipe recipe for $addr ($SET_VAR${SET_INVERT:+, absent means greylist})" "$settings" "$ups"
  done
done

echo "# the step's table, default settings (status x genre x GREYLIST upstream -> GREYLIST after the step):"
SET_LIST=Windows SET_VAR=GREYLIST SET_VALUE=1 SET_INVERT=''
for status in $STATUSES ; do
  for genre in Windows Linux "" ; do
    for upstream in "" "GREYLIST=" ; do
      got=$(step_env greylist-windows "" "$upstream" "$status" "$genre" | grep '^GREYLIST=' | tr '\n' ' ')
      echo "#   $status ${genre:-(no genre)} ${upstream:-(none)} -> ${got:-(none)}"
    done
  done
done

# greylisted_once: the Windows client got GREYLIST=1, and no other GREYLIST
greylisted_once () { lines "$T/win" 'env P0F_GENRE=Windows' && [ "$(grep -c '^env GREYLIST=' "$T/win")" = 1 ] && lines "$T/win" 'env GREYLIST=1' ; }
# not_greylisted FILE LINE: FILE has LINE (grep -x), no GREYLIST, and the program ran
not_greylisted () { lines "$1" "$2" && none "$1" GREYLIST= && lines "$1" end ; }
# plain_string: the odd genre ($g) was set, no GREYLIST, the program ran, no parse error or fatal line from the step
plain_string () { [ -n "$g" ] && none "$T/odd" GREYLIST= && lines "$T/odd" end && none "$T/tcpserver.err" 'parse error\|fatal' ; }
S=$T/p0f.sock
RESPONDER_OPTS="-m 127.0.0.2=Windows -m 127.0.0.3=Linux -m 127.0.0.4=-n -m 127.0.0.5=! -m 127.0.0.6=("
responder "$S" nomatch
for step in $STEPS ; do
  PORT=$($B/freeport)
  background env GREYLIST= tcpserver -v -RHl0 -c 100 -b 512 127.0.0.1 "$PORT" "$P0F_WRAP" -s "$S" "doc/examples/$step" "$PROBE" > /dev/null 2> "$T/tcpserver.err"
  TCPSERVER_PID=$LASTPID
  wait_until grep -q 'status: 0/' "$T/tcpserver.err" || { echo "not ok - tcpserver did not start:" ; cat "$T/tcpserver.err" ; exit 1 ; }
  connect 127.0.0.2 "$PORT" > "$T/win"
  connect 127.0.0.3 "$PORT" > "$T/linux"
  connect 127.0.0.7 "$PORT" > "$T/nomatch"
  check "$step: GREYLIST=1 for the Windows client, once" greylisted_once
  check "$step: no GREYLIST for the Linux client though GREYLIST=\"\" was set upstream, the chain goes on" not_greylisted "$T/linux" 'env P0F_GENRE=Linux'
  check "$step: no GREYLIST for a client p0f does not know (nomatch)" not_greylisted "$T/nomatch" 'env P0F_STATUS=nomatch'
  for i in 4 5 6 ; do
    : > "$T/tcpserver.err"
    connect "127.0.0.$i" "$PORT" > "$T/odd"
    g=$(sed -n 's/^env P0F_GENRE=//p' "$T/odd")
    check "$step: a genre of '$g' is a plain string: no GREYLIST, no error, the chain goes on" plain_string
  done
  stop "$TCPSERVER_PID"
done

# p0f down: error, and no GREYLIST though it was set upstream
for step in $STEPS ; do
  OUT=$T/down.$step ERR=$T/down.err
  env -i PATH="$PATH" GREYLIST= TCPREMOTEIP=127.0.0.2 TCPLOCALIP=127.0.0.1 "$P0F_WRAP" -s "$T/nonexistent.sock" "doc/examples/$step" "$PROBE" > "$OUT" 2> "$ERR"
  check "$step: p0f down: P0F_STATUS=error and no GREYLIST though set upstream" not_greylisted "$OUT" 'env P0F_STATUS=error'
done

# a setting that is not an extended regular expression: both steps stop with exit 100
# bad_regex: exit 100 (rc), one line on stderr
bad_regex () { [ "$rc" = 100 ] && [ "$(wc -l < "$T/bad.err")" = 1 ] ; }
for step in $STEPS ; do
  OUT=/dev/null ERR=$T/bad.err
  env -i PATH=/usr/bin:/bin P0F_STATUS=ok P0F_GENRE=Windows 'GREYLIST_GENRES=Win(' "doc/examples/$step" /usr/bin/true > /dev/null 2> "$ERR"
  rc=$?
  check "$step: GREYLIST_GENRES='Win(' is a fatal error, exit 100 (got $rc), one line on stderr" bad_regex
done

# an anchor in the setting: refused by both (the whole genre is matched already; execline's case and grep -x disagreed on it)
# a setting that breaks out of its group (Windows)|(.*) never greylists a client whose status is not ok or stale
escaped () { ! grep -q '^GREYLIST=' "$OUT" && grep -qx end "$OUT" ; }
for step in $STEPS ; do
  ERR=$T/anchor.err
  env -i PATH=/usr/bin:/bin P0F_STATUS=ok P0F_GENRE=Windows 'GREYLIST_GENRES=^Windows$' "doc/examples/$step" /usr/bin/true > /dev/null 2> "$ERR"
  rc=$?
  check "$step: GREYLIST_GENRES='^Windows\$' is refused, exit 100 (got $rc)" [ "$rc" = 100 ]
  for status in nomatch error skipped ; do
    OUT=$T/esc.$step
    env -i PATH=/usr/bin:/bin "P0F_STATUS=$status" P0F_GENRE=Linux 'GREYLIST_GENRES=Windows)|(.*' "doc/examples/$step" "$PROBE" > "$OUT" 2> /dev/null
    check "$step: GREYLIST_GENRES='Windows)|(.*' with P0F_STATUS=$status: no GREYLIST, the chain goes on" escaped
  done
done
# no grep on PATH: the sh step warns and does not greylist; the mail flows
OUT=$T/nogrep
env -i PATH=/nonexistent P0F_STATUS=ok P0F_GENRE=Windows /bin/sh doc/examples/greylist-windows.sh "$PROBE" > "$OUT" 2> "$T/nogrep.err"
rc=$?
nogrep_ok () { [ "$rc" = 0 ] && escaped && grep -q 'unable to run grep' "$T/nogrep.err" ; }
check "greylist-windows.sh with no grep on PATH: a warning, not greylisted, the program runs (exit $rc)" nogrep_ok
# its own state is not a variable the program gets
OUT=$T/state
env -i PATH=/usr/bin:/bin greylist=keep P0F_STATUS=ok P0F_GENRE=Windows /bin/sh doc/examples/greylist-windows.sh "$PROBE" > "$OUT" 2> /dev/null
state_kept () { grep -qx 'env greylist=keep' "$OUT" && ! grep -q '^env GREYLIST_WINDOWS_' "$OUT" && grep -qx 'env GREYLIST=1' "$OUT" ; }
check "greylist-windows.sh leaves a variable named greylist alone, and passes no state of its own" state_kept
finish
