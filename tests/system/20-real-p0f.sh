# The real p0f 3.09b on lo, the real tcpserver on 127.0.0.1, p0f-wrap in front
# of the probe: 50 sequential connections, each from a new source address
# (127.0.0.2 ...), so p0f has never seen the client and p0f-wrap must wait out
# its lag.
. tests/lib.sh
. tests/real.sh
real_test "the real-p0f test"

ok=0
bad=
for i in $(seq 2 51) ; do
  connect "127.0.0.$i" "$PORT" > "$T/conn.$i"
  if grep -qx 'env P0F_STATUS=ok' "$T/conn.$i" && grep -qx 'env P0F_GENRE=Linux' "$T/conn.$i" ; then
    ok=$((ok+1))
  else
    bad="$bad 127.0.0.$i"
  fi
done
check "50 sequential connections, each P0F_STATUS=ok and P0F_GENRE=Linux ($ok ok)" [ "$ok" = 50 ]
[ -n "$bad" ] && echo "# failed:$bad"
check "p0f is still running" kill -0 "$P0F_PID"
grep '^p0f-wrap: info: ' "$T/tcpserver.err" > "$T/info"
check "one info line per connection" [ "$(wc -l < "$T/info")" = 50 ]
echo "# queries per connection: $(sed -n 's/.*, \([0-9]*\) quer.*/\1/p' "$T/info" | stats)"
echo "# milliseconds per connection: $(sed -n 's/.*, \([0-9.]*\) ms$/\1/p' "$T/info" | stats)"
finish
