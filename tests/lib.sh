# Helpers for the system tests: a temporary directory, processes started in
# the background and stopped by pid on exit (failure too), and assertions.
# Scripts run with: P0F_WRAP (the binary under test) and B (the build dir).

set -u
: "${P0F_WRAP:=./p0f-wrap}" "${B:=build}"
PROBE=$B/probe
RESPONDER=$B/p0f-responder
T=$(mktemp -d "${TMPDIR:-/tmp}/p0f-wrap-test.XXXXXX")
PIDS=
FAILED=0
PASSED=0

cleanup () {
  for pid in $PIDS ; do kill "$pid" 2>/dev/null ; done
  for pid in $PIDS ; do
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# background CMD...: start CMD, remember its pid in $LASTPID
background () {
  "$@" &
  LASTPID=$!
  PIDS="$PIDS $LASTPID"
}

stop () {
  kill "$1" 2>/dev/null
  i=0
  while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ] ; do sleep 0.1 ; i=$((i+1)) ; done
  kill -9 "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  new=
  for pid in $PIDS ; do [ "$pid" = "$1" ] || new="$new $pid" ; done
  PIDS=$new
}

# wait_for TEST-ARGS...: polls up to 10 s
wait_for () {
  i=0
  until test "$@" ; do
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
