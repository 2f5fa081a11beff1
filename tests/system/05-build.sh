# The build and the install, in a copy of the tree: make and make install
# install no package (apt-get, dpkg and friends are stubs that record any
# call), a missing skalibs stops make with one line naming skalibs-dev, the
# binary needs no libskarnet at run time, a missing compiler is named as such
# (not blamed on skalibs), and make install puts the stripped binary, the
# man page, the HTML pages and the examples under $DESTDIR<conf-home> with
# their modes, directories 0755 under any umask, and stops on a path of
# package/docs that does not exist.
. tests/lib.sh

QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}
# no_libskarnet: both binaries are there, and ldd names no libskarnet for either
no_libskarnet () { [ -x "$P0F_WRAP" ] && [ -x "$QUEUE" ] && ! ldd "$P0F_WRAP" "$QUEUE" 2>&1 | grep -q skarnet ; }
check "the binaries ($P0F_WRAP, $QUEUE) exist and do not need libskarnet at run time" no_libskarnet

top=$T/top
mkdir -p "$top" "$T/stubs"
cp -R Makefile conf-cc conf-home src package doc "$top/"
for tool in apt-get apt aptitude dpkg dpkg-query sudo ; do
  printf '#!/bin/sh\necho "%s $*" >> %s/calls\nexit 1\n' "$tool" "$T" > "$T/stubs/$tool"
  chmod 755 "$T/stubs/$tool"
done
( cd "$top" && make -n all install DESTDIR="$T/dest" ) > "$T/make-n" 2>&1
# no_deps: make -n (in $T/make-n) runs package/install, never package/deps
no_deps () { grep -q package/install "$T/make-n" && ! grep -q package/deps "$T/make-n" ; }
check "make -n all install: package/deps is not among the commands" no_deps
( cd "$top" && PATH="$T/stubs:$PATH" make && umask 077 && PATH="$T/stubs:$PATH" make install DESTDIR="$T/dest" ) > "$T/make.log" 2>&1
rc=$?
check "make, make install with apt-get, dpkg, dpkg-query, sudo as recording stubs: both succeed (exit $rc)" [ $rc = 0 ]
check "make, make install: no package tool was called" [ ! -e "$T/calls" ]

