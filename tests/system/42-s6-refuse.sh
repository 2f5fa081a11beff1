# The example run scripts refuse what they must not run with, and change
# nothing: qmail-smtpd's settings, run by itself, prints the numeric uid
# and gid and control/me's first line, and refuses (exit 111, one line, the
# same for each run script, nothing on stdout) an unknown account or group,
# root, root's group, a name that starts with - or holds a blank, no host
# name in $QMAIL/control/me or a first line with a blank, a CR or another
# control byte, a setting set but empty (a blank line in ./env; TCPRULES and
# P0F_WRAP_OPTS may be: none), P0F_WRAP_OPTS or SMTPD whose words are not
# separated by single spaces (sh and execline's importas -s would split them
# apart), a word of P0F_WRAP_OPTS that is no option nor an option's argument
# (never run), an option without its argument, no p0f-wrap in PATH, and
# P0F_WRAP_OPTS that p0f-wrap refuses (after its own line), which it splits
# on spaces and never globs; with -v, p0f-wrap's line at the try stays out
# of the log. qmail-smtpd's run and run.s6, which run it, then exit 111
# with its one line and never let tcpserver run the program as root, nor
# start one that drops every connection; both split SMTPD on spaces
# without globbing, hand P0F_WRAP_OPTS to p0f-wrap and control/me's name to
# tcpserver -l, and none of their own settings (RULES, TCPRULES too) to the
# program; run.s6-networking, up to a stand-in s6-tcpserver that records
# what it is handed, refuses alike and hands on the same; all three stop
# (111) on a ./settings that prints nothing.
# p0f's socket-dir, run by itself, refuses (exit 111, one line saying why,
# nothing changed) an existing socket directory that is not root:P0F_GROUP
# mode exactly 0750 without an ACL (a mode-1777 directory, a group-writable
# one, one of another owner, a symbolic link (dangling too), a file, a setgid
# one, one whose ACL lets another account in), one whose parent others may
# write to (mode, owner) or has an ACL or is missing, an unknown group;
# refuses (exit 100) a socket directly in /, /run, /tmp..., saying to use a
# directory of its own and never to remove a shared one, a relative
# P0F_SOCKET, a missing argument; accepts a good directory as it is and
# creates a missing one root:P0F_GROUP 0750. p0f's run, under s6-svscan,
# runs it: a refusal of each kind (111, 100) reaches p0f's log and
# s6-svstat's exit code, p0f is not started; a missing directory is created
# and p0f comes up.
. tests/lib.sh
. tests/real.sh
. tests/s6.sh
s6_test "the run scripts' refusals"
NONE=$S6_RUN-none

smtpd_settled () { ! kill -0 "$pid" 2>/dev/null || ss -ltn | grep -q "127.0.0.1:$PORT " ; }
# smtpd RUN NAME VAR=VALUE...: qmail-smtpd's RUN script (run, run.s6...) by
# itself, as s6-supervise would start it, with ./env changed by VAR=VALUE;
# one connection once it has exited or after 2 s; output in $T/NAME.out, the
# connection's in $T/NAME.conn, the exit code in RC (none: still running)
smtpd () {
  run=$1 name=$2 ; shift 2
  svc=$T/$name
  rm -rf "$svc"
  cp -R "$SCAN/qmail-smtpd" "$svc"
  for setting in "$@" ; do echo "${setting#*=}" > "$svc/env/${setting%%=*}" ; done
  ( cd "$svc" && PATH="$T/bin:$PATH" exec "./$run" ) > "$T/$name.out" 2>&1 < /dev/null &
  pid=$!
  # settled: the script exited (refused) or its tcpserver listens (up to 10 s, not a fixed 2 s)
  wait_until smtpd_settled
  connect 127.0.0.2 "$PORT" > "$T/$name.conn" 2>/dev/null
  RC=none
  if kill -0 "$pid" 2>/dev/null ; then
    kill9 "$pid"
    wait "$pid" 2>/dev/null
  else
    wait "$pid" ; RC=$?
  fi
}

# refused NAME WORDS: exit 111, one line, ./settings' (qmail-smtpd/run: fatal:), that says WORDS, no program ran (no root)
refused () {
  [ "$RC" = 111 ] && [ "$(wc -l < "$T/$1.out")" = 1 ] && grep -q "^qmail-smtpd/run: fatal: .*$2" "$T/$1.out" &&
    ! grep -q '^uid ' "$T/$1.conn"
}
# ran_quiet NAME: the service ran, the program got P0F_STATUS=error (p0f is down here), no p0f-wrap line in the log (-q)
ran_quiet () { [ "$RC" = none ] && grep -qx 'env P0F_STATUS=error' "$T/$1.conn" && ! grep -q 'p0f-wrap' "$T/$1.out" ; }
# ran_as NAME UID GID: the service ran, the program as UID with the one group GID
ran_as () { [ "$RC" = none ] && grep -qx "uid $2 gid $3" "$T/$1.conn" ; }
# split_not_globbed NAME: SMTPD "probe r* x" gave the program exactly the arguments r* and x
split_not_globbed () { grep -qx 'argv 1 r\*' "$T/$1.conn" && grep -qx 'argv 2 x' "$T/$1.conn" && ! grep -q '^argv 3' "$T/$1.conn" ; }
# refused_opts NAME: exit 111, p0f-wrap's own usage line, then the run script's refusal, nothing runs
refused_opts () {
  [ "$RC" = 111 ] && [ "$(wc -l < "$T/$1.out")" = 2 ] && grep -q '^p0f-wrap: fatal: invalid timeout' "$T/$1.out" &&
    grep -q 'fatal: p0f-wrap refuses P0F_WRAP_OPTS' "$T/$1.out" && ! grep -q '^uid ' "$T/$1.conn"
}

