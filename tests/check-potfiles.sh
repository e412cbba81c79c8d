#!/bin/sh
# Every source file that marks strings for translation is listed in
# po/POTFILES.in, and every listed file exists.
set -eu
top="$1"
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done
marked=$( { grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)[[:space:]]*\(' app widgets --include='*.c' || true; \
            grep -rl 'translatable="yes"' resources --include='*.ui' || true; } | sort)
for f in $marked; do
  echo "$listed" | grep -qx "$f" || { echo "$f marks translatable strings but is not in po/POTFILES.in"; status=1; }
done
[ "$status" -eq 0 ] && echo "ok: $(echo "$listed" | wc -l) files listed"
exit "$status"
