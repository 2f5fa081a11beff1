# The one list of exported names (src/answer.c, printed by build/names) is
# the only source of P0F_* output names: every P0F_ name in the docs, the
# examples, the package scripts and the test scripts is either in the list or
# one of the names p0f-wrap reads, the service directories' settings, or a
# test's own (each listed here with why), and every name in the list is
# documented; the values of P0F_STATUS (the same file, build/names status)
# are SPEC.md's and exactly those the docs list.
. tests/lib.sh

# read by p0f-wrap (SPEC.md) and p0f-queue; settings of the p0f service
# directory; SpamAssassin rule names of examples/p0f-queue/p0f.cf; names of
# the test harness
OTHERS="P0F_SOCKET P0F_TIMEOUT P0F_LOCAL_IP P0F_SKIP P0F_QMAILQUEUE
  P0F_USER P0F_GROUP P0F_IFACE P0F_FILTER P0F_WRAP_OPTS
  P0F_WINDOWS P0F_LINUX P0F_FAR P0F_UNKNOWN
  P0F_WRAP P0F_QUEUE P0F_PID P0F_SOCKET_EXTRA P0F_GENRES"
# set by p0f-queue for qmail-queue: its loop guard
OTHERS="$OTHERS P0F_QUEUE_PID"
# p0f.cf's rule for status=ok without a genre; P0F_SKIP, read by p0f-wrap
# (SPEC.md), named by the greylisting recipes
OTHERS="$OTHERS P0F_NOGENRE P0F_SKIP"
"$B/names" > "$T/list"
bad=
for n in $(grep -rhoE 'P0F_[A-Z0-9_]+' README doc tests package bench Makefile | sort -u) ; do
  grep -qx "$n" "$T/list" && continue
  case " $(echo $OTHERS) " in *" $n "*) continue ;; esac
  bad="$bad $n($(grep -rlE "$n([^A-Z0-9_]|$)" README doc tests package bench Makefile | head -n 3 | tr '\n' ' '))"
done
check "every P0F_ name in docs, examples and scripts is in the one list or a known input${bad:+: not:$bad}" [ -z "$bad" ]
missing=
for n in $(cat "$T/list") ; do
  for f in doc/p0f-wrap.html doc/p0f-wrap.8 ; do
    grep -q "$n" "$f" || missing="$missing $n($f)"
  done
done
check "every name in the list is in the HTML page and the man page${missing:+: not:$missing}" [ -z "$missing" ]
# statuses DOC: the values of P0F_STATUS that DOC lists (the HTML table's row; the man page's "Always: a (why), b... or c")
"$B/names" status > "$T/status"
statuses () {
  case $1 in
    *.html) grep '<td><tt>P0F_STATUS</tt>' "$1" | grep -o '<tt>[a-z]*</tt>' | sed 's/<[^>]*>//g' ;;
    *.8) sed -n '/^\.B P0F_STATUS$/,/^\.TP/p' "$1" | sed '1d;$d' | tr '\n' ' ' |
           sed 's/([^)]*)//g; s/^Always: *//; s/ or /,/g; s/[. ]*$//' | tr ',' '\n' | tr -d ' ' ;;
  esac
}
# spec_statuses: the one list's values of P0F_STATUS, sorted, are SPEC.md's five
spec_statuses () { [ "$(sort "$T/status" | tr '\n' ' ')" = 'error nomatch ok skipped stale ' ] ; }
check "P0F_STATUS's values in the one list are SPEC.md's, skipped included: $(tr '\n' ' ' < "$T/status")" spec_statuses
# lists_statuses FILE: FILE holds the one list's values of P0F_STATUS, sorted, no more, no fewer
lists_statuses () { sort "$T/status" | cmp -s - "$1" ; }
for f in doc/p0f-wrap.html doc/p0f-wrap.8 ; do
  statuses "$f" | sort -u > "$T/listed"
  check "$f lists exactly the one list's values of P0F_STATUS ($(tr '\n' ' ' < "$T/listed"))" lists_statuses "$T/listed"
done
# outputs_built: lib.sh's OUTPUTS names P0F_ADDR, and the list has 20 names or more
outputs_built () { echo "$OUTPUTS" | grep -q 'P0F_ADDR' && [ "$(wc -l < "$T/list")" -ge 20 ] ; }
check "the test scripts' list of outputs is built from it" outputs_built
finish