# settings NAME VAR=VALUE...: qmail-smtpd's ./settings by itself, as the run
# scripts run it (in the service directory, p0f-wrap in PATH), in an
# environment of the test's settings changed by VAR=VALUE; its stdout in
# $T/NAME.set, its stderr in $T/NAME.err, the exit code in RC
settings () {
  settings_name=$1 ; shift
  ( cd "$SCAN/qmail-smtpd" && exec env -i PATH="$T/bin:$PATH" SMTPD_USER="$S6_SMTP" SMTPD_GROUP="$S6_QUERY" QMAIL="$T/qmail" "$@" ./settings ) \
    > "$T/$settings_name.set" 2> "$T/$settings_name.err" < /dev/null
  RC=$?
}
# settings_refused NAME WHY: exit 111, nothing on stdout, stderr the one line qmail-smtpd/run: fatal: WHY: not started
settings_refused () {
  [ "$RC" = 111 ] && [ ! -s "$T/$1.set" ] && [ "$(wc -l < "$T/$1.err")" = 1 ] &&
    [ "$(cat "$T/$1.err")" = "qmail-smtpd/run: fatal: $2: not started" ]
}
# settings_refused_opts NAME OPTS: exit 111, nothing on stdout, p0f-wrap's fatal line, then the refusal naming OPTS
settings_refused_opts () {
  [ "$RC" = 111 ] && [ ! -s "$T/$1.set" ] && [ "$(wc -l < "$T/$1.err")" = 2 ] &&
    head -n 1 "$T/$1.err" | grep -q '^p0f-wrap: fatal: ' &&
    [ "$(sed -n 2p "$T/$1.err")" = "qmail-smtpd/run: fatal: p0f-wrap refuses P0F_WRAP_OPTS ($2): not started" ]
}
# settings_printed NAME UID GID ME: exit 0, nothing on stderr, stdout exactly the three lines UID, GID, ME
settings_printed () {
  [ "$RC" = 0 ] && [ ! -s "$T/$1.err" ] && printf '%s\n' "$2" "$3" "$4" | cmp -s - "$T/$1.set"
}
SUID=$(id -u "$S6_SMTP")
SGID=$(getent group "$S6_QUERY" | cut -d: -f3)
settings set-good
sed 's/^/# settings: /' "$T/set-good.set"
check "settings with the test's account and group: prints $S6_SMTP's uid ($SUID), $S6_QUERY's gid ($SGID), control/me's $S6_ME, one a line" settings_printed set-good "$SUID" "$SGID" "$S6_ME"
TAB=$(printf '\t') CR=$(printf '\r') NL='
'
# shown VALUE: VALUE with ? for each byte that is not printable ASCII, as ./settings shows it
shown () { printf '%s' "$1" | tr -c ' -~' '?' ; }
# me_refused NAME LINE: settings, with a $T/NAME/control/me whose first line is LINE (a host name on the
# second), refuses it: exit 111, the one line saying it is no host name, showing it, nothing printed
me_refused () {
  mkdir -p "$T/$1/control" && printf '%s\nmx.second.example\n' "$2" > "$T/$1/control/me"
  settings "set-$1" "QMAIL=$T/$1"
  settings_refused "set-$1" "the first line of $T/$1/control/me is not a host name: it holds a blank or a control byte (\"$(shown "$2")\")"
}
check "settings: control/me's first line 'mx.$S6_RUN.example  two words' (blanks) is no host name for tcpserver -l: exit 111, the one line, nothing printed" me_refused spacedme "mx.$S6_RUN.example  two words"
check "settings: control/me's first line with a trailing CR (a DOS file): refused" me_refused crme "mx.$S6_RUN.example$CR"
check "settings: control/me's first line of spaces alone: refused" me_refused blankme "   "
check "settings: control/me's first line with a trailing space: refused" me_refused spaceme "mx.$S6_RUN.example "
check "settings: control/me's first line with a tab: refused" me_refused tabme "mx.$S6_RUN.example${TAB}x"
check "settings: control/me's first line with a control byte (^A): refused" me_refused ctlme "mx.$S6_RUN$(printf '\001').example"
settings set-nouser "SMTPD_USER=$NONE"
check "settings with an unknown SMTPD_USER: exit 111, the one line naming it, nothing printed" settings_refused set-nouser "no account $NONE (SMTPD_USER)"
settings set-root SMTPD_USER=root
check "settings with SMTPD_USER=root: exit 111, the one line, nothing printed" settings_refused set-root "SMTPD_USER root is root"
settings set-nogroup "SMTPD_GROUP=$NONE"
check "settings with an unknown SMTPD_GROUP: exit 111, the one line naming it, nothing printed" settings_refused set-nogroup "no group $NONE (SMTPD_GROUP)"
settings set-rootgroup SMTPD_GROUP=root
check "settings with SMTPD_GROUP=root: exit 111, the one line, nothing printed" settings_refused set-rootgroup "SMTPD_GROUP root is root's group"
settings set-nome "QMAIL=$T/noqmail"
check "settings with no \$QMAIL/control/me: exit 111, the one line naming it, nothing printed" settings_refused set-nome "no host name in $T/noqmail/control/me (QMAIL)"
mkdir -p "$T/emptyme/control" && : > "$T/emptyme/control/me"
settings set-emptyme "QMAIL=$T/emptyme"
check "settings with an empty control/me: exit 111, the one line naming it, nothing printed" settings_refused set-emptyme "no host name in $T/emptyme/control/me (QMAIL)"
settings set-badopts "P0F_WRAP_OPTS=-t x"
check "settings with P0F_WRAP_OPTS='-t x': exit 111, p0f-wrap's line, then the refusal naming the options, nothing printed" settings_refused_opts set-badopts "-t x"
settings set-opts "P0F_WRAP_OPTS=-t 200 -w 0"
check "settings with P0F_WRAP_OPTS='-t 200 -w 0': accepted (split on spaces: one word would be an invalid timeout)" settings_printed set-opts "$SUID" "$SGID" "$S6_ME"
: > "$SCAN/qmail-smtpd/200"
settings set-glob "P0F_WRAP_OPTS=-t 20?"
rm -f "$SCAN/qmail-smtpd/200"
check "settings with P0F_WRAP_OPTS='-t 20?' beside a file named 200: refused, 20? not globbed into 200" settings_refused_opts set-glob "-t 20?"

