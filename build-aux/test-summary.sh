#!/bin/sh
# Prints one closing line "tests: N passed, N failed, N skipped" over the
# meson test logs of the given build directories.
passed=0; failed=0; skipped=0
for dir in "$@"; do
  log="$dir/meson-logs/testlog.json"
  [ -f "$log" ] || continue
  passed=$((passed + $(grep -c '"result": "OK"' "$log")))
  failed=$((failed + $(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log")))
  skipped=$((skipped + $(grep -c '"result": "SKIP"' "$log")))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
