# The command lines in README and doc/ (pages, man pages, example files)
# follow the supported deployment: p0f's socket is /run/p0f/p0f.sock, in a
# directory only root and the query group p0fq can search, which is
# p0f-wrap's compiled-in default too: /run/p0f.sock (the old default) appears
# nowhere, the docs state /run/p0f/p0f.sock as the default and p0f-wrap
# without -s or P0F_SOCKET tries it; every line that runs p0f-wrap in front of a program (tcpserver
# lines, ExecStart=, xinetd's server_args, a step after p0f-wrap) names
# -s /run/p0f/p0f.sock and the program by its path; every tcpserver line
# with -u gives -g the query group (p0fq, or its looked-up "$gid"), and so
# does every xinetd user = or systemd User= line (group = p0fq, Group=p0fq on
# the next line); every tcpserver line in front of qmail-smtpd names this
# host from control/me (-l), never -l0 (Received: ... by 0); the example
# tcp.smtp sends 127. through p0f-queue with P0F_SKIP, or says on its first
# line that it bypasses it.
. tests/lib.sh

FILES="README $(find doc -type f | sort)"

bad=
for f in $FILES ; do
  grep -n '/run/p0f\.sock' "$f" | sed "s|^|[$f:|; s|\$|]|" > "$T/hits"
  bad="$bad$(tr '\n' ' ' < "$T/hits")"
done
check "/run/p0f.sock, the old default, nowhere in README and doc/${bad:+:$bad}" [ -z "$bad" ]
stated () { tr '\n' ' ' < doc/p0f-wrap.html | grep -q 'else *<tt>/run/p0f/p0f\.sock</tt>' && grep -q 'else /run/p0f/p0f\.sock' doc/p0f-wrap.8 ; }
check "the docs state the default socket as /run/p0f/p0f.sock (-s)" stated
if [ -e /run/p0f/p0f.sock ] ; then
  echo "# skipped, not counted: /run/p0f/p0f.sock exists on this machine, so p0f-wrap's default cannot be seen failing"
else
  wrap default TCPREMOTEIP=127.0.0.2 -- -w 0 -t 200
  check "p0f-wrap without -s or P0F_SOCKET asks /run/p0f/p0f.sock (its warning names it)" grep -q 'unable to connect to /run/p0f/p0f\.sock: ' "$ERR"
fi

# lines that run p0f-wrap, options and all, in front of a program
RUNS='p0f-wrap( +\\?-[a-z0-9]+( +[^-\\ ][^ ]*)?)* +(/|sh |greylist|greylite|qmail-smtpd|exim4)|server_args *='
# shellcheck disable=SC2086
grep -nE "$RUNS" $FILES > "$T/runs"
sed 's/^/# /' "$T/runs"
check "the documented p0f-wrap command lines are found ($(wc -l < "$T/runs"))" [ "$(wc -l < "$T/runs")" -ge 8 ]
nosock=$(grep -v -e ' -s /run/p0f/p0f\.sock ' -e ' \\-s /run/p0f/p0f\.sock ' "$T/runs")
check "each names -s /run/p0f/p0f.sock${nosock:+: not: $nosock}" [ -z "$nosock" ]
bare=$(grep -E '(^|[ =])qmail-smtpd( |$)' "$T/runs")
check "each names qmail-smtpd by its path, /var/qmail/bin/qmail-smtpd${bare:+: not: $bare}" [ -z "$bare" ]
# greylite and jgreylist exec the next program with execv: the step names them by path
baregl=$(grep -E '(^|[ =])(greylite|jgreylist)( |$)' "$T/runs")
check "each names greylite and jgreylist by their path${baregl:+: not: $baregl}" [ -z "$baregl" ]
# inetd, xinetd and systemd set no UCSPI variables: tcp-env comes first
notcpenv=$(grep -E 'ExecStart=|server_args *=| nowait ' "$T/runs" | grep -v -e 'ExecStart=/var/qmail/bin/tcp-env -R /usr/local/bin/p0f-wrap ' -e 'server_args *= -R /usr/local/bin/p0f-wrap ' -e ' nowait qmaild:p0fq /var/qmail/bin/tcp-env tcp-env -R /usr/local/bin/p0f-wrap ')
# each: nothing wrong, and what was looked for was found (the whole condition inside check)
tcpenv_ok () { [ -z "$notcpenv" ] && grep -q ' nowait ' "$T/runs" ; }
check "each inetd, xinetd and systemd line runs tcp-env -R in front of p0f-wrap (inetd as qmaild:p0fq)${notcpenv:+: not: $notcpenv}" tcpenv_ok