# spaced_refused NAME VAR VALUE: settings with VAR=VALUE refuses it, the one line showing it: its words are not separated by single spaces
spaced_refused () {
  settings "set-$1" "$2=$3"
  settings_refused "set-$1" "$2 ($(shown "$3")): words are separated by single spaces"
}
check "settings with P0F_WRAP_OPTS '-v  -t 500' (two spaces: execline's importas -s makes an empty word, a usage error on every connection): refused" spaced_refused opts-doubled P0F_WRAP_OPTS "-v  -t 500"
check "settings with P0F_WRAP_OPTS ' -v' (a leading space: an empty first word under execline): refused" spaced_refused opts-leading P0F_WRAP_OPTS " -v"
check "settings with P0F_WRAP_OPTS '-v ' (a trailing space): refused" spaced_refused opts-trailing P0F_WRAP_OPTS "-v "
check "settings with P0F_WRAP_OPTS '-v<tab>-q': refused" spaced_refused opts-tab P0F_WRAP_OPTS "-v$TAB-q"
check "settings with P0F_WRAP_OPTS '-v<CR>-q' (execline splits on CR, sh does not): refused" spaced_refused opts-cr P0F_WRAP_OPTS "-v$CR-q"
check "settings with P0F_WRAP_OPTS '-v<newline>-q': refused" spaced_refused opts-nl P0F_WRAP_OPTS "-v$NL-q"
check "settings with SMTPD '$T/bin/probe  x' (two spaces: an empty argument under execline): refused" spaced_refused smtpd-doubled SMTPD "$T/bin/probe  x"
check "settings with SMTPD ' $T/bin/probe' (a leading space: an empty program under execline): refused" spaced_refused smtpd-leading SMTPD " $T/bin/probe"
check "settings with SMTPD '$T/bin/probe<tab>x': refused" spaced_refused smtpd-tab SMTPD "$T/bin/probe${TAB}x"

settings set-s P0F_WRAP_OPTS=-s
check "settings with P0F_WRAP_OPTS=-s (the socket would be the program's name: every connection fails): refused, -s needs an argument" settings_refused set-s "P0F_WRAP_OPTS (-s): -s needs an argument"
settings set-vs "P0F_WRAP_OPTS=-t 200 -vs"
check "settings with P0F_WRAP_OPTS='-t 200 -vs' (-s last in a bundle): refused, -vs needs an argument" settings_refused set-vs "P0F_WRAP_OPTS (-t 200 -vs): -vs needs an argument"
printf '#!/bin/sh\n: > %s/started-mark\n' "$T" > "$T/bin/started" && chmod 755 "$T/bin/started"
# word_refused NAME OPTS WORD: settings with P0F_WRAP_OPTS=OPTS refuses WORD, no option nor an option's argument, and ran nothing ($T/bin/started left no mark)
word_refused () {
  settings "set-$1" "P0F_WRAP_OPTS=$2"
  settings_refused "set-$1" "P0F_WRAP_OPTS ($2): $3 is no option, nor the argument of -s, -t, -w or -l" && [ ! -e "$T/started-mark" ]
}
check "settings with P0F_WRAP_OPTS=started (a plain word: the service would run 'started qmail-smtpd'): refused, and not run at the check" word_refused word started started
check "settings with P0F_WRAP_OPTS='-q started -c x': refused, nothing run" word_refused word-args "-q started -c x" started
check "settings with P0F_WRAP_OPTS='-t 200 true': refused" word_refused true "-t 200 true" true
settings set-args "P0F_WRAP_OPTS=-s $SOCK -t 300 -w 0 -l 127.0.0.1 -vq -t500 -s$SOCK -3"
check "settings: the arguments of -s, -t, -w and -l, apart or attached, and bundled flags, are accepted" settings_printed set-args "$SUID" "$SGID" "$S6_ME"
settings set-v P0F_WRAP_OPTS=-v
check "settings with P0F_WRAP_OPTS=-v: accepted, and p0f-wrap's info line at the try is kept out of the log (nothing on stderr)" settings_printed set-v "$SUID" "$SGID" "$S6_ME"
mkdir "$T/nowrap" && for tool in id getent cut head tr sh s6-applyuidgid ; do ln -s "$(command -v "$tool")" "$T/nowrap/$tool" ; done
settings set-nowrap "PATH=$T/nowrap"
check "settings without p0f-wrap in PATH: refused, the one line says so (not that p0f-wrap refuses the options)" settings_refused set-nowrap "no p0f-wrap in PATH ($T/nowrap)"