home=$(head -n 1 conf-home)
d=$T/dest$home
( cd "$d" && find . -type f | sed 's|^\./||' | sort ) > "$T/listing"
sed 's/^/# /' "$T/listing"
cat > "$T/expected" <<LIST
bin/p0f-queue
bin/p0f-wrap
share/doc/p0f-wrap/examples/exim/exim.conf
share/doc/p0f-wrap/examples/greylist-windows
share/doc/p0f-wrap/examples/greylist-windows.sh
share/doc/p0f-wrap/examples/greylist/greylite.tcp.smtp
share/doc/p0f-wrap/examples/greylist/jgreylist.tcp.smtp
share/doc/p0f-wrap/examples/greylist/sqmail.tcp.smtp
share/doc/p0f-wrap/examples/p0f-queue/p0f.cf
share/doc/p0f-wrap/examples/p0f-queue/p0f.sieve
share/doc/p0f-wrap/examples/p0f-queue/tcp.smtp
share/doc/p0f-wrap/examples/s6/p0f/env/P0F_IFACE
share/doc/p0f-wrap/examples/s6/p0f/log/run
share/doc/p0f-wrap/examples/s6/p0f/run
share/doc/p0f-wrap/examples/s6/p0f/socket-dir
share/doc/p0f-wrap/examples/s6/qmail-smtpd/README
share/doc/p0f-wrap/examples/s6/qmail-smtpd/env/P0F_WRAP_OPTS
share/doc/p0f-wrap/examples/s6/qmail-smtpd/env/QMAILQUEUE
share/doc/p0f-wrap/examples/s6/qmail-smtpd/log/run
share/doc/p0f-wrap/examples/s6/qmail-smtpd/rules/ip4/0.0.0.0_0/allow
share/doc/p0f-wrap/examples/s6/qmail-smtpd/rules/ip6/::_0/allow
share/doc/p0f-wrap/examples/s6/qmail-smtpd/run
share/doc/p0f-wrap/examples/s6/qmail-smtpd/run.s6
share/doc/p0f-wrap/examples/s6/qmail-smtpd/run.s6-networking
share/doc/p0f-wrap/examples/s6/qmail-smtpd/settings
share/doc/p0f-wrap/p0f-queue.html
share/doc/p0f-wrap/p0f-wrap.html
share/doc/p0f-wrap/performance.html
share/man/man8/p0f-queue.8
share/man/man8/p0f-wrap.8
LIST
# installed_files: the installed files (sorted $T/listing) are $T/expected's, or the difference is shown
installed_files () { sort "$T/expected" | cmp -s - "$T/listing" || { diff "$T/expected" "$T/listing" ; return 1 ; } ; }
check "make install: the files under DESTDIR$home are the binary, the man page, the HTML pages and the examples" installed_files
# stripped: neither installed binary has a .symtab, and p0f-wrap runs (prints its usage)
stripped () {
  ! readelf -S "$d/bin/p0f-wrap" | grep -q '\.symtab' && ! readelf -S "$d/bin/p0f-queue" | grep -q '\.symtab' &&
    "$d/bin/p0f-wrap" 2>&1 | grep -q 'usage'
}
check "make install: the binaries are stripped ($(wc -c < "$d/bin/p0f-wrap"), $(wc -c < "$d/bin/p0f-queue") bytes) and p0f-wrap runs" stripped
# mode FILE: the mode of the installed FILE (under $d), in octal
mode () { stat -c %a "$d/$1" ; }
# modes_set: the binary's mode is package/modes', the run scripts, socket-dir and settings 755, the pages and README 644
modes_set () {
  [ "$(mode bin/p0f-wrap)" = "$(sed -n 's/^p0f-wrap 0*//p' package/modes)" ] &&
    [ "$(mode share/doc/p0f-wrap/examples/s6/p0f/run)" = 755 ] && [ "$(mode share/doc/p0f-wrap/examples/s6/p0f/socket-dir)" = 755 ] &&
    [ "$(mode share/doc/p0f-wrap/examples/s6/qmail-smtpd/run)" = 755 ] && [ "$(mode share/doc/p0f-wrap/examples/s6/qmail-smtpd/settings)" = 755 ] &&
    [ "$(mode share/doc/p0f-wrap/examples/s6/qmail-smtpd/README)" = 644 ] &&
    [ "$(mode share/man/man8/p0f-wrap.8)" = 644 ] && [ "$(mode share/doc/p0f-wrap/p0f-wrap.html)" = 644 ]
}
check "make install: modes: the binary $(sed -n 's/^p0f-wrap //p' package/modes), run scripts, p0f's socket-dir and qmail-smtpd's settings 755, pages and README 644" modes_set
# examples_installed: the installed s6 examples and exim.conf are the tree's
examples_installed () {
  diff -r doc/examples/s6 "$d/share/doc/p0f-wrap/examples/s6" && cmp doc/examples/exim/exim.conf "$d/share/doc/p0f-wrap/examples/exim/exim.conf"
}
check "make install: the installed examples are the tree's" examples_installed
dirmodes=$(find "$T/dest" -type d -exec stat -c %a {} + | sort -u | tr '\n' ' ')
check "make install under umask 077: every directory it made is mode 755 ($dirmodes)" [ "$dirmodes" = "755 " ]
# no_temporary: no .*.new file under $T/dest
no_temporary () { [ -z "$(find "$T/dest" -name '.*.new')" ] ; }
check "make install: no temporary file left" no_temporary
cp "$top/package/docs" "$T/docs.saved"
echo examples/nonexistent >> "$top/package/docs"
( cd "$top" && make install DESTDIR="$T/dest-missing" ) > "$T/missing.out" 2> "$T/missing.err"
rc=$?
# missing_refused: make install failed (rc), named the missing path, made no $T/dest-missing
missing_refused () {
  [ "$rc" != 0 ] && grep -q 'doc/examples/nonexistent, listed in package/docs, does not exist' "$T/missing.err" && [ ! -e "$T/dest-missing" ]
}
check "make install with a path in package/docs that does not exist: fails (exit $rc), names it, installs nothing" missing_refused
cp "$T/docs.saved" "$top/package/docs"
echo /opt/p0f-wrap > "$top/conf-home"
( cd "$top" && make install DESTDIR="$T/dest" ) > /dev/null 2>&1
# under_opt: the binary and the man page are under $T/dest/opt/p0f-wrap
under_opt () { [ -x "$T/dest/opt/p0f-wrap/bin/p0f-wrap" ] && [ -f "$T/dest/opt/p0f-wrap/share/man/man8/p0f-wrap.8" ] ; }
check "make install follows conf-home" under_opt

