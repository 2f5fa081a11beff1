# The test helpers act on their own temporary directory and nothing else:
# when mktemp fails (TMPDIR missing) tests/lib.sh stops before anything runs;
# with $T empty or / the leftover-process search (what s6_stop and cleanup
# SIGKILL) finds nothing, where a match on "$T"/* would be every process (s6_stop
# itself is not called with a bad $T here: were that broken, the machine would
# go with it); the pids stop reaped are not signalled again; and
# under root's umask 077 the files a test makes stay readable by the accounts
# it runs programs as.
# shellcheck disable=SC2030,SC2031
. tests/lib.sh

( TMPDIR=$T/missing ; . tests/lib.sh ; echo "reached T=$T" ) > "$T/mktemp.out" 2>&1
rc=$?
# stopped_early FILE REGEX: FILE has a line matching REGEX, and not the test's "reached"
stopped_early () { grep -q -- "$2" "$1" && ! grep -q reached "$1" ; }
# no_mktemp: exit 1 (rc), the not-ok line that names $T/missing, the test never ran
no_mktemp () { [ "$rc" = 1 ] && stopped_early "$T/mktemp.out" "^not ok - mktemp -d in $T/missing failed" ; }
check "TMPDIR missing: lib.sh stops (exit $rc) with one not-ok line, the test never runs" no_mktemp
( TMPDIR=tmp ; . tests/lib.sh ; echo reached ) > "$T/relative.out" 2>&1
check "a relative TMPDIR: refused" stopped_early "$T/relative.out" '^not ok - TMPDIR must be an absolute path'

. tests/s6.sh
mkdir "$T/busy"
(cd "$T/busy" && exec sleep 30) &
busy=$!
# found_alone PID: leftovers finds PID and nothing else
found_alone () { [ "$(leftovers)" = "$1" ] ; }
PIDS="$PIDS $busy"
# works_in PID DIR: the process PID's working directory is DIR
works_in () { [ "$(readlink "/proc/$1/cwd")" = "$2" ] ; }
wait_until works_in "$busy" "$T/busy"
check "leftovers: finds a process that works in \$T (pid $busy)" found_alone "$busy"
for bad in '' / /tmp "$T/busy/.." ; do
  n=$(T=$bad ; leftovers | wc -l)
  check "leftovers with T='$bad': finds nothing (s6_stop and cleanup would SIGKILL each one)" [ "$n" = 0 ]
done
stop "$busy"
# forgotten PID: PID is not in PIDS, the list cleanup signals
forgotten () { case " $PIDS " in *" $1 "*) return 1 ;; esac ; }
check "stop forgets the pid it reaped: cleanup will not signal it again" forgotten "$busy"

( umask 077 ; . tests/lib.sh ; mkdir -p "$T/bin" ; echo x > "$T/bin/f" ; stat -c '%a' "$T/bin" "$T/bin/f" | tr '\n' ' ' ) > "$T/umask.out" 2>&1
check "under umask 077, a test's directories are 755 and its files 644 ($(cat "$T/umask.out"))" [ "$(cat "$T/umask.out")" = "755 644 " ]
finish