settings set-dashsmtpd "SMTPD=-t 0 $T/bin/probe"
check "settings with SMTPD '-t 0 ...' (p0f-wrap would read -t 0 as its option: a usage error on every connection): refused" settings_refused set-dashsmtpd "SMTPD (-t 0 $T/bin/probe) starts with -: p0f-wrap would read it as an option"
settings set-spacedqmail "QMAIL=$T/my qmail"
check "settings with QMAIL '$T/my qmail' (the default SMTPD would split there): refused" settings_refused set-spacedqmail "QMAIL ($T/my qmail) holds a blank or a control byte: the default SMTPD would be split there"
settings set-norules "TCPRULES=$T/none.cdb"
check "settings with a TCPRULES that does not exist (tcpserver would drop every connection): refused" settings_refused set-norules "TCPRULES ($T/none.cdb) is no readable file: tcpserver would drop every connection (tcprules makes the cdb)"
settings set-norulesdir "RULES=$T/none"
check "settings with a RULES that is no directory (s6-tcpserver-access would deny every connection): refused" settings_refused set-norulesdir "RULES ($T/none) is no directory: s6-tcpserver-access would deny every connection"
# a p0f-wrap in PATH that the account may not run (in a mode-0700 directory of root's), and no other
mkdir -m 700 "$T/rootonly" && cp "$T/bin/p0f-wrap" "$T/rootonly/p0f-wrap"
settings set-rootwrap "PATH=$T/rootonly:$T/nowrap"
check "settings with a p0f-wrap first in PATH that $S6_SMTP may not run (tcpserver would drop every connection): refused" settings_refused set-rootwrap "$S6_SMTP may not run $T/rootonly/p0f-wrap"
# rules_shipped: the service directory's ./rules, run.s6-networking's default, allows every IPv4 and IPv6 client
rules_shipped () { [ -f "$SCAN/qmail-smtpd/rules/ip4/0.0.0.0_0/allow" ] && [ -f "$SCAN/qmail-smtpd/rules/ip6/::_0/allow" ] ; }
check "qmail-smtpd's ./rules (RULES' default) is shipped and allows all: s6-tcpserver-access denies when no rule is found" rules_shipped

for var in SMTPD_USER SMTPD_GROUP QMAIL IP PORT SMTPD P0F_SOCKET QMAILQUEUE P0F_QMAILQUEUE RULES ; do
  settings "set-empty-$var" "$var="
  check "settings with $var set but empty (a blank line in env/$var): exit 111, the one line says to make the file 0 bytes or remove it" \
    settings_refused "set-empty-$var" "$var is empty (a blank line in env/$var): for the default, make the file 0 bytes (: > env/$var) or remove it"
done
settings set-empty-none TCPRULES= P0F_WRAP_OPTS=
check "settings with TCPRULES and P0F_WRAP_OPTS set but empty (none): accepted" settings_printed set-empty-none "$SUID" "$SGID" "$S6_ME"
settings set-dashuser SMTPD_USER=-u
check "settings with SMTPD_USER=-u: refused, no account name starts with -" settings_refused set-dashuser "SMTPD_USER (-u) is not an account name: it starts with - or holds a blank"
settings set-dashgroup SMTPD_GROUP=-s
check "settings with SMTPD_GROUP=-s (getent's option): refused, no group name starts with -" settings_refused set-dashgroup "SMTPD_GROUP (-s) is not a group name: it starts with - or holds a blank"
settings set-blankuser "SMTPD_USER=$S6_SMTP x"
check "settings with SMTPD_USER='$S6_SMTP x': refused, an account name holds no blank" settings_refused set-blankuser "SMTPD_USER ($S6_SMTP x) is not an account name: it starts with - or holds a blank"
settings set-tabgroup "SMTPD_GROUP=$S6_QUERY${TAB}x"
check "settings with SMTPD_GROUP='$S6_QUERY<tab>x': refused" settings_refused set-tabgroup "SMTPD_GROUP ($S6_QUERY?x) is not a group name: it starts with - or holds a blank"

