# Helpers for the system tests: a temporary directory, processes started in
# the background and stopped by pid on exit (failure too), and assertions.
# Scripts run with: P0F_WRAP (the binary under test) and B (the build dir).
# A helper sets only the variables it documents (OUT, ERR, RC, ELAPSED,
# LASTPID, ...): its own scratch variables carry its name as a prefix, so
# that it never overwrites a caller's (a failing check keeps its name).

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
SKIPPED=0

# is_pid PID: digits only and above 1: never signal -1 (every process), 0 or 1
is_pid () {
  case $1 in ''|-*|*[!0-9]*) return 1 ;; esac
  [ "$1" -gt 1 ]
}

cleanup () {
  cleanup_new=
  for cleanup_pid in $PIDS ; do is_pid "$cleanup_pid" && cleanup_new="$cleanup_new $cleanup_pid" ; done
  PIDS=$cleanup_new
  for cleanup_pid in $PIDS ; do kill "$cleanup_pid" 2>/dev/null ; done
  for cleanup_pid in $PIDS ; do
    cleanup_i=0
    while kill -0 "$cleanup_pid" 2>/dev/null && [ $cleanup_i -lt 50 ] ; do sleep 0.1 ; cleanup_i=$((cleanup_i+1)) ; done
    kill -9 "$cleanup_pid" 2>/dev/null
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
  for leftovers_d in /proc/[0-9]* ; do
    case "$(readlink "$leftovers_d/cwd" 2>/dev/null) $(readlink "$leftovers_d/root" 2>/dev/null)" in
      "$T"/*|*" $T"/*) is_pid "${leftovers_d#/proc/}" && [ "${leftovers_d#/proc/}" != $$ ] && echo "${leftovers_d#/proc/}" ;;
    esac
  done
}

# leftovers_stop: SIGTERM, then after up to 5 s SIGKILL, to each of them, by
# pid; the pids left after that in LEFT
leftovers_stop () {
  LEFT=$(leftovers)
  [ -n "$LEFT" ] || return 0
  for leftovers_pid in $LEFT ; do kill "$leftovers_pid" 2>/dev/null ; done
  leftovers_i=0
  while [ -n "$(leftovers)" ] && [ $leftovers_i -lt 50 ] ; do sleep 0.1 ; leftovers_i=$((leftovers_i+1)) ; done
  for leftovers_pid in $(leftovers) ; do kill -9 "$leftovers_pid" 2>/dev/null ; done
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
  stop_i=0
  while kill -0 "$1" 2>/dev/null && [ $stop_i -lt 50 ] ; do sleep 0.1 ; stop_i=$((stop_i+1)) ; done
  kill -9 "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  forget "$1"
}

# forget PID: PID is reaped, cleanup must not signal it (the number may be reused)
forget () {
  forget_new=
  for forget_pid in $PIDS ; do [ "$forget_pid" = "$1" ] || forget_new="$forget_new $forget_pid" ; done
  PIDS=$forget_new
}

# wait_for TEST-ARGS...: polls up to 10 s
wait_for () { wait_until test "$@" ; }

# wait_until CMD...: polls CMD up to 10 s
wait_until () {
  wait_until_i=0
  until "$@" ; do
    wait_until_i=$((wait_until_i+1))
    [ $wait_until_i -gt 200 ] && return 1
    sleep 0.05
  done
}

# responder SOCKET ACTION...: a test p0f on SOCKET (options in $RESPONDER_OPTS),
# one line per query it got in
# SOCKET.log, "anchor SECONDS" before the first (the second "seen:D" counts
# from), "late answer sent" after each late:MS answer it wrote
responder () {
  responder_sock=$1 ; shift
  rm -f "$responder_sock"
  # shellcheck disable=SC2086
  background "$RESPONDER" ${RESPONDER_OPTS:-} "$responder_sock" "$@" > "$responder_sock.log" 2>&1
  wait_for -S "$responder_sock" || { echo "not ok - the test responder did not start" ; exit 1 ; }
}

queries () { grep -c '^query' "$1.log" ; }

# anchor SOCKET: the Unix second of the responder's first query ("seen:D" stamps anchor + D)
anchor () { sed -n 's/^anchor //p' "$1.log" ; }

# answered_late SOCKET: the responder wrote its late answer and lived (waited for up to 10 s)
answered_late () { wait_until grep -q '^late answer sent$' "$1.log" ; }


now_ms () { echo $(( $(date +%s%N) / 1000000 )) ; }

# account_add SUFFIX: a throwaway account p0fwt-PID-SUFFIX with a group of
# the same name, no home, no shell, named in ACCOUNT; root only; an existing
# name is a failure, never reused; accounts_remove (set the EXIT trap that
# calls it) removes every account and group made so, after their processes
ACCOUNTS=
account_add () {
  ACCOUNT=p0fwt-$$-$1
  getent passwd "$ACCOUNT" > /dev/null || getent group "$ACCOUNT" > /dev/null && { fail "the account or group $ACCOUNT exists already: not reused" ; return 1 ; }
  groupadd --system "$ACCOUNT" || { fail "groupadd $ACCOUNT failed" ; return 1 ; }
  ACCOUNTS="$ACCOUNTS $ACCOUNT"
  useradd --system --gid "$ACCOUNT" --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ACCOUNT" || { fail "useradd $ACCOUNT failed" ; return 1 ; }
}
# accounts_gone NAME...: no account and no group is named NAME, for each NAME
accounts_gone () {
  for accounts_gone_name ; do
    ! getent passwd "$accounts_gone_name" > /dev/null && ! getent group "$accounts_gone_name" > /dev/null || return 1
  done
}
accounts_remove () {
  for accounts_remove_name in $ACCOUNTS ; do
    if getent passwd "$accounts_remove_name" > /dev/null ; then userdel "$accounts_remove_name" || fail "userdel $accounts_remove_name failed" ; fi
    if getent group "$accounts_remove_name" > /dev/null ; then groupdel "$accounts_remove_name" || fail "groupdel $accounts_remove_name failed" ; fi
  done
  ACCOUNTS=
}

# before_dashes WORD... -- MORE...: the words before "--" in BEFORE_DASHES
# (space-separated), how many to shift to reach MORE in DASHES_SHIFT
before_dashes () {
  BEFORE_DASHES= DASHES_SHIFT=1
  while [ "$1" != "--" ] ; do BEFORE_DASHES="$BEFORE_DASHES $1" ; DASHES_SHIFT=$((DASHES_SHIFT+1)) ; shift ; done
}

# wrap NAME ENV... -- ARGS...: runs env -i ENV p0f-wrap ARGS probe, output in $T/NAME.out/.err (OUT,
# ERR), exit status in RC, milliseconds in ELAPSED; $T/NAME.t0 holds the
# monotonic and the Unix time (ns) of just before p0f-wrap started (stopwatch)
wrap () {
  wrap_name=$1 ; shift
  before_dashes "$@" ; shift "$DASHES_SHIFT"
  wrap_envs=$BEFORE_DASHES
  wrap_start=$(now_ms)
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $wrap_envs "$B/stopwatch" "$T/$wrap_name.t0" "$P0F_WRAP" "$@" "$PROBE" > "$T/$wrap_name.out" 2> "$T/$wrap_name.err" < /dev/null
  RC=$?
  ELAPSED=$(( $(now_ms) - wrap_start ))
  OUT=$T/$wrap_name.out
  ERR=$T/$wrap_name.err
}

# started_second NAME: the Unix second of just before wrap NAME's p0f-wrap started
started_second () { echo $(( $(sed -n 2p "$T/$1.t0") / 1000000000 )) ; }

# unsanitized NAME: true in a plain build; under the sanitizers (make sanitize
# sets SAN) reports NAME as skipped (ASan's runtime needs the memory, fds or
# processes the case takes away; make check runs it) and returns false
unsanitized () {
  [ -z "${SAN:-}" ] && return 0
  skip "$1" "not run under the sanitizers: make check runs it"
  return 1
}

pass () { PASSED=$((PASSED+1)) ; echo "ok - $*" ; }
fail () { FAILED=$((FAILED+1)) ; echo "not ok - $*" ; [ -f "${OUT:-/nonexistent}" ] && sed 's/^/#   out: /' "$OUT" | grep -v '^#   out: env [^P]' ; [ -f "${ERR:-/nonexistent}" ] && sed 's/^/#   err: /' "$ERR" ; return 1 ; }

# skip NAME REASON: a check not made, with the reason; counted as skipped, never as passed
skip () { SKIPPED=$((SKIPPED+1)) ; echo "skip - $1 ($2)" ; }

# skip_all REASON: the whole script cannot run here (not root, a package
# missing): says why and exits 77, which tests/run.sh reports as skipped
skip_all () { echo "skip - $(basename "$0" .sh): $1" ; exit 77 ; }

has () { grep -qxF -- "$2" "$1" ; }
lacks () { ! grep -qF -- "$2" "$1" ; }

# Named conditions for check: a condition is a command with its arguments,
# never a string a second shell parses again (where some $ expand at once and
# others later). A script defines its own from these, with a comment.
# lines FILE REGEX...: FILE has, for each REGEX, a line it matches wholly (grep -x)
lines () {
  lines_file=$1 ; shift
  for lines_re ; do grep -qx -- "$lines_re" "$lines_file" || return 1 ; done
}
# none FILE REGEX...: no line of FILE matches any REGEX (grep)
none () {
  none_file=$1 ; shift
  for none_re ; do ! grep -q -- "$none_re" "$none_file" || return 1 ; done
}
# status_is STATUS: $OUT says P0F_STATUS=STATUS
status_is () { grep -qx "env P0F_STATUS=$1" "$OUT" ; }
# one_line REGEX: $ERR is exactly one line, and it matches REGEX
one_line () { [ "$(wc -l < "$ERR")" = 1 ] && grep -q -- "$1" "$ERR" ; }
# error_says REGEX: P0F_STATUS=error, and a line of $ERR matches REGEX
error_says () { status_is error && grep -q -- "$1" "$ERR" ; }
# exit_says CODE REGEX: exit status CODE (RC), and a line of $ERR matches REGEX
exit_says () { [ "$RC" = "$1" ] && grep -q -- "$2" "$ERR" ; }
# ok_after N: P0F_STATUS=ok, and the responder on $S counts N queries
ok_after () { status_is ok && [ "$(queries "$S")" = "$1" ] ; }
# quiet STATUS: nothing on stderr, P0F_STATUS=STATUS
quiet () { [ ! -s "$ERR" ] && status_is "$1" ; }
# last_query LINE: the responder on $S logged LINE (grep -x) for its last query
last_query () { tail -n 1 "$S.log" | grep -qx -- "$1" ; }

# check NAME CONDITION...: one test case, passes when every condition holds
check () {
  check_name=$1 ; shift
  if "$@" ; then pass "$check_name" ; else fail "$check_name" ; fi
}

finish () {
  echo "# $PASSED passed, $FAILED failed, $SKIPPED skipped"
  [ "$FAILED" = 0 ]
}

# The names p0f-wrap exports, from the one list in src/answer.c (the only
# lines allowed to differ from the probe alone): ^env \(P0F_STATUS\|...\)=
OUTPUTS="^env \\($("$B/names" | paste -s -d '|' | sed 's/|/\\|/g')\\)="
[ "$OUTPUTS" != '^env \(\)=' ] || { echo "not ok - $B/names printed no names" ; exit 1 ; }

# robust NAME STATUS BOUND ENV... -- ARGS...: runs p0f-wrap ARGS in front of
# the probe, with bytes on its stdin, and checks every invariant: the probe
# runs with P0F_STATUS=STATUS, fd 0 unread (the bytes arrive), the same fds,
# signal dispositions and mask, argv and environment as the probe alone (but
# for the P0F_* outputs), exit 0, and at most one warning line, printable and
# at most 500 bytes; and it runs before BOUND + ROBUST_SLACK ms (1000): a
# bound that tells giving up at the deadline from hanging or from waiting a
# misbehaving p0f out (each case's fault lasts longer than that), never how
# fast; the milliseconds are printed, bench/ measures them.
ROBUST_SLACK=${ROBUST_SLACK:-1000}
robust () {
  robust_name=$1 robust_want=$2 robust_bound=$3 ; shift 3
  before_dashes "$@" ; shift "$DASHES_SHIFT"
  robust_envs=$BEFORE_DASHES
  printf 'EHLO client.example' > "$T/stdin"
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $robust_envs "$PROBE" -i x > "$T/alone.out" 2>/dev/null < "$T/stdin"
  OUT=$T/$(echo "$robust_name" | tr -c 'a-zA-Z0-9\n' '_').out
  ERR=${OUT%.out}.err
  # shellcheck disable=SC2086
  env -i PATH="$PATH" $robust_envs "$B/stopwatch" "$T/t0" "$P0F_WRAP" "$@" "$PROBE" -i x > "$OUT" 2> "$ERR" < "$T/stdin"
  RC=$?
  robust_t0=$(head -n 1 "$T/t0")
  robust_t1=$(sed -n 's/^clock //p' "$OUT")
  ELAPSED=$(( (${robust_t1:-0} - robust_t0) / 1000000 ))
  robust_why=
  [ "$RC" = 0 ] || robust_why="$robust_why exit $RC;"
  grep -aqx "env P0F_STATUS=$robust_want" "$OUT" || robust_why="$robust_why not P0F_STATUS=$robust_want;"
  [ -n "$robust_t1" ] && [ "$ELAPSED" -lt $((robust_bound + ROBUST_SLACK)) ] || robust_why="$robust_why ran after $ELAPSED ms;"
  grep -aqx 'stdin EHLO client.example' "$OUT" || robust_why="$robust_why stdin not intact;"
  grep -av "^clock \\|$OUTPUTS" "$OUT" > "$T/wrapped.cmp"
  grep -av "^clock \\|$OUTPUTS" "$T/alone.out" | cmp -s - "$T/wrapped.cmp" || robust_why="$robust_why argv, env, fds or signals differ;"
  [ "$(grep -ac 'warning' "$ERR")" -le 1 ] || robust_why="$robust_why several warnings;"
  [ "$(wc -l < "$ERR")" -le 1 ] || robust_why="$robust_why several lines on stderr;"
  LC_ALL=C grep -aq '[^ -~]' "$ERR" && robust_why="$robust_why unprintable bytes on stderr;"
  [ "$(wc -c < "$ERR")" -le 501 ] || robust_why="$robust_why a warning over 500 bytes;"
  if [ -z "$robust_why" ] ; then pass "$robust_name ($ELAPSED ms)" ; else fail "$robust_name:$robust_why" ; fi
}
