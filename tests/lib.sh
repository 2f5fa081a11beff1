# Helpers for the system tests: a temporary directory, processes started in
# the background and stopped by pid on exit (failure too), and assertions.
# Scripts run with: P0F_WRAP (the binary under test) and B (the build dir).

set -u
# files the test makes are readable by the accounts it runs programs as,
# whatever the caller's umask (under root's 077, $T/bin would be 0700)
umask 022
: "${P0F_WRAP:=./p0f-wrap}" "${B:=build}"
PROBE=$B/probe
RESPONDER=$B/p0f-responder

# t_ok: $T is this run's own directory, an absolute path ending in
# /p0f-wrap-test.XXXXXX, never empty or / (the helpers that remove files or
# stop processes under $T act on nothing else)
t_ok () {
  case $T in
    /*/p0f-wrap-test.??????|/p0f-wrap-test.??????) [ -d "$T" ] && [ ! -L "$T" ] ;;
    *) return 1 ;;
  esac
}
case ${TMPDIR:-/tmp} in
  /*) ;;
  *) echo "not ok - TMPDIR must be an absolute path, not ${TMPDIR:-}" ; exit 1 ;;
esac
T=$(mktemp -d "${TMPDIR:-/tmp}/p0f-wrap-test.XXXXXX") || { echo "not ok - mktemp -d in ${TMPDIR:-/tmp} failed" ; exit 1 ; }
t_ok || { echo "not ok - mktemp -d made '$T', not a directory p0f-wrap-test.XXXXXX under ${TMPDIR:-/tmp}" ; exit 1 ; }
PIDS=
FAILED=0
PASSED=0

# is_pid PID: digits only and above 1: never signal -1 (every process), 0 or 1
is_pid () {
  case $1 in ''|-*|*[!0-9]*) return 1 ;; esac
  [ "$1" -gt 1 ]
}

cleanup () {
  new=
  for pid in $PIDS ; do is_pid "$pid" && new="$new $pid" ; done
  PIDS=$new
  for pid in $PIDS ; do kill "$pid" 2>/dev/null ; done
  for pid in $PIDS ; do
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
    kill -9 "$pid" 2>/dev/null
  done
  PIDS=
  t_ok || return 0
  leftovers_stop
  rm -rf "$T"
}

# leftovers: pids of processes whose working directory or root is under $T
# (a program a test started that outlived its parent, e.g. an exim -bs
# session after tcpserver was stopped); prints nothing unless t_ok
leftovers () {
  t_ok || return 0
  for d in /proc/[0-9]* ; do
    case "$(readlink "$d/cwd" 2>/dev/null) $(readlink "$d/root" 2>/dev/null)" in
      "$T"/*|*" $T"/*) is_pid "${d#/proc/}" && [ "${d#/proc/}" != $$ ] && echo "${d#/proc/}" ;;
    esac
  done
}

# leftovers_stop: SIGTERM, then after up to 5 s SIGKILL, to each of them, by
# pid; the pids left after that in LEFT
leftovers_stop () {
  LEFT=$(leftovers)
  [ -n "$LEFT" ] || return 0
  for pid in $LEFT ; do kill "$pid" 2>/dev/null ; done
  i=0
  while [ -n "$(leftovers)" ] && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
  for pid in $(leftovers) ; do kill -9 "$pid" 2>/dev/null ; done
  LEFT=$(leftovers)
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# background CMD...: start CMD, remember its pid in $LASTPID
background () {
  "$@" &
  LASTPID=$!
  PIDS="$PIDS $LASTPID"
}

stop () {
  is_pid "$1" || { echo "not ok - refused to stop '$1': not a process id" ; FAILED=$((FAILED+1)) ; return 1 ; }
  kill "$1" 2>/dev/null
  i=0
  while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
  kill -9 "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  forget "$1"
}

# forget PID: PID is reaped, cleanup must not signal it (the number may be reused)
forget () {
  new=
  for pid in $PIDS ; do [ "$pid" = "$1" ] || new="$new $pid" ; done
  PIDS=$new
}

# wait_for TEST-ARGS...: polls up to 10 s
wait_for () { wait_until test "$@" ; }

# wait_until CMD...: polls CMD up to 10 s
wait_until () {
  i=0
  until "$@" ; do
    i=$((i+1))
    [ $i -gt 200 ] && return 1
    sleep 0.05
  done
}

# responder SOCKET ACTION...: a test p0f on SOCKET (options in $RESPONDER_OPTS),
# one line per query it got in SOCKET.log
responder () {
  sock=$1 ; shift
  rm -f "$sock"
  # shellcheck disable=SC2086
  background "$RESPONDER" ${RESPONDER_OPTS:-} "$sock" "$@" > "$sock.log" 2>&1
  wait_for -S "$sock" || { echo "not ok - the test responder did not start" ; exit 1 ; }
}

queries () { grep -c '^query' "$1.log" ; }

now_ms () { echo $(( $(date +%s%N) / 1000000 )) ; }

# wrap NAME ENV... -- ARGS...: runs env -i ENV p0f-wrap ARGS probe, output in $T/NAME.out/.err, time in ELAPSED
wrap () {
  name=$1 ; shift
  envs=
  while [ "$1" != "--" ] ; do envs="$envs $1" ; shift ; done
  shift
  start=$(now_ms)
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $envs "$P0F_WRAP" "$@" "$PROBE" > "$T/$name.out" 2> "$T/$name.err" < /dev/null
  RC=$?
  ELAPSED=$(( $(now_ms) - start ))
  OUT=$T/$name.out
  ERR=$T/$name.err
}

# unsanitized NAME: true in a plain build; under the sanitizers (make sanitize
# sets SAN) says that case is not run there (ASan's runtime needs the memory,
# fds or processes the case takes away) and counts it neither way
unsanitized () {
  [ -z "${SAN:-}" ] && return 0
  echo "# not run under the sanitizers (make check runs it): $1"
  return 1
}

pass () { PASSED=$((PASSED+1)) ; echo "ok - $*" ; }
fail () { FAILED=$((FAILED+1)) ; echo "not ok - $*" ; [ -f "${OUT:-/nonexistent}" ] && sed 's/^/#   out: /' "$OUT" | grep -v '^#   out: env [^P]' ; [ -f "${ERR:-/nonexistent}" ] && sed 's/^/#   err: /' "$ERR" ; return 1 ; }

has () { grep -qxF -- "$2" "$1" ; }
lacks () { ! grep -qF -- "$2" "$1" ; }

# check NAME CONDITION...: one test case, passes when every condition holds
check () {
  name=$1 ; shift
  if "$@" ; then pass "$name" ; else fail "$name" ; fi
}

finish () {
  echo "# $PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ]
}

# The names p0f-wrap exports, from the one list in src/answer.c (the only
# lines allowed to differ from the probe alone): ^env \(P0F_STATUS\|...\)=
OUTPUTS="^env \\($("$B/names" | paste -s -d '|' | sed 's/|/\\|/g')\\)="
[ "$OUTPUTS" != '^env \(\)=' ] || { echo "not ok - $B/names printed no names" ; exit 1 ; }

# robust NAME STATUS BOUND ENV... -- ARGS...: runs p0f-wrap ARGS in front of
# the probe, with bytes on its stdin, and checks every invariant: the probe
# runs within BOUND + 50 ms of p0f-wrap's start, with P0F_STATUS=STATUS, fd 0
# unread (the bytes arrive), the same fds, signal dispositions and mask, argv
# and environment as the probe alone (but for the P0F_* outputs), exit 0, and
# at most one warning line, printable and at most 500 bytes.
robust () {
  name=$1 want=$2 bound=$3 ; shift 3
  envs=
  while [ "$1" != "--" ] ; do envs="$envs $1" ; shift ; done
  shift
  printf 'EHLO client.example' > "$T/stdin"
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $envs "$PROBE" -i x > "$T/alone.out" 2>/dev/null < "$T/stdin"
  # shellcheck disable=SC2086
  OUT=$T/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').out
  ERR=${OUT%.out}.err
  env -i PATH="$PATH" $envs "$B/stopwatch" "$T/t0" "$P0F_WRAP" "$@" "$PROBE" -i x > "$OUT" 2> "$ERR" < "$T/stdin"
  RC=$?
  t0=$(cat "$T/t0")
  t1=$(sed -n 's/^clock //p' "$OUT")
  ELAPSED=$(( (${t1:-0} - t0) / 1000000 ))
  why=
  [ "$RC" = 0 ] || why="$why exit $RC;"
  grep -aqx "env P0F_STATUS=$want" "$OUT" || why="$why not P0F_STATUS=$want;"
  [ -n "$t1" ] && [ "$ELAPSED" -le $((bound + 50)) ] || why="$why ran after $ELAPSED ms;"
  grep -aqx 'stdin EHLO client.example' "$OUT" || why="$why stdin not intact;"
  grep -av "^clock \\|$OUTPUTS" "$OUT" > "$T/wrapped.cmp"
  grep -av "^clock \\|$OUTPUTS" "$T/alone.out" | cmp -s - "$T/wrapped.cmp" || why="$why argv, env, fds or signals differ;"
  [ "$(grep -ac 'warning' "$ERR")" -le 1 ] || why="$why several warnings;"
  [ "$(wc -l < "$ERR")" -le 1 ] || why="$why several lines on stderr;"
  LC_ALL=C grep -aq '[^ -~]' "$ERR" && why="$why unprintable bytes on stderr;"
  [ "$(wc -c < "$ERR")" -le 501 ] || why="$why a warning over 500 bytes;"
  if [ -z "$why" ] ; then pass "$name ($ELAPSED ms)" ; else fail "$name:$why" ; fi
}
