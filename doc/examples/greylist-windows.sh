#!/bin/sh
# greylist-windows.sh prog...: the same step in sh, with the same settings
# (see greylist-windows): sets the greylister's variable for a client whose
# P0F_STATUS is ok or stale and whose P0F_GENRE matches GREYLIST_GENRES,
# removes it for every other client, then execs prog...
: "${GREYLIST_GENRES=Windows}" "${GREYLIST_VAR=GREYLIST}" "${GREYLIST_VALUE=1}"
case $GREYLIST_GENRES in
  *[\$^]*) echo "greylist-windows.sh: fatal: GREYLIST_GENRES must not hold ^ or \$ (the whole genre is matched)" 1>&2 ; exit 100 ;;
esac
# the positional parameters stay prog's: the step's own state is $GREYLIST_WINDOWS_ (not passed on)
GREYLIST_WINDOWS_=
case ${P0F_STATUS-} in
  ok|stale)
    if [ -n "${P0F_GENRE-}" ] ; then
      printf '%s\n' "$P0F_GENRE" | grep -Eqx -e "$GREYLIST_GENRES" 2> /dev/null
      case $? in
        0) GREYLIST_WINDOWS_=1 ;;
        1) ;;
        2) echo "greylist-windows.sh: fatal: GREYLIST_GENRES is not an extended regular expression" 1>&2 ; exit 100 ;;
        *) echo "greylist-windows.sh: warning: unable to run grep: not greylisted" 1>&2 ;;
      esac
    fi ;;
esac
if [ -n "$GREYLIST_WINDOWS_" ] && [ -z "${GREYLIST_INVERT-}" ] ; then
  unset GREYLIST_WINDOWS_
  export "$GREYLIST_VAR=$GREYLIST_VALUE"
elif [ -z "$GREYLIST_WINDOWS_" ] && [ -n "${GREYLIST_INVERT-}" ] ; then
  unset GREYLIST_WINDOWS_
  export "$GREYLIST_VAR="
else
  unset GREYLIST_WINDOWS_ "$GREYLIST_VAR"
fi
exec "$@"
