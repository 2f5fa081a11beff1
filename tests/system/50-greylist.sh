# The greylisting step of doc/examples (execline and sh) after p0f-wrap, under
# the real tcpserver, against the test responder answering Windows for
# 127.0.0.2 and Linux for 127.0.0.3.
. tests/lib.sh
. tests/real.sh

S=$T/p0f.sock
RESPONDER_OPTS="-m 127.0.0.2=Windows -m 127.0.0.3=Linux -m 127.0.0.4=-n -m 127.0.0.5=! -m 127.0.0.6=("
responder "$S" nomatch
for step in greylist-windows greylist-windows.sh ; do
  PORT=$($B/freeport)
  start_tcpserver "$PORT" "$P0F_WRAP" -s "$S" "doc/examples/$step" "$PROBE"
  connect 127.0.0.2 "$PORT" > "$T/win"
  connect 127.0.0.3 "$PORT" > "$T/linux"
  check "$step: GREYLIST=1 for the Windows client" sh -c "grep -qx 'env P0F_GENRE=Windows' $T/win && grep -qx 'env GREYLIST=1' $T/win"
  check "$step: no GREYLIST for the Linux client, the chain goes on" sh -c "grep -qx 'env P0F_GENRE=Linux' $T/linux && ! grep -q GREYLIST= $T/linux && grep -qx end $T/linux"
  for i in 4 5 6 ; do
    : > "$T/tcpserver.err"
    connect "127.0.0.$i" "$PORT" > "$T/odd"
    g=$(sed -n 's/^env P0F_GENRE=//p' "$T/odd")
    check "$step: a genre of '$g' is a plain string: no GREYLIST, no error, the chain goes on" sh -c "[ -n '$g' ] && ! grep -q GREYLIST= $T/odd && grep -qx end $T/odd && ! grep -q 'parse error' $T/tcpserver.err"
  done
  stop "$TCPSERVER_PID"
done
finish