# shellcheck disable=SC2086
grep -nE 'tcpserver .*(^| )\\?-u ' $FILES | grep -v 'empty \\\?-u or' > "$T/tcpservers"
sed 's/^/# /' "$T/tcpservers"
wrong=
while IFS= read -r line ; do
  g=$(echo "$line" | sed -n 's/.* \\\{0,1\}-g \([^ ]*\).*/\1/p')
  u=$(echo "$line" | sed -n 's/.* \\\{0,1\}-u \([^ ]*\).*/\1/p')
  # tcpserver reads -u and -g as numbers: "-u qmaild" is uid 0, root
  # shellcheck disable=SC2016
  case $g in
    '"$gid"'|'${gid}') ;;
    *) wrong="$wrong [$line]" ;;
  esac
  # shellcheck disable=SC2016
  case $u in
    '"$uid"'|'${uid}') ;;
    *) wrong="$wrong [$line]" ;;
  esac
done < "$T/tcpservers"
ids_ok () { [ -z "$wrong" ] && [ -s "$T/tcpservers" ] ; }
check "every tcpserver line with -u gives -u and -g the numeric ids looked up (\"\$uid\", \"\$gid\" of p0fq: tcpserver reads -u qmaild as root)${wrong:+: not:$wrong}" ids_ok
# shellcheck disable=SC2086
nogroup=$(awk '/^ *user +=|^User=/ { u = FILENAME ":" FNR ": " $0 ; getline ; if ($0 !~ /^ *(group += *|Group=)p0fq$/) printf " [%s]", u }' $FILES)
# shellcheck disable=SC2086
users=$(grep -cE '^ *user +=|^User=' $FILES | awk -F: '{ n += $NF } END { print n }')
users_ok () { [ -z "$nogroup" ] && [ "$users" -ge 2 ] ; }
check "every xinetd user = and systemd User= line ($users) is followed by the query group p0fq${nogroup:+: not:$nogroup}" users_ok

# every tcpserver line (with the line after it) that runs qmail-smtpd: -l from control/me, no -l0
# shellcheck disable=SC2086
awk '/^ *(exec +)?tcpserver \\?-/ { l = $0 ; n = $0 ; while ((n ~ /\\e?$/ || l == $0) && (getline n) > 0) l = l " " n ; if (l ~ /qmail-smtpd|[$][{]?smtpd/) print FILENAME ": " l }' $FILES > "$T/smtpds"
sed 's/^/# /' "$T/smtpds"
nome=$(grep -v -e '-l "$(head \\\{0,1\}-n 1 /var/qmail/control/me)"' -e '-l "$me"' -e '-l ${me}' "$T/smtpds")
# from_me: no line is in nome (quotes aside), there are 6 or more of them, none with -l0
from_me () { [ -z "$(echo "$nome" | tr -d "'")" ] && [ "$(wc -l < "$T/smtpds")" -ge 6 ] && ! grep -q -- '-l0' "$T/smtpds" ; }
check "every tcpserver line in front of qmail-smtpd ($(wc -l < "$T/smtpds")) names the host from control/me, none -l0${nome:+: not: $nome}" from_me
q=doc/examples/p0f-queue/tcp.smtp
bypass () { grep '^127\.' "$q" | grep -q 'QMAILQUEUE="/var/qmail/bin/qmail-queue"' ; }
first () { head -n 1 "$q" | grep -q '127\.' && { ! bypass || head -n 1 "$q" | grep -qi 'bypass' ; } && grep '^127\.' "$q" | grep -q 'P0F_SKIP=""' ; }
check "$q: its first line says what happens to 127., which goes through p0f-queue with P0F_SKIP (or the first line says it bypasses)" first
finish