for run in run run.s6 ; do
  smtpd "$run" "$run-nouser" "SMTPD_USER=$NONE"
  echo "# $run, SMTPD_USER=$NONE: exit $RC: $(cat "$T/$run-nouser.out"); the connection: $(grep '^uid ' "$T/$run-nouser.conn")"
  check "qmail-smtpd/$run with an unknown SMTPD_USER: exit 111, one line naming it, nothing runs (as root or at all)" refused "$run-nouser" "$NONE"
  smtpd "$run" "$run-nogroup" "SMTPD_GROUP=$NONE"
  check "qmail-smtpd/$run with an unknown SMTPD_GROUP: exit 111, one line naming it, nothing runs" refused "$run-nogroup" "$NONE"
  smtpd "$run" "$run-root" SMTPD_USER=root
  check "qmail-smtpd/$run with SMTPD_USER=root: exit 111, one line, nothing runs" refused "$run-root" root
  smtpd "$run" "$run-rootgroup" SMTPD_GROUP=root
  check "qmail-smtpd/$run with SMTPD_GROUP=root: exit 111, one line, nothing runs" refused "$run-rootgroup" root
  smtpd "$run" "$run-nome" "QMAIL=$T/noqmail"
  echo "# $run, QMAIL=$T/noqmail: exit $RC: $(cat "$T/$run-nome.out")"
  check "qmail-smtpd/$run with no \$QMAIL/control/me: exit 111, one line naming it, nothing runs" refused "$run-nome" "$T/noqmail/control/me"
  mkdir -p "$T/emptyme/control" && : > "$T/emptyme/control/me"
  smtpd "$run" "$run-emptyme" "QMAIL=$T/emptyme"
  check "qmail-smtpd/$run with an empty control/me: exit 111, one line, nothing runs" refused "$run-emptyme" "$T/emptyme/control/me"
  # p0f is not running here: every connection is a p0f-wrap warning, unless -q
  smtpd "$run" "$run-quiet" "P0F_WRAP_OPTS=-q -t 200"
  check "qmail-smtpd/$run with P0F_WRAP_OPTS='-q -t 200': split into p0f-wrap's options (-q: no p0f-wrap line; the program ran, P0F_STATUS=error)" ran_quiet "$run-quiet"
  smtpd "$run" "$run-bad" "P0F_WRAP_OPTS=-t x"
  check "qmail-smtpd/$run with P0F_WRAP_OPTS='-t x': not started (exit 111), p0f-wrap's usage error and the refusal in the log, nothing runs" refused_opts "$run-bad"
done
# named NAME HOST: the program ran with TCPLOCALHOST exactly HOST (tcpserver -l)
named () { grep -qxF "env TCPLOCALHOST=$2" "$T/$1.conn" ; }
# no_own FILE: FILE (env NAME=VALUE lines) has P0F_SOCKET, the test's socket, and none of the run
# scripts' own settings, TCPRULES and RULES included, nor ./settings' output
no_own () {
  lines "$1" "env P0F_SOCKET=$SOCK" &&
    none "$1" '^env P0F_WRAP_OPTS=' '^env SMTPD=' '^env SMTPD_USER=' '^env SMTPD_GROUP=' '^env IP=' '^env PORT=' '^env QMAIL=' '^env TCPRULES=' '^env RULES='
}
# own_gone NAME: the program ran, with no_own's environment, and no PWD (the run script's directory; the
# stand-in s6-tcpserver is a shell, which sets its own, so it is looked for here alone)
own_gone () { lines "$T/$1.conn" end && no_own "$T/$1.conn" && none "$T/$1.conn" '^env PWD=' ; }
for run in run run.s6 ; do
  mkdir -p "$T/rules/ip4/0.0.0.0_0" && : > "$T/rules/ip4/0.0.0.0_0/allow"
  smtpd "$run" "$run-good" "SMTPD=$T/bin/probe r* x" TCPRULES= P0F_WRAP_OPTS= "RULES=$T/rules"
  check "qmail-smtpd/$run: tcpserver -l gets control/me's first line from ./settings (TCPLOCALHOST $S6_ME)" named "$run-good" "$S6_ME"
  check "qmail-smtpd/$run with the test's settings, TCPRULES and P0F_WRAP_OPTS blank lines (none): runs the program as $S6_SMTP ($SUID), group $S6_QUERY ($SGID)" ran_as "$run-good" "$SUID" "$SGID"
  check "qmail-smtpd/$run: SMTPD is split on spaces, never globbed (r* stays r*, not ./run ./run.s6...)" split_not_globbed "$run-good"
  check "qmail-smtpd/$run: none of its own settings reach the program (RULES and TCPRULES too, as in the other run scripts), P0F_SOCKET does" own_gone "$run-good"
done

# s6-tcpserver: a stand-in for s6-networking's (Debian 12 has no package):
# writes what it was handed, its arguments and environment one a line, into
# the service directory, and exits
cat > "$T/bin/s6-tcpserver" << 'EOF'
#!/bin/sh
{ printf 'argv %s\n' "$@" ; env | sed 's/^/env /' ; } > s6-tcpserver.handed
EOF
chmod 755 "$T/bin/s6-tcpserver"
: > "$T/tcp.smtp.cdb"  # ./settings asks only that it be a readable file
smtpd run.s6-networking networking "TCPRULES=$T/tcp.smtp.cdb" "RULES=$T/rules" "P0F_WRAP_OPTS=-q -t 200"
echo "# s6-tcpserver got: $(sed -n 's/^argv //p' "$T/networking/s6-tcpserver.handed" | tr '\n' ' ')"
grep -E '^env (P0F_|QMAIL|SMTPD|IP=|PORT=|TCPRULES=|RULES=)' "$T/networking/s6-tcpserver.handed" | sed 's/^/# s6-tcpserver got: /'
# handed_argv: run.s6-networking ran s6-tcpserver with the numeric ids, control/me's name, the rules, p0f-wrap's options split, the program
handed_argv () {
  [ "$RC" = 0 ] && grep '^argv ' "$T/networking/s6-tcpserver.handed" > "$T/networking.argv" &&
    printf 'argv %s\n' -v -u "$SUID" -g "$SGID" -G "$SGID" 127.0.0.1 "$PORT" s6-tcpserver-access -v 2 -l "$S6_ME" -i "$T/rules" \
      p0f-wrap -q -t 200 "$T/bin/probe" | cmp -s - "$T/networking.argv"
}
check "qmail-smtpd/run.s6-networking: s6-tcpserver (a stand-in) gets -u $SUID -g $SGID, -l $S6_ME, -i RULES, p0f-wrap -q -t 200 and the program" handed_argv
check "qmail-smtpd/run.s6-networking: none of its own settings (TCPRULES and RULES included) in the environment it hands s6-tcpserver, P0F_SOCKET in it" no_own "$T/networking/s6-tcpserver.handed"

