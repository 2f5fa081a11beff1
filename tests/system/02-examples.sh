# The command lines in README and doc/ (pages, man pages, example files)
# follow the supported deployment: p0f's socket is /run/p0f/p0f.sock, in a
# directory only root and the query group p0fq can search. So /run/p0f.sock
# (p0f-wrap's compiled-in default) appears only where that default is
# stated; every line that runs p0f-wrap in front of a program (tcpserver
# lines, ExecStart=, xinetd's server_args, a step after p0f-wrap) names
# -s /run/p0f/p0f.sock and the program by its path; every tcpserver line
# with -u gives -g the query group (p0fq, or its looked-up "$gid"), and so
# does every xinetd user = or systemd User= line (group = p0fq, Group=p0fq on
# the next line).
. tests/lib.sh

FILES="README $(find doc -type f | sort)"

bad=
for f in $FILES ; do
  tr '\n' ' ' < "$f" | grep -o '.\{0,40\}/run/p0f\.sock.\{0,30\}' > "$T/hits"
  while IFS= read -r hit ; do
    case $hit in
      *"else /run/p0f.sock"*|*"else  <tt>/run/p0f.sock</tt>"*|*"/run/p0f.sock</tt>, p0f-wrap's compiled-in"*) ;;
      *) bad="$bad [$f: ...$hit...]" ;;
    esac
  done < "$T/hits"
done
check "/run/p0f.sock only where p0f-wrap's compiled-in default is stated${bad:+:$bad}" [ -z "$bad" ]

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
notcpenv=$(grep -E 'ExecStart=|server_args *=| nowait ' "$T/runs" | grep -v -e 'ExecStart=/usr/local/bin/tcp-env -RH /usr/local/bin/p0f-wrap ' -e 'server_args *= -RH /usr/local/bin/p0f-wrap ' -e ' nowait qmaild:p0fq /usr/local/bin/tcp-env tcp-env -RH /usr/local/bin/p0f-wrap ')
check "each inetd, xinetd and systemd line runs tcp-env -RH in front of p0f-wrap (inetd as qmaild:p0fq)${notcpenv:+: not: $notcpenv}" [ -z "$notcpenv" ] && grep -q ' nowait ' "$T/runs"

# shellcheck disable=SC2086
grep -nE 'tcpserver .*(^| )\\?-u ' $FILES | grep -v 'empty \\\?-u or' > "$T/tcpservers"
sed 's/^/# /' "$T/tcpservers"
wrong=
while IFS= read -r line ; do
  g=$(echo "$line" | sed -n 's/.* \\\{0,1\}-g \([^ ]*\).*/\1/p')
  # shellcheck disable=SC2016
  case $g in
    '"$gid"'|'${gid}'|p0fq) ;;
    *) wrong="$wrong [$line]" ;;
  esac
done < "$T/tcpservers"
check "every tcpserver line with -u gives -g the query group (p0fq or its \"\$gid\")${wrong:+: not:$wrong}" [ -z "$wrong" ] && [ -s "$T/tcpservers" ]
# shellcheck disable=SC2086
nogroup=$(awk '/^ *user +=|^User=/ { u = FILENAME ":" FNR ": " $0 ; getline ; if ($0 !~ /^ *(group += *|Group=)p0fq$/) printf " [%s]", u }' $FILES)
# shellcheck disable=SC2086
users=$(grep -cE '^ *user +=|^User=' $FILES | awk -F: '{ n += $NF } END { print n }')
check "every xinetd user = and systemd User= line ($users) is followed by the query group p0fq${nogroup:+: not:$nogroup}" [ -z "$nogroup" ] && [ "$users" -ge 2 ]
finish
