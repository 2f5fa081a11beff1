# The build and the install: the binaries need no libskarnet at run time, and
# package/install puts them, the man pages, the HTML pages and the examples
# under $DESTDIR<conf-home> with the modes from package/modes.
. tests/lib.sh

QUEUE=${P0F_QUEUE:-$(dirname "$P0F_WRAP")/p0f-queue}
check "the binaries do not need libskarnet at run time" sh -c "! ldd '$P0F_WRAP' '$QUEUE' 2>&1 | grep -q skarnet"
DEST=$T/dest
home=$(head -n 1 conf-home)
mkdir -p "$T/top"
cp "$P0F_WRAP" "$T/top/p0f-wrap"
cp "$QUEUE" "$T/top/p0f-queue"
cp -R package conf-home doc "$T/top/"
( cd "$T/top" && DESTDIR=$DEST sh package/install )
while read -r file mode ; do
  check "package/install: $file in DESTDIR$home/bin, mode $mode" sh -c "[ -x '$DEST$home/bin/$file' ] && [ \$(stat -c %a '$DEST$home/bin/$file') = ${mode#0} ]"
done < package/modes
check "package/install: both man pages in DESTDIR$home/share/man/man8" [ -f "$DEST$home/share/man/man8/p0f-wrap.8" -a -f "$DEST$home/share/man/man8/p0f-queue.8" ]
check "package/install: the HTML pages and the examples (p0f-queue's run script, tcprules, SpamAssassin, Sieve) in DESTDIR$home/share/doc/p0f-wrap" \
  sh -c "cd '$DEST$home/share/doc/p0f-wrap' && [ -f p0f-wrap.html -a -f p0f-queue.html -a -x examples/p0f-queue/run -a -f examples/p0f-queue/tcp.smtp -a -f examples/p0f-queue/p0f.cf -a -f examples/p0f-queue/p0f.sieve -a -x examples/s6/qmail-smtpd/run ]"
check "package/install: no temporary file left" sh -c "[ -z \"\$(find '$DEST' -name '.*.new')\" ]"
echo /opt/p0f-wrap > "$T/top/conf-home"
( cd "$T/top" && DESTDIR=$DEST sh package/install )
check "package/install follows conf-home" [ -x "$DEST/opt/p0f-wrap/bin/p0f-wrap" ]
finish