# a system root that has every header of /usr/include but skalibs' (Debian
# puts them in /usr/include/<multiarch>/skalibs)
multiarch=$(gcc -print-multiarch)
mkdir -p "$T/root/usr/include/$multiarch"
for h in /usr/include/* ; do [ "$h" = "/usr/include/$multiarch" ] || ln -s "$h" "$T/root/usr/include/" ; done
for h in "/usr/include/$multiarch"/* ; do
  case "$h" in */skalibs) ;; *) ln -s "$h" "$T/root/usr/include/$multiarch/" ;; esac
done
[ -e "$T/root/usr/include/stdio.h" ] && [ ! -e "$T/root/usr/include/$multiarch/skalibs" ] && [ ! -e "$T/root/usr/include/skalibs" ] ||
  fail "the system root without skalibs is not what it should be"
( cd "$top" && make clean > /dev/null && sed -i "1s|^|gcc --sysroot=$T/root |; 1s|^gcc --sysroot=$T/root gcc|gcc --sysroot=$T/root|" conf-cc && make ) > "$T/noskalibs.out" 2> "$T/noskalibs.err"
rc=$?
sed 's/^/# /' "$T/noskalibs.err"
# names_skalibs: make failed (rc), at most 2 lines on stderr, one of them naming skalibs-dev
names_skalibs () {
  [ "$rc" != 0 ] && [ "$(grep -c . "$T/noskalibs.err" | tr -d ' ')" -le 2 ] &&
    [ "$(grep -c 'install the Debian package skalibs-dev' "$T/noskalibs.err")" = 1 ]
}
check "without skalibs' headers, make fails (exit $rc) with one line naming skalibs-dev" names_skalibs
# compiled_nothing: no compiler command, no compiler error, no .o file in the copy
compiled_nothing () { ! grep -q ' -c ' "$T/noskalibs.out" && ! grep -q 'error:' "$T/noskalibs.err" && [ -z "$(find "$top" -name '*.o')" ] ; }
check "without skalibs' headers, make compiles nothing" compiled_nothing
( cd "$top" && make clean > /dev/null && sed -i "1s|^.*$|$T/no-such-cc -O2|" conf-cc && make ) > "$T/nocc.out" 2> "$T/nocc.err"
rc=$?
sed 's/^/# /' "$T/nocc.err"
# names_cc: make failed (rc), stderr names the compiler, not skalibs-dev, in at most 2 lines
names_cc () {
  [ "$rc" != 0 ] && grep -q 'cannot build a C program.*install a C compiler' "$T/nocc.err" && ! grep -q skalibs-dev "$T/nocc.err" &&
    [ "$(grep -c . "$T/nocc.err")" -le 2 ]
}
check "with no compiler, make fails (exit $rc) with one line that names the compiler, not skalibs" names_cc
finish
