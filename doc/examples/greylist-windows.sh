#!/bin/sh
# greylist-windows.sh prog...: the same step in sh, with the same settings
# (see greylist-windows): sets the greylister's variable for a client whose
# P0F_STATUS is ok or stale and whose P0F_GENRE matches GREYLIST_GENRES,
# removes it for every other client, then execs prog...
: "${GREYLIST_GENRES=Windows}" "${GREYLIST_VAR=GREYLIST}" "${GREYLIST_VALUE=1}"
greylist=
case ${P0F_STATUS-} in
  ok|stale)
    if [ -n "${P0F_GENRE-}" ] ; then
      printf '%s\n' "$P0F_GENRE" | grep -Eqx -e "$GREYLIST_GENRES" 2> /dev/null
      case $? in
        0) greylist=1 ;;
        1) ;;
        *) echo "greylist-windows.sh: fatal: GREYLIST_GENRES is not an extended regular expression" 1>&2 ; exit 100 ;;
      esac
    fi ;;
esac
if [ -n "$greylist" ] && [ -z "${GREYLIST_INVERT-}" ] ; then
  export "$GREYLIST_VAR=$GREYLIST_VALUE"
elif [ -z "$greylist" ] && [ -n "${GREYLIST_INVERT-}" ] ; then
  export "$GREYLIST_VAR="
else
  unset "$GREYLIST_VAR"
fi
exec "$@"