# The settings that started a service which then dropped every connection
# (a usage error, no program, no port, QMAILQUEUE=""): each run script stops
# at ./settings (under run.s6-networking, s6-tcpserver is the stand-in)
for run in run run.s6 run.s6-networking ; do
  smtpd "$run" "$run-doubled" "P0F_WRAP_OPTS=-v  -t 500"
  check "qmail-smtpd/$run with env/P0F_WRAP_OPTS '-v  -t 500': not started (exit 111, one line), nothing runs" refused "$run-doubled" "P0F_WRAP_OPTS (-v  -t 500): words are separated by single spaces"
  smtpd "$run" "$run-leading" "P0F_WRAP_OPTS= -v"
  check "qmail-smtpd/$run with env/P0F_WRAP_OPTS ' -v': not started, nothing runs" refused "$run-leading" "P0F_WRAP_OPTS ( -v): words are separated by single spaces"
  smtpd "$run" "$run-smtpd-leading" "SMTPD= $T/bin/probe"
  check "qmail-smtpd/$run with env/SMTPD ' $T/bin/probe': not started, nothing runs" refused "$run-smtpd-leading" "SMTPD ( $T/bin/probe): words are separated by single spaces"
  smtpd "$run" "$run-s" P0F_WRAP_OPTS=-s
  check "qmail-smtpd/$run with env/P0F_WRAP_OPTS -s: not started, nothing runs" refused "$run-s" "P0F_WRAP_OPTS (-s): -s needs an argument"
  smtpd "$run" "$run-word" P0F_WRAP_OPTS=true
  check "qmail-smtpd/$run with env/P0F_WRAP_OPTS true (it would run 'true $T/bin/probe'): not started, nothing runs" refused "$run-word" "P0F_WRAP_OPTS (true): true is no option"
  for var in SMTPD PORT P0F_SOCKET QMAILQUEUE ; do
    smtpd "$run" "$run-empty-$var" "$var="
    check "qmail-smtpd/$run with a blank line in env/$var: not started, the one line says to make the file 0 bytes, nothing runs" refused "$run-empty-$var" "$var is empty (a blank line in env/$var): for the default, make the file 0 bytes"
  done
  smtpd "$run" "$run-spacedme" "QMAIL=$T/spacedme"
  check "qmail-smtpd/$run with blanks in control/me's first line: not started, nothing runs" refused "$run-spacedme" "the first line of $T/spacedme/control/me is not a host name"
  smtpd "$run" "$run-crme" "QMAIL=$T/crme"
  check "qmail-smtpd/$run with a CR at the end of control/me's first line: not started, nothing runs" refused "$run-crme" "the first line of $T/crme/control/me is not a host name"
done
# stopped NAME: exit 111, nothing in the log, no program ran
stopped () { [ "$RC" = 111 ] && [ ! -s "$T/$1.out" ] && ! grep -q '^uid ' "$T/$1.conn" && [ ! -e "$T/$1/s6-tcpserver.handed" ] ; }
mv "$SCAN/qmail-smtpd/settings" "$T/settings.real"
printf '#!/bin/sh\nexit 0\n' > "$SCAN/qmail-smtpd/settings" && chmod 755 "$SCAN/qmail-smtpd/settings"
for run in run run.s6 run.s6-networking ; do
  smtpd "$run" "$run-noids"
  check "qmail-smtpd/$run with a ./settings that prints nothing and exits 0: exit 111, no server started (never tcpserver -u '' -g '', which is root)" stopped "$run-noids"
done
mv "$T/settings.real" "$SCAN/qmail-smtpd/settings"

# p0f's socket-dir by itself, as p0f/run runs it (socket-dir SOCKET GROUP)
rm -rf "$SCAN/qmail-smtpd"
SD=$SCAN/p0f/socket-dir
QGID=$(getent group "$S6_QUERY" | cut -d: -f3)
mkdir -m 1777 "$T/shared"
mkdir -m 0770 "$T/groupw" && chown "0:$QGID" "$T/groupw"
mkdir -m 0750 "$T/theirs" && chown "$S6_OTHER:$QGID" "$T/theirs"
mkdir -m 0750 "$T/good" && chown "0:$QGID" "$T/good" && ln -s "$T/good" "$T/link"
: > "$T/file" && chown "0:$QGID" "$T/file" && chmod 0750 "$T/file"
mkdir -m 0750 "$T/setgid" && chown "0:$QGID" "$T/setgid" && chmod 2750 "$T/setgid"
mkdir -m 0750 "$T/acl" && chown "0:$QGID" "$T/acl" && setfacl -m "u:$S6_OTHER:rx" "$T/acl"
echo "# $T/acl: $(ls -ld "$T/acl" | cut -d' ' -f1) (stat: $(stat -c %a "$T/acl")), $(getfacl -cp "$T/acl" 2>/dev/null | grep "^user:$S6_OTHER")"
mkdir -m 0755 "$T/aclparent" && setfacl -m "u:$S6_OTHER:rwx" "$T/aclparent"
mkdir -m 0755 "$T/aclrparent" && setfacl -m "u:$S6_OTHER:rx" "$T/aclrparent"
ln -s "$T/nowhere" "$T/dangling"
mkdir -m 0755 "$T/cwd"

