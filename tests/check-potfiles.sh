#!/bin/sh
# Every source file with translatable strings is listed in po/POTFILES.in,
# and every listed file exists.
set -eu
cd "$1"
status=0
for f in $( { grep -l -E '(^|[^A-Za-z0-9_])N?_\("' src/*/*.c; grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui; } 2>/dev/null | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "not ok: $f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
  if [ ! -f "$f" ]; then
    echo "not ok: po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/POTFILES.in is complete"
exit $status
