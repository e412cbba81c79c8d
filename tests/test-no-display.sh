#!/bin/sh
# test-no-display.sh STRATA — the window's commands without a display.
#
# `strata`, `strata FILE.csv` and `strata screenshot` must print exactly one
# line on stderr suggesting `strata run`, and exit with status 1 — never a
# GTK abort. Leak checking is off for this process: GTK's failed start-up
# keeps allocations that are not ours.
set -u
strata="$1"
failed=0

check () {
  err=$(env -u DISPLAY -u WAYLAND_DISPLAY ASAN_OPTIONS=detect_leaks=0 "$strata" "$@" 2>&1 >/dev/null)
  status=$?
  lines=$(printf '%s\n' "$err" | wc -l)
  case "$err" in
    *"strata run"*) mentions_run=yes ;;
    *) mentions_run=no ;;
  esac
  if [ "$status" -ne 1 ] || [ "$lines" -ne 1 ] || [ "$mentions_run" != yes ]; then
    echo "FAIL: strata $*: status $status, $lines line(s) on stderr: $err"
    failed=1
  else
    echo "ok: strata $*"
  fi
}

check
check data.csv
check screenshot data.csv out.png
exit $failed
