# The build and the install: the binary needs no libskarnet at run time, and
# package/install puts it and the man page under $DESTDIR<conf-home> with the
# mode from package/modes.
. tests/lib.sh

check "the binary does not need libskarnet at run time" sh -c "! ldd '$P0F_WRAP' 2>&1 | grep -q skarnet"
DEST=$T/dest
home=$(head -n 1 conf-home)
mkdir -p "$T/top"
cp "$P0F_WRAP" "$T/top/p0f-wrap"
cp -R package conf-home "$T/top/"
mkdir -p "$T/top/doc" && cp doc/p0f-wrap.8 "$T/top/doc/"
( cd "$T/top" && DESTDIR=$DEST sh package/install )
check "package/install: the binary in DESTDIR$home/bin, mode $(cut -d' ' -f2 package/modes)" sh -c "[ -x '$DEST$home/bin/p0f-wrap' ] && [ \$(stat -c %a '$DEST$home/bin/p0f-wrap') = \$(cut -d' ' -f2 package/modes | sed 's/^0//') ]"
check "package/install: the man page in DESTDIR$home/share/man/man8" [ -f "$DEST$home/share/man/man8/p0f-wrap.8" ]
check "package/install: no temporary file left" sh -c "[ -z \"\$(find '$DEST' -name '.*.new')\" ]"
echo /opt/p0f-wrap > "$T/top/conf-home"
( cd "$T/top" && DESTDIR=$DEST sh package/install )
check "package/install follows conf-home" [ -x "$DEST/opt/p0f-wrap/bin/p0f-wrap" ]
finish