# socket_dir NAME ARG...: socket-dir ARG... (SOCKET GROUP) in $T/cwd; its output in $T/NAME.sd,
# its exit code in RC (not $name: check's)
socket_dir () {
  sd=$1 ; shift
  ( cd "$T/cwd" && exec "$SD" "$@" ) > "$T/$sd.sd" 2>&1 < /dev/null
  RC=$?
}
# says NAME CODE TEXT: exit CODE, one line, which starts with TEXT
says () {
  [ "$RC" = "$2" ] && [ "$(wc -l < "$T/$1.sd")" = 1 ] || return 1
  case $(cat "$T/$1.sd") in "$3"*) ;; *) return 1 ;; esac
}
# as_it_was PATH STAT: PATH is still STAT (stat %A %U %G), nothing in it
as_it_was () { [ "$(stat -c '%A %U %G' "$1")" = "$2" ] && { [ ! -d "$1" ] || [ -z "$(ls -A "$1")" ] ; } ; }
# dir_refused DIR STAT WHAT: socket-dir DIR/p0f.sock says DIR is refused, it is WHAT (exit 111), DIR is still STAT
dir_refused () {
  socket_dir "${1##*/}" "$1/p0f.sock" "$S6_QUERY"
  says "${1##*/}" 111 "p0f/run: fatal: $1 must be a directory of p0f alone, owner root, group $S6_QUERY, mode 0750, no ACL; it is $3" &&
    as_it_was "$1" "$2"
}
check "socket-dir in an existing mode-1777 directory: exit 111, one line saying why, left as it is" dir_refused "$T/shared" "drwxrwxrwt root root" "directory, owner root, group root, mode 1777"
sed 's/^/# /' "$T/shared.sd"
check "socket-dir in an existing root:$S6_QUERY mode 0770 directory: left as it is, refused" dir_refused "$T/groupw" "drwxrwx--- root $S6_QUERY" "directory, owner root, group $S6_QUERY, mode 770"
check "socket-dir in an existing directory of another owner ($S6_OTHER:$S6_QUERY 0750): left as it is, refused" dir_refused "$T/theirs" "drwxr-x--- $S6_OTHER $S6_QUERY" "directory, owner $S6_OTHER"
link_refused () { dir_refused "$T/link" "lrwxrwxrwx root root" "symbolic link" && as_it_was "$T/good" "drwxr-x--- root $S6_QUERY" ; }
check "socket-dir through a symbolic link to a good directory: refused, both left as they are" link_refused
dangling_refused () { dir_refused "$T/dangling" "lrwxrwxrwx root root" "symbolic link" && [ ! -e "$T/nowhere" ] ; }
check "socket-dir through a dangling symbolic link: refused, nothing created" dangling_refused
check "socket-dir in a file root:$S6_QUERY mode 0750: refused" dir_refused "$T/file" "-rwxr-x--- root $S6_QUERY" "regular empty file, owner root, group $S6_QUERY, mode 750"
check "socket-dir in an existing root:$S6_QUERY directory mode 2750 (setgid): left as it is, refused" dir_refused "$T/setgid" "drwxr-s--- root $S6_QUERY" "directory, owner root, group $S6_QUERY, mode 2750"
acl_refused () {
  dir_refused "$T/acl" "drwxr-x--- root $S6_QUERY" "directory, owner root, group $S6_QUERY, mode 750, with an ACL" &&
    getfacl -cp "$T/acl" 2>/dev/null | grep -qx "user:$S6_OTHER:r-x"
}
check "socket-dir in an existing root:$S6_QUERY 0750 directory whose ACL lets $S6_OTHER in (stat says 750): left as it is, ACL kept, refused" acl_refused

