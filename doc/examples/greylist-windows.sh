#!/bin/sh
# greylist-windows.sh prog...: the same step in sh. Sets GREYLIST=1 when p0f
# says the client runs Windows, then execs prog...
case "$P0F_GENRE" in
  Windows) GREYLIST=1 ; export GREYLIST ;;
esac
exec "$@"