# shared SOCKET WHERE: exit 100, SOCKET is directly in WHERE, use a directory of its own, no word of removing
shared () {
  socket_dir shared-sock "$1" "$S6_QUERY"
  says shared-sock 100 "p0f/run: fatal: P0F_SOCKET $1 is directly in $2, a directory others use: the socket needs a directory of its own, e.g. /run/p0f/p0f.sock" &&
    ! grep -qi 'remove' "$T/shared-sock.sd"
}
for sock in /run/p0f.sock /p0f.sock /tmp/p0f.sock /var/run//p0f.sock ; do
  where=${sock%/*} ; where=${where%/} ; where=${where:-/}
  check "socket-dir $sock: exit 100, says to use a directory of its own, not to remove $where" shared "$sock" "$where"
done
# parent_refused DIR WHAT: exit 111, DIR's parent must be root's alone and is WHAT; DIR not created
parent_refused () {
  socket_dir parent "$1/p0f.sock" "$S6_QUERY"
  says parent 111 "p0f/run: fatal: ${1%/*}, where $1 is, must be owned and writable by root alone; it is $2" && [ ! -e "$1" ]
}
check "socket-dir in a missing directory of a mode-1777 one: refused, nothing created" parent_refused "$T/shared/p0f" "owner root, group root, mode 1777"
check "socket-dir in a missing directory of one that $S6_OTHER owns: refused, nothing created" parent_refused "$T/theirs/p0f" "owner $S6_OTHER, group $S6_QUERY, mode 750"
check "socket-dir in a missing directory of one whose ACL lets $S6_OTHER write: refused, nothing created" parent_refused "$T/aclparent/p0f" "owner root, group root, mode 775, with an ACL"
check "socket-dir in a missing directory of a 0755 one with any ACL (here $S6_OTHER r-x; stat says 755): refused, nothing created" parent_refused "$T/aclrparent/p0f" "owner root, group root, mode 755, with an ACL"
noparent () {
  socket_dir noparent "$T/none/p0f/p0f.sock" "$S6_QUERY"
  says noparent 111 "p0f/run: fatal: $T/none, where $T/none/p0f would be, is not a directory" && [ ! -e "$T/none" ]
}
check "socket-dir in a missing directory of a missing one: exit 111, nothing created (no parents made)" noparent
nogroup () {
  socket_dir nogroup "$T/nogroup/p0f.sock" "$NONE"
  says nogroup 111 "p0f/run: fatal: no group $NONE (P0F_GROUP): groupadd --system $NONE" && [ ! -e "$T/nogroup" ]
}
check "socket-dir with an unknown group: exit 111, names it, nothing created" nogroup
relative () { socket_dir relative sock/p0f.sock "$S6_QUERY" ; says relative 100 "p0f/run: fatal: P0F_SOCKET must be an absolute path, not sock/p0f.sock" && [ -z "$(ls -A "$T/cwd")" ] ; }
check "socket-dir with a relative socket: exit 100, nothing created where it runs" relative
usage () { socket_dir usage "$T/made/p0f.sock" ; says usage 100 "usage: socket-dir socket group" && [ ! -e "$T/made" ] ; }
check "socket-dir without a group: exit 100, its usage, nothing created" usage
accepted () { socket_dir good "$T/good/p0f.sock" "$S6_QUERY" ; [ "$RC" = 0 ] && [ ! -s "$T/good.sd" ] && as_it_was "$T/good" "drwxr-x--- root $S6_QUERY" ; }
check "socket-dir in an existing root:$S6_QUERY 0750 directory: exit 0, nothing said, left as it is" accepted
made () { socket_dir made "$T/made/p0f.sock" "$S6_QUERY" ; [ "$RC" = 0 ] && [ ! -s "$T/made.sd" ] && as_it_was "$T/made" "drwxr-x--- root $S6_QUERY" ; }
check "socket-dir in a missing directory: exit 0, nothing said, created root:$S6_QUERY mode 0750" made

# p0f's service alone under s6-svscan, P0F_SOCKET changed while it restarts:
# run runs socket-dir, its refusals reach p0f's log and the exit code
echo "$T/shared/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
s6_start "$SCAN"
# logged TEXT: p0f's log has a line with TEXT (within 10 s)
logged () { wait_until grep -qF -- "$1" "$T/log/p0f/current" 2>/dev/null ; }
# exited CODE: p0f's run script last exited CODE (s6-svstat)
exited () { [ "$(s6-svstat -o exitcode "$SCAN/p0f" 2>/dev/null)" = "$1" ] ; }
run_refused () {
  logged "p0f/run: fatal: $T/shared must be a directory of p0f alone, owner root, group $S6_QUERY, mode 0750, no ACL; it is directory, owner root, group root, mode 1777" &&
    wait_until exited 111 && as_it_was "$T/shared" "drwxrwxrwt root root"
}
check "p0f/run, P0F_SOCKET in an existing mode-1777 directory: exit 111, the log says why, left as it is, p0f not started" run_refused
echo /run/p0f.sock > "$SCAN/p0f/env/P0F_SOCKET"
run_shared () { logged "p0f/run: fatal: P0F_SOCKET /run/p0f.sock is directly in /run, a directory others use" && wait_until exited 100 ; }
check "p0f/run, P0F_SOCKET=/run/p0f.sock: exit 100, the log says to use a directory of its own" run_shared
grep 'p0f/run' "$T/log/p0f/current" | tail -n 1 | sed 's/^[^ ]* /# /'
echo "$T/fresh/p0f.sock" > "$SCAN/p0f/env/P0F_SOCKET"
wait_for -S "$T/fresh/p0f.sock"
up () { [ -S "$T/fresh/p0f.sock" ] && [ "$(stat -c '%a %U %G' "$T/fresh")" = "750 root $S6_QUERY" ] && logged "p0f/run: info: starting p0f: account $S6_P0F, interface lo, socket $T/fresh/p0f.sock" ; }
check "p0f/run, P0F_SOCKET in a missing directory: created root:$S6_QUERY mode 0750, p0f up" up
unchanged () {
  [ "$(stat -c '%a %U %G' "$T/shared" "$T/groupw" "$T/theirs" "$T/setgid" "$T/acl" | tr '\n' ' ')" = "1777 root root 770 root $S6_QUERY 750 $S6_OTHER $S6_QUERY 2750 root $S6_QUERY 750 root $S6_QUERY " ]
}
check "the refused directories are unchanged at the end" unchanged

s6_stop "$SCAN"
trap cleanup EXIT
check "s6-svscanctl -t: no process from the test is left" [ -z "$LEFT" ]
finish
